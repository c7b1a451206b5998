"""`stance replicate`: all five outputs, identical tables on a second run, a manifest of the versions, values checked independently."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import stance
from stance.cli import main

pytest.importorskip("matplotlib")

TABLE_SUFFIXES = (".csv", ".md")
SCORE = {"yes": 1.0, "abstain": 0.0, "no": -1.0}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    from stance.replication import replicate

    first, second = tmp_path_factory.mktemp("rep1"), tmp_path_factory.mktemp("rep2") / "nested" / "out"
    manifest = replicate(first)
    code = main(["replicate", "-o", str(second)])
    assert code == 0
    return first, second, manifest


def test_two_runs_give_byte_identical_tables(runs):
    first, second, _ = runs
    tables = sorted(p.name for p in first.iterdir() if p.suffix in TABLE_SUFFIXES)
    assert len(tables) >= 10
    assert tables == sorted(p.name for p in second.iterdir() if p.suffix in TABLE_SUFFIXES)
    for name in tables:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_all_five_outputs_and_figures_are_written(runs):
    first, _, manifest = runs
    names = {o["path"] for o in manifest["outputs"]}
    for prefix in ("1_", "2_", "3_", "4_", "5_"):
        assert any(n.startswith(prefix) for n in names), prefix
    figures = [o["path"] for o in manifest["outputs"] if o["kind"] == "figure"]
    assert set(figures) == {"2_kaz_balance_by_period.png", "3_kaz_unga_agreement_1992_2019.png", "3_central_asia_unga_by_year.png"}
    for name in figures:
        data = (first / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000, name
    index = (first / "index.md").read_text(encoding="utf-8")
    for name in figures:
        assert f"]({name})" in index


def test_manifest_records_versions_and_hashes(runs):
    import hashlib

    from stance._version import __version__
    from stance.data.loading import datapackage

    first, _, manifest = runs
    on_disk = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == manifest
    assert manifest["package"]["version"] == __version__
    assert manifest["data_version"] == datapackage()["version"]
    assert manifest["codebook_version"] == stance.load_codebook().version
    assert {"pandas", "pyarrow", "numpy", "python"} <= set(manifest["environment"])
    assert manifest["environment"]["pandas"] == pd.__version__
    resources = {r["name"]: r["hash"] for r in datapackage()["resources"]}
    assert all(resources[name] == h for name, h in manifest["inputs"].items())
    for o in manifest["outputs"]:
        assert hashlib.sha256((first / o["path"]).read_bytes()).hexdigest() == o["sha256"], o["path"]


def test_pinned_data_version_that_differs_stops_before_writing(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["replicate", "-o", str(out), "--data-version", "0.0.1"])
    err = capsys.readouterr().err
    assert code == 2
    assert "installed data version is" in err and "0.0.1" in err and "Remedy:" in err and "Traceback" not in err
    assert not out.exists()


def test_event_table_has_every_1991_2021_event_and_only_coded_stances(runs):
    first, _, _ = runs
    table = pd.read_csv(first / "1_event_table.csv", dtype=str, keep_default_na=False)
    events = stance.load("events")
    years = events["start_date"].dt.year
    expected = set(events.loc[years.between(1991, 2021), "event_id"].astype(str))
    assert set(table["event_id"]) == expected and len(table) == len(expected)
    stances = stance.load("stances")
    lookup = {(e, a): str(s) for e, a, s in zip(stances["event_id"], stances["actor_id"], stances["stance"])}
    for row in table.itertuples(index=False):
        for actor in ("KAZ", "USA", "RUS", "CHN"):
            want = lookup.get((row.event_id, actor), "")
            if actor == "RUS" and not want:
                want = lookup.get((row.event_id, "SUN"), "")
                assert row.RUS_coded_as == ("SUN" if want else "")
            assert getattr(row, actor) == want, (row.event_id, actor)
    crimea = table.set_index("event_id").loc["crimea-2014"]
    assert (crimea["KAZ"], crimea["RUS"], crimea["USA"]) == ("hedge", "support", "oppose")  # text 003: neither annexation nor recognition
    base = table.set_index("event_id").loc["us-base-request-kazakhstan-2001"]
    assert base["KAZ"] == "hedge" and base["table"] == "2"


def test_event_table_markdown_splits_the_source_tables(runs):
    first, _, _ = runs
    md = (first / "1_event_table.md").read_text(encoding="utf-8")
    assert "**Table 1. Events of 1991-1999**" in md and "**Table 2. Events of 2000-2021**" in md
    assert "support (USSR)" in md


def _pooled_agreement(votes: pd.DataFrame, a: str, b: str) -> tuple[float, int]:
    """Voeten's agreement rate over the roll calls both voted on, written out from its definition."""
    x = votes[votes["actor_id"] == a][["rcid", "vote"]]
    y = votes[votes["actor_id"] == b][["rcid", "vote"]]
    both = x.merge(y, on="rcid", suffixes=("_a", "_b"))
    d = np.abs(both["vote_a"].astype(str).map(SCORE).to_numpy() - both["vote_b"].astype(str).map(SCORE).to_numpy())
    return float(np.mean(1 - d / 2)), len(both)


@pytest.fixture(scope="module")
def votes_with_year() -> pd.DataFrame:
    votes = stance.load("unga_votes", columns=["rcid", "actor_id", "vote"])
    rc = stance.load("unga_rollcalls", columns=["rcid", "year"])
    out = votes.merge(rc, on="rcid")
    out["actor_id"] = out["actor_id"].astype(str)
    return out


def test_central_asia_agreement_equals_the_definition(runs, votes_with_year):
    first, _, _ = runs
    table = pd.read_csv(first / "3_central_asia_unga_1992_2019.csv").set_index("actor_id")
    assert list(table.index) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    window = votes_with_year[votes_with_year["year"].between(1992, 2019)]
    for state in table.index:
        a = {}
        for pole in ("USA", "RUS", "CHN"):
            a[pole], n = _pooled_agreement(window, state, pole)
            assert table.loc[state, f"agreement_{pole}"] == pytest.approx(a[pole], abs=1e-6)
            assert table.loc[state, f"n_votes_{pole}"] == n
            assert table.loc[state, f"agreement_{pole}_ci_low"] <= a[pole] + 1e-6 <= table.loc[state, f"agreement_{pole}_ci_high"] + 2e-6
        assert table.loc[state, "equidistance_USA_RUS"] == pytest.approx(1 - abs(a["USA"] - a["RUS"]), abs=1e-6)
        assert table.loc[state, "equidistance_USA_CHN"] == pytest.approx(1 - abs(a["USA"] - a["CHN"]), abs=1e-6)
        assert table.loc[state, "tilt_USA_RUS"] == pytest.approx(a["USA"] - a["RUS"], abs=1e-6)
        assert table.loc[state, "equidistance_3poles"] == pytest.approx(1 - (max(a.values()) - min(a.values())), abs=1e-6)


def test_kazakhstan_yearly_agreement_equals_the_definition(runs, votes_with_year):
    first, _, _ = runs
    table = pd.read_csv(first / "3_kaz_unga_agreement_by_year.csv").set_index("year")
    assert table.index.min() == 1992 and table.index.max() == 2019
    for year in (1992, 2007, 2014, 2019):
        window = votes_with_year[votes_with_year["year"] == year]
        for pole in ("USA", "RUS", "CHN"):
            value, n = _pooled_agreement(window, "KAZ", pole)
            assert table.loc[year, f"agreement_{pole}"] == pytest.approx(value, abs=1e-6)
            assert table.loc[year, f"n_votes_{pole}"] == n


def test_post_soviet_ranking_follows_the_documented_definition(runs, votes_with_year):
    first, _, _ = runs
    table = pd.read_csv(first / "4_post_soviet_equidistance_by_decade.csv")
    states = ["ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "TJK", "TKM", "UKR", "UZB"]
    assert list(table["decade"].unique()) == ["1990s", "2000s", "2010s"]
    decades = {"1990s": (1992, 1999), "2000s": (2000, 2009), "2010s": (2010, 2019)}
    for decade, (lo, hi) in decades.items():
        part = table[table["decade"] == decade]
        assert sorted(part["actor_id"]) == states
        window = votes_with_year[votes_with_year["year"].between(lo, hi)]
        expected = {}
        for state in states:
            a = {p: _pooled_agreement(window, state, p)[0] for p in ("USA", "RUS", "CHN")}
            expected[state] = (1 - abs(a["USA"] - a["RUS"]), 1 - abs(a["USA"] - a["CHN"]))
        got = part.set_index("actor_id")
        for state, (e_rus, e_chn) in expected.items():
            assert got.loc[state, "equidistance_USA_RUS"] == pytest.approx(e_rus, abs=1e-6)
            assert got.loc[state, "equidistance_USA_CHN"] == pytest.approx(e_chn, abs=1e-6)
        order = sorted(states, key=lambda s: -expected[s][0])
        assert list(part["actor_id"]) == order
        assert list(part["rank_USA_RUS"]) == list(range(1, len(states) + 1))
        chn_order = sorted(states, key=lambda s: -expected[s][1])
        assert [int(got.loc[s, "rank_USA_CHN"]) for s in chn_order] == list(range(1, len(states) + 1))


def test_kazakhstan_balance_by_period_has_intervals(runs):
    first, _, _ = runs
    indices = pd.read_csv(first / "2_kaz_indices_by_period.csv")
    periods = set(stance.load("periods")["period_id"].astype(str))
    assert periods <= set(indices["window"])
    eq = indices[(indices["index"] == "equidistance") & indices["value_agreement"].notna()]
    assert len(eq) >= 4
    assert (eq["ci_low_agreement"] <= eq["value_agreement"] + 1e-9).all() and (eq["value_agreement"] <= eq["ci_high_agreement"] + 1e-9).all()


def test_reliability_report_is_the_documented_one(runs):
    from conftest import ROOT

    first, _, _ = runs
    assert (first / "5_reliability.md").read_text(encoding="utf-8").strip() == (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8").strip()
