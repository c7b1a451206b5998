"""Griffe extension for the API reference: functions that take a shared keyword set show it as ``help()`` does.

The analysis functions get their shared keywords (column names, categories,
scores, bootstrap options) and the documentation of those keywords from a
:class:`stance.data.columns.KeywordSet` decorator at import time. Griffe reads
the source, where they are not written out; for every function carrying a
keyword set, this extension takes the signature and the docstring of the
imported function instead, so the site lists each keyword with its default
and its one shared description. mkdocs.yml loads it (``extensions:``).
"""

from __future__ import annotations

import inspect
from typing import Any

import griffe


class SharedKeywords(griffe.Extension):
    """Signature and docstring of keyword-set functions from the imported objects."""

    def on_function_instance(self, *, node: Any, func: griffe.Function, agent: Any, **kwargs: Any) -> None:
        try:
            obj = griffe.dynamic_import(func.path)
        except ImportError:
            return
        keywords = getattr(obj, "__stance_keywords__", None)
        if keywords is None:
            return
        shared = set(keywords.defaults) | {"columns"}
        static = {p.name: p for p in func.parameters}
        params = []
        for p in inspect.signature(obj).parameters.values():
            if p.name in static and p.name not in shared:
                params.append(static[p.name])
                continue
            annotation = p.annotation if isinstance(p.annotation, str) else None
            default = None if p.default is inspect.Parameter.empty else repr(p.default)
            params.append(griffe.Parameter(p.name, annotation=annotation, kind=griffe.ParameterKind(p.kind.description), default=default))
        func.parameters = griffe.Parameters(*params)
        old = func.docstring
        func.docstring = griffe.Docstring(inspect.cleandoc(obj.__doc__ or ""), lineno=old.lineno if old else func.lineno, endlineno=old.endlineno if old else func.lineno,
                                          parent=func, parser=old.parser if old else None, parser_options=old.parser_options if old else None)
