"""The ``datapackage.json`` descriptor: table schemas and release metadata.

Generated from the pandera models (``stance.data.schemas``) and the release
metadata (``data/src/release.toml``); the build writes it, the data
dictionary and the docs read the same descriptors.

Examples
--------
>>> from stance.data.datapackage import describe, table_descriptor
>>> describe("actors")
'States, former states, organisations and non-state actors.'
>>> table_descriptor("actors")["primaryKey"]
['actor_id']
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow

from stance._version import __version__
from stance.data.codebook import load_codebook
from stance.data.schemas import SCHEMAS


def _field(name: str, spec: object) -> dict[str, object]:
    dtype = spec.dtype  # type: ignore[attr-defined]
    kind = str(dtype)
    field: dict[str, object] = {"name": name, "description": spec.description or ""}  # type: ignore[attr-defined]
    if kind == "category":
        field["type"] = "string"
        if dtype.type.categories is not None:  # a fixed vocabulary (ids such as actor_id are open)
            field["constraints"] = {"enum": [str(c) for c in dtype.type.categories]}
            if dtype.type.ordered:
                field["ordered"] = True
    elif kind == "Int64":
        field["type"] = "integer"
    elif kind == "boolean":
        field["type"] = "boolean"
    elif kind.startswith("float"):
        field["type"] = "number"
    elif kind.startswith("datetime64"):
        field["type"] = "date"
    else:
        field["type"] = "string"
    if not spec.nullable:  # type: ignore[attr-defined]
        field.setdefault("constraints", {})["required"] = True  # type: ignore[index]
    return field


def table_descriptor(name: str) -> dict[str, object]:
    """Frictionless-style ``schema`` of one table, generated from its pandera model."""
    model = SCHEMAS[name]
    schema = model.to_schema()
    descriptor: dict[str, object] = {"fields": [_field(c, spec) for c, spec in schema.columns.items()]}
    unique = getattr(model.Config, "unique", None)
    if unique:
        descriptor["primaryKey"] = list(unique)
    else:
        keyed = [c for c, spec in schema.columns.items() if spec.unique]
        if keyed:
            descriptor["primaryKey"] = keyed[:1]
    return descriptor


def describe(name: str) -> str:
    """One-line description of a table (its schema's docstring)."""
    return (SCHEMAS[name].__doc__ or name).strip().splitlines()[0]


def write_datapackage(out: Path, resources: list[dict[str, object]], release: dict[str, object]) -> Path:
    """Write ``datapackage.json`` (sorted keys, fixed layout: deterministic)."""
    cb = load_codebook()
    licenses = release["licenses"]
    package = {
        "profile": "tabular-data-package",
        "name": release["name"],
        "title": release["title"],
        "description": release["description"],
        "version": release["data_version"],
        "created": release["released"],
        "homepage": release["homepage"],
        "codebook_version": cb.version,
        "built_with": {"stance-coding": __version__, "pyarrow": pyarrow.__version__},
        "licenses": [licenses["coded"], licenses["unga"]],  # type: ignore[index]
        "citation": f"The stance developers ({str(release['released'])[:4]}). {release['title']}. Data version {release['data_version']}, codebook version {cb.version}.",
        "resources": resources,
    }
    path = out / "datapackage.json"
    path.write_text(json.dumps(package, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
