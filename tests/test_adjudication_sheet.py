"""`stance disagreements -o` (the adjudicator's side-by-side sheet) and `stance adjudicate` reading it back."""

from __future__ import annotations

import pandas as pd
import pytest

from stance.cli import main

from conftest import sha256


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def codings(tmp_path):
    rows = [
        ("crimea-2014", "KAZ", "a", "hedge", "excerpt a1", "why a1"),
        ("crimea-2014", "KAZ", "b", "hedge", "excerpt b1", "why b1"),
        ("iraq-war-2003", "KAZ", "a", "support", "excerpt a2", "why a2"),
        ("iraq-war-2003", "KAZ", "b", "hedge", "excerpt b2", "why b2"),
        ("iraq-war-2003", "KAZ", "c", "oppose", "excerpt c2", "why c2"),
        ("sco-2001", "KAZ", "b", "support", "excerpt b3", "why b3"),
    ]
    path = tmp_path / "codings.csv"
    pd.DataFrame(rows, columns=["event_id", "actor_id", "coder_id", "stance", "excerpt", "rationale"]).to_csv(path, index=False)
    return path


def test_side_by_side_sheet_one_row_per_cell(capsys, tmp_path, codings):
    out_path = tmp_path / "adj.csv"
    code, out, _ = run(capsys, "disagreements", str(codings), "-o", str(out_path))
    assert code == 0 and out.startswith(f"2 cells to adjudicate (4 codings) written to {out_path}")
    sheet = pd.read_csv(out_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(sheet.columns) == ["event_id", "actor_id", "reason", "stance", "note",
                                   "coder_id_1", "stance_1", "excerpt_1", "rationale_1",
                                   "coder_id_2", "stance_2", "excerpt_2", "rationale_2",
                                   "coder_id_3", "stance_3", "excerpt_3", "rationale_3"]
    assert sheet.loc[0].tolist() == ["iraq-war-2003", "KAZ", "coders differ", "", "",
                                     "a", "support", "excerpt a2", "why a2", "b", "hedge", "excerpt b2", "why b2", "c", "oppose", "excerpt c2", "why c2"]
    assert sheet.loc[1].tolist()[:9] == ["sco-2001", "KAZ", "coded by 1 coder(s) only", "", "", "b", "support", "excerpt b3", "why b3"]
    assert sheet.loc[1, "coder_id_2"] == ""


def test_the_filled_sheet_is_the_decisions_file(capsys, tmp_path, codings):
    openpyxl = pytest.importorskip("openpyxl")
    adj = tmp_path / "adj.xlsx"
    assert run(capsys, "disagreements", str(codings), "-o", str(adj))[0] == 0
    wb = openpyxl.load_workbook(adj)
    ws = wb["decisions"]
    header = [c.value for c in ws[1]]
    assert [dv.type for dv in ws.data_validations.dataValidation] == ["list"]
    stances_out = tmp_path / "stances.csv"
    before = sha256(codings)

    # nothing filled in: both cells need a decision
    code, _, err = run(capsys, "adjudicate", str(codings), str(adj), "-o", str(stances_out))
    assert code == 1 and not stances_out.exists()
    assert f"{adj}: iraq-war-2003 x KAZ: needs a decision (a=support; b=hedge; c=oppose): write its stance (blank to leave the cell uncoded) and a note in the decisions file" in err

    # a wrong label and a missing note, reported with the sheet's rows
    ws.cell(2, header.index("stance") + 1).value = "Hedge"
    ws.cell(2, header.index("note") + 1).value = "The coders read the same passage differently."
    ws.cell(3, header.index("stance") + 1).value = "support"
    wb.save(adj)
    code, _, err = run(capsys, "adjudicate", str(codings), str(adj), "-o", str(stances_out))
    assert code == 1
    assert f"{adj} row 2: Hedge: 'Hedge' is not a stance category (oppose, hedge, support, neutral): write 'hedge' (labels are exact, lower case)" in err
    assert f"{adj} row 3: None: every decision needs a note giving the reason: write it" in err

    # filled in properly: the stances table
    ws.cell(2, header.index("stance") + 1).value = "hedge"
    ws.cell(3, header.index("note") + 1).value = "A single coding, confirmed against the source."
    wb.save(adj)
    adj_before = sha256(adj)
    code, out, _ = run(capsys, "adjudicate", str(codings), str(adj), "-o", str(stances_out))
    assert code == 0 and out == f"3 stances (2 adjudicated) written to {stances_out}.\n"
    st = pd.read_csv(stances_out, dtype=str, keep_default_na=False)
    assert st[["event_id", "stance", "method", "n_codings"]].values.tolist() == [
        ["crimea-2014", "hedge", "agreed", "2"], ["iraq-war-2003", "hedge", "adjudicated", "3"], ["sco-2001", "support", "adjudicated", "1"]]
    assert sha256(codings) == before and sha256(adj) == adj_before


def test_a_decision_with_a_blank_stance_leaves_the_cell_uncoded(capsys, tmp_path, codings):
    decisions = tmp_path / "decisions.csv"
    pd.DataFrame({"event_id": ["iraq-war-2003", "sco-2001"], "actor_id": ["KAZ", "KAZ"], "stance": ["", "support"],
                  "note": ["The sources do not settle it; left uncoded.", "Confirmed."]}).to_csv(decisions, index=False)
    out_path = tmp_path / "stances.csv"
    assert run(capsys, "adjudicate", str(codings), str(decisions), "-o", str(out_path))[0] == 0
    st = pd.read_csv(out_path, dtype=str, keep_default_na=False)
    assert st["event_id"].tolist() == ["crimea-2014", "sco-2001"]


def test_files_without_the_needed_columns_are_clear_errors(capsys, tmp_path, codings):
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"event_id": ["x"], "actor": ["KAZ"]}).to_csv(bad, index=False)
    code, _, err = run(capsys, "disagreements", str(bad))
    assert code == 2 and err.startswith(f"Error: {bad}: columns actor_id, coder_id, stance are missing.")
    code, _, err = run(capsys, "adjudicate", str(codings), str(bad), "-o", str(tmp_path / "s.csv"))
    assert code == 2 and err.startswith(f"Error: {bad}: columns actor_id, stance, note missing.")
