"""Properties: invariances, bounds, perfect agreement, symmetry, and the degenerate-data policy."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stance.agreement as ag
from stance.errors import DegenerateDataWarning

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MULTI = {
    "percent_agreement": lambda x, **k: ag.percent_agreement(x, **k),
    "fleiss_kappa": lambda x, **k: ag.fleiss_kappa(x, **k),
    "gwet_ac1": lambda x, **k: ag.gwet_ac1(x, **k),
    "gwet_ac2": lambda x, **k: ag.gwet_ac2(x, **k),
    "brennan_prediger": lambda x, **k: ag.brennan_prediger(x, **k),
    "alpha_nominal": lambda x, **k: ag.krippendorff_alpha(x, metric="nominal", **k),
    "alpha_ordinal": lambda x, **k: ag.krippendorff_alpha(x, metric="ordinal", **k),
    "alpha_interval": lambda x, **k: ag.krippendorff_alpha(x, metric="interval", **k),
    "alpha_ratio": lambda x, **k: ag.krippendorff_alpha(x, metric="ratio", **k),
}
TWO = {
    "cohen_kappa": lambda x, **k: ag.cohen_kappa(x, **k),
    "cohen_linear": lambda x, **k: ag.cohen_kappa(x, weights="linear", **k),
    "cohen_quadratic": lambda x, **k: ag.cohen_kappa(x, weights="quadratic", **k),
    "scott_pi": lambda x, **k: ag.scott_pi(x, **k),
}
ALL = {**MULTI, **TWO}


@st.composite
def matrices(draw, coders=None):
    q = draw(st.integers(2, 4))
    m = coders or draw(st.integers(2, 5))
    n = draw(st.integers(3, 25))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x = (rng.integers(0, q, (n, m)) + 1).astype(float)
    x[rng.random((n, m)) < draw(st.sampled_from([0.0, 0.2]))] = np.nan
    return x, [float(v) for v in range(1, q + 1)]


def est(fn, x, cats):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateDataWarning)
        return fn(x, categories=cats).estimate


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, abs=1e-12)


@SETTINGS
@given(matrices(), st.data())
def test_invariant_to_unit_and_coder_order(data, draw):
    x, cats = data
    perm_u = draw.draw(st.permutations(range(x.shape[0])))
    perm_c = draw.draw(st.permutations(range(x.shape[1])))
    for name, fn in MULTI.items():
        assert same(est(fn, x, cats), est(fn, x[np.ix_(perm_u, perm_c)], cats)), name


@SETTINGS
@given(matrices(coders=2), st.data())
def test_two_coder_symmetry_and_unit_order(data, draw):
    x, cats = data
    perm_u = draw.draw(st.permutations(range(x.shape[0])))
    for name, fn in TWO.items():
        e = est(fn, x, cats)
        assert same(e, est(fn, x[:, ::-1], cats)), name
        assert same(e, est(fn, x[perm_u], cats)), name


@SETTINGS
@given(matrices())
def test_bounds(data):
    x, cats = data
    for name, fn in ALL.items():
        if name in TWO and x.shape[1] != 2:
            continue
        e = est(fn, x, cats)
        if math.isnan(e):
            continue
        assert e <= 1 + 1e-12, name
        if name == "percent_agreement":
            assert e >= -1e-12
        elif name in ("cohen_kappa", "gwet_ac1", "brennan_prediger"):
            # kappa >= -1 (Cohen 1960); AC1 and BP: unweighted p_e <= 1/q <= 1/2.
            assert e >= -1 - 1e-12, name


@pytest.mark.parametrize("name", list(ALL))
def test_perfect_agreement_is_one(name):
    x = np.array([[1, 1], [2, 2], [3, 3], [1, 1], [2, 2]], dtype=float)
    if name in MULTI:
        x = np.column_stack([x, x[:, 0]])
        x[0, 2] = np.nan
    assert ALL[name](x, categories=[1.0, 2.0, 3.0]).estimate == pytest.approx(1.0)


DEGENERATE = {
    "one coder": (np.array([[1.0], [2.0], [3.0]]), "one coder"),
    "one category": (np.array([[2.0, 2.0], [2.0, 2.0], [2.0, 2.0], [1.0, np.nan]]), "one category"),
    "one unit": (np.array([[1.0, 2.0], [3.0, np.nan], [np.nan, 1.0]]), "one unit"),
    "no pairable values": (np.array([[1.0, np.nan], [np.nan, 2.0], [3.0, np.nan]]), "no pairable values"),
}


@pytest.mark.parametrize("case", list(DEGENERATE))
@pytest.mark.parametrize("name", list(ALL))
def test_degenerate_policy_nan_and_warning(name, case):
    x, reason = DEGENERATE[case]
    with pytest.warns(DegenerateDataWarning, match=reason):
        res = ALL[name](x, categories=[1.0, 2.0, 3.0])
    assert math.isnan(res.estimate)
    assert res.ci_low is None and res.se is None


def test_degenerate_with_ci_returns_nan_without_bootstrap():
    x, _ = DEGENERATE["one category"]
    with pytest.warns(DegenerateDataWarning):
        res = ag.gwet_ac1(x, categories=[1.0, 2.0, 3.0], ci=True, seed=1)
    assert math.isnan(res.estimate) and res.ci_low is None


def test_zero_denominator_is_nan_with_warning():
    # Custom weights that treat every pair of categories as full agreement: p_e = 1.
    x = np.array([[1.0, 2.0], [2.0, 1.0], [1.0, 1.0]])
    with pytest.warns(DegenerateDataWarning, match="zero denominator"):
        res = ag.cohen_kappa(x, weights=np.ones((2, 2)), categories=[1.0, 2.0])
    assert math.isnan(res.estimate)


def test_unobserved_categories_change_ac1_and_bp_but_not_kappa_or_alpha():
    x = np.array([[1, 1], [2, 2], [1, 2], [1, 1], [2, 2], [2, 1], [1, 1]], dtype=float)
    small, big = [1.0, 2.0], [1.0, 2.0, 3.0, 4.0]
    for fn in (ag.gwet_ac1, ag.brennan_prediger):
        assert fn(x, categories=small).estimate != pytest.approx(fn(x, categories=big).estimate)
        assert fn(x, categories=big).categories == tuple(big)
    for fn in (ag.cohen_kappa, ag.scott_pi, ag.fleiss_kappa, ag.krippendorff_alpha):
        assert fn(x, categories=small).estimate == pytest.approx(fn(x, categories=big).estimate, abs=1e-12)


def test_bootstrap_ci_reproducible_and_brackets_estimate():
    rng = np.random.default_rng(0)
    truth = rng.integers(0, 3, 200)
    x = np.where(rng.random((200, 3)) < 0.7, truth[:, None], rng.integers(0, 3, (200, 3))).astype(float)
    for fn in (ag.krippendorff_alpha, ag.gwet_ac1, ag.fleiss_kappa, ag.percent_agreement, ag.brennan_prediger):
        a = fn(x, ci=True, n_boot=300, seed=42)
        b = fn(x, ci=True, n_boot=300, seed=42)
        assert (a.ci_low, a.ci_high) == (b.ci_low, b.ci_high)
        assert a.ci_low < a.estimate < a.ci_high
        assert a.n_boot == 300 and a.n_boot_valid == 300 and a.conf_level == 0.95
    two = x[:, :2]
    for fn in (ag.cohen_kappa, ag.scott_pi):
        a = fn(two, ci=True, n_boot=300, seed=7, conf_level=0.9)
        assert a.ci_low < a.estimate < a.ci_high
        # The bootstrap SD is close to the analytic (Fleiss-Cohen-Everitt / Gwet) SE.
        width = (a.ci_high - a.ci_low) / (2 * 1.645)
        assert width == pytest.approx(a.se, rel=0.25)


def test_bootstrap_matches_plain_unit_resampling_in_distribution():
    """The pattern-multinomial bootstrap is unit resampling: compare with a naive loop."""
    rng = np.random.default_rng(3)
    truth = rng.integers(0, 3, 120)
    x = np.where(rng.random((120, 3)) < 0.6, truth[:, None], rng.integers(0, 3, (120, 3))).astype(float)
    x[rng.random(x.shape) < 0.1] = np.nan
    res = ag.krippendorff_alpha(x, ci=True, n_boot=2000, seed=1)
    naive = []
    r2 = np.random.default_rng(2)
    for _ in range(2000):
        idx = r2.integers(0, 120, 120)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateDataWarning)
            naive.append(ag.krippendorff_alpha(x[idx]).estimate)
    lo, hi = np.quantile(naive, [0.025, 0.975])
    assert res.ci_low == pytest.approx(lo, abs=0.03)
    assert res.ci_high == pytest.approx(hi, abs=0.03)


def test_bootstrap_replicates_follow_the_degenerate_policy():
    """A resample that keeps only one category is undefined, not a silent 1.0: it is dropped and counted."""
    y = np.array([[1, 1]] * 30 + [[2, 2], [1, 2]], dtype=float)
    res = ag.gwet_ac1(y, ci=True, seed=1, n_boot=500)
    assert 0 < res.n_boot_valid < 500
    assert f"({res.n_boot_valid} of 500 replicates defined)" in repr(res)
    k = ag.cohen_kappa(y, ci=True, seed=1, n_boot=500)
    assert 0 < k.n_boot_valid < 500
