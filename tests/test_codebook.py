"""The codebook file is the single definition of the categories, and everything reads it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stance.data.codebook import load_codebook, parse_codebook
from stance.data.codebook_render import RENDERERS, generated_blocks
from stance.errors import CodebookError
from stance.data.schemas import SCHEMAS

ROOT = Path(__file__).resolve().parents[1]


def test_every_category_reaches_the_schema_and_back():
    cb = load_codebook()
    for table in ("codings", "stances"):
        dtype = SCHEMAS[table].to_schema().columns["stance"].dtype.type
        assert list(dtype.categories) == list(cb.category_ids)
        assert dtype.ordered
    assert set(SCHEMAS["codings"].to_schema().columns["confidence"].dtype.type.categories) == set(cb.confidence_ids)
    assert list(SCHEMAS["stances"].to_schema().columns["method"].dtype.type.categories) == list(cb.adjudication_method_ids)


def test_ordinal_rule_is_explicit_and_applied():
    cb = load_codebook()
    assert cb.neutral_in_ordinal in {"exclude", "midpoint"}
    scores = cb.ordinal_scores()
    assert list(scores)[: len(cb.ordinal_order)] == list(cb.ordinal_order)
    assert ("neutral" in scores) == (cb.neutral_in_ordinal == "midpoint")
    assert cb.score_range == 2.0


def test_unga_mapping_targets_categories_and_has_no_absent_vote():
    cb = load_codebook()
    assert set(cb.unga_mapping) == {"yes", "abstain", "no"}
    assert set(cb.unga_mapping.values()) <= set(cb.category_ids)
    assert "neutral" not in cb.unga_mapping.values()


def test_codebook_md_generated_blocks_are_in_sync():
    blocks = generated_blocks((ROOT / "codebook" / "codebook.md").read_text(encoding="utf-8"))
    for name, render in RENDERERS.items():
        assert blocks[name] == render(), f"codebook.md block {name!r} is stale: run `stance codebook --markdown`"


def test_codebook_md_has_a_section_per_category():
    text = (ROOT / "codebook" / "codebook.md").read_text(encoding="utf-8")
    for cid in load_codebook().category_ids:
        assert re.search(rf"^### [\d.]+ {cid}$", text, re.M), f"codebook.md lacks a section '### N.N {cid}'"


def test_version_in_codebook_md_matches_toml():
    text = (ROOT / "codebook" / "codebook.md").read_text(encoding="utf-8")
    assert f"Version **{load_codebook().version}**" in text


def test_midpoint_rule_gives_neutral_the_midpoint(tmp_path):
    src = (ROOT / "codebook" / "codebook.toml").read_text(encoding="utf-8").replace('neutral_in_ordinal = "exclude"', 'neutral_in_ordinal = "midpoint"')
    path = tmp_path / "cb.toml"
    path.write_text(src, encoding="utf-8")
    assert parse_codebook(path).ordinal_scores()["neutral"] == 0.0


@pytest.mark.parametrize("old,new,message", [
    ('order = ["oppose", "hedge", "support"]', 'order = ["oppose", "hedge", "suport"]', "not categories"),
    ('score = -1.0', 'score = 5.0', "do not increase"),
    ('neutral_in_ordinal = "exclude"', 'neutral_in_ordinal = "drop"', "neutral_in_ordinal"),
    ('abstain = "hedge"', 'abstain = "neutral-ish"', "unknown categories"),
])
def test_broken_codebooks_are_refused_with_the_rule(tmp_path, old, new, message):
    src = (ROOT / "codebook" / "codebook.toml").read_text(encoding="utf-8")
    assert old in src
    path = tmp_path / "cb.toml"
    path.write_text(src.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CodebookError, match=message):
        parse_codebook(path)


def test_data_dictionary_is_in_sync_with_the_schemas():
    from stance.data.dictionary import render_dictionary

    text = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert text.strip() == render_dictionary().strip(), "docs/data-dictionary.md is stale: run `stance dictionary > docs/data-dictionary.md`"
    for name, model in SCHEMAS.items():
        for column in model.to_schema().columns:
            assert f"| `{column}` |" in text
