"""`stance validate` on good and bad coding sheets: exact messages, spreadsheet rows, exit codes, input untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from stance.cli import main

from conftest import HEADER, sha256, valid_rows


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def write_csv(path: Path, df: pd.DataFrame, **kwargs) -> Path:
    df.to_csv(path, index=False, **kwargs)
    return path


def check(capsys, path: Path, *extra: str) -> tuple[int, str, str]:
    before = sha256(path)
    result = run(capsys, "validate", str(path), *extra)
    assert sha256(path) == before, "the input file was modified"
    return result


def test_valid_sheet_exits_0(capsys, valid_sheet):
    code, out, _ = check(capsys, valid_sheet)
    assert code == 0 and "valid (3 coding rows)" in out


def test_five_different_errors_all_reported_with_sheet_rows(capsys, tmp_path):
    df = valid_rows(5)
    df.loc[0, "stance"] = "Support "          # row 2: label with a trailing space
    df.loc[1, "actor_id"] = "KAZAKHSTAN"      # row 3: unknown actor
    df.loc[2, "event_id"] = "crimea-2015"     # row 4: unknown event
    df.loc[3, "confidence"] = "very high"     # row 5: unknown confidence
    df.loc[4, "coded_on"] = "24/11/2026"      # row 6: not an ISO date
    path = write_csv(tmp_path / "five.csv", df)
    code, out, _ = check(capsys, path, "--json")
    assert code == 1
    report = json.loads(out)
    got = {(p["row"], p["column"]) for p in report["problems"]}
    assert got == {(2, "stance"), (3, "actor_id"), (4, "event_id"), (5, "confidence"), (6, "coded_on")}
    by_col = {p["column"]: p["problem"] for p in report["problems"]}
    assert by_col["stance"] == "'Support ' is not a valid stance (oppose, hedge, support, neutral): write 'support' (labels are exact, lower case)"
    assert by_col["event_id"].startswith("'crimea-2015' is not a known event_id of the events table: did you mean 'crimea-2014'?")
    assert by_col["coded_on"] == "'24/11/2026' is not a date in YYYY-MM-DD form: write e.g. 2014-03-27 (dates are never guessed)"


@pytest.mark.parametrize("label,fix", [("Support ", "support"), ("SUPPORT", "support"), ("supports", "support"), ("Hedging", "hedge")])
def test_unknown_labels_suggest_the_closest_and_are_not_normalised(capsys, tmp_path, label, fix):
    df = valid_rows(1)
    df.loc[0, "stance"] = label
    code, out, _ = check(capsys, write_csv(tmp_path / "s.csv", df))
    assert code == 1 and f"write '{fix}'" in out and f"'{label}' is not a valid stance" in out


def test_misspelt_and_missing_columns(capsys, tmp_path):
    df = valid_rows(2).rename(columns={"stance": "stnace"}).drop(columns=["rationale"])
    code, out, _ = check(capsys, write_csv(tmp_path / "cols.csv", df))
    assert code == 1
    assert "column 'stnace' should be named 'stance': rename the header cell" in out
    assert "required column 'rationale' is missing: add it" in out


def test_duplicate_cells_name_both_rows(capsys, tmp_path):
    df = pd.concat([valid_rows(2), valid_rows(1)], ignore_index=True)
    code, out, _ = check(capsys, write_csv(tmp_path / "dup.csv", df))
    assert code == 1
    assert "dup.csv:4: column 'event_id,actor_id,coder_id': duplicate cell: coder test-coder coded crimea-2014 x KAZ on rows 2, 4; keep one row per cell" in out


def test_empty_file_exits_2(capsys, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    code, _, err = check(capsys, path)
    assert code == 2 and "is empty (0 bytes)" in err and "Remedy:" in err


def test_header_only_file_exits_1(capsys, tmp_path):
    path = tmp_path / "header.csv"
    path.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    code, out, _ = check(capsys, path)
    assert code == 1 and "the sheet has a header but no coding rows" in out


def test_trailing_blank_rows_are_ignored_and_rows_keep_their_numbers(capsys, tmp_path):
    path = tmp_path / "blank.csv"
    body = valid_rows(2).to_csv(index=False)
    path.write_text(body + ",,,,,,,,,\n\n,,,,,,,,,\n", encoding="utf-8")
    code, out, _ = check(capsys, path)
    assert code == 0 and "valid (2 coding rows)" in out


def test_utf8_bom_reads_correctly(capsys, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + valid_rows().to_csv(index=False).encode("utf-8"))
    assert check(capsys, path)[0] == 0


def test_cp1251_file_names_the_encoding_option_then_reads_with_it(capsys, tmp_path):
    df = valid_rows(1)
    df.loc[0, "rationale"] = "Казахстан воздержался"
    path = tmp_path / "cyr.csv"
    path.write_bytes(df.to_csv(index=False).encode("cp1251"))
    code, _, err = check(capsys, path)
    assert code == 2 and "is not valid utf-8 text" in err and "--encoding cp1251" in err
    assert check(capsys, path, "--encoding", "cp1251")[0] == 0


def test_latin1_file_names_the_encoding_option(capsys, tmp_path):
    df = valid_rows(1)
    df.loc[0, "rationale"] = "Pays neutre à l'époque"
    path = tmp_path / "latin.csv"
    path.write_bytes(df.to_csv(index=False).encode("latin-1"))
    code, _, err = check(capsys, path)
    assert code == 2 and "--encoding latin-1" in err
    assert check(capsys, path, "--encoding", "latin-1")[0] == 0


def test_utf16_with_bom_reads_correctly(capsys, tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes(valid_rows().to_csv(index=False, sep="\t").encode("utf-16"))
    assert check(capsys, path)[0] == 0


def test_semicolon_csv_as_european_excel_writes_it(capsys, tmp_path):
    path = tmp_path / "semi.csv"
    path.write_bytes(valid_rows().to_csv(index=False, sep=";", lineterminator="\r\n").encode("utf-8-sig"))
    assert check(capsys, path)[0] == 0


def test_excel_date_serial_in_csv_is_reported_with_its_date(capsys, tmp_path):
    df = valid_rows(1)
    df.loc[0, "coded_on"] = "46350"
    code, out, _ = check(capsys, write_csv(tmp_path / "serial.csv", df))
    assert code == 1 and "'46350' looks like an Excel date serial number (2026-11-24): format the cell as text and write 2026-11-24" in out


def test_xlsx_with_real_dates_and_serial_numbers(capsys, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "codings"
    ws.append(HEADER)
    rows = valid_rows(2).values.tolist()
    rows[0][-1] = dt.datetime(2026, 11, 24)   # a real Excel date: read as 2026-11-24
    rows[1][-1] = 46350                        # a bare serial number: reported
    for r in rows:
        ws.append(r)
    path = tmp_path / "sheet.xlsx"
    wb.save(path)
    code, out, _ = check(capsys, path)
    assert code == 1
    assert "sheet.xlsx:3: column 'coded_on': '46350' looks like an Excel date serial number (2026-11-24)" in out
    assert "sheet.xlsx:2" not in out


def test_unreadable_inputs_exit_2_without_traceback(capsys, tmp_path):
    png = tmp_path / "picture.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, _, err = check(capsys, png)
    assert code == 2 and "binary file, not a spreadsheet" in err
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    code, _, err = check(capsys, broken)
    assert code == 2 and "not a readable .xlsx workbook" in err
    code, _, err = run(capsys, "validate", str(tmp_path / "missing.csv"))
    assert code == 2 and "does not exist" in err


def test_parquet_sheet(capsys, tmp_path):
    path = tmp_path / "s.parquet"
    valid_rows().to_parquet(path, index=False)
    assert check(capsys, path)[0] == 0


def test_wrong_call_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == 2


@pytest.mark.slow
def test_one_million_rows_validate_and_every_error_is_reported(capsys, tmp_path):
    n = 1_000_000
    events = pd.Series([f"crimea-2014"] * n)
    df = pd.DataFrame({
        "event_id": events, "actor_id": "KAZ", "coder_id": pd.Series(range(n)).map(lambda i: f"coder-{i}"),
        "stance": "hedge", "confidence": "low", "source_id": "fedorova-2024", "locator": "x", "excerpt": "y",
        "rationale": "z", "coded_on": "2026-11-24"})
    df.loc[[10, 999_998], "stance"] = "Hedge"
    path = write_csv(tmp_path / "big.csv", df)
    code, out, _ = check(capsys, path, "--json")
    report = json.loads(out)
    assert code == 1 and report["rows"] == n
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(12, "stance"), (1_000_000, "stance")]
