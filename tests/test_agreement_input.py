"""Input layouts, categories from the codebook, the neutral rule, and error messages."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import stance.agreement as ag
from stance.agreement._data import as_ratings, resolve_scores
from stance.data.codebook import load_codebook
from stance.errors import StanceError

krippendorff = pytest.importorskip("krippendorff")
sk_metrics = pytest.importorskip("sklearn.metrics")


@pytest.fixture
def codings() -> pd.DataFrame:
    """Long codings in the ``codings`` layout: 3 coders, 8 event x actor units, missing cells."""
    stances = {
        ("e1", "KAZ"): ["support", "support", "support"],
        ("e1", "RUS"): ["oppose", "oppose", None],
        ("e2", "KAZ"): ["hedge", "support", "hedge"],
        ("e2", "RUS"): ["neutral", "neutral", "hedge"],
        ("e3", "KAZ"): ["hedge", "hedge", "hedge"],
        ("e3", "RUS"): ["support", None, "support"],
        ("e4", "KAZ"): ["oppose", "hedge", "oppose"],
        ("e4", "RUS"): ["neutral", "oppose", "neutral"],
    }
    rows = []
    for (event, actor), codes in stances.items():
        for coder, code in zip(["ann", "bob", "cat"], codes):
            if code is not None:
                rows.append({"event_id": event, "actor_id": actor, "coder_id": coder, "stance": code, "confidence": "high"})
    return pd.DataFrame(rows)


def test_long_and_matrix_layouts_agree(codings):
    wide = codings.pivot(index=["event_id", "actor_id"], columns="coder_id", values="stance")
    for fn in (ag.fleiss_kappa, ag.gwet_ac1, ag.krippendorff_alpha, ag.percent_agreement, ag.brennan_prediger):
        assert fn(codings).estimate == pytest.approx(fn(wide).estimate, abs=1e-15)
    r = as_ratings(codings)
    assert r.coders == ("ann", "bob", "cat")
    assert r.categories == load_codebook().category_ids
    assert r.codes.shape == (8, 3)


def test_categorical_value_column_keeps_its_categories(codings):
    cats = ["oppose", "hedge", "support", "neutral"]
    c = codings.assign(stance=pd.Categorical(codings["stance"], categories=cats))
    assert ag.gwet_ac1(c).categories == tuple(cats)
    assert ag.gwet_ac1(c).estimate == pytest.approx(ag.gwet_ac1(codings).estimate)


def test_default_categories_come_from_the_codebook(codings):
    res = ag.gwet_ac1(codings)
    assert res.categories == load_codebook().category_ids
    # explicit categories override; AC1 depends on the size of the set
    only3 = codings[codings["stance"] != "neutral"]
    a = ag.gwet_ac1(only3)
    b = ag.gwet_ac1(only3, categories=["oppose", "hedge", "support"])
    assert a.categories == load_codebook().category_ids and len(b.categories) == 3
    assert a.estimate != pytest.approx(b.estimate)


def test_neutral_rule_is_honoured_in_ordinal_measures(codings):
    """Under the codebook rule neutral_in_ordinal = "exclude", neutral codes are dropped and counted."""
    cb = load_codebook()
    assert cb.neutral_in_ordinal == "exclude"
    n_neutral = int((codings["stance"] == "neutral").sum())
    assert n_neutral == 4
    res = ag.krippendorff_alpha(codings, metric="ordinal")
    assert res.n_excluded == n_neutral
    assert res.categories == cb.ordinal_order
    assert res.scores == tuple(cb.ordinal_scores()[c] for c in cb.ordinal_order)
    # Oracle: krippendorff.alpha on the same data with neutral removed by hand.
    wide = codings[codings["stance"] != "neutral"].pivot(index=["event_id", "actor_id"], columns="coder_id", values="stance")
    score = cb.ordinal_scores()
    rel = wide.apply(lambda col: col.map(score)).to_numpy(dtype=float).T
    for metric in ("ordinal", "interval"):
        expected = krippendorff.alpha(reliability_data=rel, value_domain=sorted(score.values()), level_of_measurement=metric)
        assert ag.krippendorff_alpha(codings, metric=metric).estimate == pytest.approx(expected, abs=1e-12)
    # Nominal keeps neutral.
    nominal = ag.krippendorff_alpha(codings, metric="nominal")
    assert nominal.n_excluded == 0 and "neutral" in nominal.categories
    # Weighted coefficients apply the same rule.
    for fn in (ag.gwet_ac2, ag.fleiss_kappa, ag.percent_agreement):
        w = fn(codings, weights="linear")
        assert w.n_excluded == n_neutral and w.categories == cb.ordinal_order


def test_neutral_midpoint_rule_via_explicit_scores(codings):
    """With scores that give neutral the midpoint (the "midpoint" rule), nothing is dropped."""
    cb = load_codebook()
    scores = dict(cb.ordinal_scores())
    scores["neutral"] = 0.0
    res = ag.krippendorff_alpha(codings, metric="interval", scores=scores)
    assert res.n_excluded == 0
    wide = codings.pivot(index=["event_id", "actor_id"], columns="coder_id", values="stance")
    rel = wide.apply(lambda col: col.map(scores)).to_numpy(dtype=float).T
    expected = krippendorff.alpha(reliability_data=rel, level_of_measurement="interval")
    assert res.estimate == pytest.approx(expected, abs=1e-12)
    # ordinal: hedge and neutral tie, so they are one value of the scale
    ordinal = ag.krippendorff_alpha(codings, metric="ordinal", scores=scores)
    expected = krippendorff.alpha(reliability_data=rel, level_of_measurement="ordinal")
    assert ordinal.estimate == pytest.approx(expected, abs=1e-12)


def test_resolve_scores_rules():
    assert resolve_scores(("oppose", "hedge", "support", "neutral"), None)[:3].tolist() == [-1.0, 0.0, 1.0]
    assert math.isnan(resolve_scores(("oppose", "hedge", "support", "neutral"), None)[3])
    assert resolve_scores((1, 2, 5), None).tolist() == [1.0, 2.0, 5.0]
    assert resolve_scores(("lo", "mid", "hi"), None).tolist() == [0.0, 1.0, 2.0]
    assert resolve_scores(("a", "b"), {"a": 3}).tolist()[0] == 3.0
    with pytest.raises(StanceError, match="not in the category set"):
        resolve_scores(("a", "b"), {"c": 1})
    with pytest.raises(StanceError, match="one score per category"):
        resolve_scores(("a", "b"), [1.0])


def test_cohen_weighted_codebook_equals_sklearn_on_scores(codings):
    sub = codings[codings["coder_id"].isin(["ann", "cat"])]
    wide = sub.pivot(index=["event_id", "actor_id"], columns="coder_id", values="stance")
    order = {c: i for i, c in enumerate(load_codebook().ordinal_order)}
    both = wide.dropna()
    both = both[both.isin(order.keys()).all(axis=1)]
    a, b = both["ann"].map(order), both["cat"].map(order)
    for weights in ("linear", "quadratic"):
        expected = sk_metrics.cohen_kappa_score(a, b, labels=[0, 1, 2], weights=weights)
        res = ag.cohen_kappa(sub, weights=weights)
        assert res.estimate == pytest.approx(expected, abs=1e-12)
        assert res.n_units == len(both)


def test_duplicate_unit_coder_rows_are_an_error(codings):
    dup = pd.concat([codings, codings.iloc[[0]]], ignore_index=True)
    with pytest.raises(StanceError) as exc:
        ag.fleiss_kappa(dup)
    msg = str(exc.value)
    assert "2 rows code the same unit twice by the same coder" in msg
    assert "event_id='e1'" in msg and "coder_id='ann'" in msg
    assert "Remedy: Keep one code per unit and coder" in msg


def test_unknown_codes_are_an_error_naming_them(codings):
    bad = codings.copy()
    bad.loc[0, "stance"] = "suport"
    with pytest.raises(StanceError, match=r"Codes \['suport'\] are not codebook categories.*Remedy"):
        ag.gwet_ac1(bad)
    with pytest.raises(StanceError, match=r"not in the category set"):
        ag.gwet_ac1(codings, categories=["oppose", "hedge", "support"])


def test_half_long_layout_is_an_error(codings):
    with pytest.raises(StanceError, match=r"lacks column\(s\) \['stance'\].*Remedy: Name your columns"):
        ag.fleiss_kappa(codings.rename(columns={"stance": "code"}))
    ok = ag.fleiss_kappa(codings.rename(columns={"stance": "code"}), value="code")
    assert ok.estimate == pytest.approx(ag.fleiss_kappa(codings).estimate)


def test_single_unit_column_and_custom_names():
    df = pd.DataFrame({"item": [1, 1, 2, 2, 3, 3], "who": ["x", "y"] * 3, "v": [1, 1, 2, 2, 1, 2]})
    res = ag.cohen_kappa(df, unit="item", coder="who", value="v")
    assert res.estimate == pytest.approx(sk_metrics.cohen_kappa_score([1, 2, 1], [1, 2, 2]))


def test_two_coder_functions_need_two_coders(codings):
    with pytest.raises(StanceError, match=r"compares two coders, but the data have 3.*Remedy: Pass coders="):
        ag.cohen_kappa(codings)
    res = ag.cohen_kappa(codings, coders=("ann", "cat"))
    assert res.n_coders == 2
    with pytest.raises(StanceError, match="not in the data"):
        ag.cohen_kappa(codings, coders=("ann", "zed"))


def test_bad_arguments_name_the_remedy():
    x = np.array([[1, 1], [2, 2], [1, 2]])
    with pytest.raises(StanceError, match="Remedy: Use one of nominal"):
        ag.krippendorff_alpha(x, metric="cardinal")
    with pytest.raises(StanceError, match="weights='cubic'"):
        ag.cohen_kappa(x, weights="cubic")
    with pytest.raises(StanceError, match="2-D"):
        ag.fleiss_kappa(np.array([1, 2, 3]))
    with pytest.raises(StanceError, match="Ratio alpha needs non-negative scores"):
        ag.krippendorff_alpha([["oppose", "support"], ["hedge", "hedge"]], metric="ratio")
    with pytest.raises(StanceError, match="custom weight matrix"):
        ag.cohen_kappa(x, weights=np.eye(3))


def test_missing_markers():
    x = pd.DataFrame({"a": ["support", None, "hedge", pd.NA], "b": ["support", "hedge", np.nan, "hedge"]})
    r = as_ratings(x)
    assert (r.codes[:, 0] >= 0).tolist() == [True, False, True, False]
    y = np.array([[1, -1], [2, 2], [1, 1]])
    assert ag.percent_agreement(y, missing=-1, categories=[1, 2]).n_units == 3


def test_result_object_prints_and_converts(codings):
    res = ag.krippendorff_alpha(codings, metric="ordinal", ci=True, n_boot=200, seed=3)
    text = repr(res)
    assert text.startswith("AgreementResult(Krippendorff's alpha (ordinal) = ")
    assert "95% CI [" in text and "n_excluded=4" in text and "categories: oppose, hedge, support" in text
    d = res.to_dict()
    assert d["categories"] == ["oppose", "hedge", "support"]
    assert d["coefficient"] == "krippendorff_alpha" and d["metric"] == "ordinal"
    assert float(res) == res.estimate
    with pytest.raises(AttributeError):
        res.estimate = 0.0  # type: ignore[misc]
