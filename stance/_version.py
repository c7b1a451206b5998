"""The single version source of the package (read by hatchling and by ``stance.__version__``)."""

__version__ = "0.1.0"
