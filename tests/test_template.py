"""`stance template`: the cells assigned, the context, the XLSX dropdowns, locks, instructions and codebook version, the CSV form."""

from __future__ import annotations

import pandas as pd
import pytest

import stance
from stance.cli import main
from stance.coding.layout import TEMPLATE_COLUMNS

from conftest import sha256

openpyxl = pytest.importorskip("openpyxl")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def read_csv(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_events_by_actors_one_row_per_cell_with_context(capsys, tmp_path):
    path = tmp_path / "s.csv"
    code, out, _ = run(capsys, "template", "--events", "crimea-2014,september-11-attacks-2001", "afghanistan-operation-2001",
                       "eu-kazakhstan-epca", "us-unipolar-order-1991", "--actors", "KAZ", "CHN", "--coder", "ana", "-o", str(path))
    assert code == 0 and out.startswith(f"Wrote {path}: 10 cells (5 events x 2 actors) for coder ana, codebook version 1.0.0.")
    df = read_csv(path)
    assert list(df.columns) == list(TEMPLATE_COLUMNS)
    assert df[["event_id", "actor_id"]].values.tolist()[:4] == [["crimea-2014", "KAZ"], ["crimea-2014", "CHN"],
                                                                ["september-11-attacks-2001", "KAZ"], ["september-11-attacks-2001", "CHN"]]
    events = stance.load("events").set_index("event_id")
    by_event = df.drop_duplicates("event_id").set_index("event_id")
    assert (by_event["event_title"] == events.loc[by_event.index, "title"].astype(str)).all()
    # dates at the precision the events table records: year, day, month, unknown, open-ended
    assert by_event.loc["crimea-2014", ["event_start", "event_end"]].tolist() == ["2014", "2014"]
    assert by_event.loc["september-11-attacks-2001", ["event_start", "event_end"]].tolist() == ["2001-09-11", "2001-09-11"]
    assert by_event.loc["afghanistan-operation-2001", ["event_start", "event_end"]].tolist() == ["2001-10", "2001-10"]
    assert by_event.loc["eu-kazakhstan-epca", ["event_start", "event_end"]].tolist() == ["", ""]
    assert by_event.loc["us-unipolar-order-1991", ["event_start", "event_end"]].tolist() == ["1991", ""]
    assert set(df["actor_name"]) == {"Kazakhstan", "China"} and set(df["coder_id"]) == {"ana"}
    assert (df[["stance", "confidence", "source_id", "locator", "excerpt", "rationale", "coded_on"]] == "").all().all()
    assert set(df["codebook_version"]) == {stance.load_codebook().version}
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so that Excel opens it correctly"


def test_period_and_uncoded_assignment(capsys, tmp_path):
    events = stance.load("events")
    in_period = set(events.loc[events["period_id"] == "2008-2013", "event_id"])
    path = tmp_path / "p.csv"
    assert run(capsys, "template", "--period", "2008-2013", "--actors", "KAZ", "--coder", "ana", "-o", str(path))[0] == 0
    assert set(read_csv(path)["event_id"]) == in_period
    everything = tmp_path / "all.csv"
    assert run(capsys, "template", "--uncoded", "--coder", "ana", "-o", str(everything))[0] == 0
    df = read_csv(everything)
    coded = set(zip(stance.load("codings")["event_id"], stance.load("codings")["actor_id"]))
    cells = set(zip(df["event_id"], df["actor_id"]))
    assert len(cells) == len(df) == len(events) * len(stance.load("actors")) - len(coded)
    assert not cells & coded


def test_uncoded_against_a_merged_codings_file(capsys, tmp_path):
    codings = tmp_path / "codings.csv"
    pd.DataFrame({"event_id": ["crimea-2014"], "actor_id": ["KAZ"], "coder_id": ["x"], "stance": ["hedge"]}).to_csv(codings, index=False)
    path = tmp_path / "rest.csv"
    assert run(capsys, "template", "--events", "crimea-2014", "--actors", "KAZ", "RUS", "--codings", str(codings), "--coder", "ana", "-o", str(path))[0] == 0
    assert read_csv(path)[["event_id", "actor_id"]].values.tolist() == [["crimea-2014", "RUS"]]


@pytest.mark.parametrize("args,message", [
    (["--events", "crimea-2015"], "Error: Unknown event id: 'crimea-2015' (did you mean 'crimea-2014'?). Remedy:"),
    (["--actors", "KAZ,XYZ"], "Error: Unknown actor id: 'XYZ'. Remedy:"),
    (["--period", "1990-1999"], "Error: Unknown period id: '1990-1999' (did you mean '1991-1999'?). Remedy:"),
    (["--coder", "Ana Smith"], "Error: 'Ana Smith' is not a valid coder id. Remedy: Use lower-case letters, digits and '-' (e.g. ana or coder-2)."),
])
def test_wrong_assignment_is_a_clear_error(capsys, tmp_path, args, message):
    path = tmp_path / "s.xlsx"
    base = {"--coder": "ana"}
    argv = ["template", *args] + ([] if "--coder" in args else ["--coder", base["--coder"]]) + ["-o", str(path)]
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.startswith(message) and not path.exists()


def test_an_existing_sheet_is_never_overwritten_without_force(capsys, tmp_path):
    path = tmp_path / "ana.csv"
    path.write_text("my filled codings\n", encoding="utf-8")
    before = sha256(path)
    code, _, err = run(capsys, "template", "--events", "crimea-2014", "--actors", "KAZ", "--coder", "ana", "-o", str(path))
    assert code == 2 and err == f"Error: {path} already exists; it was not overwritten. Remedy: Choose another file name with -o, or pass --force to replace it.\n"
    assert sha256(path) == before
    assert run(capsys, "template", "--events", "crimea-2014", "--actors", "KAZ", "--coder", "ana", "-o", str(path), "--force")[0] == 0
    assert read_csv(path)["event_id"].tolist() == ["crimea-2014"]
    code, _, err = run(capsys, "template", "--events", "crimea-2014", "--actors", "KAZ", "--coder", "ana", "-o", str(tmp_path / "s.ods"))
    assert code == 2 and "a template is written as .xlsx or .csv" in err


def test_xlsx_template_dropdowns_locks_instructions_and_version(capsys, tmp_path):
    path = tmp_path / "ana.xlsx"
    assert run(capsys, "template", "--events", "crimea-2014", "iraq-war-2003", "--actors", "KAZ", "CHN", "RUS", "--coder", "ana", "-o", str(path))[0] == 0
    cb = stance.load_codebook()
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["instructions", "codings", "lists", "about"]
    assert [wb[n].sheet_state for n in wb.sheetnames] == ["visible", "visible", "hidden", "hidden"]
    ws = wb["codings"]
    header = [c.value for c in ws[1]]
    assert header == list(TEMPLATE_COLUMNS) and ws.max_row == 7
    col = {name: openpyxl.utils.get_column_letter(i + 1) for i, name in enumerate(header)}
    # dropdowns: the list each validation points to holds exactly the codebook's ids (and the sources table's)
    lists = wb["lists"]
    by_target = {}
    for dv in ws.data_validations.dataValidation:
        by_target[str(dv.sqref)] = dv
    stance_dv = by_target[f"{col['stance']}2:{col['stance']}7"]
    assert stance_dv.type == "list" and stance_dv.showErrorMessage

    def listed(dv):
        ref = dv.formula1.split("!")[1].replace("$", "")
        return [c.value for row in lists[ref] for c in row]

    assert listed(stance_dv) == list(cb.category_ids)
    assert listed(by_target[f"{col['confidence']}2:{col['confidence']}7"]) == list(cb.confidence_ids)
    assert listed(by_target[f"{col['source_id']}2:{col['source_id']}7"]) == stance.load("sources")["source_id"].astype(str).tolist()
    excerpt = by_target[f"{col['excerpt']}2:{col['excerpt']}7"]
    assert (excerpt.type, excerpt.operator, excerpt.formula1) == ("textLength", "lessThanOrEqual", str(cb.excerpt_max_chars))
    # ids and context locked, coding columns open, sheet protected
    assert ws.protection.sheet
    for name in ("event_id", "actor_id", "coder_id", "event_title", "codebook_version"):
        assert ws[f"{col[name]}2"].protection.locked, name
    for name in ("stance", "confidence", "source_id", "locator", "excerpt", "rationale", "coded_on"):
        assert not ws[f"{col[name]}2"].protection.locked, name
        assert ws[f"{col[name]}2"].number_format == "@"
    # instructions: every category and confidence definition, every routing rule of codebook.md
    text = "\n".join(str(c.value) for row in wb["instructions"].iter_rows() for c in row if c.value is not None)
    for c in cb.categories:
        assert c.definition in text
    for c in cb.confidence:
        assert c.definition in text
    for rule in [f"R{i}" for i in range(1, 13)]:
        assert rule in text
    about = {r[0]: r[1] for r in wb["about"].iter_rows(values_only=True)}
    assert about["codebook_version"] == cb.version and about["coder_id"] == "ana" and about["cells"] == "6"


def test_an_untouched_template_validates_with_every_row_not_coded(capsys, tmp_path):
    for name in ("t.xlsx", "t.csv"):
        path = tmp_path / name
        run(capsys, "template", "--events", "crimea-2014", "--actors", "KAZ", "CHN", "--coder", "ana", "-o", str(path))
        before = sha256(path)
        code, out, _ = run(capsys, "validate", str(path))
        assert sha256(path) == before
        assert code == 0 and out.splitlines()[0] == f"{path}: valid (0 coding rows)."
        assert out.splitlines()[1].startswith(f"{path}: 2 rows not coded (stance and evidence blank): rows 2-3.")


def test_a_filled_xlsx_template_validates(capsys, tmp_path):
    path = tmp_path / "ana.xlsx"
    run(capsys, "template", "--events", "crimea-2014", "--actors", "KAZ", "CHN", "--coder", "ana", "-o", str(path))
    wb = openpyxl.load_workbook(path)
    ws = wb["codings"]
    header = [c.value for c in ws[1]]
    values = {"stance": "hedge", "confidence": "medium", "source_id": "fedorova-2024", "locator": "RESULTS AND DISCUSSION",
              "excerpt": "a test value, not a quotation", "rationale": "test row", "coded_on": "2026-11-24"}
    for name, value in values.items():
        ws.cell(2, header.index(name) + 1).value = value
    ws.cell(3, header.index("stance") + 1).value = "Neutral"
    wb.save(path)
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert out.splitlines()[0] == (f"{path}:3: column 'stance': 'Neutral' is not a valid stance (oppose, hedge, support, neutral): "
                                   "write 'neutral' (labels are exact, lower case)")
