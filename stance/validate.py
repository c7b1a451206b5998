"""Check a coder's sheet against the codebook, the schema and the shipped events and actors.

Every problem is reported at once, with the spreadsheet row the coder sees
(header = row 1), the column, the value and the remedy. Labels are never
normalised: ``"Support "`` is reported with ``support`` as the suggested fix.
The input file is only read.

Examples
--------
>>> import tempfile, pathlib
>>> from stance.validate import validate_sheet
>>> p = pathlib.Path(tempfile.mkdtemp()) / "sheet.csv"
>>> _ = p.write_text(
...     "event_id,actor_id,coder_id,stance,confidence,source_id,locator,excerpt,rationale,coded_on\\n"
...     "crimea-2014,KAZ,coder-x,Hedge,high,fedorova-2024,RESULTS,could not be acknowledged,why,2026-11-24\\n")
>>> report = validate_sheet(p)
>>> report.ok, int(report.problems.loc[0, "row"])
(False, 2)
>>> print(report.problems.loc[0, "problem"])
'Hedge' is not a valid stance (oppose, hedge, support, neutral): write 'hedge' (labels are exact, lower case)
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stance.coerce import closest_label, coerce_frame
from stance.schemas import SCHEMAS
from stance.sheets import Sheet, read_sheet

REPORT_COLUMNS = ["file", "row", "column", "value", "problem"]
EXCEL_EPOCH = pd.Timestamp("1899-12-30")


@dataclass
class ValidationReport:
    """Outcome of :func:`validate_sheet`: the problems (empty when valid) and what was read."""

    path: Path
    n_rows: int
    problems: pd.DataFrame
    sheet: Sheet

    @property
    def ok(self) -> bool:
        return self.problems.empty

    def to_json(self) -> str:
        """Machine-readable report (``--json``)."""
        records = [{k: (None if pd.isna(v) else (int(v) if k == "row" else v)) for k, v in r.items()} for r in self.problems.to_dict("records")]
        return json.dumps({"file": str(self.path), "valid": self.ok, "rows": self.n_rows, "problems": records}, indent=2, ensure_ascii=False)

    def to_text(self, *, limit: int | None = 200) -> str:
        """One line per problem, ``file:row: column 'c': problem``, then a summary."""
        lines = []
        shown = self.problems if limit is None else self.problems.head(limit)
        for r in shown.itertuples(index=False):
            where = f"{r.file}:{r.row}" if pd.notna(r.row) else f"{r.file}"
            col = f" column '{r.column}':" if isinstance(r.column, str) and r.column else ""
            lines.append(f"{where}:{col} {r.problem}")
        if limit is not None and len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more problems (use --json to see all)")
        if self.ok:
            lines.append(f"{self.path}: valid ({self.n_rows} coding rows).")
        else:
            lines.append(f"{self.path}: {len(self.problems)} problem(s) in {self.n_rows} coding rows.")
        return "\n".join(lines)


def _reference_ids() -> dict[str, set[str]]:
    import stance

    return {
        "event_id": set(stance.load("events", columns=["event_id"])["event_id"]),
        "actor_id": set(stance.load("actors", columns=["actor_id"])["actor_id"]),
        "source_id": set(stance.load("sources", columns=["source_id"])["source_id"]),
    }


def _pandera_problem(check: str, column: str | None, value: object) -> str:
    if check == "not_nullable":
        return "empty cell: fill it in (a cell without evidence has no row at all; never leave the stance blank)"
    if check.startswith("str_length"):
        m = re.search(r"(\d+), (\d+)", check)
        if column == "excerpt" and m:
            return f"excerpt is {len(str(value))} characters, more than {m.group(2)}: quote a shorter verbatim passage"
        return "empty text: fill it in"
    if check.startswith("str_matches"):
        if column == "actor_id":
            return f"'{value}' is not an actor id (upper-case ISO alpha-3 such as KAZ, or an organisation id such as NATO): use the id from the actors table"
        return f"'{value}' is not a valid id (lower-case words joined by '-', e.g. crimea-2014): copy the id exactly"
    if check in {"field_uniqueness", "multiple_fields_uniqueness"} or "unique" in check:
        return "duplicate row: this coder already coded this event x actor cell on another row; keep one row per cell"
    return check


def _column_problems(sheet: Sheet, expected: list[str], path: Path) -> list[dict[str, object]]:
    problems = []
    present = list(sheet.frame.columns)
    missing = [c for c in expected if c not in present]
    extra = [c for c in present if c not in expected]
    for c in missing:
        guess = difflib.get_close_matches(c, extra, n=1, cutoff=0.6) or [e for e in extra if e.strip().casefold() == c]
        if guess:
            problems.append({"file": str(path), "row": 1, "column": guess[0], "value": guess[0],
                             "problem": f"column '{guess[0]}' should be named '{c}': rename the header cell (column names are exact, lower case)"})
            extra.remove(guess[0])
        else:
            problems.append({"file": str(path), "row": 1, "column": c, "value": None,
                             "problem": f"required column '{c}' is missing: add it (the columns are {', '.join(expected)})"})
    for c in extra:
        label = c if c else "(blank header)"
        problems.append({"file": str(path), "row": 1, "column": c, "value": c,
                         "problem": f"unknown column '{label}': remove it or rename it to one of {', '.join(expected)}"})
    return problems


def _excel_serial_hint(value: str) -> str | None:
    if re.fullmatch(r"\d{5}(\.0+)?", value.strip()):
        day = EXCEL_EPOCH + pd.Timedelta(days=int(float(value)))
        return day.strftime("%Y-%m-%d")
    return None


def validate_frame(sheet: Sheet, *, references: dict[str, set[str]] | None = None) -> pd.DataFrame:
    """Problems of a sheet already read (see :func:`validate_sheet`)."""
    path = sheet.path
    expected = list(SCHEMAS["codings"].to_schema().columns)
    problems = _column_problems(sheet, expected, path)
    frame = sheet.frame
    if frame.empty:
        problems.append({"file": str(path), "row": None, "column": None, "value": None,
                         "problem": "the sheet has a header but no coding rows: add one row per coded event x actor cell"})
        return pd.DataFrame(problems, columns=REPORT_COLUMNS)
    usable = [c for c in expected if c in frame.columns]
    text = frame[usable].astype("string")
    typed, conv = coerce_frame("codings", text, table=str(path))
    rows = sheet.rows
    seen: set[tuple[int, str]] = set()
    for r in conv.itertuples(index=False):
        problem = r.problem
        if r.column == "coded_on" and r.value is not None:
            hint = _excel_serial_hint(str(r.value))
            if hint:
                problem = f"'{r.value}' looks like an Excel date serial number ({hint}): format the cell as text and write {hint} (dates are never guessed)"
        problems.append({"file": str(path), "row": int(rows.iloc[r.row]), "column": r.column, "value": r.value, "problem": problem})
        seen.add((int(r.row), str(r.column)))

    import pandera.pandas as pa

    schema = SCHEMAS["codings"].to_schema()
    partial = pa.DataFrameSchema({c: schema.columns[c] for c in usable}, unique=[c for c in ("event_id", "actor_id", "coder_id") if c in usable] or None)
    try:
        partial.validate(typed[usable], lazy=True)
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
        dup_rows: dict[tuple, list[int]] = {}
        for rec in fc.itertuples(index=False):
            if rec.index is None or pd.isna(rec.index):
                continue
            i = int(rec.index)
            column = rec.column if isinstance(rec.column, str) else None
            check = str(rec.check)
            if "uniqueness" in check or check == "unique":
                key = tuple(typed.loc[i, ["event_id", "actor_id", "coder_id"]].astype(str))
                dup_rows.setdefault(key, []).append(i)
                continue
            if (i, str(column)) in seen:
                continue
            seen.add((i, str(column)))
            problems.append({"file": str(path), "row": int(rows.iloc[i]), "column": column, "value": None if pd.isna(rec.failure_case) else str(rec.failure_case),
                             "problem": _pandera_problem(check, column, rec.failure_case)})
        for key, idx in dup_rows.items():
            idx = sorted(set(idx))
            sheet_rows = [int(rows.iloc[i]) for i in idx]
            for i in idx[1:]:
                problems.append({"file": str(path), "row": int(rows.iloc[i]), "column": "event_id,actor_id,coder_id", "value": " x ".join(key),
                                 "problem": f"duplicate cell: coder {key[2]} coded {key[0]} x {key[1]} on rows {', '.join(map(str, sheet_rows))}; keep one row per cell"})

    refs = references if references is not None else _reference_ids()
    names = {"event_id": "events", "actor_id": "actors", "source_id": "sources"}
    for column, known in refs.items():
        if column not in typed.columns:
            continue
        values = typed[column]
        bad = values.notna() & ~values.isin(known)
        if not bad.any():
            continue
        for i in bad[bad].index:
            if (int(i), column) in seen:
                continue
            value = str(values[i])
            hint = closest_label(value, sorted(known))
            fix = f"did you mean '{hint}'?" if hint else f"use an id from the {names[column]} table (`stance.load('{names[column]}')`), or pass your own list with --{names[column]} FILE"
            problems.append({"file": str(path), "row": int(rows.iloc[i]), "column": column, "value": value,
                             "problem": f"'{value}' is not a known {column} of the {names[column]} table: {fix}"})
    out = pd.DataFrame(problems, columns=REPORT_COLUMNS)
    out["_order"] = out["row"].fillna(0)
    return out.sort_values(["_order"], kind="stable").drop(columns="_order").reset_index(drop=True)


def _ids_from_file(path: str | Path, column: str) -> set[str]:
    sheet = read_sheet(path)
    if column not in sheet.frame.columns:
        from stance.errors import SheetReadError

        raise SheetReadError(f"{path}: has no column '{column}'.", remedy=f"Give a table with a '{column}' column.")
    return set(sheet.frame[column].dropna().astype(str))


def validate_sheet(path: str | Path, *, events: str | Path | None = None, actors: str | Path | None = None,
                   sources: str | Path | None = None, encoding: str | None = None, delimiter: str | None = None,
                   sheet: str | None = None) -> ValidationReport:
    """Validate a coder's sheet (CSV, XLSX or Parquet with the ``codings`` columns).

    Parameters
    ----------
    path : path
        The sheet. It is only read.
    events, actors, sources : path, optional
        Tables to check ids against instead of the shipped ones.
    encoding, delimiter, sheet : str, optional
        Override the CSV encoding or delimiter, or choose the XLSX worksheet.

    Returns
    -------
    ValidationReport
        ``.ok``, ``.problems`` (``file, row, column, value, problem``; row as in
        the spreadsheet, header = 1), ``.to_text()``, ``.to_json()``.

    Raises
    ------
    SheetReadError
        The file cannot be read at all (exit code 2 in the CLI).
    """
    path = Path(path)
    read = read_sheet(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
    refs = _reference_ids()
    if events:
        refs["event_id"] = _ids_from_file(events, "event_id")
    if actors:
        refs["actor_id"] = _ids_from_file(actors, "actor_id")
    if sources:
        refs["source_id"] = _ids_from_file(sources, "source_id")
    problems = validate_frame(read, references=refs)
    return ValidationReport(path=path, n_rows=len(read.frame), problems=problems, sheet=read)
