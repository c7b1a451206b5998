"""Missing stances are never neutral; bad input fails with a message naming the rows and the remedy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from stance.balance import alignment, balance, dyadic_similarity, hedge_share, lead_alignment, similarity
from stance.errors import StanceError

# Actor "GAP" has no stance on e3 and e4 (one absent row, one NA row); "NEU" declares neutrality there.
ROWS = [
    ("e1", "USA", "support"), ("e2", "USA", "oppose"), ("e3", "USA", "support"), ("e4", "USA", "oppose"),
    ("e1", "GAP", "support"), ("e2", "GAP", "hedge"), ("e4", "GAP", None),
    ("e1", "NEU", "support"), ("e2", "NEU", "hedge"), ("e3", "NEU", "neutral"), ("e4", "NEU", "neutral"),
]


def frame() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=["event_id", "actor_id", "stance"])


def test_gaps_are_excluded_and_counted_not_treated_as_neutral():
    gap = similarity(frame(), "GAP", "USA")
    neu = similarity(frame(), "NEU", "USA")
    # Both use e1 (1) and e2 (hedge vs oppose, 1/2): 0.75 over 2 items.
    assert (gap.value, gap.n_items) == (0.75, 2)
    assert (neu.value, neu.n_items) == (0.75, 2)
    # ...but the gaps are counted as gaps (missing), the declared neutrality as excluded codes.
    assert (gap.n_missing, gap.n_excluded) == (2, 0)
    assert (neu.n_missing, neu.n_excluded) == (0, 2)
    # A nominal measure keeps neutral as a category (neutral vs support/oppose disagrees); a gap stays a gap.
    assert similarity(frame(), "NEU", "USA", measure="agreement", half_credit=False).n_items == 4
    assert similarity(frame(), "GAP", "USA", measure="agreement", half_credit=False).n_items == 2


def test_an_na_row_is_the_same_as_no_row():
    with_na = frame()
    without = with_na[with_na["stance"].notna()]
    for measure in ("agreement", "kappa", "s_absolute"):
        a = similarity(with_na, "GAP", "USA", measure=measure)
        b = similarity(without, "GAP", "USA", measure=measure)
        assert (a.value, a.n_items, a.n_missing) == (b.value, b.n_items, b.n_missing) or (np.isnan(a.value) and np.isnan(b.value))


def test_gaps_are_counted_in_every_output():
    al = alignment(frame(), poles=("USA",), focal="GAP")
    assert (al.loc[0, "n_items"], al.loc[0, "n_missing"]) == (2, 2)
    dy = dyadic_similarity(frame(), measures="agreement", against=["USA"])
    assert dy.set_index("actor").loc["GAP", "n_missing"] == 2
    assert hedge_share(frame(), "GAP").loc[0, "n_items"] == 2  # the NA row is not a stance


def test_no_shared_item_gives_nan_with_a_reason():
    df = pd.DataFrame({"event_id": ["e1", "e2"], "actor_id": ["A", "B"], "stance": ["support", "oppose"]})
    r = similarity(df, "A", "B", measure="kappa")
    assert np.isnan(r.value) and r.n_items == 0 and r.n_missing == 2 and "no item" in r.note


def test_kappa_is_undefined_when_both_use_one_category():
    df = pd.DataFrame({"event_id": ["e1", "e2"] * 2, "actor_id": ["A", "A", "B", "B"], "stance": ["support"] * 4})
    r = similarity(df, "A", "B", measure="kappa")
    assert np.isnan(r.value) and r.n_items == 2 and "expected disagreement is zero" in r.note
    assert similarity(df, "A", "B", measure="agreement").value == 1.0


def test_categorical_input_gives_the_same_result_as_strings():
    df = frame()
    cat = df.assign(stance=pd.Categorical(df["stance"], categories=["oppose", "hedge", "support", "neutral"]))
    assert similarity(cat, "GAP", "USA").value == similarity(df, "GAP", "USA").value


@pytest.mark.parametrize(("mutate", "call", "message"), [
    (lambda d: pd.concat([d, d.iloc[[0]]]), lambda d: similarity(d, "GAP", "USA"), "give the same event_id and actor_id twice (row 0"),
    (lambda d: d.assign(stance=d["stance"].replace("hedge", "hedged")), lambda d: similarity(d, "GAP", "USA"), "'hedged'"),
    (lambda d: d.rename(columns={"stance": "vote"}), lambda d: similarity(d, "GAP", "USA"), "lacks column(s) ['stance']"),
    (lambda d: d, lambda d: similarity(d, "GAP", "XXX"), "['XXX'] have no stance in the data"),
    (lambda d: d, lambda d: alignment(d, poles=("AAA", "BBB")), "None of the poles"),
    (lambda d: d, lambda d: alignment(d, poles=("USA",), measures=("tau_b",)), "Unknown similarity measure"),
    (lambda d: d, lambda d: alignment(d, poles=("USA",), by="year"), "by='year' is not a column"),
    (lambda d: d.assign(year=[2000, 2001, 2002, 2003, 2000, 2001, 2002, 2000, 2001, 2002, 2003]), lambda d: alignment(d, poles=("USA",), by="year"), "have more than one value of 'year'"),
    (lambda d: d.assign(year=2000), lambda d: alignment(d, poles=("USA",), by="year", rolling=3), "rolling=3 is wider than the 1 distinct value"),
    (lambda d: d, lambda d: alignment(d, poles=("USA",), rolling=3), "rolling= needs by="),
    (lambda d: d, lambda d: balance(d, poles=("USA", "GAP"), pair=("USA", "RUS")), "not among the poles"),
    (lambda d: d, lambda d: balance(d, poles=("USA",), sense="lead"), "needs the events table"),
    (lambda d: d.assign(w=-1.0), lambda d: similarity(d, "GAP", "USA", weights="w"), "non-negative"),
    (lambda d: d, lambda d: alignment(d, poles=("USA",), n_boot=-5), "n_boot=-5"),
])
def test_bad_input_fails_with_a_clear_message(mutate, call, message):
    with pytest.raises(StanceError) as exc:
        call(mutate(frame()))
    assert message in str(exc.value)
    assert "Remedy:" in str(exc.value)


def test_lead_alignment_rejects_stances_on_unknown_events():
    events = pd.DataFrame({"event_id": ["e1"], "lead_actor_ids": ["USA"]})
    with pytest.raises(StanceError, match="not in the events table"):
        lead_alignment(frame(), events, "GAP", ("USA",))


def test_inputs_are_not_modified():
    df = frame()
    before = df.copy(deep=True)
    alignment(df, poles=("USA",), by=None, n_boot=10, seed=1)
    pd.testing.assert_frame_equal(df, before)
