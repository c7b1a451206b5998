"""Batched dyadic agreement equals a loop over pairs of the reference implementations."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stance.agreement as ag
from stance.errors import DegenerateDataWarning, StanceError

sk_metrics = pytest.importorskip("sklearn.metrics")


def random_matrix(seed: int, n: int, m: int, q: int, missing: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, q, n)
    x = np.where(rng.random((n, m)) < 0.6, truth[:, None], rng.integers(0, q, (n, m))).astype(float)
    x[rng.random((n, m)) < missing] = np.nan
    return x


def sklearn_loop(x: np.ndarray, q: int, weights=None) -> np.ndarray:
    m = x.shape[1]
    out = np.full((m, m), np.nan)
    for a in range(m):
        for b in range(m):
            both = ~np.isnan(x[:, a]) & ~np.isnan(x[:, b])
            ya, yb = x[both, a].astype(int), x[both, b].astype(int)
            if both.sum() < 2 or np.unique(np.concatenate([ya, yb])).size < 2:
                continue  # degenerate under the policy: checked separately
            out[a, b] = sk_metrics.cohen_kappa_score(ya, yb, labels=list(range(q)), weights=weights)
    return out


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_pairwise_kappa_equals_sklearn_loop(weights):
    x = random_matrix(7, n=300, m=12, q=4, missing=0.25)
    ours = ag.pairwise_kappa(x, weights=weights, categories=[0.0, 1.0, 2.0, 3.0], output="arrays")
    ref = sklearn_loop(x, 4, weights)
    np.testing.assert_allclose(ours.estimate, ref, rtol=0, atol=1e-12, equal_nan=True)
    n_ref = (~np.isnan(x)).astype(int).T @ (~np.isnan(x)).astype(int)
    assert (ours.n_units == n_ref).all()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 2**32 - 1),
    st.integers(2, 40),
    st.integers(2, 7),
    st.integers(2, 5),
    st.sampled_from([0.0, 0.2, 0.5, 0.8]),
    st.sampled_from([None, "linear", "quadratic"]),
)
def test_pairwise_kappa_equals_sklearn_loop_random(seed, n, m, q, missing, weights):
    x = random_matrix(seed, n, m, q, missing)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateDataWarning)
        ours = ag.pairwise_kappa(x, weights=weights, categories=[float(k) for k in range(q)], output="arrays")
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = sklearn_loop(x, q, weights)
    np.testing.assert_allclose(ours.estimate, ref, rtol=0, atol=1e-12, equal_nan=True)


def test_pairwise_pi_and_percent_equal_two_coder_functions():
    x = random_matrix(3, n=80, m=6, q=3, missing=0.3)
    cats = [0.0, 1.0, 2.0]
    for weights in (None, "linear", "quadratic"):
        pi = ag.pairwise_pi(x, weights=weights, categories=cats, output="arrays").estimate
        pa = ag.pairwise_percent_agreement(x, weights=weights, categories=cats, output="arrays").estimate
        for a in range(6):
            for b in range(a + 1, 6):
                sub = x[:, [a, b]]
                assert pi[a, b] == pytest.approx(ag.scott_pi(sub, weights=weights, categories=cats).estimate, abs=1e-12)
                both = ~np.isnan(sub).any(axis=1)
                s = np.array([-1.0, 0.0, 1.0])
                from stance.agreement._weights import weight_matrix

                w = weight_matrix(weights, s, 3)
                ya, yb = sub[both, 0].astype(int), sub[both, 1].astype(int)
                assert pa[a, b] == pytest.approx(w[ya, yb].mean(), abs=1e-12)


def test_pairwise_is_symmetric_and_chunking_does_not_change_values():
    x = random_matrix(11, n=500, m=9, q=4, missing=0.2)
    one = ag.pairwise_kappa(x, weights="quadratic", output="arrays")
    tiny = ag.pairwise_kappa(x, weights="quadratic", output="arrays", max_chunk_mb=0.01)
    np.testing.assert_allclose(one.estimate, one.estimate.T, atol=1e-15)
    np.testing.assert_allclose(one.estimate, tiny.estimate, atol=1e-12)
    assert (one.n_units == tiny.n_units).all()


def test_pairwise_outputs():
    x = pd.DataFrame(random_matrix(5, n=50, m=4, q=3, missing=0.1), columns=["A", "B", "C", "D"])
    square = ag.pairwise_kappa(x)
    assert list(square.index) == list(square.columns) == ["A", "B", "C", "D"]
    pairs = ag.pairwise_kappa(x, output="pairs")
    assert list(pairs.columns) == ["coder_a", "coder_b", "estimate", "n_units"]
    assert len(pairs) == 6
    for row in pairs.itertuples():
        assert row.estimate == pytest.approx(square.loc[row.coder_a, row.coder_b], abs=0)
    with pytest.raises(StanceError, match="output="):
        ag.pairwise_kappa(x, output="cube")


def test_pairwise_degenerate_pairs_are_nan_with_one_warning():
    nan = np.nan
    x = np.array(
        [
            [0, 0, nan, 1, 1],
            [1, 1, nan, 1, 1],
            [0, 1, 0, nan, nan],
            [1, 0, nan, 1, 1],
        ]
    )
    with pytest.warns(DegenerateDataWarning, match=r"5 of 10 coder pairs are undefined") as rec:
        est = ag.pairwise_kappa(x, output="arrays").estimate
    assert len([w for w in rec if issubclass(w.category, DegenerateDataWarning)]) == 1
    assert "4 fewer than two shared units, 1 one category on the shared units" in str(rec[0].message)
    for a, b in [(0, 2), (1, 2), (2, 3), (2, 4), (3, 4)]:
        assert np.isnan(est[a, b]) and np.isnan(est[b, a])
    for a, b in [(0, 1), (0, 3), (1, 4)]:
        assert not np.isnan(est[a, b])


def test_pairwise_explicit_scores_and_codebook_neutral_rule():
    x = pd.DataFrame(
        {
            "KAZ": ["support", "hedge", "neutral", "oppose", "support"],
            "RUS": ["support", "support", "oppose", "oppose", "hedge"],
            "USA": ["oppose", "hedge", "hedge", "support", "neutral"],
        }
    )
    res = ag.pairwise_kappa(x, weights="linear", output="arrays")
    assert res.categories == ("oppose", "hedge", "support")
    assert res.n_excluded == 2
    assert res.n_units[0, 1] == 4  # KAZ's neutral dropped
    # explicit scores (another module's own scale) give the same kappa when linear in the codebook's
    same = ag.pairwise_kappa(x, weights="linear", scores={"oppose": 0, "hedge": 5, "support": 10}, output="arrays")
    np.testing.assert_allclose(res.estimate, same.estimate, atol=1e-12, equal_nan=True)


def test_pairwise_integer_matrix_with_missing_sentinel():
    x = np.array([[0, 0, -1], [1, 1, 1], [2, 1, 2], [2, 2, 2]])
    res = ag.pairwise_kappa(x, missing=-1, categories=[0, 1, 2], output="arrays")
    y = np.where(x < 0, np.nan, x).astype(float)
    ref = ag.pairwise_kappa(y, categories=[0.0, 1.0, 2.0], output="arrays")
    np.testing.assert_allclose(res.estimate, ref.estimate, atol=0, equal_nan=True)


def test_pairwise_agreement_matrix_from_long_codings():
    codings = pd.DataFrame(
        {
            "event_id": ["e1", "e1", "e1", "e2", "e2", "e2", "e3", "e3", "e3"],
            "actor_id": "KAZ",
            "coder_id": ["ann", "bob", "cat"] * 3,
            "stance": ["support", "support", "hedge", "hedge", "oppose", "hedge", "oppose", "oppose", "oppose"],
        }
    )
    mat = ag.pairwise_agreement_matrix(codings, coefficient="percent_agreement")
    assert mat.loc["ann", "bob"] == pytest.approx(2 / 3)
    assert mat.loc["ann", "cat"] == pytest.approx(2 / 3)
    assert mat.loc["bob", "cat"] == pytest.approx(1 / 3)
    with pytest.raises(StanceError, match="no pairwise form"):
        ag.pairwise_agreement_matrix(codings, coefficient="fleiss_kappa")
