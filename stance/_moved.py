"""Old module paths of release 0.1, kept importable for one release (deprecated).

Version 0.2 moved the top-level modules into rooms (``stance.data``,
``stance.coding``). ``import stance.codebook`` and ``from stance.loading
import load`` keep working until 0.3: a small import hook hands back the
module at its new path (the same module object, so patching one patches the
other) and emits a :class:`DeprecationWarning` naming the new path.

Examples
--------
>>> import importlib, sys, warnings
>>> _ = sys.modules.pop("stance.codebook", None)
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     old = importlib.import_module("stance.codebook")
>>> old is importlib.import_module("stance.data.codebook")
True
>>> "stance.data.codebook" in str(caught[0].message)
True
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from types import ModuleType

#: Old module path -> new module path (moved in 0.2.0; removed in 0.3.0).
MOVED: dict[str, str] = {
    **{f"stance.{m}": f"stance.data.{m}" for m in (
        "codebook", "codebook_render", "schemas", "loading", "parquet_io", "_paths",
        "dictionary", "citation", "coerce")},
    **{f"stance.{m}": f"stance.coding.{m}" for m in (
        "sheets", "validate", "template", "merge", "adjudication", "date_hints",
        "xlsx_write", "layout", "excerpts", "reliability")},
}


class _MovedLoader(importlib.abc.Loader):
    def __init__(self, new: str) -> None:
        self.new = new

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        warnings.warn(f"{spec.name} is deprecated and will be removed in stance-coding 0.3; import {self.new} instead.",
                      DeprecationWarning, stacklevel=2)
        return importlib.import_module(self.new)

    def exec_module(self, module: ModuleType) -> None:  # the module at its new path is already executed
        return None


class _MovedFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        new = MOVED.get(fullname)
        if new is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _MovedLoader(new))


def install() -> None:
    """Register the import hook once (``import stance`` calls this)."""
    if not any(isinstance(f, _MovedFinder) for f in sys.meta_path):
        sys.meta_path.append(_MovedFinder())
