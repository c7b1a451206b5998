"""Properties of the similarity measures and balancing indices on random stance tables (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stance.balance import MEASURES, alignment, balance, balancing_indices, hedge_share, similarity, split_items

CELLS = st.sampled_from(["support", "hedge", "oppose", "neutral", None])
ACTORS = ("A", "B", "P1", "P2")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def tables(draw, actors=ACTORS, min_items=1, max_items=25):
    n = draw(st.integers(min_items, max_items))
    rows = []
    for a in actors:
        cells = draw(st.lists(CELLS, min_size=n, max_size=n))
        rows += [(f"e{i:02d}", a, c) for i, c in enumerate(cells) if c is not None]
    if not rows:
        rows = [("e00", actors[0], "support")]
    df = pd.DataFrame(rows, columns=["event_id", "actor_id", "stance"])
    present = set(df["actor_id"])
    for a in actors:  # every actor appears (possibly with only NA rows), so ids resolve
        if a not in present:
            df = pd.concat([df, pd.DataFrame([("e00", a, None)], columns=df.columns)], ignore_index=True)
    return df


def same(x: float, y: float, tol: float = 1e-12) -> bool:
    return (np.isnan(x) and np.isnan(y)) or abs(x - y) <= tol


@SETTINGS
@given(tables())
def test_every_measure_is_symmetric(df):
    for m in MEASURES:
        ab, ba = similarity(df, "A", "B", measure=m), similarity(df, "B", "A", measure=m)
        assert same(ab.value, ba.value), m
        assert (ab.n_items, ab.n_excluded, ab.n_missing) == (ba.n_items, ba.n_excluded, ba.n_missing)


@SETTINGS
@given(tables())
def test_bounds(df):
    v = {m: similarity(df, "A", "B", measure=m).value for m in MEASURES}
    eps = 1e-12
    if not np.isnan(v["agreement"]):
        assert -eps <= v["agreement"] <= 1 + eps
        for m in ("s_absolute", "s_squared"):
            assert -1 - eps <= v[m] <= 1 + eps
        assert -2 - eps <= v["benati_capurri"] <= 2 + eps
    for m in ("kappa", "pi"):
        assert np.isnan(v[m]) or v[m] <= 1 + eps


@SETTINGS
@given(tables(), st.randoms(use_true_random=False))
def test_invariant_to_item_order_and_labels(df, rnd):
    perm = list(range(len(df)))
    rnd.shuffle(perm)
    ids = sorted(set(df["event_id"]))
    new_ids = ids[:]
    rnd.shuffle(new_ids)
    relabel = dict(zip(ids, new_ids))
    shuffled = df.iloc[perm].assign(event_id=lambda d: d["event_id"].map(relabel)).reset_index(drop=True)
    for m in MEASURES:
        assert same(similarity(df, "A", "P1", measure=m).value, similarity(shuffled, "A", "P1", measure=m).value, 1e-10), m


@SETTINGS
@given(tables())
def test_tilt_flips_sign_when_the_poles_swap(df):
    ab = balance(df, focal=["A", "B"], poles=("P1", "P2"), pair=("P1", "P2"))
    ba = balance(df, focal=["A", "B"], poles=("P1", "P2"), pair=("P2", "P1"))
    for actor in ("A", "B"):
        t1 = ab[(ab["actor"] == actor) & (ab["index"] == "tilt")]["value"].iloc[0]
        t2 = ba[(ba["actor"] == actor) & (ba["index"] == "tilt")]["value"].iloc[0]
        assert same(t1, -t2)
        e1 = ab[(ab["actor"] == actor) & (ab["index"] == "equidistance")]["value"].iloc[0]
        e2 = ba[(ba["actor"] == actor) & (ba["index"] == "equidistance")]["value"].iloc[0]
        assert same(e1, e2)


@SETTINGS
@given(tables(actors=("A", "P1")))
def test_equidistance_is_one_when_the_alignments_are_equal(df):
    # P2 copies P1's stances, so A's alignment with both is the same whatever the measure.
    twin = df[df["actor_id"] == "P1"].assign(actor_id="P2")
    data = pd.concat([df, twin], ignore_index=True)
    for measure in ("agreement", "s_squared", "kappa"):
        out = balance(data, focal="A", poles=("P1", "P2"), pair=("P1", "P2"), measure=measure)
        a = out[out["index"] == "alignment"]["value"].to_numpy()
        e = out[out["index"] == "equidistance"]["value"].iloc[0]
        if not np.isnan(a).any():
            assert e == 1.0
            assert out[out["index"] == "tilt"]["value"].iloc[0] == 0.0


@SETTINGS
@given(st.lists(st.floats(0, 1), min_size=2, max_size=5), st.integers(0, 3))
def test_indices_from_any_alignments(values, seed):
    poles = [f"P{i}" for i in range(len(values))]
    frame = pd.DataFrame({"actor": "A", "pole": poles, "window": "all", "measure": "agreement", "value": values, "n_items": 5})
    ind = balancing_indices(frame, pair=(poles[0], poles[1])).set_index("index")["value"]
    assert 0 <= ind["equidistance"] <= 1 and -1 <= ind["tilt"] <= 1
    assert ind["equidistance"] == pytest.approx(1 - abs(ind["tilt"]))
    assert ind["equidistance_k"] <= ind["equidistance"] + 1e-12  # more poles can only widen the spread
    if len(values) == 2:
        assert ind["equidistance_k"] == pytest.approx(ind["equidistance"])
    if len(set(values)) == 1:
        assert ind["equidistance_k"] == 1.0 and ind["equidistance"] == 1.0


@SETTINGS
@given(tables())
def test_shares_lie_in_zero_one_and_split_shares_sum_to_one(df):
    h = hedge_share(df, "A")["value"].iloc[0]
    assert np.isnan(h) or 0 <= h <= 1
    s = split_items(df, "A", "P1", "P2")
    total = s["value"].sum(min_count=1)
    if s["n_items"].iloc[0] > 0:
        assert total == pytest.approx(1.0)
    else:
        assert s["value"].isna().all()


@SETTINGS
@given(tables())
def test_the_grouped_pass_equals_one_dyad_at_a_time(df):
    out = alignment(df, poles=("P1", "P2"), measures=MEASURES)
    for r in out.itertuples(index=False):
        ref = similarity(df, r.actor, r.pole, measure=r.measure)
        assert same(r.value, ref.value, 1e-10) and r.n_items == ref.n_items and r.n_missing == ref.n_missing
