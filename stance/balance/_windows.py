"""Time windows (overall, by period or year, rolling) and the grouped, vectorised accumulation behind every index.

Every index of [`stance.balance`][stance.balance] is a function of per-cell sums (a
cell is, e.g., actor x pole; the sums are a joint-stance table, or a sum
of scores and a count). The sums are accumulated for each *group* of
items (one value of ``by``) with a single ``numpy.bincount`` over all rows,
then added up into *windows* through cumulative sums over the sorted
groups: a window is one group (``by``), ``rolling`` consecutive groups, or
everything (``by=None``). No Python loop runs over actors, poles or years.

Bootstrap: items are resampled with replacement within each group
(stratified by ``by``; one stratum when ``by=None``), the sums are
recomputed with the resampled multiplicities as weights, and the
percentile interval (Efron & Tibshirani 1993, ch. 13) is taken over the
replicates with a defined value. Every cell of a window shares the same
resample, so differences between poles (tilt, equidistance) get paired
intervals.

Examples
--------
>>> import numpy as np, pandas as pd
>>> from stance.balance._windows import make_windows
>>> w = make_windows(pd.Series([2001, 2000, 2002, None], dtype="Int64"), "year", rolling=2)
>>> w.labels, w.item_group.tolist()
(['2000..2001', '2001..2002', <NA>], [1, 0, 2, 3])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import StanceError

ALL = "all"


@dataclass(frozen=True)
class Windows:
    """Items grouped by the values of ``by`` and the windows over those groups.

    Attributes
    ----------
    item_group : ndarray of int, shape (n_items,)
        Group of each item (groups are the sorted distinct values of ``by``,
        then one group for items whose ``by`` is missing, if any).
    n_groups : int
    starts, stops : ndarray of int, shape (n_windows,)
        Each window covers groups ``starts[w]`` to ``stops[w] - 1``.
    labels : list
        Window labels: ``"all"``, the value of ``by``, ``"first..last"`` for
        rolling windows, and ``pd.NA`` for the items without a ``by`` value.
    """

    item_group: np.ndarray
    n_groups: int
    starts: np.ndarray
    stops: np.ndarray
    labels: list[Any]

    @property
    def n_windows(self) -> int:
        return len(self.labels)


def make_windows(item_values: pd.Series | None, by: str | None, rolling: int | None, n_items: int | None = None) -> Windows:
    """Windows from one ``by`` value per item (``item_values``; None when ``by`` is None)."""
    if by is None or item_values is None:
        if rolling is not None:
            raise StanceError("rolling= needs by= (the column whose sorted values the window moves over).", remedy="Pass by='year' (or 'period_id') with rolling=.")
        n = int(n_items if n_items is not None else 0)
        return Windows(np.zeros(n, dtype=np.int64), 1, np.array([0]), np.array([1]), [ALL])
    codes, uniques = pd.factorize(item_values, sort=True)
    codes = np.asarray(codes, dtype=np.int64)
    n_known = len(uniques)
    has_na = bool((codes < 0).any())
    item_group = np.where(codes < 0, n_known, codes)
    values = pd.Index(uniques).tolist()
    if rolling is None:
        starts = np.arange(n_known)
        stops = starts + 1
        labels: list[Any] = values
    else:
        if isinstance(rolling, bool) or not isinstance(rolling, (int, np.integer)) or rolling < 1:
            raise StanceError(f"rolling={rolling!r} must be a positive integer (the number of consecutive {by} values in a window).", remedy="Use for example rolling=5.")
        if rolling > n_known:
            raise StanceError(f"rolling={rolling} is wider than the {n_known} distinct value(s) of {by!r}.", remedy=f"Use rolling <= {n_known}, or by= without rolling=.")
        starts = np.arange(n_known - rolling + 1)
        stops = starts + rolling
        labels = [f"{values[s]}..{values[e - 1]}" for s, e in zip(starts, stops)]
    if has_na:
        starts = np.append(starts, n_known)
        stops = np.append(stops, n_known + 1)
        labels = [*labels, pd.NA]
    return Windows(item_group, n_known + int(has_na), starts.astype(np.int64), stops.astype(np.int64), labels)


def item_by_values(data: pd.DataFrame, items: pd.Index, item: str, by: str) -> pd.Series:
    """One ``by`` value per item (position order of ``items``; NA for items without rows); an error if an item has several."""
    if by not in data.columns:
        raise StanceError(
            f"by={by!r} is not a column of the stance table (columns: {list(data.columns)[:12]}).",
            remedy="Add the time column first, e.g. stance.balance.with_event_time(stances, events) adds period_id and year.",
        )
    pos = items.get_indexer(data[item])
    col = data[by]
    codes, uniques = pd.factorize(col, sort=False, use_na_sentinel=True)
    spread = pd.Series(codes[pos >= 0]).groupby(pos[pos >= 0]).agg(["min", "max"])
    varying = spread.index.to_numpy()[(spread["min"] != spread["max"]).to_numpy()]
    if len(varying):
        item_ids = list(items[varying[:5]])
        raise StanceError(
            f"Items {item_ids} have more than one value of {by!r}.",
            remedy=f"Give each item one {by} (an item is dated once), or group by a column that is constant within items.",
        )
    known = pos >= 0
    uniq_pos, first_row = np.unique(pos[known], return_index=True)
    first_values = col[known].iloc[first_row].array
    return pd.Series(first_values, index=uniq_pos).reindex(range(len(items)))


def window_sums(win: Windows, row_item: np.ndarray, flat: np.ndarray, weight: np.ndarray | None, size: int) -> np.ndarray:
    """Per-window sums, shape (n_windows, size): bincount per group, then cumulative sums over groups."""
    group = win.item_group[row_item] if len(row_item) else np.zeros(0, dtype=np.int64)
    sums = np.bincount(group * size + flat, weights=weight, minlength=win.n_groups * size).astype(np.float64)
    cum = np.zeros((win.n_groups + 1, size))
    np.cumsum(sums.reshape(win.n_groups, size), axis=0, out=cum[1:])
    return cum[win.stops] - cum[win.starts]


def _check_boot(n_boot: int, conf_level: float) -> None:
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 0:
        raise StanceError(f"n_boot={n_boot!r} must be a non-negative integer.", remedy="Use n_boot=0 (no interval) or for example n_boot=1000.")
    if not 0 < conf_level < 1:
        raise StanceError(f"conf_level={conf_level} must lie strictly between 0 and 1.", remedy="Use for example conf_level=0.95.")


def bootstrap_windows(
    win: Windows,
    row_item: np.ndarray,
    flat: np.ndarray,
    weight: np.ndarray | None,
    size: int,
    finalize: Callable[[np.ndarray], np.ndarray],
    *,
    n_boot: int,
    conf_level: float,
    seed: Any,
    max_chunk_mb: float = 64.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile intervals, shape (n_windows, K), of ``finalize(window sums)`` over item resamples.

    ``finalize`` maps window sums (n, size) to values (n, K).
    """
    _check_boot(n_boot, conf_level)
    rng = np.random.default_rng(seed)
    n_items = len(win.item_group)
    order = np.argsort(win.item_group, kind="stable")
    n_in_group = np.bincount(win.item_group, minlength=win.n_groups)
    group_start = np.concatenate([[0], np.cumsum(n_in_group)])
    row_group = win.item_group[row_item]
    row_order = np.argsort(row_group, kind="stable")
    row_item_s, flat_s, group_s = row_item[row_order], flat[row_order], row_group[row_order]
    weight_s = None if weight is None else weight[row_order]
    row_start = np.searchsorted(group_s, np.arange(win.n_groups + 1))
    k = finalize(np.zeros((1, size))).shape[1]
    per_window = max(1, n_boot * max(k, 1) * 8)
    chunk = max(1, int(max_chunk_mb * 2**20 // per_window))
    alpha = (1.0 - conf_level) / 2.0
    lo = np.full((win.n_windows, k), np.nan)
    hi = np.full((win.n_windows, k), np.nan)
    for w0 in range(0, win.n_windows, chunk):
        w1 = min(win.n_windows, w0 + chunk)
        g0, g1 = int(win.starts[w0:w1].min()), int(win.stops[w0:w1].max())
        r0, r1 = row_start[g0], row_start[g1]
        r_item = row_item_s[r0:r1]
        r_key = (group_s[r0:r1] - g0) * size + flat_s[r0:r1]
        r_weight = None if weight_s is None else weight_s[r0:r1]
        groups = np.arange(g0, g1)
        counts = n_in_group[groups]
        g_rep = np.repeat(groups, counts)
        starts_rel = win.starts[w0:w1] - g0
        stops_rel = win.stops[w0:w1] - g0
        n_g = g1 - g0
        reps = np.empty((n_boot, w1 - w0, k))
        for b in range(n_boot):
            draw = group_start[g_rep] + (rng.random(len(g_rep)) * n_in_group[g_rep]).astype(np.int64)
            mult = np.bincount(order[draw], minlength=n_items).astype(np.float64)
            wts = mult[r_item] if r_weight is None else mult[r_item] * r_weight
            sums = np.bincount(r_key, weights=wts, minlength=n_g * size)
            cum = np.zeros((n_g + 1, size))
            np.cumsum(sums.reshape(n_g, size), axis=0, out=cum[1:])
            reps[b] = finalize(cum[stops_rel] - cum[starts_rel])
        lo[w0:w1], hi[w0:w1] = nan_percentiles(reps, alpha)
    return lo, hi


def nan_percentiles(reps: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """The ``alpha`` and ``1 - alpha`` quantiles along axis 0, ignoring NaN, vectorised over the other axes.

    Same definition as ``numpy.nanquantile`` (method "linear"); NaN where no
    replicate is defined.

    Examples
    --------
    >>> import numpy as np
    >>> lo, hi = nan_percentiles(np.array([[0.0, np.nan], [10.0, np.nan], [np.nan, np.nan]]), 0.1)
    >>> lo.tolist(), hi.tolist()
    ([1.0, nan], [9.0, nan])
    """
    srt = np.sort(reps, axis=0)  # NaN last
    k = (~np.isnan(reps)).sum(axis=0)
    out = []
    for a in (alpha, 1.0 - alpha):
        pos = a * np.maximum(k - 1, 0)
        below = np.floor(pos).astype(np.int64)
        above = np.minimum(below + 1, np.maximum(k - 1, 0))
        v0 = np.take_along_axis(srt, below[None], axis=0)[0]
        v1 = np.take_along_axis(srt, above[None], axis=0)[0]
        frac = pos - below
        with np.errstate(invalid="ignore"):
            val = np.where(frac > 0, v0 + (v1 - v0) * frac, v0)
        out.append(np.where(k > 0, val, np.nan))
    return out[0], out[1]
