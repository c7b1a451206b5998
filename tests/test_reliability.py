"""The published reliability page is regenerated from the data; the UN comparison is computed, not typed in."""

from __future__ import annotations

import shutil

import stance
from stance.data.parquet_io import write_parquet
from stance.coding.reliability import _EXPLANATIONS, render_markdown, unga_comparison

from conftest import ROOT


def test_docs_reliability_page_is_in_sync():
    text = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert text.strip() == render_markdown().strip(), "docs/reliability.md is stale: run `stance reliability > docs/reliability.md`"


def test_kazakhstan_crimea_abstention_is_read_from_the_shipped_votes():
    comp = unga_comparison().set_index(["event_id", "actor_id"])
    row = comp.loc[("crimea-2014", "KAZ")]
    assert (row["rcid"], row["vote"], row["vote_stance"], row["stance"]) == (5309, "abstain", "hedge", "hedge")


def test_comparison_follows_the_shipped_votes_and_every_text_mismatch_is_explained(tmp_path, monkeypatch):
    comp = unga_comparison()
    mismatches = comp[~comp["match"]]
    assert set(zip(mismatches["event_id"], mismatches["actor_id"])) <= set(_EXPLANATIONS)
    assert (comp.loc[comp["evidence"] == "UN vote", "match"]).all()
    # change Kazakhstan's vote on A/RES/68/262 in a copy of the shipped table: the comparison must follow it
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy, ignore=shutil.ignore_patterns("src", "raw"))
    votes = stance.load("unga_votes")
    mask = (votes["rcid"] == 5309) & (votes["actor_id"] == "KAZ")
    assert mask.sum() == 1
    votes.loc[mask, "vote"] = "no"
    votes.loc[mask, "stance"] = "oppose"
    write_parquet(votes, copy / "parquet" / "unga_votes.parquet")
    monkeypatch.setenv("STANCE_DATA_DIR", str(copy))
    doctored = unga_comparison().set_index(["event_id", "actor_id"]).loc[("crimea-2014", "KAZ")]
    assert (doctored["vote"], doctored["vote_stance"], bool(doctored["match"])) == ("no", "support", False)
