"""Small helpers for the workbooks stance writes for people (coding templates, adjudication sheets).

openpyxl is imported only when a workbook is written (the ``xlsx`` extra).
Every cell is written as text (number format ``@``) so that a spreadsheet
program does not turn ids into numbers or dates; dropdowns are Excel data
validations whose lists sit in a hidden worksheet.

Examples
--------
>>> from stance.coding.xlsx_write import require_openpyxl
>>> require_openpyxl().__name__
'openpyxl'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stance.errors import StanceError
from stance.coding.sheets import column_letter

HEADER_FILL = "DDEBF7"
LOCKED_FILL = "EDEDED"


def require_openpyxl() -> Any:
    """The openpyxl module, or a clear error naming the extra to install."""
    try:
        import openpyxl
    except ImportError:
        raise StanceError("Writing .xlsx files needs openpyxl.", remedy="pip install 'stance-coding[xlsx]', or write .csv instead.") from None
    return openpyxl


def refuse_overwrite(path: Path, force: bool) -> None:
    """Raise unless ``path`` is new (or ``force``): a coder's filled sheet must never be overwritten by accident."""
    if path.exists() and not force:
        raise StanceError(f"{path} already exists; it was not overwritten.", remedy="Choose another file name with -o, or pass --force to replace it.")
    if not path.parent.exists():
        raise StanceError(f"{path.parent}: no such folder.", remedy="Create the folder first, or give another path with -o.")


def write_table(ws: Any, columns: Sequence[str], rows: Sequence[Sequence[object]], *, widths: dict[str, float] | None = None,
                wrap: Sequence[str] = (), locked: Sequence[str] = (), freeze: str | None = "A2") -> None:
    """Write a header and rows as text cells, with header style, widths, wrapping and (with sheet protection) locked columns."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    ws.append(list(columns))
    for row in rows:
        ws.append(["" if v is None else str(v) for v in row])
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    locked_fill = PatternFill("solid", fgColor=LOCKED_FILL)
    for j, name in enumerate(columns):
        letter = column_letter(j)
        head = ws[f"{letter}1"]
        head.font = Font(bold=True)
        head.fill = header_fill
        head.protection = Protection(locked=True)
        ws.column_dimensions[letter].width = (widths or {}).get(name, max(12.0, len(name) + 2.0))
        is_locked = name in locked
        alignment = Alignment(wrap_text=name in wrap, vertical="top")
        for i in range(2, len(rows) + 2):
            cell = ws[f"{letter}{i}"]
            cell.number_format = "@"
            cell.alignment = alignment
            cell.protection = Protection(locked=is_locked)
            if is_locked:
                cell.fill = locked_fill
    if freeze:
        ws.freeze_panes = freeze


def add_list(ws: Any, lists_ws: Any, list_column: int, title: str, values: Sequence[str], target: str, *, prompt: str) -> None:
    """Put ``values`` in column ``list_column`` of the hidden lists sheet and a dropdown on ``target`` cells (e.g. 'D2:D40')."""
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = column_letter(list_column)
    lists_ws[f"{letter}1"] = title
    for i, value in enumerate(values, start=2):
        lists_ws[f"{letter}{i}"] = value
    dv = DataValidation(type="list", formula1=f"'{lists_ws.title}'!${letter}$2:${letter}${len(values) + 1}", allow_blank=True,
                        showErrorMessage=True, errorTitle=f"Not a valid {title}", error=f"Choose one of: {', '.join(values)}.",
                        showInputMessage=True, promptTitle=title, prompt=prompt[:255])
    dv.add(target)
    ws.add_data_validation(dv)


def protect(ws: Any) -> None:
    """Protect a worksheet without a password: locked cells cannot be edited by accident; columns can still be resized and filtered."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False


def write_adjudication_sheet(frame: Any, path: Path) -> None:
    """The adjudicator's workbook: one row per cell, a stance dropdown and a note column to fill in, coders side by side."""
    from stance.data.codebook import load_codebook

    openpyxl = require_openpyxl()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "decisions"
    columns = [str(c) for c in frame.columns]
    widths = {"event_id": 30, "actor_id": 10, "reason": 22, "stance": 11, "note": 50}
    for c in columns:
        if c.startswith(("excerpt_", "rationale_")):
            widths[c] = 50
        elif c.startswith("locator_"):
            widths[c] = 30
    rows = [list(r) for r in frame.itertuples(index=False, name=None)]
    write_table(ws, columns, rows, widths=widths, wrap=[c for c in columns if c == "note" or c.startswith(("excerpt_", "rationale_", "locator_"))], freeze="C2")
    if rows and "stance" in columns:
        lists = wb.create_sheet("lists")
        letter = column_letter(columns.index("stance"))
        add_list(ws, lists, 0, "stance", list(load_codebook().category_ids), f"{letter}2:{letter}{len(rows) + 1}",
                 prompt="The adjudicated stance; leave it blank to keep the cell uncoded. Either way, write the reason in note.")
        lists.sheet_state = "hidden"
    wb.save(path)
