"""Randomised comparisons with the reference implementations (oracles), to 1e-9.

Oracles: sklearn.metrics.cohen_kappa_score, statsmodels fleiss_kappa,
krippendorff.alpha (GPL: test-only), irrCAC (raw and table CAC). Where our
function returns NaN (degenerate data) the test checks that the data really
are degenerate under the documented policy instead of comparing.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stance.agreement as ag
from stance.errors import DegenerateDataWarning

krippendorff = pytest.importorskip("krippendorff")
irrcac_raw = pytest.importorskip("irrCAC.raw")
irrcac_table = pytest.importorskip("irrCAC.table")
sk_metrics = pytest.importorskip("sklearn.metrics")
inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")


TOL = 1e-9
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def rating_matrix(draw, min_coders=2, max_coders=5, max_units=30, missing=True):
    """(matrix units x coders with NaN, q)."""
    q = draw(st.integers(2, 5))
    m = draw(st.integers(min_coders, max_coders))
    n = draw(st.integers(2, max_units))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    # Skewed category propensities and a "true" code per unit so that agreement varies.
    truth = rng.integers(0, q, n)
    p_agree = draw(st.floats(0.0, 1.0))
    x = np.where(rng.random((n, m)) < p_agree, truth[:, None], rng.integers(0, q, (n, m))).astype(float)
    if missing:
        rate = draw(st.sampled_from([0.0, 0.1, 0.3, 0.5]))
        x[rng.random((n, m)) < rate] = np.nan
    return x, q


def quiet(fn, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateDataWarning)
        return fn(*args, **kw)


def pairable_categories(x):
    """Distinct codes among units with >= 2 codes, and the number of such units."""
    m = (~np.isnan(x)).sum(axis=1)
    vals = x[m >= 2]
    return np.unique(vals[~np.isnan(vals)]).size, int((m >= 2).sum())


def assert_degenerate_or_close(res, expected, x):
    if np.isnan(res.estimate):
        n_cats, n_units = pairable_categories(x)
        assert n_cats < 2 or n_units < 2
    else:
        assert res.estimate == pytest.approx(expected, abs=TOL)


# --- sklearn: Cohen's kappa, unweighted / linear / quadratic -------------------


@SETTINGS
@given(rating_matrix(min_coders=2, max_coders=2, missing=True), st.sampled_from([None, "linear", "quadratic"]))
def test_cohen_vs_sklearn(data, weights):
    x, q = data
    both = ~np.isnan(x).any(axis=1)
    res = quiet(ag.cohen_kappa, x, weights=weights, categories=list(range(q)))
    a, b = x[both, 0].astype(int), x[both, 1].astype(int)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = sk_metrics.cohen_kappa_score(a, b, labels=list(range(q)), weights=weights) if both.sum() else np.nan
    assert res.n_units == both.sum()
    assert_degenerate_or_close(res, expected, x[both])


# --- statsmodels: Fleiss' kappa, complete data ---------------------------------


@SETTINGS
@given(rating_matrix(min_coders=2, max_coders=7, missing=False))
def test_fleiss_vs_statsmodels_complete(data):
    x, q = data
    res = quiet(ag.fleiss_kappa, x, categories=list(range(q)))
    table = np.stack([(x == k).sum(axis=1) for k in range(q)], axis=1)
    with np.errstate(all="ignore"):
        expected = inter_rater.fleiss_kappa(table, method="fleiss")
    assert_degenerate_or_close(res, expected, x)


# --- krippendorff: alpha, all four metrics, with missing -----------------------


@SETTINGS
@given(rating_matrix(min_coders=2, max_coders=6, missing=True), st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_alpha_vs_krippendorff(data, metric):
    x, q = data
    x = x + 1.0  # values 1..q (ratio needs positive values)
    cats = [float(v) for v in range(1, q + 1)]
    res = quiet(ag.krippendorff_alpha, x, metric=metric, categories=cats)
    n_cats, n_units = pairable_categories(x)
    if n_units == 0:
        assert np.isnan(res.estimate)
        return
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = krippendorff.alpha(reliability_data=x.T, value_domain=cats, level_of_measurement=metric)
    assert_degenerate_or_close(res, expected, x)


# --- irrCAC: AC1, Brennan-Prediger, Fleiss (with missing) and their SEs --------


def _irrcac(x, q, method, weights="identity"):
    df = pd.DataFrame(x)
    cac = irrcac_raw.CAC(df, weights=weights, categories=[float(k) for k in range(q)], digits=15)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getattr(cac, method)()["est"]


@SETTINGS
@given(
    rating_matrix(min_coders=2, max_coders=5, missing=True),
    st.sampled_from([("gwet", ag.gwet_ac1), ("bp", ag.brennan_prediger), ("fleiss", ag.fleiss_kappa)]),
    st.sampled_from(["identity", "linear", "quadratic"]),
)
def test_gwet_family_vs_irrcac(data, method, weights):
    x, q = data
    name, fn = method
    # irrCAC needs every unit's row dropped when empty; it does that itself.
    n_cats, n_units = pairable_categories(x)
    res = quiet(fn, x, categories=[float(k) for k in range(q)], weights=None if weights == "identity" else weights)
    if np.isnan(res.estimate):
        assert n_cats < 2 or n_units < 2
        return
    est = _irrcac(x, q, name, weights)
    assert res.estimate == pytest.approx(est["coefficient_value"], abs=TOL)
    assert res.p_o == pytest.approx(est["pa"], abs=TOL)
    assert res.p_e == pytest.approx(est["pe"], abs=TOL)
    if est["se"] > 1e-12:  # irrCAC replaces 0 by 1e-15
        assert res.se == pytest.approx(est["se"], abs=TOL)


@SETTINGS
@given(rating_matrix(min_coders=2, max_coders=2, missing=False), st.sampled_from(["identity", "linear", "quadratic"]))
def test_two_coder_se_vs_irrcac_table(data, weights):
    x, q = data
    table = pd.DataFrame(np.array([[np.sum((x[:, 0] == i) & (x[:, 1] == j)) for j in range(q)] for i in range(q)]))
    cats = [float(k) for k in range(q)]
    w = None if weights == "identity" else weights
    for ours, theirs in ((ag.cohen_kappa, "cohen"), (ag.scott_pi, "scott")):
        res = quiet(ours, x, categories=cats, weights=w)
        if np.isnan(res.estimate):
            continue
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            est = getattr(irrcac_table.CAC(table, weights=weights, digits=15), theirs)()["est"]
        assert res.estimate == pytest.approx(est["coefficient_value"], abs=TOL)
        if np.isfinite(est["se"]):
            assert res.se == pytest.approx(est["se"], abs=1e-7)


@SETTINGS
@given(rating_matrix(min_coders=2, max_coders=5, missing=True))
def test_percent_agreement_vs_irrcac(data):
    x, q = data
    n_cats, n_units = pairable_categories(x)
    res = quiet(ag.percent_agreement, x, categories=[float(k) for k in range(q)])
    if np.isnan(res.estimate):
        assert n_cats < 2 or n_units < 2
        return
    est = _irrcac(x, q, "bp")
    assert res.estimate == pytest.approx(est["pa"], abs=TOL)
    # Without single-coded units, Gwet's SE of p_a is BP's SE times (1 - 1/q),
    # since BP = (p_a - 1/q) / (1 - 1/q) unit by unit.
    m = (~np.isnan(x)).sum(axis=1)
    if est["se"] > 1e-12 and not (m == 1).any():
        assert res.se == pytest.approx(est["se"] * (1 - 1 / q), abs=TOL)
