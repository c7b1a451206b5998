"""Hand-computed cases for every alignment and balancing index (worked out in the comments, not by the code).

The toy world (6 events, 2 periods; "-" = no stance, never neutral):

    event  period year lead      USA      RUS      CHN      KAZ
    e1     P1     2001 USA       support  oppose   -        hedge
    e2     P1     2002 RUS       oppose   support  support  support
    e3     P1     2003 USA;RUS   support  support  -        support
    e4     P2     2004 USA       support  oppose   -        -
    e5     P2     2005 RUS       oppose   support  -        hedge
    e6     P2     2006 CHN       oppose   -        support  neutral

Agreement with half credit (1 same, 1/2 hedge vs a side, 0 support vs
oppose; neutral excluded from this ordinal measure and counted):

    KAZ-USA: e1 .5, e2 0, e3 1, e5 .5 -> 2/4 = 0.5; e6 excluded (1); e4 gap (1)
    KAZ-RUS: e1 .5, e2 1, e3 1, e5 .5 -> 3/4 = 0.75; gaps e4, e6 (2)
    KAZ-CHN: e2 1 -> 1.0 (n 1); e6 excluded (1); gaps e1, e3, e5 (3)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from stance.balance import alignment, balance, balancing_indices, hedge_share, lead_alignment, split_items

EVENTS = pd.DataFrame({
    "event_id": ["e1", "e2", "e3", "e4", "e5", "e6"],
    "period_id": ["P1", "P1", "P1", "P2", "P2", "P2"],
    "year": [2001, 2002, 2003, 2004, 2005, 2006],
    "lead_actor_ids": ["USA", "RUS", "USA;RUS", "USA", "RUS", "CHN"],
})
CODED = {
    "USA": ["support", "oppose", "support", "support", "oppose", "oppose"],
    "RUS": ["oppose", "support", "support", "oppose", "support", None],
    "CHN": [None, "support", None, None, None, "support"],
    "KAZ": ["hedge", "support", "support", None, "hedge", "neutral"],
}
POLES = ("USA", "RUS", "CHN")


def toy() -> pd.DataFrame:
    rows = [(e, a, s) for a, stances in CODED.items() for e, s in zip(EVENTS["event_id"], stances) if s is not None]
    df = pd.DataFrame(rows, columns=["event_id", "actor_id", "stance"])
    return df.merge(EVENTS[["event_id", "period_id", "year"]], on="event_id")


def row(frame: pd.DataFrame, **where) -> pd.Series:
    sel = frame
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, where
    return sel.iloc[0]


def test_alignment_overall_by_hand():
    out = alignment(toy(), poles=(*POLES, "EU"), focal="KAZ")
    usa, rus, chn, eu = (row(out, pole=p) for p in ("USA", "RUS", "CHN", "EU"))
    assert (usa.value, usa.n_items, usa.n_excluded, usa.n_missing) == (0.5, 4, 1, 1)
    assert (rus.value, rus.n_items, rus.n_excluded, rus.n_missing) == (0.75, 4, 0, 2)
    assert (chn.value, chn.n_items, chn.n_excluded, chn.n_missing) == (1.0, 1, 1, 3)
    assert np.isnan(eu.value) and eu.n_items == 0  # the EU has no stance here: NaN, not a guess


def test_alignment_by_period_by_hand():
    # P1 (e1-e3): USA .5, 0, 1 -> 0.5; RUS .5, 1, 1 -> 5/6; CHN e2 -> 1.
    # P2 (e4-e6): USA e5 .5 -> 0.5 (e6 excluded); RUS e5 .5 -> 0.5; CHN only e6, excluded -> NaN, n 0.
    out = alignment(toy(), poles=POLES, focal="KAZ", by="period_id")
    assert row(out, pole="USA", window="P1").value == pytest.approx(0.5)
    assert row(out, pole="RUS", window="P1").value == pytest.approx(5 / 6)
    assert row(out, pole="CHN", window="P1").value == 1.0
    p2 = {p: row(out, pole=p, window="P2") for p in POLES}
    assert (p2["USA"].value, p2["USA"].n_items, p2["USA"].n_excluded) == (0.5, 1, 1)
    assert (p2["RUS"].value, p2["RUS"].n_items) == (0.5, 1)
    assert np.isnan(p2["CHN"].value) and (p2["CHN"].n_items, p2["CHN"].n_excluded) == (0, 1)


def test_alignment_rolling_two_years_by_hand():
    # 2002..2003: USA e2 0, e3 1 -> 0.5 (n 2); 2004..2005: USA e4 gap, e5 .5 -> 0.5 (n 1, gap 1).
    out = alignment(toy(), poles=POLES, focal="KAZ", by="year", rolling=2)
    assert list(pd.unique(out["window"])) == ["2001..2002", "2002..2003", "2003..2004", "2004..2005", "2005..2006"]
    a = row(out, pole="USA", window="2002..2003")
    b = row(out, pole="USA", window="2004..2005")
    assert (a.value, a.n_items) == (0.5, 2)
    assert (b.value, b.n_items, b.n_missing) == (0.5, 1, 1)


def test_equidistance_tilt_and_k_pole_by_hand():
    # Overall: a_USA = 0.5, a_RUS = 0.75, a_CHN = 1.0, range 1 (agreement).
    # tilt = (0.5 - 0.75)/1 = -0.25; equidistance = 1 - 0.25 = 0.75; n = min(4, 4) = 4.
    # k-pole: 1 - (1.0 - 0.5)/1 = 0.5; n = min(4, 4, 1) = 1.
    ind = balancing_indices(alignment(toy(), poles=POLES, focal="KAZ"), pair=("USA", "RUS"))
    assert row(ind, index="tilt").value == pytest.approx(-0.25)
    assert row(ind, index="equidistance").value == pytest.approx(0.75)
    assert row(ind, index="equidistance").n_items == 4
    k = row(ind, index="equidistance_k")
    assert (k.value, k.n_items, k.pole) == (pytest.approx(0.5), 1, "USA|RUS|CHN")


def test_indices_by_period_by_hand():
    # P1: tilt = 0.5 - 5/6 = -1/3, equidistance 2/3, k-pole 1 - (1 - 0.5) = 0.5.
    # P2: tilt 0.5 - 0.5 = 0, equidistance 1; CHN undefined, so the k-pole form uses USA|RUS only: 1.
    out = balance(toy(), focal="KAZ", poles=POLES, by="period_id")
    assert row(out, window="P1", index="tilt").value == pytest.approx(-1 / 3)
    assert row(out, window="P1", index="equidistance").value == pytest.approx(2 / 3)
    assert row(out, window="P1", index="equidistance_k").value == pytest.approx(0.5)
    assert row(out, window="P2", index="tilt").value == 0.0
    k2 = row(out, window="P2", index="equidistance_k")
    assert (k2.value, k2.pole) == (1.0, "USA|RUS")


def test_lead_alignment_by_hand():
    # USA leads e1, e3, e4: KAZ hedge 0, support 1, no stance -> mean 0.5 (n 2, gap 1).
    # RUS leads e2, e3, e5: support 1, support 1, hedge 0 -> 2/3 (n 3).
    # CHN leads e6: KAZ neutral -> no score: NaN, n 0, excluded 1.  EU leads nothing: NaN, n 0.
    out = lead_alignment(toy(), EVENTS, "KAZ", (*POLES, "EU"))
    usa, rus, chn, eu = (row(out, pole=p) for p in ("USA", "RUS", "CHN", "EU"))
    assert (usa.value, usa.n_items, usa.n_missing) == (0.5, 2, 1)
    assert (rus.value, rus.n_items, rus.n_missing) == (pytest.approx(2 / 3), 3, 0)
    assert np.isnan(chn.value) and (chn.n_items, chn.n_excluded, chn.n_missing) == (0, 1, 0)
    assert np.isnan(eu.value) and eu.n_items == 0
    assert (out["measure"] == "lead_mean_stance").all()


def test_lead_sense_indices_by_hand():
    # range 2 (scores -1..1): tilt = (0.5 - 2/3)/2 = -1/12; equidistance = 1 - 1/12 = 11/12.
    out = balance(toy(), focal="KAZ", poles=POLES, sense="lead", events=EVENTS)
    assert row(out, index="tilt").value == pytest.approx(-1 / 12)
    assert row(out, index="equidistance").value == pytest.approx(11 / 12)


def test_lead_alignment_by_period_uses_the_events_table():
    # P1: USA leads e1, e3 -> (0 + 1)/2 = 0.5; P2: USA leads e4 (no KAZ stance) -> NaN, 1 gap.
    out = lead_alignment(toy(), EVENTS, "KAZ", ("USA",), by="period_id")
    assert row(out, window="P1").value == 0.5
    p2 = row(out, window="P2")
    assert np.isnan(p2.value) and p2.n_missing == 1


def test_hedge_share_by_hand():
    # KAZ coded e1 hedge, e2 support, e3 support, e5 hedge, e6 neutral: 2 of 5 -> 0.4 (e4 is no stance).
    # P1: 1 of 3; P2: e5 hedge, e6 neutral -> 1 of 2.
    overall = hedge_share(toy(), "KAZ")
    assert (row(overall, actor="KAZ").value, row(overall, actor="KAZ").n_items) == (0.4, 5)
    per = hedge_share(toy(), "KAZ", by="period_id")
    assert row(per, window="P1").value == pytest.approx(1 / 3)
    assert row(per, window="P2").value == 0.5


def test_split_items_by_hand():
    # USA vs RUS opposite (support vs oppose) on e1, e2, e4, e5 (e3 both support, e6 RUS has no stance).
    # KAZ there: e1 hedge, e2 support (= RUS), e4 none, e5 hedge -> n 3: USA 0, RUS 1/3, hedge 2/3, neutral 0; gap 1.
    out = split_items(toy(), "KAZ", "USA", "RUS")
    assert row(out, index="split_side", pole="USA").value == 0.0
    assert row(out, index="split_side", pole="RUS").value == pytest.approx(1 / 3)
    assert row(out, index="split_hedge").value == pytest.approx(2 / 3)
    assert row(out, index="split_neutral").value == 0.0
    assert set(out["n_items"]) == {3} and set(out["n_missing"]) == {1}


def test_bootstrap_interval_matches_a_naive_resampling_of_items():
    # Reference: resample the window's items with replacement, recompute KAZ-USA agreement, take percentiles.
    rng = np.random.default_rng(0)
    n = 60
    kaz = rng.choice(["support", "hedge", "oppose"], size=n, p=[0.5, 0.3, 0.2])
    usa = rng.choice(["support", "hedge", "oppose"], size=n, p=[0.6, 0.1, 0.3])
    kaz_missing = rng.random(n) < 0.2
    df = pd.DataFrame({"event_id": list(range(n)) * 2, "actor_id": ["KAZ"] * n + ["USA"] * n, "stance": list(kaz) + list(usa)})
    df = df[~np.concatenate([kaz_missing, np.zeros(n, bool)])]
    out = alignment(df, poles=("USA",), focal="KAZ", n_boot=4000, seed=1)
    score = {"support": 1, "hedge": 0, "oppose": -1}
    xs, ys = np.array([score[s] for s in kaz]), np.array([score[s] for s in usa])
    reps = []
    for _ in range(4000):
        idx = rng.integers(0, n, n)
        ok = ~kaz_missing[idx]
        reps.append(1 - np.abs(xs[idx][ok] - ys[idx][ok]).mean() / 2)
    lo, hi = np.quantile(reps, [0.025, 0.975])
    assert out.loc[0, "ci_low"] == pytest.approx(lo, abs=0.02)
    assert out.loc[0, "ci_high"] == pytest.approx(hi, abs=0.02)


def test_bootstrap_is_reproducible_and_degenerate_cases_are_exact():
    a = balance(toy(), focal="KAZ", poles=POLES, n_boot=200, seed=7)
    b = balance(toy(), focal="KAZ", poles=POLES, n_boot=200, seed=7)
    pd.testing.assert_frame_equal(a, b)
    same = pd.DataFrame({"event_id": ["e1", "e2", "e3"] * 2, "actor_id": ["A"] * 3 + ["B"] * 3, "stance": ["support", "oppose", "hedge"] * 2})
    out = alignment(same, poles=("B",), focal="A", n_boot=100, seed=1)
    assert (out.loc[0, "ci_low"], out.loc[0, "ci_high"]) == (1.0, 1.0)  # identical stances: every resample agrees fully


def test_vectorised_percentiles_equal_numpy_nanquantile():
    import warnings

    from stance.balance._windows import nan_percentiles

    rng = np.random.default_rng(2)
    reps = rng.normal(size=(501, 300))
    reps[rng.random(reps.shape) < 0.3] = np.nan
    reps[:, 5] = np.nan  # no defined replicate
    reps[1:, 9] = np.nan  # exactly one
    lo, hi = nan_percentiles(reps, 0.025)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ref = np.nanquantile(reps, [0.025, 0.975], axis=0)
    np.testing.assert_allclose(lo, ref[0], atol=1e-12)
    np.testing.assert_allclose(hi, ref[1], atol=1e-12)
