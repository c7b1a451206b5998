"""stance.balance against independent references: scikit-learn, stance.agreement and plain per-dyad formulas.

Tolerance 1e-10 throughout (the same sums, computed in a different order).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _balance_refs import LEVELS, REFERENCES, SCORE, pair_scores, random_stances, ref_kappa, ref_pi, ref_s
from sklearn.metrics import cohen_kappa_score

from stance.agreement import cohen_kappa, pairwise_kappa, pairwise_pi, scott_pi
from stance.balance import MEASURES, alignment, dyadic_similarity, similarity

TOL = 1e-10
ACTORS = [f"A{i:02d}" for i in range(9)]


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return random_stances(np.random.default_rng(11), 120, ACTORS, p_missing=0.25)


@pytest.mark.parametrize("seed", range(5))
def test_hage_kappa_and_pi_equal_quadratic_cohen_and_scott(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 80))
    x = rng.choice(["oppose", "hedge", "support"], size=n, p=rng.dirichlet(np.ones(3)))
    y = rng.choice(["oppose", "hedge", "support"], size=n, p=rng.dirichlet(np.ones(3)))
    df = pd.DataFrame({"event_id": list(range(n)) * 2, "actor_id": ["a"] * n + ["b"] * n, "stance": list(x) + list(y)})
    k = similarity(df, "a", "b", measure="kappa").value
    p = similarity(df, "a", "b", measure="pi").value
    sx, sy = pd.Series(x).map(SCORE).to_numpy(), pd.Series(y).map(SCORE).to_numpy()
    assert k == pytest.approx(cohen_kappa_score(sx, sy, labels=LEVELS, weights="quadratic"), abs=TOL)
    pair = np.column_stack([x, y])
    assert k == pytest.approx(cohen_kappa(pair, weights="quadratic").estimate, abs=TOL)
    assert p == pytest.approx(scott_pi(pair, weights="quadratic").estimate, abs=TOL)
    assert p == pytest.approx(ref_pi(sx, sy), abs=TOL)
    # absolute distances = linear weights
    k_abs = similarity(df, "a", "b", measure="kappa", distance="absolute").value
    assert k_abs == pytest.approx(cohen_kappa_score(sx, sy, labels=LEVELS, weights="linear"), abs=TOL)
    p_abs = similarity(df, "a", "b", measure="pi", distance="absolute").value
    assert p_abs == pytest.approx(scott_pi(pair, weights="linear").estimate, abs=TOL)


def test_item_weights_match_sklearn_sample_weight_and_weighted_s():
    rng = np.random.default_rng(3)
    n = 40
    x = rng.choice(["oppose", "hedge", "support"], size=n)
    y = rng.choice(["oppose", "hedge", "support"], size=n)
    w = rng.random(n) * 3
    df = pd.DataFrame({"event_id": list(range(n)) * 2, "actor_id": ["a"] * n + ["b"] * n, "stance": list(x) + list(y), "w": list(w) * 2})
    sx, sy = pd.Series(x).map(SCORE).to_numpy(), pd.Series(y).map(SCORE).to_numpy()
    assert similarity(df, "a", "b", measure="kappa", weights="w").value == pytest.approx(ref_kappa(sx, sy, w=w), abs=TOL)
    assert similarity(df, "a", "b", measure="s_absolute", weights="w").value == pytest.approx(ref_s(sx, sy, w=w), abs=TOL)
    weights_by_item = dict(zip(range(n), w))
    assert similarity(df, "a", "b", measure="s_squared", weights=weights_by_item).value == pytest.approx(ref_s(sx, sy, squared=True, w=w), abs=TOL)
    r = similarity(df, "a", "b", measure="s_absolute", weights="w")
    assert r.n_items == n  # counts stay counts of items, not sums of weights


def test_every_dyad_matches_the_per_dyad_references(data):
    out = dyadic_similarity(data, measures=MEASURES)
    assert len(out) == len(MEASURES) * len(ACTORS) * (len(ACTORS) - 1) // 2
    for r in out.itertuples(index=False):
        x, y = pair_scores(data, r.actor, r.other)
        assert r.n_items == len(x)
        expected = REFERENCES[r.measure](x, y)
        assert r.value == pytest.approx(expected, abs=TOL, nan_ok=True), (r.actor, r.other, r.measure)


def test_all_dyads_equal_stance_agreement_pairwise(data):
    out = dyadic_similarity(data, measures=("kappa", "pi"))
    wide = data.pivot(index="event_id", columns="actor_id", values="stance")[ACTORS]
    pk = pairwise_kappa(wide, weights="quadratic", output="arrays")
    pp = pairwise_pi(wide, weights="quadratic", output="arrays")
    for name, ref in (("kappa", pk), ("pi", pp)):
        sub = out[out["measure"] == name]
        ia = [ref.coders.index(a) for a in sub["actor"]]
        ib = [ref.coders.index(b) for b in sub["other"]]
        np.testing.assert_allclose(sub["value"].to_numpy(), ref.estimate[ia, ib], atol=TOL)
        np.testing.assert_array_equal(sub["n_items"].to_numpy(), ref.n_units[ia, ib])


def test_against_restricts_the_second_side(data):
    full = dyadic_similarity(data, measures=("agreement",))
    poles = dyadic_similarity(data, measures=("agreement",), against=["A00", "A01"])
    assert len(poles) == len(ACTORS) * 2 - 2  # every actor against both poles, no self-pairs
    merged = poles.merge(pd.concat([full, full.rename(columns={"actor": "other", "other": "actor"})]), on=["actor", "other", "measure"], suffixes=("", "_full"))
    assert len(merged) == len(poles)
    np.testing.assert_allclose(merged["value"], merged["value_full"], atol=TOL)


def test_agreement_without_half_credit_is_exact_match_over_all_categories():
    df = pd.DataFrame({"event_id": ["e1", "e2", "e3", "e4"] * 2, "actor_id": ["a"] * 4 + ["b"] * 4,
                       "stance": ["support", "hedge", "neutral", "oppose", "support", "support", "neutral", "support"]})
    # by hand: e1 same, e2 hedge vs support (differ), e3 neutral = neutral (same, nominal), e4 differ -> 2/4
    strict = similarity(df, "a", "b", measure="agreement", half_credit=False)
    assert (strict.value, strict.n_items, strict.n_excluded) == (0.5, 4, 0)
    # with half credit (ordinal): neutral excluded and counted; e1 1, e2 0.5, e4 0 -> 1.5/3
    half = similarity(df, "a", "b", measure="agreement")
    assert (half.value, half.n_items, half.n_excluded) == (0.5, 3, 1)


def test_alignment_by_year_and_rolling_matches_per_window_references():
    rng = np.random.default_rng(5)
    df = random_stances(rng, 90, ["KAZ", "UZB", "USA", "RUS", "CHN"], p_missing=0.3)
    years = {f"e{i:04d}": 2000 + i % 6 for i in range(90)}
    df["year"] = df["event_id"].map(years)
    out = alignment(df, poles=("USA", "RUS", "CHN"), by="year", rolling=3, measures=("agreement", "kappa", "s_squared"))
    assert set(out["window"]) == {"2000..2002", "2001..2003", "2002..2004", "2003..2005"}
    assert not (out["actor"] == out["pole"]).any()
    for r in out.itertuples(index=False):
        first, last = (int(v) for v in r.window.split(".."))
        window = df[df["year"].between(first, last)]
        x, y = pair_scores(window, r.actor, r.pole)
        assert r.n_items == len(x)
        assert r.value == pytest.approx(REFERENCES[r.measure](x, y), abs=TOL, nan_ok=True)
