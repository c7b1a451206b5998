"""Find the codebook and data files in a source checkout and in an installed wheel.

``codebook/`` and ``data/`` sit at the top of the repository, outside the
``stance`` package. A wheel carries copies of them inside the package under
``stance/_resources/`` (hatchling ``force-include``). An editable install or a
plain checkout has no ``_resources`` folder and reads the repository's files.
This module is the only place that knows about the difference.

Examples
--------
>>> from stance.data._paths import codebook_dir
>>> (codebook_dir() / "codebook.toml").is_file()
True
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the ``stance`` package folder
_BUNDLED = _PACKAGE_DIR / "_resources"
_SOURCE_TREE = _PACKAGE_DIR.parent

#: Environment variable that points the package at another data folder
#: (for example a replicator's rebuilt copy).
DATA_DIR_ENV = "STANCE_DATA_DIR"


def _root(kind: str) -> Path:
    bundled = _BUNDLED / kind
    if bundled.is_dir():
        return bundled
    return _SOURCE_TREE / kind


def codebook_dir() -> Path:
    """Folder holding ``codebook.toml`` and ``codebook.md``."""
    return _root("codebook")


def data_dir() -> Path:
    """Folder holding ``datapackage.json`` and ``parquet/`` (``$STANCE_DATA_DIR`` overrides)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return _root("data")


def source_tree() -> Path | None:
    """The repository root when running from a checkout, else ``None``."""
    if (_SOURCE_TREE / "pyproject.toml").is_file() and (_SOURCE_TREE / "data" / "src").is_dir():
        return _SOURCE_TREE
    return None
