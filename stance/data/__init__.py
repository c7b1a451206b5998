"""The foundation room: the codebook, the table schemas, and reading and writing the shipped data.

What lives here: the machine-readable codebook (``codebook``) and its Markdown
rendering (``codebook_render``), the pandera models of every table
(``schemas``) and the typing of source CSVs by them (``coerce``), the
``datapackage.json`` descriptors (``datapackage``), deterministic Parquet I/O
(``parquet_io``), finding the data in a checkout or a wheel (``_paths``),
loading and verifying the shipped tables (``loading``), the data dictionary
(``dictionary``) and the citation (``citation``).

What it may import: ``stance.errors``, ``stance._version`` and the libraries.
Nothing above it (coding, agreement, balance, unga, build, report, cli); the
import-linter contract in ``pyproject.toml`` enforces this.

Examples
--------
>>> from stance.data.codebook import load_codebook
>>> load_codebook().ordinal_order
('oppose', 'hedge', 'support')
"""
