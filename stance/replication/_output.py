"""Deterministic writing of replication tables: CSV with fixed float precision and Markdown tables.

The same table gives the same bytes: floats are rounded to a fixed number
of decimals, missing values are empty (CSV) or a dash (Markdown), lines end
with ``\\n``, and the encoding is UTF-8 without a byte-order mark.

Examples
--------
>>> import pandas as pd
>>> from stance.replication._output import csv_text, markdown_table
>>> df = pd.DataFrame({"pole": ["USA", "RUS"], "value": [0.5, float("nan")], "n": pd.array([3, None], dtype="Int64")})
>>> print(csv_text(df), end="")
pole,value,n
USA,0.500000,3
RUS,,
>>> print(markdown_table(df))
| pole | value | n |
| --- | --- | --- |
| USA | 0.500 | 3 |
| RUS | - | - |
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd

#: Decimals of floats in CSV outputs.
CSV_DECIMALS = 6
#: Decimals of floats in Markdown outputs.
MD_DECIMALS = 3


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (no index, floats with `CSV_DECIMALS` decimals, missing = empty)."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, float_format=f"%.{CSV_DECIMALS}f", lineterminator="\n")
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return "-"
    if isinstance(value, float):
        return f"{value:.{MD_DECIMALS}f}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown_table(frame: pd.DataFrame) -> str:
    """``frame`` as a Markdown (GFM) table; floats with `MD_DECIMALS` decimals, missing = ``-``."""
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    rows = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.itertuples(index=False, name=None)]
    return "\n".join([header, rule, *rows])


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text with ``\\n`` line ends (the same text gives the same bytes on every platform)."""
    path.write_bytes(text.encode("utf-8"))
    return path


def sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
