"""Combine coders' sheets into one ``codings`` table (``stance merge``).

Every sheet is read and validated like ``stance validate`` does; the merge
is refused, and nothing is written, when any sheet

- has a validation problem (every problem of every sheet is listed),
- records no codebook version, several, or another than the installed one
  (a template records it in the ``codebook_version`` column and, in XLSX,
  in the hidden ``about`` sheet),
- holds the codings of several coders, or a coder id other than the one its
  template was made for,
- codes a cell that the same coder also codes in another sheet (a coder may
  hand in several sheets for different cells; two coders must not share an
  id).

Rows not coded (coding columns blank) are left out and counted. The result
has the ``codings`` columns, one row per event x actor x coder, sorted.

Examples
--------
>>> import tempfile, pathlib
>>> from stance.coding.merge import merge_sheets
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> head = "event_id,actor_id,coder_id,stance,confidence,source_id,locator,excerpt,rationale,coded_on,codebook_version\\n"
>>> row = "crimea-2014,KAZ,{c},hedge,high,fedorova-2024,RESULTS,an excerpt,R2,2026-11-24,1.0.0\\n"
>>> for c in ("ana", "ben"):
...     _ = (tmp / f"{c}.csv").write_text(head + row.format(c=c))
>>> result = merge_sheets([tmp / "ana.csv", tmp / "ben.csv"])
>>> result.codings[["event_id", "actor_id", "coder_id", "stance"]].values.tolist()
[['crimea-2014', 'KAZ', 'ana', 'hedge'], ['crimea-2014', 'KAZ', 'ben', 'hedge']]
>>> (tmp / "ben.csv").write_text(head + row.format(c="ben").replace("1.0.0", "0.9.0")) and None
>>> merge_sheets([tmp / "ana.csv", tmp / "ben.csv"])
Traceback (most recent call last):
...
stance.coding.merge.MergeRefused: The sheets were not merged: 1 problem. Remedy: Fix the problems listed (run `stance validate` on each sheet), then merge again.
>>> # the problem: ...ben.csv: the sheet was made under codebook version 0.9.0, but the installed codebook is version 1.0.0: ...
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stance.errors import ValidationFailed
from stance.coding.layout import CODING_COLUMNS, VERSION_COLUMN
from stance.coding.validate import References, ValidationReport, check_sheet, load_references, problem_lines, row_ranges


class MergeRefused(ValidationFailed):
    """The sheets cannot be merged; ``problems`` holds one line per reason."""


@dataclass
class MergeResult:
    """Merged codings and what each sheet contributed."""

    codings: pd.DataFrame
    reports: list[ValidationReport]

    def summary(self, output: str | Path) -> str:
        by_coder = self.codings["coder_id"].value_counts().sort_index()
        coders = ", ".join(f"{c} {n}" for c, n in by_coder.items())
        text = (f"Merged {len(self.reports)} sheet{'s' if len(self.reports) != 1 else ''} into {output}: {len(self.codings)} codings "
                f"of {self.codings[['event_id', 'actor_id']].drop_duplicates().shape[0]} cells by {len(by_coder)} coder{'s' if len(by_coder) != 1 else ''} ({coders}).")
        left = [(r.path, len(r.not_coded_rows)) for r in self.reports if r.not_coded_rows]
        if left:
            total = sum(n for _, n in left)
            text += f"\n{total} row{'s' if total != 1 else ''} not coded {'were' if total != 1 else 'was'} left out ({', '.join(f'{p}: {n}' for p, n in left)})."
        return text


def _version_reasons(report: ValidationReport, installed: str) -> list[str]:
    sheet = report.sheet
    if VERSION_COLUMN in sheet.frame.columns:
        values = sheet.frame[VERSION_COLUMN].astype("string").str.strip().fillna("")
        found = sorted(set(values) - {""})
        blank = values == ""
        if blank.any() and found:
            rows = [int(r) for r in sheet.rows[blank.to_numpy()]]
            return [f"{sheet.path}: column {VERSION_COLUMN} is blank in {'rows' if len(rows) > 1 else 'row'} {row_ranges(rows)}: "
                    f"write the codebook version the rows were coded under ({', '.join(found)})"]
    else:
        found = [sheet.metadata[VERSION_COLUMN]] if sheet.metadata.get(VERSION_COLUMN) else []
    if not found:
        return [f"{sheet.path}: the sheet records no codebook version (no {VERSION_COLUMN} column): merge sheets made with `stance template`, "
                f"or add a {VERSION_COLUMN} column holding the version the sheet was coded under (this codebook: {installed})"]
    if len(found) > 1:
        return [f"{sheet.path}: the sheet mixes codebook versions {', '.join(found)}: a sheet is coded under one codebook version"]
    if found[0] != installed:
        return [f"{sheet.path}: the sheet was made under codebook version {found[0]}, but the installed codebook is version {installed}: "
                f"merge it with the stance version that ships codebook {found[0]}, or have it recoded on a new template"]
    return []


def _coder_reasons(report: ValidationReport) -> list[str]:
    sheet = report.sheet
    if "coder_id" not in sheet.frame.columns:
        return []
    ids = sheet.frame["coder_id"].astype("string").str.strip()
    filled = ids.notna() & (ids != "")
    coders = sorted(set(ids[filled]))
    if len(coders) > 1:
        parts = []
        for c in coders:
            rows = [int(r) for r in sheet.rows[(ids == c).fillna(False).to_numpy()]]
            parts.append(f"{c} in {'rows' if len(rows) > 1 else 'row'} {row_ranges(rows, limit=5)}")
        return [f"{sheet.path}: the sheet holds the codings of {len(coders)} coders ({'; '.join(parts)}): a sheet is one coder's; "
                "correct the coder_id, or split the sheet by coder"]
    meant = sheet.metadata.get("coder_id")
    if coders and meant and coders[0] != meant:
        return [f"{sheet.path}: coder_id is '{coders[0]}', but the template was made for coder '{meant}' (its 'about' sheet): "
                "hand in the sheet under the coder id it was made for, or ask for a template for the new id"]
    return []


def _duplicate_reasons(parts: list[tuple[Path, pd.DataFrame, pd.Series]]) -> list[str]:
    rows = pd.concat([frame[["event_id", "actor_id", "coder_id"]].assign(file=str(path), row=sheet_rows.to_numpy())
                      for path, frame, sheet_rows in parts if len(frame)], ignore_index=True) if parts else pd.DataFrame()
    if rows.empty:
        return []
    dup = rows[rows.duplicated(["event_id", "actor_id", "coder_id"], keep=False)]
    reasons = []
    for (event, actor, coder), group in dup.groupby(["event_id", "actor_id", "coder_id"], sort=True):
        where = " and ".join(f"{f} row {r}" for f, r in zip(group["file"], group["row"]))
        reasons.append(f"coder {coder} coded {event} x {actor} more than once ({where}): keep one of them; "
                       f"if two people used the coder id '{coder}', give one of them another id")
    return reasons


def merge_sheets(paths: Sequence[str | Path], *, references: References | None = None, encoding: str | None = None,
                 sheet: str | None = None) -> MergeResult:
    """Validate coders' sheets and combine their codings.

    Parameters
    ----------
    paths : sequence of path
        The sheets (CSV, XLSX, Parquet). They are only read.
    references : References, optional
        Ids to validate against (default: the shipped events, actors and sources).
    encoding, sheet : str, optional
        CSV encoding and XLSX worksheet, for every sheet.

    Returns
    -------
    MergeResult
        ``.codings`` (the ``codings`` columns as text, sorted by event, actor,
        coder) and the per-sheet validation reports.

    Raises
    ------
    MergeRefused
        With ``problems``: one line per reason (exit code 1 in the CLI).
    SheetReadError
        A sheet cannot be read (exit code 2).
    """
    from stance.data.codebook import load_codebook
    from stance.coding.sheets import read_sheet

    installed = load_codebook().version
    refs = references if references is not None else load_references()
    reports, reasons = [], []
    parts: list[tuple[Path, pd.DataFrame, pd.Series]] = []
    for path in paths:
        report = check_sheet(read_sheet(path, encoding=encoding, sheet=sheet), references=refs)
        reports.append(report)
        reasons += _version_reasons(report, installed)
        reasons += _coder_reasons(report)
        about_version = report.problems["problem"].astype(str).str.contains("made under codebook version", regex=False)
        reasons += problem_lines(report.problems[~about_version])  # the version is reported once, above
        if report.ok:
            coded = report.coded.to_numpy() if report.coded is not None else slice(None)
            frame = report.sheet.frame.loc[coded, list(CODING_COLUMNS)].astype("string")
            parts.append((Path(path), frame, report.sheet.rows[coded]))
    reasons += _duplicate_reasons(parts)
    if reasons:
        raise MergeRefused(f"The sheets were not merged: {len(reasons)} problem{'s' if len(reasons) != 1 else ''}.", reasons,
                           remedy="Fix the problems listed (run `stance validate` on each sheet), then merge again.")
    frames = [frame for _, frame, _ in parts]
    codings = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(CODING_COLUMNS), dtype="string")
    codings = codings.sort_values(["event_id", "actor_id", "coder_id"], kind="stable").reset_index(drop=True)
    return MergeResult(codings=codings, reports=reports)
