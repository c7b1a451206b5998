"""Generate the data dictionary (every column: type, required, allowed values, meaning) from the schemas.

``docs/data-dictionary.md`` is this module's output (``stance dictionary >
docs/data-dictionary.md``); a test keeps the file in sync.

Examples
--------
>>> from stance.data.dictionary import render_dictionary
>>> render_dictionary().splitlines()[0]
'# Data dictionary'
"""

from __future__ import annotations

from stance.data.datapackage import describe, table_descriptor
from stance.data.codebook import load_codebook
from stance.data.schemas import SCHEMAS


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_dictionary() -> str:
    """Markdown data dictionary of every shipped table."""
    cb = load_codebook()
    lines = ["# Data dictionary", "",
             f"Generated from the pandera schemas (`stance/data/schemas.py`) and the codebook (version {cb.version}) by `stance dictionary`; do not edit by hand.",
             "Types are those of `stance.load(name)`: `string`, `integer` (pandas `Int64`), `date` (`datetime64[ns]`), categorical (allowed values listed, in order; `ordered` where the order is meaningful).",
             "Missing values are `<NA>`/`NaT`; in `codings` and `stances` a cell without evidence has no row at all (it is never filled with a category).", ""]
    for name, model in SCHEMAS.items():
        desc = table_descriptor(name)
        lines += [f"## `{name}`", "", describe(name), ""]
        if "primaryKey" in desc:
            lines += [f"Key: {', '.join(f'`{k}`' for k in desc['primaryKey'])}", ""]
        lines += ["| column | type | required | allowed values | meaning |", "| --- | --- | --- | --- | --- |"]
        for f in desc["fields"]:
            constraints = f.get("constraints", {})
            enum = constraints.get("enum")
            kind = ("ordered categorical" if f.get("ordered") else "categorical") if enum else f["type"]
            allowed = ", ".join(f"`{v}`" for v in enum) if enum else ""
            lines.append(f"| `{f['name']}` | {kind} | {'yes' if constraints.get('required') else 'no'} | {allowed} | {_cell(f['description'])} |")
        lines.append("")
    return "\n".join(lines)
