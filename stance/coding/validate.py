"""Check a coder's sheet against the codebook, the schema and the shipped events, actors and sources.

Every problem is reported at once, with the spreadsheet row the coder sees
(header = row 1), the column, the value and the remedy. Labels are never
normalised: ``"Support "`` is reported with ``support`` as the suggested fix;
dates are never guessed. The input file is only read.

What a sheet may hold (see :mod:`stance.coding.layout`): the ``codings`` columns;
the context columns a template adds (``event_title, event_start, event_end,
actor_name``), which are ignored; and ``codebook_version``, which must be the
installed codebook's version. A row whose coding columns are all blank is a
cell the coder did not code: it is not a problem and not a coding, and the
report counts and lists it ("not coded").

Examples
--------
>>> import tempfile, pathlib
>>> from stance.coding.validate import validate_sheet
>>> p = pathlib.Path(tempfile.mkdtemp()) / "sheet.csv"
>>> _ = p.write_text(
...     "event_id,actor_id,coder_id,stance,confidence,source_id,locator,excerpt,rationale,coded_on\\n"
...     "crimea-2014,KAZ,coder-x,Hedge,high,fedorova-2024,RESULTS,could not be acknowledged,why,2026-11-24\\n"
...     "iraq-war-2003,KAZ,coder-x,,,,,,,\\n")
>>> report = validate_sheet(p)
>>> report.ok, int(report.problems.loc[0, "row"]), report.not_coded_rows
(False, 2, [3])
>>> print(report.problems.loc[0, "problem"])
'Hedge' is not a valid stance (oppose, hedge, support, neutral): write 'hedge' (labels are exact, lower case)
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from stance.data.coerce import closest_label, coerce_frame
from stance.coding.date_hints import date_hint
from stance.coding.layout import CODED_COLUMNS, CODING_COLUMNS, CONTEXT_COLUMNS, VERSION_COLUMN
from stance.data.schemas import SCHEMAS
from stance.coding.sheets import Sheet, read_sheet

REPORT_COLUMNS = ["file", "row", "column", "value", "problem"]
_RCID = re.compile(r"^rcid \d+$")
_VOTE = re.compile(r"^vote: (?:yes|abstain|no) \(.+\)$")


def row_ranges(rows: list[int], *, limit: int | None = 20) -> str:
    """Compress sorted row numbers into ranges for a message.

    >>> row_ranges([2, 3, 4, 7, 9, 10])
    '2-4, 7, 9-10'
    """
    parts: list[str] = []
    start = prev = None
    for r in rows:
        if start is None:
            start = prev = r
        elif r == prev + 1:
            prev = r
        else:
            parts.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = r
    if start is not None:
        parts.append(f"{start}" if start == prev else f"{start}-{prev}")
    if limit is not None and len(parts) > limit:
        return ", ".join(parts[:limit]) + f" and {len(parts) - limit} more ranges"
    return ", ".join(parts)


def problem_lines(problems: pd.DataFrame) -> list[str]:
    """One line per problem: ``file:row: column 'c': problem`` (row and column when known)."""
    lines = []
    for r in problems.itertuples(index=False):
        where = f"{r.file}:{int(r.row)}" if pd.notna(r.row) else f"{r.file}"
        col = f" column '{r.column}':" if isinstance(r.column, str) and r.column else ""
        lines.append(f"{where}:{col} {r.problem}")
    return lines


@dataclass
class ValidationReport:
    """Outcome of :func:`validate_sheet`.

    Attributes
    ----------
    path : Path
    n_rows : int
        Coding rows (rows with at least one coding column filled in).
    problems : DataFrame
        ``file, row, column, value, problem``; empty when the sheet is valid.
    sheet : Sheet
        What was read.
    not_coded_rows : list of int
        Spreadsheet rows whose coding columns are all blank (cells not coded).
    coded : Series of bool
        Per row of ``sheet.frame``: is it a coding row.
    """

    path: Path
    n_rows: int
    problems: pd.DataFrame
    sheet: Sheet
    not_coded_rows: list[int] = field(default_factory=list)
    coded: pd.Series | None = None

    @property
    def ok(self) -> bool:
        return self.problems.empty

    def to_json(self) -> str:
        """Machine-readable report (``--json``)."""
        records = [{k: (None if pd.isna(v) else (int(v) if k == "row" else v)) for k, v in r.items()} for r in self.problems.to_dict("records")]
        return json.dumps({"file": str(self.path), "valid": self.ok, "rows": self.n_rows, "not_coded": len(self.not_coded_rows),
                           "not_coded_rows": self.not_coded_rows, "problems": records}, indent=2, ensure_ascii=False)

    def not_coded_text(self) -> str | None:
        """The "not coded" line, or None when every row is coded."""
        if not self.not_coded_rows:
            return None
        n = len(self.not_coded_rows)
        return (f"{self.path}: {n} row{'s' if n > 1 else ''} not coded (stance and evidence blank): {'rows' if n > 1 else 'row'} {row_ranges(self.not_coded_rows)}. "
                "A blank row is a cell not coded (no source gives evidence, or not done yet); it is not a coding and `stance merge` leaves it out.")

    def to_text(self, *, limit: int | None = 200) -> str:
        """One line per problem, ``file:row: column 'c': problem``, then a summary."""
        lines = problem_lines(self.problems if limit is None else self.problems.head(limit))
        if limit is not None and len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more problems (use --all or --json to see all)")
        if self.ok:
            lines.append(f"{self.path}: valid ({self.n_rows} coding rows).")
        else:
            lines.append(f"{self.path}: {len(self.problems)} problem(s) in {self.n_rows} coding rows.")
        note = self.not_coded_text()
        if note:
            lines.append(note)
        return "\n".join(lines)


@dataclass
class References:
    """What ids are checked against: known ids per column, dataset (UN vote) sources, source texts."""

    ids: dict[str, set[str]]
    dataset_sources: set[str] = field(default_factory=set)
    source_files: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # source_id -> (file_name, sha256)


def _shipped_references() -> References:
    import stance

    sources = stance.load("sources", columns=["source_id", "kind", "file_name", "text_sha256"])
    return References(
        ids={"event_id": set(stance.load("events", columns=["event_id"])["event_id"]),
             "actor_id": set(stance.load("actors", columns=["actor_id"])["actor_id"]),
             "source_id": set(sources["source_id"])},
        dataset_sources=set(sources.loc[sources["kind"].astype(str) == "dataset", "source_id"]),
        source_files=_source_files(sources),
    )


def _source_files(sources: pd.DataFrame) -> dict[str, tuple[str, str | None]]:
    if "file_name" not in sources.columns:
        return {}
    out = {}
    for r in sources.itertuples(index=False):
        name = getattr(r, "file_name", None)
        if isinstance(name, str) and name.strip():
            sha = getattr(r, "text_sha256", None)
            out[str(r.source_id)] = (name.strip(), sha if isinstance(sha, str) and sha.strip() else None)
    return out


def _problem(path: Path, row: object, column: str | None, value: object, problem: str) -> dict[str, object]:
    return {"file": str(path), "row": row, "column": column, "value": value, "problem": problem}


def _pandera_problem(check: str, column: str | None, value: object) -> str:
    if check == "not_nullable":
        if column == "stance":
            return "empty cell: write the stance (a row without a stance must have no evidence either: clear the row if no source gives evidence)"
        return "empty cell: fill it in (or clear the whole row if no source gives evidence for this cell)"
    if check.startswith("str_length"):
        m = re.search(r"(\d+), (\d+)", check)
        if column == "excerpt" and m:
            return f"excerpt is {len(str(value))} characters, more than {m.group(2)}: quote a shorter verbatim passage"
        return "empty text: fill it in"
    if check.startswith("str_matches"):
        if column == "actor_id":
            return f"'{value}' is not an actor id (upper-case ISO alpha-3 such as KAZ, or an organisation id such as NATO): use the id from the actors table"
        return f"'{value}' is not a valid id (lower-case words joined by '-', e.g. crimea-2014): copy the id exactly"
    return check


def _header_problems(sheet: Sheet, path: Path) -> list[dict[str, object]] | None:
    """When row 1 holds none of the coding columns: say where the header is, or that this is not a coding sheet."""
    present = set(sheet.frame.columns)
    if present & set(CODING_COLUMNS):
        return None
    expected = set(CODING_COLUMNS)
    for i in range(min(10, len(sheet.frame))):
        values = {str(v).strip() for v in sheet.frame.iloc[i].tolist() if v is not None}
        if len(values & expected) >= 3:
            row = int(sheet.rows.iloc[i])
            return [_problem(path, 1, None, None, f"the column names are in row {row}, not in row 1: delete the rows above them so that the header is row 1")]
    columns = list(sheet.frame.columns)
    if sheet.delimiter and len(columns) == 1:
        for other in ("|", ":", "^", "~", "#", "/", " "):
            if len(set(columns[0].split(other)) & expected) >= 3:
                return [_problem(path, 1, None, None, f"the columns are separated by {other!r}, not by comma, semicolon or tab: run again with --delimiter '{other}'")]
    found = ", ".join(f"'{c}'" for c in columns[:3]) or "nothing"
    hint = " (if the values are separated by another character than comma, semicolon or tab, give it with --delimiter)" if sheet.delimiter else ""
    return [_problem(path, 1, None, None,
                     f"row 1 has none of the column names of a coding sheet ({', '.join(CODING_COLUMNS)}); it has {found}: "
                     f"this does not look like a coding sheet{hint}; start from `stance template`")]


def _column_problems(sheet: Sheet, path: Path) -> list[dict[str, object]]:
    expected = list(CODING_COLUMNS)
    allowed_extra = set(CONTEXT_COLUMNS) | {VERSION_COLUMN} | set(sheet.ignored_columns)
    problems = []
    present = list(sheet.frame.columns)
    missing = [c for c in expected if c not in present]
    extra = [c for c in present if c not in expected and c not in allowed_extra]
    for c in missing:
        guess = difflib.get_close_matches(c, extra, n=1, cutoff=0.6) or [e for e in extra if e.strip().casefold() == c]
        if guess:
            problems.append(_problem(path, 1, guess[0], guess[0], f"column '{guess[0]}' should be named '{c}': rename the header cell (column names are exact, lower case)"))
            extra.remove(guess[0])
        else:
            problems.append(_problem(path, 1, c, None, f"required column '{c}' is missing: add it (the columns are {', '.join(expected)})"))
    for c in extra:
        problems.append(_problem(path, 1, c, c, f"unknown column '{c}': remove it or rename it to one of {', '.join(expected)} "
                                                f"(a template's context columns {', '.join(CONTEXT_COLUMNS)} and {VERSION_COLUMN} may stay)"))
    return problems


def _not_coded_mask(frame: pd.DataFrame) -> pd.Series:
    """True for rows whose coding columns (those present) are all blank."""
    from stance.coding.sheets import blank_cells

    mask = pd.Series(any(c in frame.columns for c in CODED_COLUMNS), index=frame.index, dtype=bool)
    for c in CODED_COLUMNS:
        if c in frame.columns:
            mask &= blank_cells(frame[c])
    return mask


def _version_problems(sheet: Sheet, path: Path, coded: pd.Series) -> list[dict[str, object]]:
    from stance.data.codebook import load_codebook

    installed = load_codebook().version
    remedy = ("ask for a template made with this codebook (`stance template`) and copy your codings into it, "
              "or validate with the stance version that ships codebook {v}")
    problems = []
    if VERSION_COLUMN in sheet.frame.columns:
        values = sheet.frame[VERSION_COLUMN].astype("string").str.strip()
        wrong = values.notna() & (values != "") & (values != installed)
        for v, idx in values[wrong].groupby(values[wrong], sort=True).groups.items():
            rows = sorted(int(sheet.rows.iloc[i]) for i in idx)
            problems.append(_problem(path, rows[0], VERSION_COLUMN, v,
                                     f"row{'s' if len(rows) > 1 else ''} {row_ranges(rows)} {'were' if len(rows) > 1 else 'was'} made under codebook version {v}, "
                                     f"but the installed codebook is version {installed}: " + remedy.format(v=v)))
    elif sheet.metadata.get(VERSION_COLUMN) and sheet.metadata[VERSION_COLUMN] != installed:
        v = sheet.metadata[VERSION_COLUMN]
        problems.append(_problem(path, None, None, v, f"the workbook was made under codebook version {v} (its 'about' sheet says so), "
                                                     f"but the installed codebook is version {installed}: " + remedy.format(v=v)))
    return problems


def _formula_cells(text: pd.DataFrame) -> list[tuple[int, str, str]]:
    out = []
    for column in text.columns:
        hits = text[column].str.lstrip().str.startswith("=", na=False)
        if hits.any():
            out.extend((int(i), column, str(text.at[i, column])) for i in hits[hits].index)
    return out


def _evidence_form_problems(typed: pd.DataFrame, refs: References) -> list[tuple[int, str, str, str]]:
    """UN-vote codings need locator 'rcid N' and excerpt 'vote: yes|abstain|no (Country)'."""
    if not refs.dataset_sources or "source_id" not in typed.columns:
        return []
    out = []
    votes = typed["source_id"].isin(refs.dataset_sources).fillna(False).astype(bool)
    for column, pattern, form in (("locator", _RCID, "'rcid N' (the roll-call id, e.g. rcid 5047)"),
                                  ("excerpt", _VOTE, "'vote: yes|abstain|no (Country)' (the recorded vote, e.g. vote: abstain (Kazakhstan))")):
        if column not in typed.columns:
            continue
        values = typed[column]
        bad = votes & values.notna() & ~values.fillna("").str.match(pattern.pattern)
        for i in bad[bad].index:
            out.append((int(i), column, str(values[i]), f"a coding from UN vote data ({typed.at[i, 'source_id']}) needs the {column} {form}: write it so"))
    return out


def _excerpt_text_problems(typed: pd.DataFrame, refs: References, texts: Path, path: Path) -> tuple[list[tuple[int, str, str, str]], list[dict[str, object]]]:
    """Excerpts not found verbatim (whitespace aside) in their source text; file-level problems for missing or changed texts."""
    from stance.coding.excerpts import normalise

    if not {"source_id", "excerpt"} <= set(typed.columns):
        return [], []
    file_problems: list[dict[str, object]] = []
    texts_by_source: dict[str, str] = {}
    used = set(typed["source_id"].dropna().astype(str))
    for source_id, (file_name, sha) in sorted(refs.source_files.items()):
        if source_id not in used:
            continue
        file = texts / file_name
        if not file.is_file():
            file_problems.append(_problem(path, None, "excerpt", None, f"the text of source {source_id} ({file}) is not in {texts}: pass the folder that holds the source texts with --texts"))
            continue
        raw = file.read_bytes()
        if sha and hashlib.sha256(raw).hexdigest() != sha:
            file_problems.append(_problem(path, None, "excerpt", None, f"{file} is not the version of source {source_id} that the sources table records (its sha256 differs), "
                                                                      "so its excerpts were not checked: use the recorded version of the text"))
            continue
        texts_by_source[source_id] = normalise(raw.decode("utf-8", errors="replace"))
    out = []
    rows = typed[typed["source_id"].isin(list(texts_by_source)).fillna(False).astype(bool) & typed["excerpt"].notna()]
    found: dict[tuple[str, str], bool] = {}
    for i, source_id, excerpt in zip(rows.index, rows["source_id"], rows["excerpt"]):
        key = (str(source_id), str(excerpt))
        if key not in found:
            found[key] = normalise(key[1]) in texts_by_source[key[0]]
        if not found[key]:
            out.append((int(i), "excerpt", str(excerpt), f"the excerpt is not in the text of {source_id} ({refs.source_files[str(source_id)][0]}): "
                                                        "copy the passage exactly as printed (only spacing and line breaks may differ)"))
    return out, file_problems


def check_sheet(sheet: Sheet, *, references: References | None = None, texts: str | Path | None = None) -> ValidationReport:
    """Validate a sheet already read (see :func:`validate_sheet`)."""
    path = sheet.path
    refs = references if references is not None else _shipped_references()
    frame = sheet.frame
    header = _header_problems(sheet, path)
    if header is not None:  # nothing else can be checked, and what the reader found would only repeat it
        return ValidationReport(path=path, n_rows=0, problems=pd.DataFrame(header, columns=REPORT_COLUMNS), sheet=sheet)
    problems = [_problem(path, p["row"], p["column"], p["value"], str(p["problem"])) for p in sheet.read_problems]
    problems += _column_problems(sheet, path)
    not_coded = _not_coded_mask(frame)
    not_coded_rows = [int(r) for r in sheet.rows[not_coded.to_numpy()]]
    coded = ~not_coded
    n_rows = int(coded.sum())
    problems += _version_problems(sheet, path, coded)
    if frame.empty:
        if not sheet.read_problems:
            problems.append(_problem(path, None, None, None, "the sheet has a header but no coding rows: add one row per coded event x actor cell"))
        return ValidationReport(path=path, n_rows=0, problems=pd.DataFrame(problems, columns=REPORT_COLUMNS), sheet=sheet,
                                not_coded_rows=not_coded_rows, coded=coded)

    usable = [c for c in CODING_COLUMNS if c in frame.columns]
    positions = coded.to_numpy()
    text = frame.loc[positions, usable].astype("string").reset_index(drop=True)
    rows = sheet.rows[positions].reset_index(drop=True)
    seen: set[tuple[int, str]] = set()
    found: list[tuple[int, str | None, object, str]] = []  # (position in text, column, value, problem)

    for i, column, value in _formula_cells(text):
        found.append((i, column, value, f"'{value}' is a formula (it starts with '='), not a value: write the value itself (copy the cells, then paste as values)"))
        seen.add((i, column))
    typed, conv = coerce_frame("codings", text, table=str(path))
    for r in conv.itertuples(index=False):
        if (int(r.row), str(r.column)) in seen:
            continue
        problem = date_hint(str(r.value)) if r.column == "coded_on" and r.value is not None else r.problem
        found.append((int(r.row), r.column, r.value, problem))
        seen.add((int(r.row), str(r.column)))

    import pandera.pandas as pa

    schema = SCHEMAS["codings"].to_schema()
    key = [c for c in ("event_id", "actor_id", "coder_id") if c in usable]
    partial = pa.DataFrameSchema({c: schema.columns[c] for c in usable})
    try:
        partial.validate(typed[usable], lazy=True)
    except pa.errors.SchemaErrors as err:
        for rec in err.failure_cases.itertuples(index=False):
            if rec.index is None or pd.isna(rec.index):
                continue
            i = int(rec.index)
            column = rec.column if isinstance(rec.column, str) else None
            if (i, str(column)) in seen:
                continue
            seen.add((i, str(column)))
            value = None if pd.isna(rec.failure_case) else str(rec.failure_case)
            found.append((i, column, value, _pandera_problem(str(rec.check), column, rec.failure_case)))
    if len(key) == 3:
        filled = typed[key].notna().all(axis=1)
        dup = typed[key].duplicated(keep=False) & filled
        if dup.any():
            groups = typed[dup].groupby(key, sort=False, observed=True).groups
            for cell, idx in groups.items():
                idx = sorted(int(i) for i in idx)
                sheet_rows = ", ".join(str(int(rows.iloc[i])) for i in idx)
                for i in idx[1:]:
                    found.append((i, "event_id,actor_id,coder_id", " x ".join(map(str, cell)),
                                  f"duplicate cell: coder {cell[2]} coded {cell[0]} x {cell[1]} on rows {sheet_rows}; keep one row per cell"))

    names = {"event_id": "events", "actor_id": "actors", "source_id": "sources"}
    for column, known in refs.ids.items():
        if column not in typed.columns:
            continue
        values = typed[column]
        bad = values.notna() & ~values.isin(known)
        for i in bad[bad].index:
            if (int(i), column) in seen:
                continue
            value = str(values[i])
            hint = closest_label(value, sorted(known))
            fix = f"did you mean '{hint}'?" if hint else f"use an id from the {names[column]} table (`stance.load('{names[column]}')`), or pass your own list with --{names[column]} FILE"
            found.append((int(i), column, value, f"'{value}' is not a known {column} of the {names[column]} table: {fix}"))
            seen.add((int(i), column))

    for i, column, value, problem in _evidence_form_problems(typed, refs):
        if (i, column) not in seen:
            found.append((i, column, value, problem))
            seen.add((i, column))
    if texts is not None:
        excerpt_problems, file_problems = _excerpt_text_problems(typed, refs, Path(texts), path)
        problems += file_problems
        found += [p for p in excerpt_problems if (p[0], p[1]) not in seen]

    if found:
        positions_ = [f[0] for f in found]
        sheet_rows = rows.iloc[positions_].to_numpy()
        problems += [_problem(path, int(r), c, v, p) for r, (_, c, v, p) in zip(sheet_rows, found)]
    out = pd.DataFrame(problems, columns=REPORT_COLUMNS)
    out["_order"] = out["row"].fillna(0)
    out = out.sort_values(["_order"], kind="stable").drop(columns="_order").reset_index(drop=True)
    return ValidationReport(path=path, n_rows=n_rows, problems=out, sheet=sheet, not_coded_rows=not_coded_rows, coded=coded)


def validate_frame(sheet: Sheet, *, references: dict[str, set[str]] | References | None = None) -> pd.DataFrame:
    """Problems of a sheet already read (``check_sheet(...).problems``)."""
    refs = References(ids=references) if isinstance(references, dict) else references
    return check_sheet(sheet, references=refs).problems


def _table_from_file(path: str | Path, column: str) -> pd.DataFrame:
    from stance.errors import SheetReadError

    frame = read_sheet(path).frame
    if column not in frame.columns:
        raise SheetReadError(f"{path}: has no column '{column}'.", remedy=f"Give a table with a '{column}' column.")
    return frame


def load_references(*, events: str | Path | None = None, actors: str | Path | None = None, sources: str | Path | None = None) -> References:
    """The shipped reference ids, with any table replaced by a file (CSV, XLSX, Parquet)."""
    refs = _shipped_references()
    if events:
        refs.ids["event_id"] = set(_table_from_file(events, "event_id")["event_id"].dropna().astype(str))
    if actors:
        refs.ids["actor_id"] = set(_table_from_file(actors, "actor_id")["actor_id"].dropna().astype(str))
    if sources:
        table = _table_from_file(sources, "source_id")
        refs.ids["source_id"] = set(table["source_id"].dropna().astype(str))
        refs.dataset_sources = set(table.loc[table["kind"].astype(str) == "dataset", "source_id"]) if "kind" in table.columns else set()
        refs.source_files = _source_files(table)
    return refs


def validate_sheet(path: str | Path, *, events: str | Path | None = None, actors: str | Path | None = None,
                   sources: str | Path | None = None, texts: str | Path | None = None, encoding: str | None = None,
                   delimiter: str | None = None, sheet: str | None = None) -> ValidationReport:
    """Validate a coder's sheet (CSV, XLSX or Parquet with the ``codings`` columns).

    Parameters
    ----------
    path : path
        The sheet. It is only read.
    events, actors, sources : path, optional
        Tables to check ids against instead of the shipped ones.
    texts : path, optional
        Folder with the source texts (named as in the sources table's
        ``file_name``): every excerpt must occur in its source's text.
    encoding, delimiter, sheet : str, optional
        Override the CSV encoding or delimiter, or choose the XLSX worksheet.

    Returns
    -------
    ValidationReport
        ``.ok``, ``.problems`` (``file, row, column, value, problem``; row as in
        the spreadsheet, header = 1), ``.not_coded_rows``, ``.to_text()``,
        ``.to_json()``.

    Raises
    ------
    SheetReadError
        The file cannot be read at all (exit code 2 in the CLI).
    """
    path = Path(path)
    refs = load_references(events=events, actors=actors, sources=sources)
    if texts is not None and not Path(texts).is_dir():
        from stance.errors import StanceError

        raise StanceError(f"{texts}: no such folder of source texts.", remedy="Pass the folder that holds the source texts with --texts (in the project: ../shared/sources).")
    read = read_sheet(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
    return check_sheet(read, references=refs, texts=texts)
