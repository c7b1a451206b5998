"""Read what coders hand in (CSV, XLSX, Parquet) as text, without changing the file.

Every cell is read as text; nothing is converted, normalised or guessed here
(the validator reports what is wrong). Each data row keeps the row number
the coder sees in a spreadsheet program (header = row 1). Fully blank rows
carry no data and are skipped; the row numbers of the other rows are kept.

Nothing in an untrusted file is executed: CSV is parsed as text, XLSX is
read with openpyxl (cached cell values, no macros, no formulas evaluated),
Parquet with pyarrow. No pickle, no ``eval``.

Examples
--------
>>> import tempfile, pathlib
>>> from stance.sheets import read_sheet
>>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
>>> _ = p.write_bytes(b"\\xef\\xbb\\xbfevent_id;actor_id\\r\\ncrimea-2014;KAZ\\r\\n\\r\\n")
>>> sheet = read_sheet(p)
>>> sheet.frame.to_dict("records"), sheet.rows.tolist(), sheet.delimiter
([{'event_id': 'crimea-2014', 'actor_id': 'KAZ'}], [2], ';')
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stance.errors import SheetReadError

DELIMITERS = (",", ";", "\t")
BOMS = {b"\xef\xbb\xbf": "utf-8-sig", b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


@dataclass
class Sheet:
    """A coder's file read as text.

    Attributes
    ----------
    frame : DataFrame
        One row per non-blank data row, all values ``str`` or missing.
    rows : Series
        Spreadsheet row number of each frame row (header = 1).
    path : Path
    sheet_name : str or None
        Worksheet read (XLSX).
    encoding, delimiter : str or None
        How a CSV was read.
    """

    frame: pd.DataFrame
    rows: pd.Series
    path: Path
    sheet_name: str | None = None
    encoding: str | None = None
    delimiter: str | None = None


def _fail(path: Path, message: str, remedy: str) -> SheetReadError:
    return SheetReadError(f"{path}: {message}", remedy=remedy)


def _detect_encoding(path: Path, head: bytes, encoding: str | None) -> str:
    if encoding:
        return encoding
    for bom, name in BOMS.items():
        if head.startswith(bom):
            return name
    if len(head) >= 4 and head[1:2] == b"\x00" and head[3:4] == b"\x00":
        return "utf-16-le"
    return "utf-8"


def _detect_delimiter(first_line: str, delimiter: str | None) -> str:
    if delimiter:
        return delimiter
    counts = {d: 0 for d in DELIMITERS}
    in_quotes = False
    for ch in first_line:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _first_line(path: Path, encoding: str) -> str:
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        text = fh.read(65536)
    for sep in ("\r\n", "\n", "\r"):
        if sep in text:
            return text.split(sep, 1)[0]
    return text


def _finish(frame: pd.DataFrame, path: Path, **kwargs: object) -> Sheet:
    frame.columns = [("" if c is None else str(c)) for c in frame.columns]
    stripped = frame.apply(lambda s: s.astype("string").str.strip()) if len(frame.columns) else frame
    blank = stripped.isna() | (stripped == "")
    keep = ~blank.all(axis=1) if len(frame.columns) else pd.Series(False, index=frame.index)
    rows = pd.Series(frame.index[keep] + 2, dtype="int64").reset_index(drop=True)
    data = frame[keep].reset_index(drop=True)
    return Sheet(frame=data, rows=rows, path=path, **kwargs)  # type: ignore[arg-type]


def read_csv_sheet(path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> Sheet:
    """Read a CSV/TSV file as text (encoding from its BOM or UTF-8; delimiter sniffed from the header)."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    enc = _detect_encoding(path, head, encoding)
    sep = _detect_delimiter(_first_line(path, enc), delimiter)
    try:
        frame = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_values=[""], encoding=enc,
                            encoding_errors="strict", skip_blank_lines=False, engine="c" if len(sep) == 1 else "python")
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start:exc.start + 1] if isinstance(exc.object, bytes) else b""
        raise _fail(path, f"is not valid {enc} text (byte 0x{bad.hex()} at byte {exc.start}).",
                    "Save the sheet as 'CSV UTF-8' in your spreadsheet program, or name its encoding: "
                    "--encoding cp1251 (Cyrillic Windows), --encoding latin-1 (Western European), --encoding utf-16.") from None
    except pd.errors.EmptyDataError:
        raise _fail(path, "has no header row.", "Start from a template (`stance template`): row 1 must hold the column names.") from None
    except pd.errors.ParserError as exc:
        raise _fail(path, f"is not a well-formed {sep!r}-delimited file ({exc}).".replace("\n", " "),
                    "Check for unbalanced quotes, or give the delimiter with --delimiter.") from None
    return _finish(frame, path, encoding=enc, delimiter=sep)


def _cell_text(value: object) -> object:
    """Text of an XLSX cell value (cells formatted as dates become ISO dates; numbers stay numbers as text)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx_sheet(path: Path, *, sheet: str | None = None) -> Sheet:
    """Read one worksheet of an XLSX workbook as text (cached values; formulas are not evaluated)."""
    try:
        import openpyxl
    except ImportError:
        raise _fail(path, "is an Excel workbook, and reading it needs openpyxl.", "pip install 'stance-coding[xlsx]'") from None
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _fail(path, f"is not a readable .xlsx workbook ({type(exc).__name__}: {exc}).",
                    "Open it in your spreadsheet program and save it again as .xlsx (or export CSV UTF-8).") from None
    names = wb.sheetnames
    if sheet is None:
        preferred = [n for n in names if n.strip().lower() == "codings"]
        if preferred:
            sheet = preferred[0]
        elif len(names) == 1:
            sheet = names[0]
        else:
            raise _fail(path, f"has {len(names)} worksheets ({', '.join(names)}) and none is named 'codings'.",
                        "Name the worksheet with the codings 'codings', or choose it with --sheet NAME.")
    if sheet not in names:
        raise _fail(path, f"has no worksheet {sheet!r} (it has {', '.join(names)}).", "Give one of these names to --sheet.")
    ws = wb[sheet]
    values = ws.iter_rows(values_only=True)
    try:
        header = next(values)
    except StopIteration:
        wb.close()
        raise _fail(path, f"worksheet {sheet!r} is empty.", "Fill in the sheet from a template (`stance template`).") from None
    records = [[_cell_text(v) for v in row] for row in values]
    wb.close()
    width = len(header)
    while width and header[width - 1] is None and all(len(r) < width or r[width - 1] is None for r in records):
        width -= 1
    columns = [("" if h is None else str(h)) for h in header[:width]]
    frame = pd.DataFrame([list(r[:width]) + [None] * (width - len(r)) for r in records], columns=columns, dtype=object)
    return _finish(frame, path, sheet_name=sheet)


def read_parquet_sheet(path: Path) -> Sheet:
    """Read a Parquet file as text (dates as YYYY-MM-DD)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(str(path))
    except (pa.ArrowInvalid, OSError) as exc:
        raise _fail(path, f"is not a readable Parquet file ({exc}).", "Write it again with pandas.DataFrame.to_parquet, or hand in CSV.") from None
    frame = pd.DataFrame({name: table.column(name).cast(pa.string()).to_pandas() if not pa.types.is_dictionary(table.column(name).type)
                          else table.column(name).to_pandas().astype("string") for name in table.column_names}).astype(object)
    frame = frame.where(frame.notna(), None)
    return _finish(frame, path)


XLSX_MAGIC = b"PK\x03\x04"
PARQUET_MAGIC = b"PAR1"


def read_sheet(path: str | Path, *, encoding: str | None = None, delimiter: str | None = None, sheet: str | None = None) -> Sheet:
    """Read a coder's file, choosing the reader from its content (not only its extension).

    Raises
    ------
    SheetReadError
        The file is missing, empty, not a spreadsheet, or cannot be decoded;
        the message names the file and the remedy.
    """
    path = Path(path)
    if not path.exists():
        raise _fail(path, "does not exist.", "Check the path.")
    if path.is_dir():
        raise _fail(path, "is a folder, not a file.", "Give the path of the sheet itself.")
    size = path.stat().st_size
    if size == 0:
        raise _fail(path, "is empty (0 bytes).", "Hand in the filled sheet; start from `stance template` if you have none.")
    with open(path, "rb") as fh:
        head = fh.read(4096)
    suffix = path.suffix.lower()
    if head.startswith(PARQUET_MAGIC) or suffix == ".parquet":
        return read_parquet_sheet(path)
    if head.startswith(XLSX_MAGIC) or suffix in {".xlsx", ".xlsm"}:
        return read_xlsx_sheet(path, sheet=sheet)
    if suffix == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(path, "is an old binary Excel (.xls) or other OLE file.", "Save it as .xlsx or as CSV UTF-8.")
    if b"\x00" in head and not any(head.startswith(b) for b in BOMS) and not (len(head) >= 4 and head[1:2] == b"\x00"):
        raise _fail(path, "is a binary file, not a spreadsheet.", "Hand in the coding sheet as .csv, .xlsx or .parquet.")
    return read_csv_sheet(path, encoding=encoding, delimiter=delimiter)


__all__ = ["Sheet", "read_sheet", "read_csv_sheet", "read_xlsx_sheet", "read_parquet_sheet"]
