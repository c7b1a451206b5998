"""The published reliability page is regenerated from the data; the UN comparison is computed, not typed in."""

from __future__ import annotations

import gzip
import shutil

import pandas as pd

from stance.reliability import _EXPLANATIONS, render_markdown, unga_comparison

from conftest import ROOT, shared_dir


def test_docs_reliability_page_is_in_sync():
    unga = shared_dir("data-raw", "unga")
    text = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert text.strip() == render_markdown(unga).strip(), "docs/reliability.md is stale: run `stance reliability --unga ../shared/data-raw/unga > docs/reliability.md`"


def test_kazakhstan_crimea_abstention_is_read_from_the_vote_file():
    comp = unga_comparison(shared_dir("data-raw", "unga")).set_index(["event_id", "actor_id"])
    row = comp.loc[("crimea-2014", "KAZ")]
    assert (row["rcid"], row["vote"], row["vote_stance"], row["stance"]) == (5309, "abstain", "hedge", "hedge")


def test_comparison_follows_the_vote_file_and_every_text_mismatch_is_explained(tmp_path):
    unga = shared_dir("data-raw", "unga")
    comp = unga_comparison(unga)
    mismatches = comp[~comp["match"]]
    assert set(zip(mismatches["event_id"], mismatches["actor_id"])) <= set(_EXPLANATIONS)
    assert (comp.loc[comp["evidence"] == "UN vote", "match"]).all()
    # change Kazakhstan's recorded vote on A/RES/68/262 in a copy: the comparison must follow the file
    with gzip.open(unga / "un_votes.csv.gz", "rt", encoding="utf-8") as fh:
        votes = pd.read_csv(fh, dtype=str, keep_default_na=False)
    mask = (votes["rcid"] == "5309") & (votes["country_code"] == "KZ")
    assert mask.sum() == 1
    votes.loc[mask, "vote"] = "no"
    (tmp_path / "unga").mkdir()
    with gzip.open(tmp_path / "unga" / "un_votes.csv.gz", "wt", encoding="utf-8") as fh:
        votes.to_csv(fh, index=False)
    doctored = unga_comparison(tmp_path / "unga").set_index(["event_id", "actor_id"]).loc[("crimea-2014", "KAZ")]
    assert (doctored["vote"], doctored["vote_stance"], bool(doctored["match"])) == ("no", "support", False)
