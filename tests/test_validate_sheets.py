"""`stance validate` on good and bad coding sheets: exact messages, spreadsheet rows, exit codes, input untouched.

Encodings, delimiters, line endings, unreadable and foreign files, workbooks
and the 1,000,000-row sheet are in the corpus (tests/test_corpus.py).
"""

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
    assert by_col["coded_on"] == "'24/11/2026' is not a date in YYYY-MM-DD form: if it means 24 November 2026, write 2026-11-24 (dates are never guessed)"


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




def test_trailing_blank_rows_are_ignored_and_rows_keep_their_numbers(capsys, tmp_path):
    path = tmp_path / "blank.csv"
    body = valid_rows(2).to_csv(index=False)
    path.write_text(body + ",,,,,,,,,\n\n,,,,,,,,,\n", encoding="utf-8")
    code, out, _ = check(capsys, path)
    assert code == 0 and "valid (2 coding rows)" in out







def test_excel_date_serial_in_csv_is_reported_with_its_date(capsys, tmp_path):
    df = valid_rows(1)
    df.loc[0, "coded_on"] = "46350"
    code, out, _ = check(capsys, write_csv(tmp_path / "serial.csv", df))
    assert code == 1 and "'46350' looks like an Excel date serial number (2026-11-24): format the cell as text and write 2026-11-24" in out




def test_parquet_sheet(capsys, tmp_path):
    path = tmp_path / "s.parquet"
    valid_rows().to_parquet(path, index=False)
    assert check(capsys, path)[0] == 0


def test_wrong_call_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == 2


def test_rows_left_blank_are_counted_as_not_coded_never_dropped(capsys, tmp_path):
    df = valid_rows(5)
    for i in (1, 3):  # cells the coder found no evidence for: ids kept, coding columns blank
        df.loc[i, ["stance", "confidence", "source_id", "locator", "excerpt", "rationale", "coded_on"]] = ""
    path = write_csv(tmp_path / "partly.csv", df)
    code, out, _ = check(capsys, path)
    assert code == 0
    assert out.splitlines() == [
        f"{path}: valid (3 coding rows).",
        f"{path}: 2 rows not coded (stance and evidence blank): rows 3, 5. A blank row is a cell not coded "
        "(no source gives evidence, or not done yet); it is not a coding and `stance merge` leaves it out.",
    ]
    code, out, _ = check(capsys, path, "--json")
    report = json.loads(out)
    assert (report["rows"], report["not_coded"], report["not_coded_rows"]) == (3, 2, [3, 5])


def test_a_partly_filled_row_is_a_problem_not_a_blank_row(capsys, tmp_path):
    df = valid_rows(2)
    df.loc[1, ["excerpt", "rationale"]] = ""
    code, out, _ = check(capsys, write_csv(tmp_path / "partial.csv", df))
    assert code == 1
    assert "partial.csv:3: column 'excerpt': empty cell: fill it in (or clear the whole row if no source gives evidence for this cell)" in out
    assert "partial.csv:3: column 'rationale': empty cell: fill it in" in out


def test_template_context_columns_are_accepted_and_ignored(capsys, tmp_path):
    df = valid_rows(2)
    df.insert(3, "event_title", ["anything the coder sees", None])
    df.insert(4, "event_start", ["2014", "not checked"])
    df.insert(5, "event_end", [None, None])
    df.insert(6, "actor_name", ["Kazakhstan", "France"])
    df["codebook_version"] = "1.0.0"
    code, out, _ = check(capsys, write_csv(tmp_path / "ctx.csv", df))
    assert code == 0 and "valid (2 coding rows)" in out


def test_un_vote_codings_need_the_vote_and_roll_call_form(capsys, tmp_path):
    df = valid_rows(2)
    df.loc[0, ["source_id", "locator", "excerpt"]] = ["unga-voeten", "rcid 5047", "vote: abstain (Kazakhstan)"]
    df.loc[1, ["source_id", "locator", "excerpt"]] = ["unga-voeten", "A/RES/68/262", "Kazakhstan abstained"]
    code, out, _ = check(capsys, write_csv(tmp_path / "votes.csv", df))
    assert code == 1
    lines = [l for l in out.splitlines() if ":3:" in l]
    assert lines == [
        f"{tmp_path / 'votes.csv'}:3: column 'locator': a coding from UN vote data (unga-voeten) needs the locator 'rcid N' (the roll-call id, e.g. rcid 5047): write it so",
        f"{tmp_path / 'votes.csv'}:3: column 'excerpt': a coding from UN vote data (unga-voeten) needs the excerpt 'vote: yes|abstain|no (Country)' "
        "(the recorded vote, e.g. vote: abstain (Kazakhstan)): write it so",
    ]


def test_excerpts_are_checked_against_a_fixture_source_text(capsys, tmp_path):
    """--texts: each excerpt must be in its source's text (whitespace aside); a changed text is refused by its sha256."""
    import hashlib

    texts = tmp_path / "texts"
    texts.mkdir()
    text = "A fixture text written for this test.\nIts second sentence\n  spans two lines.\n"
    (texts / "fixture.txt").write_text(text, encoding="utf-8")
    sources = tmp_path / "sources.csv"
    pd.DataFrame({"source_id": ["fixture-text"], "kind": ["web_article"], "file_name": ["fixture.txt"],
                  "text_sha256": [hashlib.sha256(text.encode()).hexdigest()]}).to_csv(sources, index=False)
    df = valid_rows(3)
    df["source_id"] = "fixture-text"
    df.loc[0, "excerpt"] = "Its second sentence spans two lines."   # whitespace differs: found
    df.loc[1, "excerpt"] = "A fixture text written for this test."  # found
    df.loc[2, "excerpt"] = "A fixture text written for that test."  # not in the text
    path = write_csv(tmp_path / "quoted.csv", df)
    code, out, _ = check(capsys, path, "--sources", str(sources), "--texts", str(texts))
    assert code == 1
    assert out.splitlines()[0] == (f"{path}:4: column 'excerpt': the excerpt is not in the text of fixture-text (fixture.txt): "
                                   "copy the passage exactly as printed (only spacing and line breaks may differ)")
    assert len(out.splitlines()) == 2
    (texts / "fixture.txt").write_text(text + "an edit\n", encoding="utf-8")
    code, out, _ = check(capsys, path, "--sources", str(sources), "--texts", str(texts))
    assert code == 1 and f"{texts / 'fixture.txt'} is not the version of source fixture-text that the sources table records (its sha256 differs)" in out
    code, _, err = check(capsys, path, "--texts", str(tmp_path / "nowhere"))
    assert code == 2 and "no such folder of source texts" in err


def test_metadata_sheet_codebook_version_is_checked_when_the_column_is_gone(capsys, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "codings"
    ws.append(HEADER)
    for r in valid_rows(1).values.tolist():
        ws.append(r)
    about = wb.create_sheet("about")
    about.append(["codebook_version", "0.5.0"])
    about.sheet_state = "hidden"
    path = tmp_path / "old.xlsx"
    wb.save(path)
    code, out, _ = check(capsys, path)
    assert code == 1
    assert out.splitlines()[0] == (f"{path}: the workbook was made under codebook version 0.5.0 (its 'about' sheet says so), but the installed codebook is version 1.0.0: "
                                   "ask for a template made with this codebook (`stance template`) and copy your codings into it, "
                                   "or validate with the stance version that ships codebook 0.5.0")
