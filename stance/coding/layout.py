"""The columns and worksheets of a coding sheet (what `stance template` writes and `stance validate` reads).

A coding sheet holds the ``codings`` columns. A sheet made by
``stance template`` has, besides them, context columns that help the coder
(event title and dates, actor name) and the codebook version the sheet was
made under. Validation ignores the context columns (they are never read) and
checks the codebook version; ``stance merge`` drops both and writes the
``codings`` layout.

A row whose coding columns (:data:`CODED_COLUMNS`) are all blank is a cell
the coder did not code ("not coded"): it is counted and listed, never an
error and never a coding.

Examples
--------
>>> from stance.coding.layout import TEMPLATE_COLUMNS, CODING_COLUMNS
>>> [c for c in TEMPLATE_COLUMNS if c not in CODING_COLUMNS]
['event_title', 'event_start', 'event_end', 'actor_name', 'codebook_version']
"""

from __future__ import annotations

#: The cell and who coded it (filled in by the template; locked in XLSX).
ID_COLUMNS: tuple[str, ...] = ("event_id", "actor_id", "coder_id")
#: What the coder fills in. All blank = the cell is not coded.
CODED_COLUMNS: tuple[str, ...] = ("stance", "confidence", "source_id", "locator", "excerpt", "rationale", "coded_on")
#: The ``codings`` table layout, in order.
CODING_COLUMNS: tuple[str, ...] = ID_COLUMNS + CODED_COLUMNS
#: Context written by the template for the coder; ignored by validation and merge.
CONTEXT_COLUMNS: tuple[str, ...] = ("event_title", "event_start", "event_end", "actor_name")
#: The codebook version the sheet was made under (checked by validate, required by merge).
VERSION_COLUMN = "codebook_version"
#: Columns of a template, in order.
TEMPLATE_COLUMNS: tuple[str, ...] = ID_COLUMNS + CONTEXT_COLUMNS + CODED_COLUMNS + (VERSION_COLUMN,)
#: Every column a coding sheet may have.
ALLOWED_COLUMNS: frozenset[str] = frozenset(TEMPLATE_COLUMNS)

#: Worksheet names of an XLSX template.
CODINGS_SHEET = "codings"
INSTRUCTIONS_SHEET = "instructions"
LISTS_SHEET = "lists"
META_SHEET = "about"
