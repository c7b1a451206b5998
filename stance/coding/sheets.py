"""Read what coders hand in (CSV, XLSX, Parquet) as text, without changing the file.

Every cell is read as text; nothing is converted, normalised or guessed here
(the validator reports what is wrong). Each data row keeps the row number
the coder sees in a spreadsheet program (header = row 1). Fully blank rows
and columns without a name and without values carry no data and are
skipped; the row numbers of the other rows are kept. Hidden rows, columns
and worksheets are read like visible ones.

What the reader finds wrong with the layout itself (two columns with the
same name, values under a column without a name, merged cells, a CSV row
with more values than the header) is kept in ``Sheet.read_problems`` for
the validator to report with the other problems; such rows and columns are
never dropped without a problem naming them.

The reader is chosen from the file's content, not its name: a file that is
not a spreadsheet (an image, a PDF, a Word or OpenDocument file, a web page,
an encrypted or damaged workbook) raises :class:`~stance.errors.SheetReadError`
naming what it is and the remedy.

Nothing in an untrusted file is executed: CSV is parsed as text, XLSX is
read with openpyxl in read-only mode (formulas are read as their text,
starting with ``=``, and never evaluated; macros, external links and
embedded objects are not read), Parquet with pyarrow. No pickle, no ``eval``.

Examples
--------
>>> import tempfile, pathlib
>>> from stance.coding.sheets import read_sheet
>>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
>>> _ = p.write_bytes(b"\\xef\\xbb\\xbfevent_id;actor_id\\r\\ncrimea-2014;KAZ\\r\\n\\r\\n")
>>> sheet = read_sheet(p)
>>> sheet.frame.to_dict("records"), sheet.rows.tolist(), sheet.delimiter
([{'event_id': 'crimea-2014', 'actor_id': 'KAZ'}], [2], ';')
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from stance.errors import SheetReadError

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
BOMS = {b"\xef\xbb\xbf": "utf-8-sig", b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}
XLSX_MAGIC = b"PK\x03\x04"
PARQUET_MAGIC = b"PAR1"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Leading bytes of common files that are not spreadsheets.
NOT_SPREADSHEETS = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"{\\rtf": "an RTF document",
}
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)\"")


@dataclass
class Sheet:
    """A coder's file read as text.

    Attributes
    ----------
    frame : DataFrame
        One row per non-blank data row, all values ``str`` or missing. Column
        names are the header cells; a column without a name, or a second
        column with a name already used, gets a name that says so (and is
        listed in ``ignored_columns``).
    rows : Series
        Spreadsheet row number of each frame row (header = 1).
    path : Path
    sheet_name : str or None
        Worksheet read (XLSX).
    encoding, delimiter : str or None
        How a CSV was read.
    read_problems : list of dict
        Layout problems found while reading (``row, column, value, problem``).
    ignored_columns : list of str
        Frame columns already reported in ``read_problems``.
    metadata : dict
        Key/value pairs of the hidden ``about`` worksheet of a template.
    """

    frame: pd.DataFrame
    rows: pd.Series
    path: Path
    sheet_name: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    read_problems: list[dict[str, object]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


def _fail(path: Path, message: str, remedy: str) -> SheetReadError:
    return SheetReadError(f"{path}: {message}", remedy=remedy)


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _column_index(letters: bytes | str) -> int:
    text = letters.decode() if isinstance(letters, bytes) else letters
    n = 0
    for ch in text:
        n = n * 26 + ord(ch) - 64
    return n - 1


def blank_cells(column: pd.Series) -> pd.Series:
    """True where a cell is missing or holds only whitespace."""
    text = column.astype("string")
    return (text.isna() | (text.str.strip() == "")).fillna(True).astype(bool)


def _finish(header: list[object], frame: pd.DataFrame, path: Path, *, first_row: int = 2,
            read_problems: list[dict[str, object]] | None = None, **kwargs: object) -> Sheet:
    """Name the columns, drop blank rows and unnamed empty columns, note layout problems."""
    problems = list(read_problems or [])
    names = ["" if h is None or (isinstance(h, float) and h != h) else str(h) for h in header]
    frame = frame.set_axis(range(len(names)), axis=1)
    blank = pd.DataFrame({i: blank_cells(frame[i]) for i in range(len(names))}, index=frame.index, dtype=bool)
    empty_column = blank.all(axis=0) if len(names) else pd.Series(dtype=bool)
    keep_columns, internal, ignored, first_seen = [], [], [], {}
    for i, name in enumerate(names):
        letter = column_letter(i)
        if not name.strip():
            if bool(empty_column[i]):
                continue  # no name, no values: nothing to read
            label = f"(no name, column {letter})"
            first = int(frame.index[~blank[i]][0]) + first_row
            problems.append({"row": 1, "column": label, "value": None,
                             "problem": f"column {letter} has values (from row {first}) but no name in row 1: give it one of the column names, or delete the column"})
            ignored.append(label)
        elif name in first_seen:
            label = f"{name} (again, column {letter})"
            problems.append({"row": 1, "column": name, "value": name,
                             "problem": f"column '{name}' appears twice, in columns {first_seen[name]} and {letter}: keep one of them (delete or rename the other)"})
            ignored.append(label)
        else:
            first_seen[name] = letter
            label = name
        keep_columns.append(i)
        internal.append(label)
    keep_rows = ~blank.all(axis=1) if len(names) else pd.Series(False, index=frame.index)
    data = frame.loc[keep_rows, keep_columns]
    data.columns = internal
    rows = pd.Series(data.index + first_row, dtype="int64")
    data = data.reset_index(drop=True)
    return Sheet(frame=data, rows=rows, path=path, read_problems=problems, ignored_columns=ignored, **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- CSV

def _detect_encoding(head: bytes, encoding: str | None) -> str:
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
        return {"\\t": "\t", "tab": "\t", "TAB": "\t"}.get(delimiter, delimiter)
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
    try:
        with open(path, encoding=encoding, errors="replace", newline="") as fh:
            text = fh.read(65536)
    except LookupError:
        raise _fail(path, f"cannot be read: '{encoding}' is not a text encoding Python knows.",
                    "Give a known encoding, e.g. --encoding utf-8, cp1251, latin-1 or utf-16.") from None
    for sep in ("\r\n", "\n", "\r"):
        if sep in text:
            return text.split(sep, 1)[0]
    return text


def _looks_cyrillic(sample: bytes) -> bool:
    """Single-byte text whose non-ASCII bytes mostly come in runs (words of Cyrillic letters), not alone (accents in Latin words).

    >>> _looks_cyrillic("Казахстан воздержался".encode("cp1251")), _looks_cyrillic("à l'époque".encode("latin-1"))
    (True, False)
    """
    high = [i for i, b in enumerate(sample) if b >= 0xC0]  # cp1251 letters А-я; latin-1 accented letters
    if not high:
        return False
    in_runs = sum(1 for i in high if (i > 0 and sample[i - 1] >= 0xC0) or (i + 1 < len(sample) and sample[i + 1] >= 0xC0))
    return in_runs / len(high) >= 0.5


def _encoding_error(path: Path, encoding: str) -> SheetReadError:
    """Say where the first undecodable byte is and which encoding the text looks like."""
    raw = path.read_bytes()
    label = "UTF-8" if encoding.replace("_", "-").lower() in {"utf-8", "utf8", "utf-8-sig"} else encoding
    try:
        raw.decode(encoding)
    except UnicodeDecodeError as exc:
        start = exc.start
    else:  # pragma: no cover - pandas and Python disagree
        return _fail(path, f"is not valid {label} text.", "Save the sheet as 'CSV UTF-8', or name its encoding with --encoding.")
    newline = b"\n" if b"\n" in raw else b"\r"
    line_no = raw.count(newline, 0, start) + 1
    line_start = raw.rfind(newline, 0, start) + 1
    line_end = raw.find(newline, start)
    line = raw[line_start: len(raw) if line_end < 0 else line_end].rstrip(b"\r")
    guess, name = ("cp1251", "Cyrillic Windows text (cp1251)") if _looks_cyrillic(raw[:65536]) else ("cp1252", "Western European text (cp1252, the Windows superset of latin-1)")
    offset = start - line_start
    snippet = line[max(0, offset - 30): offset + 30].decode(guess, errors="replace")
    message = f"is not valid {label} text: line {line_no} has the byte 0x{raw[start:start + 1].hex()}, which {label} does not allow."
    if label != "UTF-8":
        return _fail(path, message, "Name the right encoding with --encoding (e.g. utf-8, cp1251, latin-1, utf-16), or save the sheet as 'CSV UTF-8'.")
    return _fail(path, message,
                 f"It looks like {name}, in which that part of the line reads '{snippet}': "
                 f"run again with --encoding {guess}, or save the sheet as 'CSV UTF-8' in your spreadsheet program.")


def _read_records(path: Path, encoding: str, sep: str) -> tuple[list[object], pd.DataFrame, list[dict[str, object]]]:
    """Slow path with the csv module, for files pandas refuses: every ragged row is reported, an unclosed quote is located."""
    import csv

    records: list[list[str]] = []
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=sep, strict=True)
        while True:
            start_line = reader.line_num + 1
            try:
                records.append(next(reader))
            except StopIteration:
                break
            except csv.Error as exc:
                row = len(records) + 1
                if "unexpected end of data" in str(exc):
                    raise _fail(path, f"row {row} (line {start_line}) opens a double quote that is never closed, so the rest of the file would be read as one value.",
                                'Close the quote, or write a double quote inside a value as two double quotes (""); a spreadsheet program does this when it saves CSV.') from None
                raise _fail(path, f"row {row} (line {start_line}) is not well-formed CSV ({exc}).",
                            'A value with quotes must be wholly enclosed in double quotes, with inner quotes doubled (""); save the sheet from a spreadsheet program to get this right.') from None
    if not records:
        raise _fail(path, "has no header row.", "Start from a template (`stance template`): row 1 must hold the column names.")
    header = list(records[0])
    width = len(header)
    problems: list[dict[str, object]] = []
    kept: list[list[object]] = []
    index: list[int] = []
    for i, rec in enumerate(records[1:], start=2):
        extra = [v for v in rec[width:] if v.strip()]
        if extra:
            problems.append({"row": i, "column": None, "value": extra[0],
                             "problem": f"this row has {len(rec)} values but the header names {width} columns: a value that contains the delimiter "
                                        f"({DELIMITER_NAMES.get(sep, repr(sep))}) must be enclosed in double quotes; save the sheet from a spreadsheet program, which adds them"})
            continue
        cells: list[object] = [v if v != "" else None for v in rec[:width]]
        kept.append(cells + [None] * (width - len(cells)))
        index.append(i - 2)
    frame = pd.DataFrame(kept, columns=range(width), index=index, dtype=object)
    return header, frame, problems


def read_csv_sheet(path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> Sheet:
    """Read a CSV/TSV file as text (encoding from its BOM or UTF-8; delimiter sniffed from the header)."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    enc = _detect_encoding(head, encoding)
    sep = _detect_delimiter(_first_line(path, enc), delimiter)
    problems: list[dict[str, object]] = []
    try:
        frame = pd.read_csv(path, sep=sep, header=None, dtype=str, keep_default_na=False, na_values=[""], encoding=enc,
                            encoding_errors="strict", skip_blank_lines=False, engine="c" if len(sep) == 1 else "python")
    except UnicodeDecodeError:
        raise _encoding_error(path, enc) from None
    except UnicodeError as exc:
        raise _fail(path, f"cannot be decoded as {enc} ({exc}).", "Name the right encoding with --encoding, or save the sheet as 'CSV UTF-8'.") from None
    except pd.errors.EmptyDataError:
        raise _fail(path, "has no header row (it holds only blank lines).", "Start from a template (`stance template`): row 1 must hold the column names.") from None
    except pd.errors.ParserError:
        header, frame, problems = _read_records(path, enc, sep)
    else:
        if frame.empty:
            raise _fail(path, "has no header row (it holds only blank lines).", "Start from a template (`stance template`): row 1 must hold the column names.")
        header = frame.iloc[0].tolist()
        frame = frame.iloc[1:]
        frame.index = frame.index - 1
    return _finish(header, frame, path, read_problems=problems, encoding=enc, delimiter=sep)


# --------------------------------------------------------------------------- XLSX

def _cell_text(value: object) -> object:
    """Text of an XLSX cell value (cells formatted as dates become ISO dates; a formula stays its text, '=...')."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, dt.timedelta)):
        return str(value)
    text = getattr(value, "text", None)  # array formulas
    return str(text if text is not None else value)


def _merged_ranges(ws: object) -> list[tuple[int, int, int, int, str]]:
    """Merged cell ranges of a read-only worksheet: (first col, first row, last col, last row, 'A1:B1'), 0-based columns."""
    try:
        source = ws._get_source()  # type: ignore[attr-defined]
    except Exception:  # pragma: no cover - openpyxl internals changed
        return []
    found = []
    tail = b""
    with source:
        while True:
            chunk = source.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            for m in _MERGE_REF.finditer(data):
                c1, r1, c2, r2 = m.groups()
                found.append((_column_index(c1), int(r1), _column_index(c2), int(r2), f"{c1.decode()}{int(r1)}:{c2.decode()}{int(r2)}"))
            tail = data[-256:]  # a tag cut by the chunk boundary is found in the next round; repeats are dropped below
    return sorted(set(found), key=lambda r: (r[1], r[0]))


def _merge_problems(ranges: list[tuple[int, int, int, int, str]], header: list[object]) -> list[dict[str, object]]:
    problems = []
    for c1, r1, c2, r2, ref in ranges:
        name = header[c1] if c1 < len(header) and header[c1] is not None else column_letter(c1)
        top_left = ref.split(":")[0]
        if r1 == 1:
            problems.append({"row": 1, "column": str(name), "value": ref,
                             "problem": f"header cells {ref} are merged: unmerge them and give each column its own name in row 1"})
        else:
            problems.append({"row": r1, "column": str(name), "value": ref,
                             "problem": f"cells {ref} are merged, so only {top_left} holds a value: unmerge them and write the value in every cell"})
    return problems


def read_xlsx_sheet(path: Path, *, sheet: str | None = None) -> Sheet:
    """Read one worksheet of an XLSX workbook as text (formulas as their text; nothing evaluated)."""
    try:
        import openpyxl
    except ImportError:
        raise _fail(path, "is an Excel workbook, and reading it needs openpyxl.", "pip install 'stance-coding[xlsx]'") from None
    damaged = ("Open it in your spreadsheet program (which may offer to repair it) and save it again as .xlsx, or export CSV UTF-8; "
               "if it was sent to you, ask for it again.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except zipfile.BadZipFile:
        raise _fail(path, "is a damaged or truncated .xlsx workbook (its ZIP structure cannot be read).", damaged) from None
    except Exception as exc:  # untrusted input: any parser failure is a damaged file, never a crash
        raise _fail(path, f"is a damaged .xlsx workbook ({type(exc).__name__}: {exc}).", damaged) from None
    try:
        names = wb.sheetnames
        if sheet is None:
            from stance.coding.layout import CODINGS_SHEET

            preferred = [n for n in names if n.strip().lower() == CODINGS_SHEET] or [n for n in names if n.strip().lower() == "decisions"]
            visible = [ws.title for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
            if preferred:
                sheet = preferred[0]
            elif len(names) == 1:
                sheet = names[0]
            elif len(visible) == 1:
                sheet = visible[0]
            else:
                raise _fail(path, f"has {len(names)} worksheets ({', '.join(names)}) and none is named 'codings'.",
                            "Name the worksheet with the codings 'codings', or choose it with --sheet NAME.")
        if sheet not in names:
            raise _fail(path, f"has no worksheet {sheet!r} (it has {', '.join(names)}).", "Give one of these names to --sheet.")
        metadata = _read_metadata(wb, sheet)
        ws = wb[sheet]
        if not hasattr(ws, "iter_rows"):
            raise _fail(path, f"worksheet {sheet!r} is a chart, not a table.", "Choose the worksheet with the codings with --sheet NAME.")
        ws.reset_dimensions()  # never trust the stored dimension: read every row and column there is
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            records = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
            merged = _merged_ranges(ws)
    except SheetReadError:
        raise
    except Exception as exc:
        raise _fail(path, f"is a damaged .xlsx workbook ({type(exc).__name__}: {exc}).", damaged) from None
    finally:
        wb.close()
    if not records:
        raise _fail(path, f"worksheet {sheet!r} is empty.", "Fill in the sheet from a template (`stance template`).")
    header = list(records[0])
    width = max(len(r) for r in records)
    header += [None] * (width - len(header))
    frame = pd.DataFrame([r + [None] * (width - len(r)) for r in records[1:]], columns=range(width), dtype=object)
    return _finish(header, frame, path, read_problems=_merge_problems(merged, header), sheet_name=sheet, metadata=metadata)


def _read_metadata(wb: object, sheet: str) -> dict[str, str]:
    from stance.coding.layout import META_SHEET

    if META_SHEET not in wb.sheetnames or sheet == META_SHEET:  # type: ignore[attr-defined]
        return {}
    out = {}
    for row in wb[META_SHEET].iter_rows(values_only=True):  # type: ignore[index]
        if len(row) >= 2 and row[0] is not None and row[1] is not None:
            out[str(row[0]).strip()] = str(_cell_text(row[1])).strip()
    return out


# --------------------------------------------------------------------------- Parquet

def read_parquet_sheet(path: Path) -> Sheet:
    """Read a Parquet file as text (dates as YYYY-MM-DD)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(str(path))
        columns = {}
        for i, name in enumerate(table.column_names):
            col = table.column(i)
            values = col.to_pandas().astype("string") if pa.types.is_dictionary(col.type) else col.cast(pa.string()).to_pandas()
            columns[i] = values
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise _fail(path, f"is not a readable Parquet file ({exc}).", "Write it again with pandas.DataFrame.to_parquet, or hand in CSV.") from None
    frame = pd.DataFrame(columns).astype(object)
    frame = frame.where(frame.notna(), None)
    return _finish(list(table.column_names), frame, path)


# --------------------------------------------------------------------------- dispatch

def _zip_kind(path: Path) -> str:
    """'xlsx', or what else a ZIP file is ('an OpenDocument spreadsheet (.ods)', ...); 'damaged' when unreadable."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return "damaged"
    if "xl/workbook.xml" in names or any(n.endswith("workbook.xml") for n in names if n.startswith("xl/")):
        return "xlsx"
    if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
        return "an OpenDocument spreadsheet (.ods)"
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        return "an OpenDocument document, not a spreadsheet"
    if "word/document.xml" in names:
        return "a Word document (.docx), not a spreadsheet"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation (.pptx), not a spreadsheet"
    return "a ZIP archive, not a workbook"


def read_sheet(path: str | Path, *, encoding: str | None = None, delimiter: str | None = None, sheet: str | None = None) -> Sheet:
    """Read a coder's file, choosing the reader from its content (not its extension).

    Raises
    ------
    SheetReadError
        The file is missing, empty, not a spreadsheet, encrypted, damaged, or
        cannot be decoded; the message names the file and the remedy.
    """
    path = Path(path)
    if not path.exists():
        raise _fail(path, "does not exist.", "Check the path.")
    if path.is_dir():
        raise _fail(path, "is a folder, not a file.", "Give the path of the sheet itself.")
    if path.stat().st_size == 0:
        raise _fail(path, "is empty (0 bytes).", "Hand in the filled sheet; start from `stance template` if you have none.")
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(PARQUET_MAGIC):
        return read_parquet_sheet(path)
    if head.startswith(XLSX_MAGIC):
        kind = _zip_kind(path)
        if kind == "xlsx":
            return read_xlsx_sheet(path, sheet=sheet)
        if kind == "damaged":
            raise _fail(path, "is a damaged or truncated .xlsx workbook (its ZIP structure cannot be read).",
                        "Open it in your spreadsheet program (which may offer to repair it) and save it again as .xlsx, or export CSV UTF-8; "
                        "if it was sent to you, ask for it again.")
        if kind.startswith("an OpenDocument spreadsheet"):
            raise _fail(path, f"is {kind}.", "Save it as .xlsx or as CSV UTF-8 (LibreOffice: File > Save As).")
        raise _fail(path, f"is {kind}.", "Hand in the coding sheet as .xlsx, .csv or .parquet.")
    if head.startswith(OLE_MAGIC):
        with open(path, "rb") as fh:
            body = fh.read(64 << 20)
        if _ENCRYPTED_STREAM in body:
            raise _fail(path, "is a password-protected (encrypted) workbook: it cannot be read without the password.",
                        "Open it, remove the password (Excel: File > Info > Protect Workbook > Encrypt with Password, clear it) and save it, or export CSV UTF-8.")
        raise _fail(path, "is an old binary Excel (.xls) workbook or another Office 97-2003 file.", "Save it as .xlsx or as CSV UTF-8.")
    if path.suffix.lower() == ".parquet":
        raise _fail(path, "is named .parquet but is not a Parquet file.", "Hand in the file your program wrote, or save the sheet as CSV UTF-8 with a .csv name.")
    for magic, what in NOT_SPREADSHEETS.items():
        if head.startswith(magic):
            raise _fail(path, f"is {what}, not a spreadsheet.", "Hand in the coding sheet as .csv, .xlsx or .parquet.")
    text_start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text_start.startswith((b"<!doctype html", b"<html", b"<table")):
        raise _fail(path, "is a web page (HTML), not a spreadsheet; some programs save HTML under a spreadsheet name.",
                    "Open it in your spreadsheet program and save it as .xlsx or CSV UTF-8.")
    if text_start.startswith(b"<?xml"):
        raise _fail(path, "is an XML file, not a spreadsheet format stance reads.", "Save it as .xlsx or CSV UTF-8.")
    utf16 = any(head.startswith(b) for b in (b"\xff\xfe", b"\xfe\xff")) or (len(head) >= 4 and head[1:2] == b"\x00" and head[3:4] == b"\x00")
    if b"\x00" in head and not utf16 and not encoding:
        raise _fail(path, "is a binary file, not a spreadsheet.", "Hand in the coding sheet as .csv, .xlsx or .parquet.")
    return read_csv_sheet(path, encoding=encoding, delimiter=delimiter)


__all__ = ["Sheet", "read_sheet", "read_csv_sheet", "read_xlsx_sheet", "read_parquet_sheet", "column_letter"]
