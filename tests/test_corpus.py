"""The corpus of coders' sheets (tests/corpus, built by tests/corpus/make_corpus.py): exact messages, exit codes, input bytes unchanged.

Every file is run through `stance validate` (``stance.cli.main``, and a few
through ``python -m stance`` in a subprocess); the whole output (stdout for
exit codes 0 and 1, stderr for 2) must equal the expected lines, with
``{file}`` standing for the path given, and the file's sha256 must be the
same afterwards. The 1,000,000-row CSV is generated into a temporary folder.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from stance.cli import main

from conftest import sha256

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))
import make_corpus  # noqa: E402


@dataclass
class Case:
    name: str
    args: list[str]
    exit_code: int
    lines: list[str]

    @property
    def id(self) -> str:
        return self.name + ("[" + " ".join(self.args) + "]" if self.args else "")


CASES = [
    Case('blank_lines_only.csv', [], 2, [
        'Error: {file}: has no header row (it holds only blank lines). Remedy: Start from a template (`stance template`): row 1 must hold the column names.',
    ]),
    Case('cp1251.csv', [], 2, [
        'Error: {file}: is not valid UTF-8 text: line 2 has the byte 0xca, which UTF-8 does not allow. Remedy: It looks like Cyrillic Windows text (cp1251), in which that part of the line reads \' test value, not a quotation",Казахстан воздержался при голо\': run again with --encoding cp1251, or save the sheet as \'CSV UTF-8\' in your spreadsheet program.',
    ]),
    Case('cp1251.csv', ['--encoding', 'cp1251'], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('cp1252_smart_quotes.csv', [], 2, [
        'Error: {file}: is not valid UTF-8 text: line 4 has the byte 0x92, which UTF-8 does not allow. Remedy: It looks like Western European text (cp1252, the Windows superset of latin-1), in which that part of the line reads \'value, not a quotation",France’s “no” – a test value,2026-11\': run again with --encoding cp1252, or save the sheet as \'CSV UTF-8\' in your spreadsheet program.',
    ]),
    Case('cp1252_smart_quotes.csv', ['--encoding', 'cp1252'], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('damaged_sheet_xml.xlsx', [], 2, [
        'Error: {file}: is a damaged .xlsx workbook (ParseError: no element found: line 1, column 91). Remedy: Open it in your spreadsheet program (which may offer to repair it) and save it again as .xlsx, or export CSV UTF-8; if it was sent to you, ask for it again.',
    ]),
    Case('dates_as_text.csv', [], 1, [
        "{file}:2: column 'coded_on': '24/11/2026' is not a date in YYYY-MM-DD form: if it means 24 November 2026, write 2026-11-24 (dates are never guessed)",
        "{file}:3: column 'coded_on': '11/24/2026' is not a date in YYYY-MM-DD form: if it means 24 November 2026, write 2026-11-24 (dates are never guessed)",
        "{file}:4: column 'coded_on': '03/04/2026' is not a date in YYYY-MM-DD form and could mean 3 April 2026 or 4 March 2026: write the one you mean as YYYY-MM-DD (dates are never guessed)",
        "{file}:5: column 'coded_on': '24 Nov 2026' is not a date in YYYY-MM-DD form: if it means 24 November 2026, write 2026-11-24 (dates are never guessed)",
        "{file}:6: column 'coded_on': '24-11-26' is not a date in YYYY-MM-DD form and its year has two digits: write the full date as YYYY-MM-DD (dates are never guessed)",
        '{file}: 5 problem(s) in 5 coding rows.',
    ]),
    Case('dates_excel_serial.xlsx', [], 1, [
        "{file}:3: column 'coded_on': '46350' looks like an Excel date serial number (2026-11-24): format the cell as text and write 2026-11-24 (dates are never guessed)",
        "{file}:4: column 'coded_on': '2026-11-24 13:45:00' has a time of day: write the date alone, 2026-11-24",
        '{file}: 2 problem(s) in 3 coding rows.',
    ]),
    Case('document.docx', [], 2, [
        'Error: {file}: is a Word document (.docx), not a spreadsheet. Remedy: Hand in the coding sheet as .xlsx, .csv or .parquet.',
    ]),
    Case('document.pdf', [], 2, [
        'Error: {file}: is a PDF document, not a spreadsheet. Remedy: Hand in the coding sheet as .csv, .xlsx or .parquet.',
    ]),
    Case('duplicate_column.csv', [], 1, [
        "{file}:1: column 'stance': column 'stance' appears twice, in columns D and K: keep one of them (delete or rename the other)",
        '{file}: 1 problem(s) in 3 coding rows.',
    ]),
    Case('encrypted.xlsx', [], 2, [
        'Error: {file}: is a password-protected (encrypted) workbook: it cannot be read without the password. Remedy: Open it, remove the password (Excel: File > Info > Protect Workbook > Encrypt with Password, clear it) and save it, or export CSV UTF-8.',
    ]),
    Case('extra_columns.csv', [], 1, [
        "{file}:1: column 'notes': unknown column 'notes': remove it or rename it to one of event_id, actor_id, coder_id, stance, confidence, source_id, locator, excerpt, rationale, coded_on (a template's context columns event_title, event_start, event_end, actor_name and codebook_version may stay)",
        "{file}:1: column 'Coder comments': unknown column 'Coder comments': remove it or rename it to one of event_id, actor_id, coder_id, stance, confidence, source_id, locator, excerpt, rationale, coded_on (a template's context columns event_title, event_start, event_end, actor_name and codebook_version may stay)",
        '{file}: 2 problem(s) in 3 coding rows.',
    ]),
    Case('formula_in_csv.csv', [], 1, [
        '{file}:3: column \'rationale\': \'=HYPERLINK("http://example.invalid","see")\' is a formula (it starts with \'=\'), not a value: write the value itself (copy the cells, then paste as values)',
        '{file}: 1 problem(s) in 3 coding rows.',
    ]),
    Case('formulas.xlsx', [], 1, [
        "{file}:2: column 'coded_on': '=TODAY()' is a formula (it starts with '='), not a value: write the value itself (copy the cells, then paste as values)",
        '{file}:3: column \'stance\': \'=LOWER("HEDGE")\' is a formula (it starts with \'=\'), not a value: write the value itself (copy the cells, then paste as values)',
        '{file}: 2 problem(s) in 3 coding rows.',
    ]),
    Case('header_only.csv', [], 1, [
        '{file}: the sheet has a header but no coding rows: add one row per coded event x actor cell',
        '{file}: 1 problem(s) in 0 coding rows.',
    ]),
    Case('hidden_rows.xlsx', [], 1, [
        "{file}:4: column 'stance': 'Support' is not a valid stance (oppose, hedge, support, neutral): write 'support' (labels are exact, lower case)",
        '{file}: 1 problem(s) in 5 coding rows.',
    ]),
    Case('labels_wrong_case.csv', [], 1, [
        "{file}:2: column 'stance': 'Support ' is not a valid stance (oppose, hedge, support, neutral): write 'support' (labels are exact, lower case)",
        "{file}:3: column 'stance': 'HEDGE' is not a valid stance (oppose, hedge, support, neutral): write 'hedge' (labels are exact, lower case)",
        "{file}:4: column 'stance': 'opposed' is not a valid stance (oppose, hedge, support, neutral): write 'oppose' (labels are exact, lower case)",
        "{file}:4: column 'confidence': 'High' is not a valid confidence (low, medium, high): write 'high' (labels are exact, lower case)",
        '{file}: 4 problem(s) in 3 coding rows.',
    ]),
    Case('latin1.csv', [], 2, [
        'Error: {file}: is not valid UTF-8 text: line 3 has the byte 0xe0, which UTF-8 does not allow. Remedy: It looks like Western European text (cp1252, the Windows superset of latin-1), in which that part of the line reads \'tation",Position de la France à l\'époque,2026-11-24\': run again with --encoding cp1252, or save the sheet as \'CSV UTF-8\' in your spreadsheet program.',
    ]),
    Case('latin1.csv', ['--encoding', 'latin-1'], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('latin1.csv', ['--encoding', 'cp1252'], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('letter.txt', [], 1, [
        "{file}:1: row 1 has none of the column names of a coding sheet (event_id, actor_id, coder_id, stance, confidence, source_id, locator, excerpt, rationale, coded_on); it has 'Dear adjudicator': this does not look like a coding sheet (if the values are separated by another character than comma, semicolon or tab, give it with --delimiter); start from `stance template`",
        '{file}: 1 problem(s) in 0 coding rows.',
    ]),
    Case('merged_header.xlsx', [], 1, [
        "{file}:1: column 'event_id': header cells A1:B1 are merged: unmerge them and give each column its own name in row 1",
        "{file}:1: column '(no name, column B)': column B has values (from row 2) but no name in row 1: give it one of the column names, or delete the column",
        "{file}:1: column 'actor_id': required column 'actor_id' is missing: add it (the columns are event_id, actor_id, coder_id, stance, confidence, source_id, locator, excerpt, rationale, coded_on)",
        '{file}: 3 problem(s) in 3 coding rows.',
    ]),
    Case('misnamed_columns.csv', [], 1, [
        "{file}:1: column 'Event_ID': column 'Event_ID' should be named 'event_id': rename the header cell (column names are exact, lower case)",
        "{file}:1: column 'actor_id ': column 'actor_id ' should be named 'actor_id': rename the header cell (column names are exact, lower case)",
        "{file}:1: column 'stnace': column 'stnace' should be named 'stance': rename the header cell (column names are exact, lower case)",
        '{file}: 3 problem(s) in 3 coding rows.',
    ]),
    Case('missing_columns.csv', [], 1, [
        "{file}:1: column 'rationale': required column 'rationale' is missing: add it (the columns are event_id, actor_id, coder_id, stance, confidence, source_id, locator, excerpt, rationale, coded_on)",
        "{file}:1: column 'coded_on': required column 'coded_on' is missing: add it (the columns are event_id, actor_id, coder_id, stance, confidence, source_id, locator, excerpt, rationale, coded_on)",
        '{file}: 2 problem(s) in 3 coding rows.',
    ]),
    Case('named_parquet.parquet', [], 2, [
        'Error: {file}: is named .parquet but is not a Parquet file. Remedy: Hand in the file your program wrote, or save the sheet as CSV UTF-8 with a .csv name.',
    ]),
    Case('numbers_as_text.xlsx', [], 1, [
        "{file}:2: column 'coded_on': '46350' looks like an Excel date serial number (2026-11-24): format the cell as text and write 2026-11-24 (dates are never guessed)",
        "{file}:3: column 'confidence': '3' is not a valid confidence (low, medium, high): use one of: low, medium, high (labels are exact, lower case)",
        "{file}:4: column 'confidence': '2' is not a valid confidence (low, medium, high): use one of: low, medium, high (labels are exact, lower case)",
        '{file}: 3 problem(s) in 3 coding rows.',
    ]),
    Case('old_binary.xls', [], 2, [
        'Error: {file}: is an old binary Excel (.xls) workbook or another Office 97-2003 file. Remedy: Save it as .xlsx or as CSV UTF-8.',
    ]),
    Case('old_mac_cr.csv', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('picture.csv', [], 2, [
        'Error: {file}: is a PNG image, not a spreadsheet. Remedy: Hand in the coding sheet as .csv, .xlsx or .parquet.',
    ]),
    Case('pipe_delimited.csv', [], 1, [
        "{file}:1: the columns are separated by '|', not by comma, semicolon or tab: run again with --delimiter '|'",
        '{file}: 1 problem(s) in 0 coding rows.',
    ]),
    Case('pipe_delimited.csv', ['--delimiter', '|'], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('protected.xlsx', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('ragged_unquoted_comma.csv', [], 1, [
        '{file}:2: this row has 11 values but the header names 10 columns: a value that contains the delimiter (comma) must be enclosed in double quotes; save the sheet from a spreadsheet program, which adds them',
        '{file}:3: this row has 11 values but the header names 10 columns: a value that contains the delimiter (comma) must be enclosed in double quotes; save the sheet from a spreadsheet program, which adds them',
        '{file}:4: this row has 12 values but the header names 10 columns: a value that contains the delimiter (comma) must be enclosed in double quotes; save the sheet from a spreadsheet program, which adds them',
        '{file}: 3 problem(s) in 0 coding rows.',
    ]),
    Case('reordered_columns.csv', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('semicolon.csv', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('several_sheets_none_named_codings.xlsx', [], 2, [
        "Error: {file}: has 2 worksheets (Sheet1, Sheet2) and none is named 'codings'. Remedy: Name the worksheet with the codings 'codings', or choose it with --sheet NAME.",
    ]),
    Case('several_sheets_none_named_codings.xlsx', ['--sheet', 'Sheet1'], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('several_sheets_with_codings.xlsx', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('spreadsheet.ods', [], 2, [
        'Error: {file}: is an OpenDocument spreadsheet (.ods). Remedy: Save it as .xlsx or as CSV UTF-8 (LibreOffice: File > Save As).',
    ]),
    Case('tab.tsv', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('title_row_above_header.xlsx', [], 1, [
        '{file}:1: the column names are in row 2, not in row 1: delete the rows above them so that the header is row 1',
        '{file}: 1 problem(s) in 0 coding rows.',
    ]),
    Case('trailing_blank_rows_and_columns.csv', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('trailing_blank_rows_and_columns.xlsx', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('truncated.xlsx', [], 2, [
        'Error: {file}: is a damaged or truncated .xlsx workbook (its ZIP structure cannot be read). Remedy: Open it in your spreadsheet program (which may offer to repair it) and save it again as .xlsx, or export CSV UTF-8; if it was sent to you, ask for it again.',
    ]),
    Case('unclosed_quote.csv', [], 2, [
        'Error: {file}: row 2 (line 2) opens a double quote that is never closed, so the rest of the file would be read as one value. Remedy: Close the quote, or write a double quote inside a value as two double quotes (""); a spreadsheet program does this when it saves CSV.',
    ]),
    Case('utf16be_bom.csv', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('utf16le_excel_unicode_text.txt', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('utf8_bom.csv', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('utf8_bom_semicolon_crlf.csv', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('webpage.xls', [], 2, [
        'Error: {file}: is a web page (HTML), not a spreadsheet; some programs save HTML under a spreadsheet name. Remedy: Open it in your spreadsheet program and save it as .xlsx or CSV UTF-8.',
    ]),
    Case('windows_crlf.csv', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('wrong_codebook_version.csv', [], 1, [
        "{file}:2: column 'codebook_version': rows 2-4 were made under codebook version 0.9.0, but the installed codebook is version 1.0.0: ask for a template made with this codebook (`stance template`) and copy your codings into it, or validate with the stance version that ships codebook 0.9.0",
        '{file}: 1 problem(s) in 3 coding rows.',
    ]),
    Case('wrong_dimension.xlsx', [], 0, [
        '{file}: valid (3 coding rows).',
    ]),
    Case('zero_bytes.csv', [], 2, [
        'Error: {file}: is empty (0 bytes). Remedy: Hand in the filled sheet; start from `stance template` if you have none.',
    ]),
]


def _run(capsys, path: Path, args: list[str]) -> tuple[int, str, str]:
    code = main(["validate", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_file_gives_the_exact_message_and_exit_code(capsys, case):
    path = CORPUS / case.name
    before = sha256(path)
    code, out, err = _run(capsys, path, case.args)
    assert sha256(path) == before, "the input file was modified"
    assert "Traceback" not in out + err
    assert code == case.exit_code
    shown, silent = (out, err) if code in (0, 1) else (err, out)
    assert shown.rstrip("\n").split("\n") == [line.replace("{file}", str(path)) for line in case.lines]
    assert silent == ""


def test_the_corpus_has_every_required_kind_of_sheet():
    names = {c.name for c in CASES}
    on_disk = {p.name for p in CORPUS.iterdir() if p.name != "make_corpus.py" and not p.name.startswith(("__", "."))}
    assert names == on_disk, "every corpus file has an expected message, and every expected message a file"
    assert len(on_disk) >= 25


@pytest.mark.parametrize("name", ["utf8_bom.csv", "encrypted.xlsx", "ragged_unquoted_comma.csv"])
def test_python_dash_m_stance_gives_the_same_result(name):
    case = next(c for c in CASES if c.name == name and not c.args)
    path = CORPUS / name
    before = sha256(path)
    proc = subprocess.run([sys.executable, "-m", "stance", "validate", str(path)], capture_output=True, text=True)
    assert sha256(path) == before
    assert proc.returncode == case.exit_code
    shown = proc.stdout if proc.returncode in (0, 1) else proc.stderr
    assert shown.rstrip("\n").split("\n") == [line.replace("{file}", str(path)) for line in case.lines]


def test_json_report_of_a_corpus_file(capsys):
    path = CORPUS / "labels_wrong_case.csv"
    code, out, _ = _run(capsys, path, ["--json"])
    report = json.loads(out)
    assert code == 1 and report["valid"] is False and report["rows"] == 3 and report["not_coded"] == 0
    assert [(p["row"], p["column"], p["value"]) for p in report["problems"]] == [
        (2, "stance", "Support "), (3, "stance", "HEDGE"), (4, "stance", "opposed"), (4, "confidence", "High")]


def test_make_corpus_rebuilds_the_committed_files(tmp_path):
    """Text files byte for byte; workbooks by their members (openpyxl versions may word docProps differently)."""
    names = make_corpus.build(tmp_path)
    for name in names:
        new, old = (tmp_path / name).read_bytes(), (CORPUS / name).read_bytes()
        if new[:4] == b"PK\x03\x04" and old[:4] == b"PK\x03\x04" and zipfile.is_zipfile(io.BytesIO(old)):
            a, b = zipfile.ZipFile(io.BytesIO(new)), zipfile.ZipFile(io.BytesIO(old))
            assert a.namelist() == b.namelist(), name
            for member in a.namelist():
                if member.startswith("xl/worksheets/"):
                    assert a.read(member) == b.read(member), (name, member)
        else:
            assert new == old, name


@pytest.mark.slow
def test_one_million_row_csv_every_error_reported_input_unchanged(capsys, tmp_path):
    """1,000,000 rows: the two errors (one near the start, one in the last row) are reported at their spreadsheet rows."""
    n = 1_000_000
    path = tmp_path / "million.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(make_corpus.HEADER) + "\n")
        template = "crimea-2014,KAZ,coder-{i},{stance},low,fedorova-2024,x,y,z,2026-11-24\n"
        fh.writelines(template.format(i=i, stance="Hedge" if i in (10, n - 1) else "hedge") for i in range(n))
    before = sha256(path)
    code, out, err = _run(capsys, path, ["--json"])
    assert sha256(path) == before
    report = json.loads(out)
    assert code == 1 and report["rows"] == n and err == ""
    assert [(p["row"], p["column"], p["value"]) for p in report["problems"]] == [(12, "stance", "Hedge"), (n + 1, "stance", "Hedge")]


# ---------------------------------------------------------------- property tests: no crash, no lost row

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CELL_TEXT = st.one_of(st.text(alphabet=list("ab,;\t\"' \n\r=-КЖé€"), max_size=8),
                      st.sampled_from(["crimea-2014", "KAZ", "hedge", "Support", "2026-11-24", "", " "]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx", ".parquet", ".txt", ".xls"]),
       prefix=st.sampled_from([b"", b"PK\x03\x04", b"PAR1", b"\xef\xbb\xbf", b"\xff\xfe", bytes.fromhex("D0CF11E0A1B11AE1")]))
def test_any_bytes_give_exit_0_1_or_2_and_stay_unchanged(capsys, tmp_path, data, suffix, prefix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(prefix + data)
    before = sha256(path)
    code, out, err = _run(capsys, path, [])
    assert code in (0, 1, 2), err
    assert "Internal error" not in err and "Traceback" not in out + err
    assert sha256(path) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.lists(st.lists(CELL_TEXT, min_size=10, max_size=10), min_size=1, max_size=15), sep=st.sampled_from([",", ";", "\t"]))
def test_every_non_blank_row_of_a_well_formed_csv_is_accounted_for(tmp_path, table, sep):
    """Rows written by the csv module (any text, quoted as needed) are all read: coded, not coded or reported, never lost."""
    import csv

    from stance.coding.sheets import read_sheet
    from stance.coding.validate import check_sheet

    path = tmp_path / "sheet.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=sep)
        writer.writerow(make_corpus.HEADER)
        writer.writerows(table)
    non_blank = sum(1 for row in table if any(v.strip() for v in row))
    report = check_sheet(read_sheet(path, delimiter=sep))
    assert report.n_rows + len(report.not_coded_rows) == non_blank
    assert sorted(report.sheet.rows.tolist()) == report.sheet.rows.tolist()
