r"""Balancing indices: the project's own proposals for how evenly an actor positions itself between poles.

No published behavioural index of hedging exists; these are the project's
proposals (``docs/balance.md``). With $a_P$ the alignment of actor A
with pole P (either sense, any measure) and $R$ the width of the
measure's nominal range (1 for the agreement rate, 2 for S, kappa, pi,
Benati-Capurri and the mean stance):

* **tilt** between poles P1 and P2: $t = (a_{P1} - a_{P2})/R \in [-1, 1]$;
  positive = closer to P1; swapping the poles flips the sign;
* **equidistance** between P1 and P2: $E = 1 - |a_{P1} - a_{P2}|/R = 1 - |t|$
  (1 = perfectly balanced, 0 = at opposite ends);
* **k-pole equidistance**: $E_k = 1 - (\max_P a_P - \min_P a_P)/R$
  over the poles with a defined alignment (at least two; equal to
  $E$ when k = 2);
* **hedge share**: the share of A's stances that are hedges
  ([`hedge_share`][stance.balance.indices.hedge_share]);
* **split-item behaviour**: on items where P1 and P2 take opposite stances
  (one above the midpoint score, one below), the shares of A's stances
  siding with P1, with P2, hedging (any other scored category) and
  neutral ([`split_items`][stance.balance.indices.split_items]).

``n_items`` of an index is the smallest ``n_items`` among the alignments
it uses (the binding count; 0 when the k-pole form has fewer than two
defined alignments); each alignment's own count is in the alignment rows.

Examples
--------
>>> import pandas as pd
>>> from stance.balance import balancing_indices
>>> frame = pd.DataFrame({"actor": "KAZ", "pole": ["USA", "RUS", "CHN"], "window": "all", "measure": "agreement",
...                       "value": [0.5, 0.75, 0.75], "n_items": [8, 10, 6]})
>>> balancing_indices(frame, poles=("USA", "RUS", "CHN"))[["pole", "index", "value", "n_items"]]
          pole           index  value  n_items
0      USA|RUS    equidistance   0.75        8
1  USA|RUS|CHN  equidistance_k   0.75        6
2      USA|RUS            tilt  -0.25        8
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from stance.balance._input import WeightsArg, encode_long
from stance.balance._keywords import ALIGNMENT, SHARES
from stance.balance._tables import MEASURE_RANGE
from stance.balance._windows import _check_boot, bootstrap_windows, window_sums
from stance.balance.alignment import DEFAULT_POLES, LEAD_MEASURE, _focal, _poles, _windows, lead_plan, similarity_plan
from stance.data.columns import Columns
from stance.errors import StanceError

INDICES = ("equidistance", "equidistance_k", "tilt")


def _range(measure: str, value_range: float | None) -> float:
    if value_range is not None:
        if not value_range > 0:
            raise StanceError(f"value_range={value_range} must be positive.", remedy="Give the width of the measure's range, e.g. 2 for S.")
        return float(value_range)
    if measure not in MEASURE_RANGE:
        raise StanceError(f"No known range for measure {measure!r}.", remedy="Pass value_range= (the width of the measure's range).")
    return MEASURE_RANGE[measure]


def _pair(pair: Sequence[Any], poles: tuple[Any, ...]) -> tuple[int, int]:
    if len(pair) != 2 or pair[0] == pair[1]:
        raise StanceError(f"pair={list(pair)} must name two different poles.", remedy="Use for example pair=('USA', 'RUS').")
    missing = [p for p in pair if p not in poles]
    if missing:
        raise StanceError(f"pair names {missing}, which are not among the poles {list(poles)}.", remedy="Pick the pair from the poles.")
    return poles.index(pair[0]), poles.index(pair[1])


def index_arrays(a: np.ndarray, i: int, j: int, r: float) -> np.ndarray:
    """Equidistance, k-pole equidistance and tilt from alignments ``a`` (..., k poles) -> (..., 3)."""
    tilt = (a[..., i] - a[..., j]) / r
    equi = 1.0 - np.abs(tilt)
    defined = ~np.isnan(a)
    enough = defined.sum(axis=-1) >= 2
    hi = np.where(defined, a, -np.inf).max(axis=-1)
    lo = np.where(defined, a, np.inf).min(axis=-1)
    with np.errstate(invalid="ignore"):
        equi_k = np.where(enough, 1.0 - (hi - lo) / r, np.nan)
    return np.stack([equi, equi_k, tilt], axis=-1)


def _binding_n(n: np.ndarray, a: np.ndarray, i: int, j: int) -> np.ndarray:
    """n_items of each index: the smallest count among the alignments it uses."""
    pair_n = np.minimum(n[..., i], n[..., j])
    used = np.where(~np.isnan(a), n, np.iinfo(np.int64).max)
    k_n = used.min(axis=-1)
    k_n = np.where((~np.isnan(a)).sum(axis=-1) >= 2, k_n, 0)
    return np.stack([pair_n, k_n, pair_n], axis=-1)


def _k_label(a: np.ndarray, poles: tuple[Any, ...]) -> np.ndarray:
    defined = ~np.isnan(a)
    names = np.array([str(p) for p in poles], dtype=object)
    return np.array(["|".join(names[row]) for row in defined.reshape(-1, len(poles))], dtype=object).reshape(defined.shape[:-1])


def balancing_indices(
    alignment_frame: pd.DataFrame,
    *,
    poles: Sequence[Any] | None = None,
    pair: Sequence[Any] = ("USA", "RUS"),
    measure: str = "agreement",
    value_range: float | None = None,
) -> pd.DataFrame:
    """Equidistance, k-pole equidistance and tilt from an alignment frame (point estimates).

    Parameters
    ----------
    alignment_frame : DataFrame
        Output of [`alignment`][stance.balance.alignment.alignment] or
        [`lead_alignment`][stance.balance.alignment.lead_alignment] (columns ``actor, pole,
        window, measure, value, n_items``).
    poles : sequence, optional
        Poles of the k-pole equidistance (default: every pole in the frame,
        in order of appearance).
    pair : (pole, pole)
        The two poles of equidistance and tilt (tilt > 0: closer to the first).
    measure : str
        Which measure of the frame to use (``"lead_mean_stance"`` for the
        second sense).
    value_range : float, optional
        Width of the measure's range (default from the measure).

    Returns
    -------
    DataFrame
        ``actor, pole, window, index, value, n_items``; ``pole`` names the
        poles used (``"USA|RUS"``). For intervals use [`balance`][stance.balance.indices.balance],
        which resamples the alignments jointly.
    """
    need = ["actor", "pole", "window", "measure", "value", "n_items"]
    missing = [c for c in need if c not in alignment_frame.columns]
    if missing:
        raise StanceError(f"The alignment frame lacks columns {missing}.", remedy="Pass the output of stance.balance.alignment() or lead_alignment().")
    frame = alignment_frame[alignment_frame["measure"] == measure]
    if frame.empty:
        raise StanceError(f"The alignment frame has no rows for measure {measure!r} (it has {sorted(alignment_frame['measure'].unique())}).", remedy="Pass measure= one of those.")
    pole_list = tuple(pd.unique(frame["pole"])) if poles is None else _poles(poles)
    i, j = _pair(pair, pole_list)
    r = _range(measure, value_range)
    keys = pd.MultiIndex.from_frame(frame[["actor", "window"]].astype(object).fillna("<NA>"))
    key_codes, key_uniques = pd.factorize(keys)
    pole_codes = pd.Index(pole_list).get_indexer(frame["pole"])
    ok = pole_codes >= 0
    a = np.full((len(key_uniques), len(pole_list)), np.nan)
    n = np.zeros((len(key_uniques), len(pole_list)), dtype=np.int64)
    a[key_codes[ok], pole_codes[ok]] = frame["value"].to_numpy(dtype=float)[ok]
    n[key_codes[ok], pole_codes[ok]] = frame["n_items"].to_numpy(dtype=np.int64)[ok]
    vals = index_arrays(a, i, j, r)
    counts = _binding_n(n, a, i, j)
    labels = np.empty((len(key_uniques), 3), dtype=object)
    labels[:, 0] = labels[:, 2] = f"{pole_list[i]}|{pole_list[j]}"
    labels[:, 1] = _k_label(a, pole_list)
    first = pd.Series(np.arange(len(key_codes))).groupby(key_codes).first().to_numpy()
    actors = frame["actor"].to_numpy(dtype=object)[first]
    windows = frame["window"].to_numpy(dtype=object)[first]
    return pd.DataFrame({
        "actor": np.repeat(actors, 3), "pole": labels.reshape(-1), "window": np.repeat(windows, 3),
        "index": np.tile(np.array(INDICES, dtype=object), len(actors)), "value": vals.reshape(-1), "n_items": counts.reshape(-1),
    })


@ALIGNMENT
def balance(data: pd.DataFrame, *, focal: Any = None, poles: Sequence[Any] | str = DEFAULT_POLES, pair: Sequence[Any] = ("USA", "RUS"), measure: str = "agreement",
            sense: str = "similarity", events: pd.DataFrame | None = None, columns: Columns, by: str | None, rolling: int | None, n_boot: int,
            conf_level: float, seed: Any, half_credit: bool, weights: WeightsArg, distance: str | None) -> pd.DataFrame:
    """Alignments with each pole plus equidistance, k-pole equidistance and tilt, with paired bootstrap intervals.

    One call computes the alignments (``index = "alignment"``, one row per
    pole) and the indices from them; with ``n_boot`` every replicate
    resamples items once and recomputes all of them, so the interval of a
    tilt reflects the joint uncertainty of both alignments.

    Parameters
    ----------
    pair : (pole, pole)
        The two poles of equidistance and tilt (tilt > 0: closer to the first).
    measure : str
        The similarity measure of the alignments (``sense="similarity"``).
    sense : {"similarity", "lead"}
        Alignment as similarity of stances (``measure``) or as mean stance
        toward the events each pole leads (needs ``events``; the similarity
        options do not apply).
    events : DataFrame, optional
        The events table, for ``sense="lead"``.

    Returns
    -------
    DataFrame
        ``actor, pole, window, index, value, n_items[, ci_low, ci_high]``.

    Examples
    --------
    >>> import pandas as pd
    >>> from stance.balance import balance
    >>> df = pd.DataFrame({"event_id": ["e1", "e2"] * 3, "actor_id": ["KAZ"] * 2 + ["USA"] * 2 + ["RUS"] * 2,
    ...                    "stance": ["support", "hedge", "support", "oppose", "support", "hedge"]})
    >>> balance(df, focal="KAZ", poles=("USA", "RUS"))[["pole", "index", "value", "n_items"]]
          pole           index  value  n_items
    0      USA       alignment   0.75        2
    1      RUS       alignment   1.00        2
    2  USA|RUS    equidistance   0.75        2
    3  USA|RUS  equidistance_k   0.75        2
    4  USA|RUS            tilt  -0.25        2
    """
    if sense == "similarity":
        plan = similarity_plan(data, poles=poles, focal=focal, by=by, rolling=rolling, measures=(measure,), half_credit=half_credit, weights=weights,
                               distance=distance, columns=columns)
    elif sense == "lead":
        if events is None:
            raise StanceError("sense='lead' needs the events table (which poles lead which events).", remedy="Pass events=stance.load('events').")
        plan = lead_plan(data, events, poles=poles, focal=focal, by=by, rolling=rolling, columns=columns, lead_column="lead_actor_ids")
        measure = LEAD_MEASURE
    else:
        raise StanceError(f"sense={sense!r} is not known.", remedy="Use 'similarity' or 'lead'.")
    _check_boot(n_boot, conf_level)
    poles_t = plan.pole_ids
    i, j = _pair(pair, poles_t)
    r = _range(measure, None)
    vals, n, _ = plan.point()
    a = np.where(plan.self_pair[None], np.nan, vals[..., 0])  # (W, F, P)
    nn = np.where(plan.self_pair[None], 0, np.rint(n[..., 0]).astype(np.int64))
    idx = index_arrays(a, i, j, r)
    idx_n = _binding_n(nn, a, i, j)
    lo = hi = None
    if n_boot:
        self_pair = plan.self_pair

        def finalize(sums: np.ndarray) -> np.ndarray:
            v = np.where(self_pair[None], np.nan, plan.values(sums, None)[0][..., 0])
            return np.concatenate([v, index_arrays(v, i, j, r)], axis=-1).reshape(len(sums), -1)

        lo, hi = plan.intervals(finalize, n_boot, conf_level, seed)
    n_w, n_f, n_p = a.shape
    vals_all = np.concatenate([a, idx], axis=-1)  # (W, F, P + 3)
    n_all = np.concatenate([nn, idx_n], axis=-1)
    poles_arr = np.array(poles_t, dtype=object)
    labels = np.empty((n_w, n_f, n_p + 3), dtype=object)
    labels[..., :n_p] = poles_arr
    labels[..., n_p] = labels[..., n_p + 2] = f"{poles_t[i]}|{poles_t[j]}"
    labels[..., n_p + 1] = _k_label(a, poles_t)
    names = np.array(["alignment"] * n_p + list(INDICES), dtype=object)
    f, w, c = np.indices((n_f, n_w, n_p + 3)).reshape(3, -1)
    self_cols = np.concatenate([plan.self_pair, np.zeros((n_f, 3), dtype=bool)], axis=1)
    keep = ~self_cols[f, c]
    f, w, c = f[keep], w[keep], c[keep]
    win_labels = np.empty(n_w, dtype=object)
    win_labels[:] = plan.win.labels
    out = pd.DataFrame({"actor": plan.focal_ids[f], "pole": labels[w, f, c], "window": win_labels[w], "index": names[c],
                        "value": vals_all[w, f, c], "n_items": n_all[w, f, c].astype(np.int64)})
    if lo is not None and hi is not None:
        out["ci_low"] = lo.reshape(n_w, n_f, n_p + 3)[w, f, c]
        out["ci_high"] = hi.reshape(n_w, n_f, n_p + 3)[w, f, c]
    return out


@SHARES.without("scores")
def hedge_share(data: pd.DataFrame, focal: Any = None, *, hedge: Any = "hedge", columns: Columns, by: str | None, rolling: int | None, n_boot: int,
                conf_level: float, seed: Any) -> pd.DataFrame:
    r"""Share of an actor's stances that are hedges (the project's proposal).

    $h_A = n_{hedge}/n$, over every coded stance of A in the window
    (all categories, neutral included: a share is a nominal measure).
    Missing stances are not stances and are not counted.

    Parameters
    ----------
    hedge : category, default "hedge"
        The hedge category.

    Returns
    -------
    DataFrame
        ``actor, pole (NA), window, index ("hedge_share"), value, n_items[, ci_low, ci_high]``.

    Examples
    --------
    >>> import pandas as pd
    >>> from stance.balance import hedge_share
    >>> df = pd.DataFrame({"event_id": ["e1", "e2", "e3", "e4"], "actor_id": "KAZ", "stance": ["hedge", "support", "hedge", None]})
    >>> hedge_share(df)[["actor", "index", "value", "n_items"]]
      actor        index     value  n_items
    0   KAZ  hedge_share  0.666667        3
    """
    enc = encode_long(data, columns)
    item = columns.item
    if hedge not in enc.categories:
        raise StanceError(f"hedge={hedge!r} is not in the category set {list(enc.categories)}.", remedy="Name the hedge category with hedge=.")
    h = enc.categories.index(hedge)
    focal_pos = _focal(enc, focal)
    win = _windows(data, enc.items, item, by, rolling)
    fmap = np.full(len(enc.actors), -1, dtype=np.int64)
    fmap[focal_pos] = np.arange(len(focal_pos))
    rows = fmap[enc.actor] >= 0
    r_item, r_f, r_code = enc.item[rows], fmap[enc.actor[rows]], enc.code[rows]
    flat = r_f * 2 + (r_code == h)
    size = len(focal_pos) * 2

    def shares(sums: np.ndarray) -> np.ndarray:
        s = sums.reshape(len(sums), -1, 2)
        tot = s.sum(axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(tot > 0, s[..., 1] / tot, np.nan)

    _check_boot(n_boot, conf_level)
    sums = window_sums(win, r_item, flat, None, size)
    val = shares(sums)
    n = sums.reshape(len(sums), -1, 2).sum(axis=-1)
    out = _tidy_simple(win.labels, enc.actors[focal_pos].to_numpy(dtype=object), [pd.NA], ["hedge_share"], val[:, :, None, None], n[:, :, None, None])
    if n_boot:
        lo, hi = bootstrap_windows(win, r_item, flat, None, size, shares, n_boot=n_boot, conf_level=conf_level, seed=seed)
        out["ci_low"], out["ci_high"] = lo.T.reshape(-1), hi.T.reshape(-1)
    return out


def _tidy_simple(windows: list[Any], actors: np.ndarray, poles: list[Any], indices: list[str], val: np.ndarray, n: np.ndarray) -> pd.DataFrame:
    """Tidy frame from arrays (W, F, P, I), rows ordered actor, window, pole, index."""
    n_w, n_f, n_p, n_i = val.shape
    f, w, p, i = np.indices((n_f, n_w, n_p, n_i)).reshape(4, -1)
    wl = np.empty(n_w, dtype=object)
    wl[:] = windows
    return pd.DataFrame({
        "actor": actors[f], "pole": np.array(poles, dtype=object)[p], "window": wl[w], "index": np.array(indices, dtype=object)[i],
        "value": val[w, f, p, i], "n_items": np.rint(n[w, f, p, i]).astype(np.int64),
    })


@SHARES
def split_items(data: pd.DataFrame, focal: Any, pole_a: Any, pole_b: Any, *, columns: Columns, by: str | None, rolling: int | None, n_boot: int,
                conf_level: float, seed: Any) -> pd.DataFrame:
    r"""Split-item behaviour (the project's proposal): what the focal actor does where two poles take opposite stances.

    A split item is one where one pole's score lies above the midpoint of
    the score range and the other's below (support vs oppose). On the split
    items the focal actor has a stance on, the shares of stances that side
    with ``pole_a`` (same category), with ``pole_b``, hedge (any other
    scored category) and neutral (no score) sum to 1.

    Parameters
    ----------
    pole_a, pole_b : actor ids
        The two poles (``focal=None``: every other actor).

    Returns
    -------
    DataFrame
        ``actor, pole, window, index, value, n_items[, ci_low, ci_high], n_missing``;
        ``index`` is ``split_side`` (``pole`` = the pole sided with),
        ``split_hedge`` or ``split_neutral`` (``pole`` = ``"A|B"``);
        ``n_items`` = split items the focal actor coded; ``n_missing`` =
        split items it did not.

    Examples
    --------
    >>> import pandas as pd
    >>> from stance.balance import split_items
    >>> df = pd.DataFrame({"event_id": ["e1", "e2", "e3"] * 3, "actor_id": ["USA"] * 3 + ["RUS"] * 3 + ["KAZ"] * 3,
    ...                    "stance": ["support", "oppose", "support", "oppose", "support", "support", "hedge", "support", "oppose"]})
    >>> split_items(df, "KAZ", "USA", "RUS")[["pole", "index", "value", "n_items", "n_missing"]]
          pole          index  value  n_items  n_missing
    0      USA     split_side    0.0        2          0
    1      RUS     split_side    0.5        2          0
    2  USA|RUS    split_hedge    0.5        2          0
    3  USA|RUS  split_neutral    0.0        2          0
    """
    enc = encode_long(data, columns)
    item = columns.item
    pa, pb = enc.actor_pos([pole_a, pole_b], "Poles")
    if pa == pb:
        raise StanceError("split_items needs two different poles.", remedy="Pass pole_a and pole_b with different ids.")
    focal_pos = _focal(enc, focal) if focal is not None else np.setdiff1d(np.arange(len(enc.actors)), [pa, pb])
    win = _windows(data, enc.items, item, by, rolling)
    mat = enc.code_matrix()
    s = enc.scores
    keep = ~np.isnan(s)
    mid = (np.nanmax(s) + np.nanmin(s)) / 2.0
    ca, cb = mat[:, pa], mat[:, pb]
    sa = np.where(ca >= 0, s[np.maximum(ca, 0)], np.nan)
    sb = np.where(cb >= 0, s[np.maximum(cb, 0)], np.nan)
    with np.errstate(invalid="ignore"):
        split = ((sa > mid) & (sb < mid)) | ((sa < mid) & (sb > mid))
    fmap = np.full(len(enc.actors), -1, dtype=np.int64)
    fmap[focal_pos] = np.arange(len(focal_pos))
    rows = (fmap[enc.actor] >= 0) & split[enc.item]
    r_item, r_f, r_code = enc.item[rows], fmap[enc.actor[rows]], enc.code[rows]
    kind = np.where(r_code == ca[r_item], 0, np.where(r_code == cb[r_item], 1, np.where(keep[r_code], 2, 3)))
    flat = r_f * 4 + kind
    size = len(focal_pos) * 4

    def shares(sums: np.ndarray) -> np.ndarray:
        t = sums.reshape(len(sums), -1, 4)
        tot = t.sum(axis=-1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(tot > 0, t / tot, np.nan).reshape(len(sums), -1)

    _check_boot(n_boot, conf_level)
    sums = window_sums(win, r_item, flat, None, size)
    n_f = len(focal_pos)
    val = shares(sums).reshape(win.n_windows, n_f, 1, 4)
    n = sums.reshape(win.n_windows, n_f, 4).sum(axis=-1)
    su = np.flatnonzero(split)
    n_split = window_sums(win, su, np.zeros(len(su), dtype=np.int64), None, 1)[:, 0]
    pair_label = f"{pole_a}|{pole_b}"
    out = _tidy_simple(win.labels, enc.actors[focal_pos].to_numpy(dtype=object), [None], ["split_side", "split_side", "split_hedge", "split_neutral"],
                       val, np.repeat(n[:, :, None, None], 4, axis=-1))
    out["pole"] = np.tile(np.array([pole_a, pole_b, pair_label, pair_label], dtype=object), n_f * win.n_windows)
    if n_boot:
        lo, hi = bootstrap_windows(win, r_item, flat, None, size, shares, n_boot=n_boot, conf_level=conf_level, seed=seed)
        out["ci_low"] = lo.reshape(win.n_windows, n_f, 4).transpose(1, 0, 2).reshape(-1)
        out["ci_high"] = hi.reshape(win.n_windows, n_f, 4).transpose(1, 0, 2).reshape(-1)
    w_idx = np.repeat(np.arange(win.n_windows), 4)
    out["n_missing"] = np.tile(n_split[w_idx], n_f).astype(np.int64) - out["n_items"].to_numpy()
    return out


__all__ = ["INDICES", "balance", "balancing_indices", "hedge_share", "index_arrays", "split_items"]
