"""`stance merge`: the codings layout, and every refusal with its exact message; inputs never change."""

from __future__ import annotations

import pandas as pd
import pytest

from stance.cli import main
from stance.coding.layout import CODING_COLUMNS

from conftest import sha256, valid_rows


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def sheet(tmp_path, name: str, coder: str, n: int = 3, *, version: str | None = "1.0.0", blank: tuple[int, ...] = (), **changes) -> str:
    df = valid_rows(n)
    df["coder_id"] = coder
    for column, by_row in changes.items():
        for i, v in by_row.items():
            df.loc[i, column] = v
    for i in blank:
        df.loc[i, ["stance", "confidence", "source_id", "locator", "excerpt", "rationale", "coded_on"]] = ""
    if version is not None:
        df["codebook_version"] = version
    path = tmp_path / name
    df.to_csv(path, index=False)
    return str(path)


def merge(capsys, tmp_path, *sheets: str, output: str = "codings.csv") -> tuple[int, str, str]:
    paths = [s for s in sheets]
    before = {p: sha256(p) for p in paths}
    result = run(capsys, "merge", *paths, "-o", str(tmp_path / output))
    assert {p: sha256(p) for p in paths} == before, "an input sheet was modified"
    return result


def test_two_coders_merge_into_the_codings_layout(capsys, tmp_path):
    a = sheet(tmp_path, "ana.csv", "ana", 3, blank=(1,))
    b = sheet(tmp_path, "ben.csv", "ben", 2, stance={0: "support"})
    code, out, err = merge(capsys, tmp_path, a, b)
    assert code == 0 and err == ""
    assert out.splitlines() == [f"Merged 2 sheets into {tmp_path / 'codings.csv'}: 4 codings of 3 cells by 2 coders (ana 2, ben 2).",
                                f"1 row not coded was left out ({a}: 1)."]
    merged = pd.read_csv(tmp_path / "codings.csv", dtype=str, keep_default_na=False)
    assert list(merged.columns) == list(CODING_COLUMNS)
    assert merged[["event_id", "actor_id", "coder_id", "stance"]].values.tolist() == [
        ["crimea-2014", "KAZ", "ana", "hedge"], ["crimea-2014", "KAZ", "ben", "support"],
        ["iraq-war-2003", "FRA", "ben", "hedge"], ["russo-georgian-war-2008", "KAZ", "ana", "hedge"]]
    from stance.data.coerce import coerce_frame
    from stance.data.schemas import validate_table

    typed, problems = coerce_frame("codings", merged)
    assert problems.empty and validate_table("codings", typed).empty


def test_parquet_output_is_typed(capsys, tmp_path):
    a = sheet(tmp_path, "ana.csv", "ana")
    assert merge(capsys, tmp_path, a, output="codings.parquet")[0] == 0
    import stance.data.parquet_io as pio

    df = pio.read_parquet(tmp_path / "codings.parquet")
    assert str(df["stance"].dtype) == "category" and list(df["stance"].cat.categories) == ["oppose", "hedge", "support", "neutral"]
    assert str(df["coded_on"].dtype).startswith("datetime64")


def test_one_sheet_with_two_coder_ids_is_refused(capsys, tmp_path):
    a = sheet(tmp_path, "ana.csv", "ana", 4, coder_id={2: "ben", 3: "ben"})
    code, out, err = merge(capsys, tmp_path, a)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{a}: the sheet holds the codings of 2 coders (ana in rows 2-3; ben in rows 4-5): a sheet is one coder's; correct the coder_id, or split the sheet by coder",
        f"Error: The sheets were not merged: 1 problem. {tmp_path / 'codings.csv'} was not written. "
        "Remedy: Fix the problems listed (run `stance validate` on each sheet), then merge again."]
    assert not (tmp_path / "codings.csv").exists()


def test_a_cell_coded_twice_by_one_coder_across_sheets_is_refused(capsys, tmp_path):
    a = sheet(tmp_path, "ana-1.csv", "ana", 2)
    b = sheet(tmp_path, "ana-2.csv", "ana", 3)
    code, _, err = merge(capsys, tmp_path, a, b)
    assert code == 1
    assert err.splitlines()[:2] == [
        f"coder ana coded crimea-2014 x KAZ more than once ({a} row 2 and {b} row 2): keep one of them; if two people used the coder id 'ana', give one of them another id",
        f"coder ana coded iraq-war-2003 x FRA more than once ({a} row 3 and {b} row 3): keep one of them; if two people used the coder id 'ana', give one of them another id"]


def test_one_coder_may_hand_in_several_sheets_for_different_cells(capsys, tmp_path):
    a = sheet(tmp_path, "ana-1.csv", "ana", 2)
    df = valid_rows(5).iloc[2:].assign(coder_id="ana", codebook_version="1.0.0")
    b = tmp_path / "ana-2.csv"
    df.to_csv(b, index=False)
    code, out, _ = merge(capsys, tmp_path, a, str(b))
    assert code == 0 and "5 codings of 5 cells by 1 coder (ana 5)" in out


def test_a_duplicate_cell_within_one_sheet_is_refused(capsys, tmp_path):
    a = sheet(tmp_path, "ana.csv", "ana", 3, event_id={2: "crimea-2014"}, actor_id={2: "KAZ"})
    code, _, err = merge(capsys, tmp_path, a)
    assert code == 1
    assert err.splitlines()[0] == (f"{a}:4: column 'event_id,actor_id,coder_id': duplicate cell: coder ana coded crimea-2014 x KAZ on rows 2, 4; keep one row per cell")


@pytest.mark.parametrize("version,message", [
    ("0.9.0", "{a}: the sheet was made under codebook version 0.9.0, but the installed codebook is version 1.0.0: "
              "merge it with the stance version that ships codebook 0.9.0, or have it recoded on a new template"),
    (None, "{a}: the sheet records no codebook version (no codebook_version column): merge sheets made with `stance template`, "
           "or add a codebook_version column holding the version the sheet was coded under (this codebook: 1.0.0)"),
])
def test_sheets_from_another_or_no_codebook_version_are_refused(capsys, tmp_path, version, message):
    a = sheet(tmp_path, "ana.csv", "ana", version=version)
    b = sheet(tmp_path, "ben.csv", "ben")
    code, _, err = merge(capsys, tmp_path, a, b)
    assert code == 1
    assert err.splitlines() == [message.format(a=a), f"Error: The sheets were not merged: 1 problem. {tmp_path / 'codings.csv'} was not written. "
                                                     "Remedy: Fix the problems listed (run `stance validate` on each sheet), then merge again."]


def test_a_coder_id_other_than_the_templates_is_refused(capsys, tmp_path):
    path = tmp_path / "ana.xlsx"
    assert run(capsys, "template", "--events", "crimea-2014", "--actors", "KAZ", "--coder", "ana", "-o", str(path))[0] == 0
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["codings"]
    header = [c.value for c in ws[1]]
    row = valid_rows(1).iloc[0].to_dict() | {"coder_id": "ben"}
    for name, value in row.items():
        ws.cell(2, header.index(name) + 1).value = value
    wb.save(path)
    code, _, err = merge(capsys, tmp_path, str(path))
    assert code == 1
    assert err.splitlines()[0] == (f"{path}: coder_id is 'ben', but the template was made for coder 'ana' (its 'about' sheet): "
                                   "hand in the sheet under the coder id it was made for, or ask for a template for the new id")


def test_invalid_sheets_are_listed_and_nothing_is_written(capsys, tmp_path):
    a = sheet(tmp_path, "ana.csv", "ana", stance={1: "Hedge"})
    b = sheet(tmp_path, "ben.csv", "ben", coded_on={0: "46350"})
    code, _, err = merge(capsys, tmp_path, a, b)
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{a}:3: column 'stance': 'Hedge' is not a valid stance (oppose, hedge, support, neutral): write 'hedge' (labels are exact, lower case)",
        f"{b}:2: column 'coded_on': '46350' looks like an Excel date serial number (2026-11-24): format the cell as text and write 2026-11-24 (dates are never guessed)"]
    assert "Error: The sheets were not merged: 2 problems." in err
    assert not (tmp_path / "codings.csv").exists()


def test_unreadable_sheet_and_output_over_an_input(capsys, tmp_path):
    a = sheet(tmp_path, "ana.csv", "ana")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _, err = merge(capsys, tmp_path, a, str(empty))
    assert code == 2 and err.startswith(f"Error: {empty}: is empty (0 bytes).")
    before = sha256(a)
    code, _, err = run(capsys, "merge", a, "-o", a)
    assert code == 2 and err.startswith(f"Error: {a} is one of the sheets being merged; it was not overwritten.")
    assert sha256(a) == before
