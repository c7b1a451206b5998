"""stance: a comparative stance-coding dataset for international relations.

``import stance`` is light: pandas, pyarrow and pandera load on first use.

Examples
--------
>>> import stance
>>> stance.load_codebook().category_ids
('oppose', 'hedge', 'support', 'neutral')
"""

from __future__ import annotations

from typing import Any

from stance import _moved
from stance._version import __version__

_moved.install()  # old module paths of 0.1 (stance.codebook, ...) still import, with a DeprecationWarning

__all__ = ["__version__", "country", "datasets", "load", "load_codebook", "verify"]

_LAZY = {
    "load": ("stance.data.loading", "load"),
    "datasets": ("stance.data.loading", "datasets"),
    "verify": ("stance.data.loading", "verify"),
    "load_codebook": ("stance.data.codebook", "load_codebook"),
    "country": ("stance.data.countries", "country"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'stance' has no attribute {name!r}")
