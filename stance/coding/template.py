"""Coding sheets for coders: one row per assigned event x actor cell (``stance template``).

A template has the ``codings`` columns, with ``event_id``, ``actor_id`` and
``coder_id`` filled in, context for the coder (event title and dates at the
precision the events table records, actor name), and the codebook version
it was made under (column ``codebook_version``; in XLSX also in the hidden
``about`` worksheet). The coder fills in the coding columns of the cells a
source gives evidence for and leaves the other rows blank (not coded).

An XLSX template adds what a spreadsheet program can enforce: dropdowns for
``stance``, ``confidence`` and ``source_id`` taken from the codebook and the
sources table, a length limit on ``excerpt``, locked id and context columns
(sheet protection without a password, against accidental edits), and an
``instructions`` worksheet with the category definitions, confidence levels
and routing rules of the codebook.

Examples
--------
>>> from stance.coding.template import assign_cells, template_frame
>>> cells = assign_cells(events=["crimea-2014"], actors=["KAZ", "CHN"])
>>> frame = template_frame(cells, "coder-a")
>>> frame[["event_id", "actor_id", "coder_id", "event_start", "stance", "codebook_version"]].values.tolist()
[['crimea-2014', 'KAZ', 'coder-a', '2014', None, '1.0.0'], ['crimea-2014', 'CHN', 'coder-a', '2014', None, '1.0.0']]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from stance.errors import StanceError
from stance.coding.layout import (CODED_COLUMNS, CODINGS_SHEET, CONTEXT_COLUMNS, ID_COLUMNS, INSTRUCTIONS_SHEET, LISTS_SHEET, META_SHEET,
                           TEMPLATE_COLUMNS, VERSION_COLUMN)

CODER_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y", "period": "%Y"}


def split_ids(values: Sequence[str] | None) -> list[str] | None:
    """Ids given as several arguments and/or comma-separated, in order, without repeats.

    >>> split_ids(["crimea-2014,iraq-war-2003", "sco-2001"])
    ['crimea-2014', 'iraq-war-2003', 'sco-2001']
    """
    if not values:
        return None
    out: list[str] = []
    for value in values:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return list(dict.fromkeys(out))


def _check_known(kind: str, given: list[str], known: list[str]) -> None:
    from stance.data.coerce import closest_label

    unknown = [g for g in given if g not in known]
    if unknown:
        hints = []
        for u in unknown:
            hint = closest_label(u, known)
            hints.append(f"'{u}'" + (f" (did you mean '{hint}'?)" if hint else ""))
        raise StanceError(f"Unknown {kind} id{'s' if len(unknown) > 1 else ''}: {', '.join(hints)}.",
                          remedy=f"Use ids from the {kind}s table (`python -c \"import stance; print(stance.load('{kind}s'))\"`).")


def _date_text(value: object, precision: str) -> str | None:
    if pd.isna(value) or precision not in _DATE_FORMATS:
        return None
    return pd.Timestamp(value).strftime(_DATE_FORMATS[precision])  # type: ignore[arg-type]


def assign_cells(*, events: Sequence[str] | None = None, actors: Sequence[str] | None = None, periods: Sequence[str] | None = None,
                 uncoded: bool = False, codings: pd.DataFrame | None = None) -> pd.DataFrame:
    """The event x actor cells to assign, with context for the coder.

    Parameters
    ----------
    events, actors : list of str, optional
        Ids to assign (default: every event, every actor).
    periods : list of str, optional
        Keep only events of these periods (combined with ``events``: both must hold).
    uncoded : bool
        Keep only cells that have no coding in ``codings``.
    codings : DataFrame, optional
        Codings with ``event_id, actor_id`` for ``uncoded`` (default: the shipped codings).

    Returns
    -------
    DataFrame
        ``event_id, actor_id, event_title, event_start, event_end, actor_name``,
        in the order of the events and actors tables (or of the ids given).

    Raises
    ------
    StanceError
        An unknown id or period, or no cell left to assign.
    """
    import stance

    ev = stance.load("events", columns=["event_id", "title", "start_date", "end_date", "date_precision", "period_id"])
    ac = stance.load("actors", columns=["actor_id", "name"])
    if events:
        _check_known("event", list(events), ev["event_id"].tolist())
        ev = ev.set_index("event_id").loc[list(events)].reset_index()
    if periods:
        known_periods = stance.load("periods", columns=["period_id"])["period_id"].tolist()
        _check_known("period", list(periods), known_periods)
        ev = ev[ev["period_id"].isin(list(periods)).fillna(False).astype(bool)]
    if actors:
        _check_known("actor", list(actors), ac["actor_id"].tolist())
        ac = ac.set_index("actor_id").loc[list(actors)].reset_index()
    precision = ev["date_precision"].astype(str)
    context = pd.DataFrame({
        "event_id": ev["event_id"].astype(str).to_numpy(),
        "event_title": ev["title"].astype(str).to_numpy(),
        "event_start": [_date_text(v, p) for v, p in zip(ev["start_date"], precision)],
        "event_end": [_date_text(v, p) for v, p in zip(ev["end_date"], precision)],
    })
    names = pd.DataFrame({"actor_id": ac["actor_id"].astype(str).to_numpy(), "actor_name": ac["name"].astype(str).to_numpy()})
    cells = context.merge(names, how="cross")
    if uncoded:
        done = codings if codings is not None else stance.load("codings", columns=["event_id", "actor_id"])
        coded = set(zip(done["event_id"].astype(str), done["actor_id"].astype(str)))
        cells = cells[[(e, a) not in coded for e, a in zip(cells["event_id"], cells["actor_id"])]]
    if cells.empty:
        raise StanceError("No event x actor cell matches this assignment.", remedy="Widen it: check --events, --actors, --period and --uncoded.")
    return cells[["event_id", "actor_id", *CONTEXT_COLUMNS]].reset_index(drop=True)


def template_frame(cells: pd.DataFrame, coder_id: str) -> pd.DataFrame:
    """The template rows: ids and context filled in, coding columns blank, the codebook version on every row."""
    from stance.data.codebook import load_codebook

    if not CODER_ID_PATTERN.match(coder_id or ""):
        raise StanceError(f"'{coder_id}' is not a valid coder id.", remedy="Use lower-case letters, digits and '-' (e.g. ana or coder-2).")
    frame = cells.copy()
    frame["coder_id"] = coder_id
    for column in CODED_COLUMNS:
        frame[column] = None
    frame[VERSION_COLUMN] = load_codebook().version
    return frame[list(TEMPLATE_COLUMNS)].astype(object).where(frame[list(TEMPLATE_COLUMNS)].notna(), None)


def routing_rules() -> list[tuple[str, str, str]]:
    """The routing rules table of codebook.md: (rule, situation, code); empty if the file is not found."""
    from stance.data._paths import codebook_dir

    path = codebook_dir() / "codebook.md"
    if not path.is_file():
        return []
    rules = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\|\s*(R\d+)\s*\|(.+)\|(.+)\|\s*$", line)
        if m:
            rules.append((m.group(1), m.group(2).strip().replace("*", ""), m.group(3).strip()))
    return rules


def instructions(coder_id: str, n_cells: int) -> list[list[str]]:
    """Rows of the instructions worksheet (the codebook's definitions and rules, the steps of the coder's loop)."""
    from stance.data.codebook import load_codebook

    cb = load_codebook()
    rows: list[list[str]] = [
        [f"Coding sheet for coder {coder_id}: {n_cells} event x actor cells, codebook version {cb.version}"],
        [cb.unit],
        [],
        ["How to code"],
        ["1", "Each row of the 'codings' sheet is one event x actor cell. The grey columns (ids, event title and dates, actor name, codebook version) are filled in and locked."],
        ["2", "Read the sources. If a source gives evidence of the actor's stance toward the event (and the course of its lead actor in it), fill in stance, confidence, source_id, locator, excerpt, rationale and coded_on."],
        ["3", "If no source gives evidence, leave the whole row blank. Missing is not a category: silence is never neutral or hedge."],
        ["4", f"excerpt: a verbatim passage of at most {cb.excerpt_max_chars} characters copied from the source; locator: the section heading and position; coded_on: the date as YYYY-MM-DD."],
        ["5", "Check the sheet with `stance validate FILE.xlsx`, fix every problem it lists (with its row), and hand the sheet in."],
        [],
        ["Stance categories", "label", "definition"],
    ]
    rows += [[c.id, c.label, c.definition] for c in cb.categories]
    rows += [[], ["Ordinal order", " < ".join(cb.ordinal_order), f"neutral in ordinal measures: {cb.neutral_in_ordinal}"], [],
             ["Confidence", "label", "definition"]]
    rows += [[c.id, c.label, c.definition] for c in cb.confidence]
    rows += [[], ["Missing (never a category)", "", "meaning"]]
    rows += [[m.id, "", m.definition] for m in cb.missing]
    rules = routing_rules()
    if rules:
        rows += [[], ["Routing rules", "code", "situation"]]
        rows += [[rule, code, situation] for rule, situation, code in rules]
    rows += [[], ["The full codebook: codebook/codebook.md (or `stance codebook`)."]]
    return rows


def write_template(frame: pd.DataFrame, path: str | Path, *, force: bool = False) -> Path:
    """Write a template as .xlsx (dropdowns, locked ids, instructions) or .csv (UTF-8 with BOM, which Excel opens correctly)."""
    from stance.coding.xlsx_write import refuse_overwrite

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".xlsx", ".csv"}:
        raise StanceError(f"{path}: a template is written as .xlsx or .csv, not '{suffix or 'no extension'}'.", remedy="Name the output file sheet.xlsx or sheet.csv.")
    refuse_overwrite(path, force)
    if suffix == ".csv":
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    else:
        _write_xlsx(frame, path)
    return path


def _write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    import stance
    from stance import __version__
    from stance.data.codebook import load_codebook
    from stance.coding.xlsx_write import add_list, protect, require_openpyxl, write_table

    openpyxl = require_openpyxl()
    cb = load_codebook()
    coder_id = str(frame["coder_id"].iloc[0])
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = INSTRUCTIONS_SHEET
    for row in instructions(coder_id, len(frame)):
        info.append(row)
    info.column_dimensions["A"].width = 24
    info.column_dimensions["B"].width = 22
    info.column_dimensions["C"].width = 120
    from openpyxl.styles import Alignment, Font

    for row in info.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in info["A"]:
        if cell.value in {"How to code", "Stance categories", "Ordinal order", "Confidence", "Missing (never a category)", "Routing rules"} or cell.row == 1:
            cell.font = Font(bold=True)

    ws = wb.create_sheet(CODINGS_SHEET)
    columns = list(frame.columns)
    widths = {"event_id": 30, "actor_id": 10, "coder_id": 12, "event_title": 45, "event_start": 12, "event_end": 12, "actor_name": 24,
              "stance": 11, "confidence": 12, "source_id": 20, "locator": 30, "excerpt": 60, "rationale": 45, "coded_on": 12, VERSION_COLUMN: 17}
    locked = [*ID_COLUMNS, *CONTEXT_COLUMNS, VERSION_COLUMN]
    write_table(ws, columns, list(frame.itertuples(index=False, name=None)), widths=widths, wrap=["event_title", "excerpt", "rationale", "locator"],
                locked=locked, freeze="C2")
    n = len(frame) + 1
    lists = wb.create_sheet(LISTS_SHEET)
    letter = {c: openpyxl.utils.get_column_letter(j + 1) for j, c in enumerate(columns)}
    sources = stance.load("sources", columns=["source_id"])["source_id"].astype(str).tolist()
    add_list(ws, lists, 0, "stance", list(cb.category_ids), f"{letter['stance']}2:{letter['stance']}{n}",
             prompt="Choose the stance. Leave the whole row blank if no source gives evidence (never neutral for silence).")
    add_list(ws, lists, 1, "confidence", list(cb.confidence_ids), f"{letter['confidence']}2:{letter['confidence']}{n}",
             prompt="high: explicit; medium: one step of interpretation; low: vague, indirect or second-hand.")
    add_list(ws, lists, 2, "source_id", sources, f"{letter['source_id']}2:{letter['source_id']}{n}", prompt="The source the excerpt is copied from.")
    from openpyxl.worksheet.datavalidation import DataValidation

    excerpt = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(cb.excerpt_max_chars), allow_blank=True,
                             showErrorMessage=True, errorTitle="Excerpt too long", error=f"Quote at most {cb.excerpt_max_chars} characters, verbatim.",
                             showInputMessage=True, promptTitle="excerpt", prompt=f"A verbatim passage of at most {cb.excerpt_max_chars} characters.")
    excerpt.add(f"{letter['excerpt']}2:{letter['excerpt']}{n}")
    ws.add_data_validation(excerpt)
    coded_on = DataValidation(type="custom", formula1=f"LEN({letter['coded_on']}2)=10", allow_blank=True, showErrorMessage=False,
                              showInputMessage=True, promptTitle="coded_on", prompt="The date you coded the cell, as YYYY-MM-DD (e.g. 2026-11-24).")
    coded_on.add(f"{letter['coded_on']}2:{letter['coded_on']}{n}")
    ws.add_data_validation(coded_on)
    ws.auto_filter.ref = f"A1:{letter[columns[-1]]}{n}"
    protect(ws)
    lists.sheet_state = "hidden"

    about = wb.create_sheet(META_SHEET)
    for key, value in (("format", "stance coding sheet"), ("codebook", cb.title), (VERSION_COLUMN, cb.version),
                       ("coder_id", coder_id), ("cells", str(len(frame))), ("written_by", f"stance-coding {__version__}")):
        about.append([key, value])
    about.sheet_state = "hidden"
    wb.active = wb.index(ws)
    for sheet in wb.worksheets:  # exactly one selected tab, or Excel opens the sheets grouped
        sheet.sheet_view.tabSelected = sheet is ws
    wb.save(path)
