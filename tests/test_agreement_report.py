"""agreement_report, per_category_agreement and confusion_matrix."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import stance.agreement as ag
from stance.errors import DegenerateDataWarning, StanceError

inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")
irrcac_raw = pytest.importorskip("irrCAC.raw")



def make_codings(n_units=40, coders=("ann", "bob"), seed=0, missing=0.1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    cats = np.array(["oppose", "hedge", "support", "neutral"])
    truth = rng.integers(0, 4, n_units)
    rows = []
    for u in range(n_units):
        for c in coders:
            if rng.random() < missing:
                continue
            k = truth[u] if rng.random() < 0.7 else rng.integers(0, 4)
            rows.append({"event_id": f"e{u // 4}", "actor_id": f"a{u % 4}", "coder_id": c, "stance": cats[k]})
    return pd.DataFrame(rows)


def test_report_two_coders_has_every_row_and_matches_functions():
    codings = make_codings()
    rep = ag.agreement_report(codings)
    assert list(rep.columns) == ["coefficient", "method", "estimate", "se", "ci_low", "ci_high", "n_units", "n_coders", "n_pairable", "n_excluded", "categories"]
    assert list(rep["coefficient"]) == [
        "percent_agreement", "cohen_kappa", "cohen_kappa_linear", "cohen_kappa_quadratic", "scott_pi", "fleiss_kappa",
        "krippendorff_alpha_nominal", "krippendorff_alpha_ordinal", "krippendorff_alpha_interval", "gwet_ac1", "brennan_prediger",
    ]
    by = rep.set_index("coefficient")
    assert by.loc["cohen_kappa_quadratic", "estimate"] == pytest.approx(ag.cohen_kappa(codings, weights="quadratic").estimate)
    assert by.loc["krippendorff_alpha_ordinal", "estimate"] == pytest.approx(ag.krippendorff_alpha(codings, metric="ordinal").estimate)
    n_neutral_pairs = by.loc["krippendorff_alpha_ordinal", "n_excluded"]
    assert n_neutral_pairs == (codings["stance"] == "neutral").sum()
    assert by.loc["gwet_ac1", "categories"] == "oppose, hedge, support, neutral"
    assert by.loc["krippendorff_alpha_interval", "categories"] == "oppose, hedge, support"
    assert rep["ci_low"].isna().all()


def test_report_many_coders_omits_two_coder_rows_and_gives_cis():
    codings = make_codings(coders=("ann", "bob", "cat", "dan"), seed=1)
    rep = ag.agreement_report(codings, ci=True, n_boot=200, seed=5)
    assert "cohen_kappa" not in set(rep["coefficient"])
    assert (rep["n_coders"] == 4).all()
    assert ((rep["ci_low"] <= rep["estimate"]) & (rep["estimate"] <= rep["ci_high"])).all()
    again = ag.agreement_report(codings, ci=True, n_boot=200, seed=5)
    pd.testing.assert_frame_equal(rep, again)


def test_report_on_degenerate_data_warns_once():
    codings = pd.DataFrame(
        {"event_id": ["e1", "e1", "e2", "e2"], "actor_id": "KAZ", "coder_id": ["ann", "bob"] * 2, "stance": ["support"] * 4}
    )
    with pytest.warns(DegenerateDataWarning, match=r"agreement_report: 11 coefficient\(s\) undefined") as rec:
        rep = ag.agreement_report(codings)
    assert len([w for w in rec if issubclass(w.category, DegenerateDataWarning)]) == 1
    assert rep["estimate"].isna().all()


def test_per_category_kappa_equals_statsmodels_on_collapsed_table():
    """Fleiss (1971) category kappas: Fleiss' kappa of k versus the rest (statsmodels as oracle)."""
    from test_agreement_published import FLEISS_1971

    per = ag.per_category_agreement(FLEISS_1971)
    assert list(per["category"]) == [1, 2, 3, 4, 5]
    for k in range(1, 6):
        binary = np.column_stack([(FLEISS_1971 == k).sum(axis=1), (FLEISS_1971 != k).sum(axis=1)])
        expected = inter_rater.fleiss_kappa(binary)
        assert per.loc[per["category"] == k, "kappa"].item() == pytest.approx(expected, abs=1e-12)


def test_per_category_se_and_missing_vs_irrcac():
    rng = np.random.default_rng(4)
    x = rng.integers(0, 3, (30, 4)).astype(float)
    x[rng.random(x.shape) < 0.2] = np.nan
    per = ag.per_category_agreement(x)
    for k in range(3):
        binary = pd.DataFrame(np.where(np.isnan(x), np.nan, (x == k).astype(float)))
        est = irrcac_raw.CAC(binary, categories=[0.0, 1.0], digits=15).fleiss()["est"]
        row = per.iloc[k]
        assert row["kappa"] == pytest.approx(est["coefficient_value"], abs=1e-9)
        assert row["se"] == pytest.approx(est["se"], abs=1e-9)


def test_specific_agreement_two_coders_equals_confusion_formula():
    """Two coders: o_kk / n_k equals 2 n_kk / (n_k+ + n_+k) on sklearn's confusion matrix."""
    codings = make_codings(seed=9)
    per = ag.per_category_agreement(codings)
    cm = ag.confusion_matrix(codings, "ann", "bob").to_numpy()

    for k in range(4):
        expected = 2 * cm[k, k] / (cm[k, :].sum() + cm[:, k].sum())
        assert per.iloc[k]["specific_agreement"] == pytest.approx(expected, abs=1e-12)
        assert per.iloc[k]["n_codes"] == cm[k, :].sum() + cm[:, k].sum()


def test_confusion_matrix_equals_crosstab():
    codings = make_codings(seed=2)
    cm = ag.confusion_matrix(codings, "ann", "bob")
    wide = codings.pivot(index=["event_id", "actor_id"], columns="coder_id", values="stance").dropna()
    ct = pd.crosstab(wide["ann"], wide["bob"]).reindex(index=cm.index, columns=cm.columns, fill_value=0)
    assert (cm.to_numpy() == ct.to_numpy()).all()
    assert cm.index.name == "ann" and cm.columns.name == "bob"
    assert list(cm.index) == ["oppose", "hedge", "support", "neutral"]
    with pytest.raises(StanceError, match="both 'ann'"):
        ag.confusion_matrix(codings, "ann", "ann")


def test_per_category_warns_for_unobserved_category():
    x = [["support", "support"], ["hedge", "support"], ["hedge", "hedge"]]
    with pytest.warns(DegenerateDataWarning, match="oppose, neutral"):
        per = ag.per_category_agreement(x)
    assert per.set_index("category").loc["oppose", "n_codes"] == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateDataWarning)
        assert np.isnan(ag.per_category_agreement(x).set_index("category").loc["neutral", "kappa"])
