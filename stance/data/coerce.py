"""Turn text columns (from CSV or a coder's sheet) into the dtypes a schema declares.

Nothing is silently fixed: a value that does not convert stays missing in the
typed frame and is reported as a problem with its row and column, so the
caller can refuse the data. Labels are not normalised (``"Support "`` is not
``"support"``); the problem names the closest valid label.

Examples
--------
>>> import pandas as pd
>>> from stance.data.coerce import coerce_frame
>>> typed, problems = coerce_frame("periods", pd.DataFrame({
...     "period_id": ["1991-1999"], "label": ["x"], "start_year": ["1991"],
...     "end_year": ["199O"], "basis": ["y"]}))
>>> problems[["row", "column", "value"]].to_dict("records")
[{'row': 0, 'column': 'end_year', 'value': '199O'}]
"""

from __future__ import annotations

import difflib

import pandas as pd

from stance.data.schemas import PROBLEM_COLUMNS, SCHEMAS

DATE_FORMAT = "%Y-%m-%d"


def closest_label(value: str, allowed: list[str]) -> str | None:
    """The allowed label a mistyped value most likely meant (case, spaces, near spellings).

    >>> closest_label("SUPPORT", ["oppose", "hedge", "support", "neutral"])
    'support'
    >>> closest_label("supports", ["oppose", "hedge", "support", "neutral"]) 
    'support'
    """
    folded = value.strip().casefold()
    for label in allowed:
        if label.casefold() == folded:
            return label
    match = difflib.get_close_matches(folded, allowed, n=1, cutoff=0.6)
    return match[0] if match else None


def _schema_columns(name: str) -> dict[str, object]:
    return SCHEMAS[name].to_schema().columns


def coerce_frame(name: str, df: pd.DataFrame, *, table: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Convert a frame of strings (missing = NA) to the dtypes of schema ``name``.

    Parameters
    ----------
    name : str
        Schema name (key of :data:`stance.data.schemas.SCHEMAS`).
    df : DataFrame
        Text columns; columns absent from the schema are passed through unchanged
        (the schema's strictness reports them).
    table : str, optional
        Name to put in the problems' ``table`` column (default ``name``).

    Returns
    -------
    typed : DataFrame
        Same rows and order; unconvertible values become missing.
    problems : DataFrame
        One row per value that could not be converted (``table, row, column,
        value, problem``), ``row`` being the 0-based position.
    """
    table = table or name
    out = df.copy()
    problems: list[dict[str, object]] = []
    for column, spec in _schema_columns(name).items():
        if column not in out.columns:
            continue
        raw = out[column].astype("string")
        raw = raw.where(raw.str.strip().str.len() > 0)
        dtype = spec.dtype
        kind = str(dtype)
        present = raw.notna()
        if isinstance(getattr(dtype, "type", None), pd.CategoricalDtype) or kind == "category":
            categories = list(dtype.type.categories)
            converted = pd.Categorical(raw.where(raw.isin(categories)), categories=categories, ordered=dtype.type.ordered)
            bad = present & ~raw.isin(categories)
            for i in bad[bad].index:
                value = str(raw.iloc[i]) if isinstance(i, int) else str(raw[i])
                hint = closest_label(value, categories)
                fix = f"write '{hint}'" if hint else f"use one of: {', '.join(categories)}"
                problems.append({"table": table, "row": i, "column": column, "value": value,
                                 "problem": f"'{value}' is not a valid {column} ({', '.join(categories)}): {fix} (labels are exact, lower case)"})
            out[column] = converted
        elif kind == "Int64":
            numbers = pd.to_numeric(raw, errors="coerce")
            integral = numbers.notna() & (numbers == numbers.round())
            bad = present & ~integral
            for i in bad[bad].index:
                problems.append({"table": table, "row": i, "column": column, "value": str(raw[i]),
                                 "problem": f"'{raw[i]}' is not a whole number: write digits only"})
            out[column] = numbers.where(integral).astype("Int64")
        elif kind.startswith("datetime64"):
            dates = pd.to_datetime(raw, format=DATE_FORMAT, errors="coerce")
            bad = present & dates.isna()
            for i in bad[bad].index:
                problems.append({"table": table, "row": i, "column": column, "value": str(raw[i]),
                                 "problem": f"'{raw[i]}' is not a date in YYYY-MM-DD form: write e.g. 2014-03-27 (dates are never guessed)"})
            out[column] = dates.astype("datetime64[ns]")
        else:
            out[column] = raw.astype(pd.StringDtype())
    return out, pd.DataFrame(problems, columns=PROBLEM_COLUMNS)
