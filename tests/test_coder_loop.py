"""The coder loop of README.md ("For coders"), run command by command exactly as written there.

The commands are read from the README block between the ``coder-loop``
markers, so the README stays true. Between the steps the test plays the
coders and the adjudicator:

- coder-a enters, for each cell of the template, the shipped coding of pass
  ``llm-pass-a`` (real stances and verbatim excerpts); cells the shipped data
  leave uncoded stay blank;
- coder-b enters pass ``llm-pass-b``'s codings, except two fixture changes
  that make the loop non-trivial (they are test values, not claims about the
  cell): a different stance for crimea-2014 x KAZ, and russo-georgian-war-2008
  x USA left blank;
- the adjudicator decides the two cells that need it, with fixture notes.

Checked: every command exits 0, no input file changes, the agreement printed
equals scikit-learn's Cohen's kappa on the same codes, and the final
``stances.csv`` passes the ``stances`` schema, with the agreed cells equal to
the shipped ``stances`` table.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, sha256

pytest.importorskip("openpyxl")

FIXTURE_STANCE = {("crimea-2014", "KAZ"): "support"}       # coder-b differs from coder-a here
FIXTURE_BLANK = {("russo-georgian-war-2008", "USA")}         # coder-b leaves this cell blank
FIXTURE_DECISIONS = {
    ("crimea-2014", "KAZ"): ("hedge", "Test fixture decision: the coders differ; the adjudicator keeps coder-a's hedge."),
    ("russo-georgian-war-2008", "USA"): ("oppose", "Test fixture decision: one coder only; the coding is confirmed."),
}
CODED = ["stance", "confidence", "source_id", "locator", "excerpt", "rationale", "coded_on"]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- coder-loop:start -->\s*```bash\n(.*?)```\s*<!-- coder-loop:end -->", text, re.S)
    assert block, "README.md has no coder-loop block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip() and not line.strip().startswith("#")]


def shipped(coder: str) -> pd.DataFrame:
    import stance

    c = stance.load("codings")
    c = c[c["coder_id"] == coder].copy()
    c["coded_on"] = c["coded_on"].dt.strftime("%Y-%m-%d")
    return c.astype({col: "string" for col in ["stance", "confidence"]}).set_index(["event_id", "actor_id"])


def fill(values: dict[tuple[str, str], dict[str, str]], frame_rows: list[tuple[str, str]]) -> list[dict[str, str] | None]:
    return [values.get(cell) for cell in frame_rows]


def coder_values(coder: str, *, changes: dict[tuple[str, str], str], blank: set[tuple[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    rows = shipped(coder)
    out = {}
    for cell, r in rows.iterrows():
        if cell in blank:
            continue
        values = {c: str(r[c]) for c in CODED}
        if cell in changes:
            values["stance"] = changes[cell]
        out[cell] = values
    return out


def fill_xlsx(path: Path, values: dict[tuple[str, str], dict[str, str]], sheet: str, columns: list[str]) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in header}
    for r in range(2, ws.max_row + 1):
        cell = (ws.cell(r, col["event_id"]).value, ws.cell(r, col["actor_id"]).value)
        if cell in values:
            for name in columns:
                ws.cell(r, col[name]).value = values[cell][name]
    wb.save(path)


def fill_csv(path: Path, values: dict[tuple[str, str], dict[str, str]]) -> None:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for i, cell in enumerate(zip(df["event_id"], df["actor_id"])):
        if cell in values:
            for name in CODED:
                df.loc[i, name] = values[cell][name]
    df.to_csv(path, index=False)


def test_readme_coder_loop_runs_end_to_end(tmp_path):
    commands = readme_commands()
    assert [shlex.split(c)[1] for c in commands] == ["template", "template", "validate", "validate", "merge", "agreement", "disagreements", "adjudicate"]
    values_a = coder_values("llm-pass-a", changes={}, blank=set())
    values_b = coder_values("llm-pass-b", changes=FIXTURE_STANCE, blank=FIXTURE_BLANK)
    outputs: dict[str, str] = {}
    filled_sheets = filled_decisions = False
    for command in commands:
        argv = shlex.split(command)
        assert argv[0] == "stance"
        if argv[1] == "validate" and not filled_sheets:
            fill_xlsx(tmp_path / "coder-a.xlsx", values_a, "codings", CODED)
            fill_csv(tmp_path / "coder-b.csv", values_b)
            filled_sheets = True
        if argv[1] == "adjudicate" and not filled_decisions:
            decisions = {cell: {"stance": s, "note": n} for cell, (s, n) in FIXTURE_DECISIONS.items()}
            fill_xlsx(tmp_path / "to_adjudicate.xlsx", decisions, "decisions", ["stance", "note"])
            filled_decisions = True
        output = argv[argv.index("-o") + 1] if "-o" in argv else None
        before = {p.name: sha256(p) for p in tmp_path.iterdir() if p.name != output}
        proc = subprocess.run([sys.executable, "-m", "stance", *argv[1:]], cwd=tmp_path, capture_output=True, text=True)
        assert proc.returncode == 0, f"{command}\n{proc.stdout}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr
        assert {p: sha256(tmp_path / p) for p in before} == before, f"{command} changed an input file"
        outputs[command] = proc.stdout

    # validate: 8 cells coded by coder-a (afghanistan-operation-2001 x RUS has no shipped coding), 7 by coder-b
    validate_a, validate_b = (outputs[c] for c in commands if c.startswith("stance validate"))
    assert validate_a.splitlines()[0] == "coder-a.xlsx: valid (8 coding rows)."
    assert "coder-a.xlsx: 1 row not coded (stance and evidence blank): row 9." in validate_a
    assert validate_b.splitlines()[0] == "coder-b.csv: valid (7 coding rows)."
    assert "coder-b.csv: 2 rows not coded (stance and evidence blank): rows 7, 9." in validate_b  # georgia x USA, afghanistan x RUS

    merged = pd.read_csv(tmp_path / "codings.csv", dtype=str, keep_default_na=False)
    assert list(merged.columns) == ["event_id", "actor_id", "coder_id", "stance", "confidence", "source_id", "locator", "excerpt", "rationale", "coded_on"]
    assert len(merged) == 15 and sorted(merged["coder_id"].unique()) == ["coder-a", "coder-b"]
    from stance.data.coerce import coerce_frame
    from stance.data.schemas import validate_table

    typed, conversion = coerce_frame("codings", merged.replace("", pd.NA))
    assert conversion.empty and validate_table("codings", typed).empty

    # agreement: the printed Cohen's kappa equals scikit-learn's on the 7 cells both coded
    from sklearn.metrics import cohen_kappa_score

    wide = merged.pivot(index=["event_id", "actor_id"], columns="coder_id", values="stance").dropna()
    expected = cohen_kappa_score(wide["coder-a"], wide["coder-b"])
    agreement = outputs[next(c for c in commands if c.startswith("stance agreement"))]
    line = next(l for l in agreement.splitlines() if l.strip().startswith("Cohen's kappa "))
    assert abs(float(line.split()[2]) - expected) < 5e-5

    stances = pd.read_csv(tmp_path / "stances.csv", dtype=str, keep_default_na=False)
    typed, conversion = coerce_frame("stances", stances.replace("", pd.NA))
    assert conversion.empty and validate_table("stances", typed).empty
    got = {(r.event_id, r.actor_id): (r.stance, r.method) for r in stances.itertuples()}
    assert got[("crimea-2014", "KAZ")] == ("hedge", "adjudicated")
    assert got[("russo-georgian-war-2008", "USA")] == ("oppose", "adjudicated")
    assert ("afghanistan-operation-2001", "RUS") not in got, "a cell nobody coded has no stance"
    import stance

    reference = stance.load("stances").set_index(["event_id", "actor_id"])["stance"].astype(str)
    agreed = {cell: s for cell, (s, m) in got.items() if m == "agreed"}
    assert len(agreed) == 6
    assert agreed == {cell: reference[cell] for cell in agreed}, "agreed cells equal the shipped adjudicated stances"
