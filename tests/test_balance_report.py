"""`stance report --actor X`: the balancing section, its figures against independent computations, the --plot figure."""

from __future__ import annotations

import numpy as np
import pytest
from _balance_refs import pair_scores, ref_agreement

import stance
from stance.balance import report as balance_report
from stance.cli import main
from stance.report import render_report


@pytest.fixture
def few_resamples(monkeypatch):
    monkeypatch.setattr(balance_report, "N_BOOT", 50)


def test_report_kaz_shows_alignments_indices_and_keeps_the_pole_listing(capsys, few_resamples):
    assert main(["report", "--actor", "KAZ"]) == 0
    out = capsys.readouterr().out
    assert "stances toward events, by leading great power" in out and "Stance counts by pole:" in out  # the existing report
    for needle in ("Balancing between the poles", "agreement [CI]", "lead stance [CI]", "equidistance", "tilt", "equidistance_k",
                   "hedge_share", "the project's own proposals", "1991-1999", "2014-2022", "no period"):
        assert needle in out, needle


def test_report_figures_equal_independent_computations():
    tables = balance_report.balance_tables("KAZ", n_boot=0)
    stances = stance.load("stances").astype({"stance": str})
    align = tables["alignment"]
    for pole in ("USA", "RUS", "CHN"):
        x, y = pair_scores(stances, "KAZ", pole)
        got = align[(align["window"] == "all") & (align["pole"] == pole)].iloc[0]
        assert got["agreement_n_items"] == len(x)
        assert got["agreement_value"] == pytest.approx(ref_agreement(x, y), abs=1e-12)
    kaz = stances[stances["actor_id"] == "KAZ"]["stance"]
    hedge = tables["indices"]
    row = hedge[(hedge["window"] == "all") & (hedge["index"] == "hedge_share")].iloc[0]
    assert row["value_agreement"] == pytest.approx((kaz == "hedge").mean()) and row["n_items_agreement"] == len(kaz)
    usa = align[(align["window"] == "all") & (align["pole"] == "USA")].iloc[0]["agreement_value"]
    rus = align[(align["window"] == "all") & (align["pole"] == "RUS")].iloc[0]["agreement_value"]
    tilt = hedge[(hedge["window"] == "all") & (hedge["index"] == "tilt")].iloc[0]["value_agreement"]
    assert tilt == pytest.approx(usa - rus)


def test_report_works_for_every_coded_actor(few_resamples):
    actors = stance.load("actors")["actor_id"].astype(str)
    coded = set(stance.load("stances")["actor_id"].astype(str))
    for actor in actors:
        text = render_report(actor)
        if actor in coded:
            assert "Balancing between the poles" in text, actor


def test_report_plot_writes_a_png(tmp_path, capsys, few_resamples):
    pytest.importorskip("matplotlib")
    path = tmp_path / "kaz.png"
    assert main(["report", "--actor", "KAZ", "--plot", str(path)]) == 0
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"written to {path}" in capsys.readouterr().out


def test_report_unknown_actor_is_a_one_line_error(capsys):
    assert main(["report", "--actor", "XYZ"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: Unknown actor 'XYZ'.") and "Traceback" not in err


def test_report_plot_to_an_unwritable_place_is_a_clear_error(tmp_path, capsys, few_resamples):
    pytest.importorskip("matplotlib")
    assert main(["report", "--actor", "KAZ", "--plot", str(tmp_path / "no" / "such" / "dir" / "kaz.png")]) == 2
    err = capsys.readouterr().err
    assert "Cannot write the figure" in err and "Traceback" not in err


def test_alignment_by_period_is_reported_in_period_order():
    tables = balance_report.balance_tables("KAZ", n_boot=0)
    windows = [w for w in dict.fromkeys(tables["alignment"]["window"]) if not (w is None or w is np.nan)]
    periods = stance.load("periods").sort_values("start_year")["period_id"].tolist()
    assert windows[0] == "all" and [w for w in windows if w in periods] == periods
