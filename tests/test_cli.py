"""Every command has help with an example; the main job and the evidence check run on the shipped data."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from stance.cli import COMMANDS, build_parser, main

from conftest import sha256, shared_dir


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_every_command_has_help_with_an_example(capsys):
    build_parser()
    assert {"info", "codebook", "validate", "verify", "build", "report", "disagreements", "adjudicate", "check-evidence"} <= set(COMMANDS)
    for name in COMMANDS:
        with pytest.raises(SystemExit) as exc:
            main([name, "--help"])
        out = capsys.readouterr().out
        assert exc.value.code == 0
        assert "Example:" in out and f"stance {name}" in out, name


def test_python_dash_m_stance_works():
    out = subprocess.run([sys.executable, "-m", "stance", "--version"], capture_output=True, text=True, check=True).stdout
    assert out.startswith("stance-coding ")


def test_info_lists_every_dataset(capsys):
    import stance

    code, out, _ = run(capsys, "info")
    assert code == 0
    for name in stance.datasets()["name"]:
        assert name in out


def test_codebook_command_prints_every_category(capsys):
    import stance

    code, out, _ = run(capsys, "codebook")
    assert code == 0
    for c in stance.load_codebook().categories:
        assert c.definition in out


def test_report_for_kazakhstan_shows_the_documented_facts(capsys):
    code, out, _ = run(capsys, "report", "--actor", "KAZ")
    assert code == 0
    assert "Crimea case" in out and "US-led military operation in Afghanistan" in out
    line = next(l for l in out.splitlines() if "Crimea case" in l)
    assert " hedge " in line
    assert "percent agreement" in out


def test_report_unknown_actor_is_a_clear_error(capsys):
    code, _, err = run(capsys, "report", "--actor", "XYZ")
    assert code == 2 and "Unknown actor 'XYZ'" in err and "Remedy:" in err


def test_disagreements_and_adjudicate_round_trip(capsys, tmp_path):
    codings = pd.DataFrame({
        "event_id": ["crimea-2014"] * 2 + ["iraq-war-2003"] * 2, "actor_id": ["KAZ"] * 4,
        "coder_id": ["a", "b", "a", "b"], "stance": ["hedge", "hedge", "support", "hedge"]})
    cpath = tmp_path / "codings.csv"
    codings.to_csv(cpath, index=False)
    code, out, _ = run(capsys, "disagreements", str(cpath))
    assert code == 0 and "iraq-war-2003" in out and "crimea-2014" not in out
    out_path = tmp_path / "stances.csv"
    before = sha256(cpath)
    code, _, err = run(capsys, "adjudicate", str(cpath), "-o", str(out_path))
    assert code == 1 and "needs a decision (a=support; b=hedge)" in err and not out_path.exists()
    decisions = tmp_path / "decisions.csv"
    pd.DataFrame({"event_id": ["iraq-war-2003"], "actor_id": ["KAZ"], "stance": ["hedge"], "note": [""]}).to_csv(decisions, index=False)
    code, _, err = run(capsys, "adjudicate", str(cpath), str(decisions), "-o", str(out_path))
    assert code == 1 and "every decision needs a note" in err
    pd.DataFrame({"event_id": ["iraq-war-2003"], "actor_id": ["KAZ"], "stance": ["hedge"], "note": ["Multifaceted position (R5)."]}).to_csv(decisions, index=False)
    code, out, _ = run(capsys, "adjudicate", str(cpath), str(decisions), "-o", str(out_path))
    assert code == 0
    st = pd.read_csv(out_path)
    assert st[["event_id", "stance", "method"]].values.tolist() == [["crimea-2014", "hedge", "agreed"], ["iraq-war-2003", "hedge", "adjudicated"]]
    assert sha256(cpath) == before


def test_evidence_check_passes_on_the_shipped_codings(capsys):
    sources = shared_dir("sources")
    code, out, _ = run(capsys, "check-evidence", "--sources", str(sources))
    assert code == 0 and "pass the evidence check (excerpts against the source texts, UN-vote codings against unga_votes)" in out


def test_evidence_check_catches_a_doctored_excerpt_and_a_wrong_vote():
    import stance
    from stance.coding.excerpts import check_text_excerpts, check_vote_codings

    sources_dir = shared_dir("sources")
    codings, sources = stance.load("codings"), stance.load("sources")
    text_rows = codings[codings["source_id"] == "fedorova-2024"].head(1).copy()
    text_rows["excerpt"] = text_rows["excerpt"].str.replace("Kazakhstan", "Uzbekistan", regex=False) + " (invented)"
    problems = check_text_excerpts(text_rows, sources, sources_dir)
    assert len(problems) == 1 and "not found verbatim" in problems.loc[0, "problem"]
    vote_rows = codings[(codings["event_id"] == "crimea-2014") & (codings["source_id"] == "unga-voeten")].head(1).copy()
    vote_rows["stance"] = "neutral"
    problems = check_vote_codings(vote_rows, sources, stance.load("actors"), stance.load("event_rollcalls"), stance.load("unga_votes"))
    assert len(problems) == 1 and "maps to" in problems.loc[0, "problem"]


def test_agreement_command_on_a_coder_file_matches_sklearn(capsys, tmp_path):
    import json

    from sklearn.metrics import cohen_kappa_score

    a = ["hedge", "support", "support", "oppose", "hedge", "oppose"]
    b = ["hedge", "oppose", "support", "oppose", "support", "oppose"]
    rows = [{"event_id": f"e{i}", "actor_id": "KAZ", "coder_id": c, "stance": s} for i, (x, y) in enumerate(zip(a, b)) for c, s in (("a", x), ("b", y))]
    path = tmp_path / "merged.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    code, out, _ = run(capsys, "agreement", str(path), "--json")
    assert code == 0
    got = {r["coefficient"]: r["estimate"] for r in json.loads(out)["coefficients"]}
    assert abs(got["cohen_kappa"] - cohen_kappa_score(a, b)) < 1e-9
    code, out, _ = run(capsys, "agreement")
    assert code == 0 and "Agreement for shipped codings" in out
