r"""Alignment of focal actors with each pole, overall, by period or year, or in rolling windows.

Two documented senses of "alignment of actor A with pole P":

1. **Similarity** ([`alignment`][stance.balance.alignment.alignment]): a dyadic similarity measure
   ([`stance.balance.similarity`][stance.balance.similarity]) between A's and P's stances over the
   items both have a stance on. Works for events and for UN roll calls.
2. **Stance toward the pole's events** ([`lead_alignment`][stance.balance.alignment.lead_alignment]): A's mean
   stance score over the events P leads (events table, ``lead_actor_ids``):
   $\bar s_{A,P} = \frac{1}{n}\sum_{e \in \text{led by } P} s(A, e)$
   with the codebook scores (support 1, hedge 0, oppose -1; neutral
   excluded and counted). Range [-1, 1].

Both run as one grouped, vectorised pass over all rows (see
`stance.balance._windows`): no Python loop over actors, poles or
windows. A pole is never compared with itself (those rows are left out).

Examples
--------
>>> import pandas as pd
>>> from stance.balance import alignment
>>> df = pd.DataFrame({"event_id": ["e1", "e2", "e3", "e1", "e2", "e3"],
...                    "actor_id": ["KAZ"] * 3 + ["USA"] * 3,
...                    "stance": ["support", "hedge", "oppose", "support", "support", "support"]})
>>> alignment(df, poles=("USA",), focal="KAZ")[["actor", "pole", "window", "measure", "value", "n_items"]]
  actor pole window    measure  value  n_items
0   KAZ  USA    all  agreement    0.5        3
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from stance.balance._input import EncodedStances, WeightsArg, encode_long
from stance.balance._keywords import ALIGNMENT, LEAD
from stance.balance._tables import check_distance, check_measures, table_measures
from stance.balance._windows import Windows, _check_boot, bootstrap_windows, item_by_values, make_windows, window_sums
from stance.balance.events import LEAD_COLUMN, lead_matrix
from stance.data.columns import Columns
from stance.errors import StanceError

#: Default poles: the USA, Russia, China and the EU (actor ids).
DEFAULT_POLES = ("USA", "RUS", "CHN", "EU")

LEAD_MEASURE = "lead_mean_stance"

ValuesFn = Callable[[np.ndarray, np.ndarray | None], tuple[np.ndarray, np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class Plan:
    """Everything the grouped pass needs: rows -> (window, focal, pole) cells, and cell sums -> values."""

    win: Windows
    row_item: np.ndarray
    flat: np.ndarray
    weight: np.ndarray | None
    size: int
    values: ValuesFn
    measures: tuple[str, ...]
    focal_ids: np.ndarray
    pole_ids: tuple[Any, ...]
    n_missing: np.ndarray
    self_pair: np.ndarray
    count_weight: np.ndarray | None = None

    def point(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Values, n_items and n_excluded, each (n_windows, focal, pole, measure)."""
        sums = window_sums(self.win, self.row_item, self.flat, self.weight, self.size)
        counts = None
        if self.weight is not None:
            counts = window_sums(self.win, self.row_item, self.flat, self.count_weight, self.size)
        return self.values(sums, counts)

    def intervals(self, finalize: Callable[[np.ndarray], np.ndarray], n_boot: int, conf_level: float, seed: Any) -> tuple[np.ndarray, np.ndarray]:
        return bootstrap_windows(self.win, self.row_item, self.flat, self.weight, self.size, finalize, n_boot=n_boot, conf_level=conf_level, seed=seed)


def _poles(poles: Sequence[Any] | str) -> tuple[Any, ...]:
    out = (poles,) if isinstance(poles, str) else tuple(poles)
    if not out:
        raise StanceError("No poles given.", remedy="Pass poles=('USA', 'RUS', 'CHN', 'EU') or another set of actor ids.")
    if len(set(out)) != len(out):
        raise StanceError(f"poles={list(out)} repeats a pole.", remedy="List each pole once.")
    return out


def _focal(enc: EncodedStances, focal: Any) -> np.ndarray:
    if focal is None:
        return np.arange(len(enc.actors))
    ids = list(focal) if pd.api.types.is_list_like(focal) else [focal]
    return enc.actor_pos(ids, "Focal actor(s)")


def _pole_positions(enc: EncodedStances, poles: tuple[Any, ...]) -> np.ndarray:
    pos = enc.actors.get_indexer(list(poles))
    if (pos < 0).all():
        raise StanceError(f"None of the poles {list(poles)} has a stance in the data.", remedy="Pass poles= with actor ids that occur in the actor column.")
    return pos


def _windows(data: pd.DataFrame, items: pd.Index, item: str, by: str | None, rolling: int | None) -> Windows:
    values = item_by_values(data, items, item, by) if by is not None else None
    return make_windows(values, by, rolling, n_items=len(items))


def similarity_plan(
    data: pd.DataFrame,
    *,
    poles: Sequence[Any] | str,
    focal: Any,
    by: str | None,
    rolling: int | None,
    measures: Sequence[str] | str,
    half_credit: bool,
    weights: WeightsArg,
    distance: str | None,
    columns: Columns,
) -> Plan:
    """The grouped pass of [`alignment`][stance.balance.alignment.alignment] (similarity sense)."""
    measures = check_measures(measures)
    check_distance(distance)
    poles = _poles(poles)
    item = columns.item
    enc = encode_long(data, columns, weights=weights)
    pole_pos = _pole_positions(enc, poles)
    focal_pos = _focal(enc, focal)
    win = _windows(data, enc.items, item, by, rolling)
    n_items, q, n_p, m_f = len(enc.items), enc.q, len(poles), len(focal_pos)
    pole_codes = np.full((n_items, n_p), -1, dtype=np.int64)
    for j, pp in enumerate(pole_pos):
        if pp >= 0:
            mine = enc.actor == pp
            pole_codes[enc.item[mine], j] = enc.code[mine]
    fmap = np.full(len(enc.actors), -1, dtype=np.int64)
    fmap[focal_pos] = np.arange(m_f)
    rows = fmap[enc.actor] >= 0
    r_item, r_actor, r_code = enc.item[rows], enc.actor[rows], enc.code[rows]
    r_focal = fmap[r_actor]
    parts_item, parts_flat = [], []
    for j in range(n_p):
        other = pole_codes[r_item, j]
        ok = (other >= 0) & (r_actor != pole_pos[j])
        parts_item.append(r_item[ok])
        parts_flat.append(((r_focal[ok] * n_p + j) * q + r_code[ok]) * q + other[ok])
    row_item = np.concatenate(parts_item) if parts_item else np.zeros(0, dtype=np.int64)
    flat = np.concatenate(parts_flat) if parts_flat else np.zeros(0, dtype=np.int64)
    weight = None if enc.item_weight is None else enc.item_weight[row_item]
    count_weight = None if weight is None else np.ones(len(row_item))
    size = m_f * n_p * q * q
    # Gaps: items in the window that exactly one side of the pair has a stance on.
    actor_counts = window_sums(win, r_item, r_focal, None, m_f)
    pole_rows = pole_codes >= 0
    pu, pj = np.nonzero(pole_rows)
    pole_counts = window_sums(win, pu, pj, None, n_p)
    both = window_sums(win, row_item, flat // (q * q), None, m_f * n_p).reshape(win.n_windows, m_f, n_p)
    n_missing = actor_counts[:, :, None] + pole_counts[:, None, :] - 2 * both
    self_pair = enc.actors[focal_pos].to_numpy(dtype=object)[:, None] == np.array(poles, dtype=object)[None, :]
    scores_arr = enc.scores

    def values(sums: np.ndarray, counts: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        shape = (len(sums), m_f, n_p, q, q)
        res = table_measures(sums.reshape(shape), None if counts is None else counts.reshape(shape), scores_arr, measures, half_credit=half_credit, distance=distance)
        return tuple(np.stack([res[m][i] for m in measures], axis=-1) for i in range(3))  # type: ignore[return-value]

    return Plan(win, row_item, flat, weight, size, values, measures, enc.actors[focal_pos].to_numpy(dtype=object), poles, n_missing, self_pair, count_weight)


def lead_plan(
    stances: pd.DataFrame,
    events: pd.DataFrame,
    *,
    poles: Sequence[Any] | str,
    focal: Any,
    by: str | None,
    rolling: int | None,
    columns: Columns,
    lead_column: str,
) -> Plan:
    """The grouped pass of [`lead_alignment`][stance.balance.alignment.lead_alignment] (stance toward the events each pole leads)."""
    poles = _poles(poles)
    item = columns.item
    enc = encode_long(stances, columns)
    if item not in events.columns:
        raise StanceError(f"The events table lacks column {item!r}.", remedy="Pass the events table the stances refer to.")
    if events[item].duplicated().any():
        raise StanceError(f"The events table lists {item} {list(events.loc[events[item].duplicated(), item].head(5))} twice.", remedy="Keep one row per event.")
    universe = pd.Index(events[item]).sort_values()
    u_of_item = universe.get_indexer(enc.items)
    if (u_of_item < 0).any():
        raise StanceError(f"Stances name events that are not in the events table: {list(enc.items[u_of_item < 0][:5])}.", remedy="Use the events table the stances were coded against.")
    if by is None:
        win = make_windows(None, None, rolling, n_items=len(universe))
    elif by in events.columns:
        win = make_windows(events.set_index(item)[by].reindex(universe).reset_index(drop=True), by, rolling)
    else:
        win = make_windows(item_by_values(stances, universe, item, by), by, rolling)
    leads = lead_matrix(events, poles, universe, lead_column=lead_column, columns=columns)
    pole_pos = enc.actors.get_indexer(list(poles))
    focal_pos = _focal(enc, focal)
    m_f, n_p = len(focal_pos), len(poles)
    fmap = np.full(len(enc.actors), -1, dtype=np.int64)
    fmap[focal_pos] = np.arange(m_f)
    rows = fmap[enc.actor] >= 0
    r_u, r_actor, r_code = u_of_item[enc.item[rows]], enc.actor[rows], enc.code[rows]
    r_focal = fmap[r_actor]
    score = enc.scores[r_code]
    scored = ~np.isnan(score)
    parts_item, parts_flat, parts_w = [], [], []
    for j in range(n_p):
        ok = leads[r_u, j] & (r_actor != pole_pos[j])
        cell = (r_focal[ok] * n_p + j) * 3
        sc = scored[ok]
        # stat 0: sum of scores; stat 1: scored stances; stat 2: stances without a score (excluded).
        parts_item += [r_u[ok][sc], r_u[ok][sc], r_u[ok][~sc]]
        parts_flat += [cell[sc], cell[sc] + 1, cell[~sc] + 2]
        parts_w += [score[ok][sc], np.ones(int(sc.sum())), np.ones(int((~sc).sum()))]
    row_item = np.concatenate(parts_item)
    flat = np.concatenate(parts_flat)
    weight = np.concatenate(parts_w)
    lu, lj = np.nonzero(leads)
    n_led = window_sums(win, lu, lj, None, n_p)
    size = m_f * n_p * 3
    self_pair = enc.actors[focal_pos].to_numpy(dtype=object)[:, None] == np.array(poles, dtype=object)[None, :]

    def values(sums: np.ndarray, counts: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        s = sums.reshape(len(sums), m_f, n_p, 3)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = np.where(s[..., 1] > 0, s[..., 0] / s[..., 1], np.nan)
        return mean[..., None], s[..., 1:2], s[..., 2:3]

    point_n = window_sums(win, row_item, flat, np.where(flat % 3 == 0, 0.0, 1.0), size).reshape(win.n_windows, m_f, n_p, 3)
    n_missing = n_led[:, None, :] - point_n[..., 1] - point_n[..., 2]
    return Plan(win, row_item, flat, weight, size, values, (LEAD_MEASURE,), enc.actors[focal_pos].to_numpy(dtype=object), poles, n_missing, self_pair)


def tidy(plan: Plan, vals: np.ndarray, n: np.ndarray, excl: np.ndarray, lo: np.ndarray | None, hi: np.ndarray | None) -> pd.DataFrame:
    """Long frame (actor, pole, window, measure, value, n_items[, ci_low, ci_high], n_excluded, n_missing)."""
    n_w, m_f, n_p, n_m = vals.shape
    grid = np.indices((m_f, n_w, n_p, n_m)).reshape(4, -1)
    f, w, p, m = grid
    keep = ~plan.self_pair[f, p]
    f, w, p, m = f[keep], w[keep], p[keep], m[keep]
    labels = np.empty(n_w, dtype=object)
    labels[:] = plan.win.labels
    out = {
        "actor": plan.focal_ids[f],
        "pole": np.array(plan.pole_ids, dtype=object)[p],
        "window": labels[w],
        "measure": np.array(plan.measures, dtype=object)[m],
        "value": vals[w, f, p, m],
        "n_items": np.rint(n[w, f, p, m]).astype(np.int64),
    }
    if lo is not None and hi is not None:
        out["ci_low"] = lo[w, f, p, m]
        out["ci_high"] = hi[w, f, p, m]
    out["n_excluded"] = np.rint(excl[w, f, p, m]).astype(np.int64)
    out["n_missing"] = np.rint(plan.n_missing[w, f, p]).astype(np.int64)
    frame = pd.DataFrame(out)
    return frame


def run(plan: Plan, n_boot: int, conf_level: float, seed: Any) -> pd.DataFrame:
    _check_boot(n_boot, conf_level)
    vals, n, excl = plan.point()
    lo = hi = None
    if n_boot:
        shape = vals.shape[1:]

        def finalize(sums: np.ndarray) -> np.ndarray:
            return plan.values(sums, None)[0].reshape(len(sums), -1)

        lo_f, hi_f = plan.intervals(finalize, n_boot, conf_level, seed)
        lo, hi = lo_f.reshape(-1, *shape), hi_f.reshape(-1, *shape)
    return tidy(plan, vals, n, excl, lo, hi)


@ALIGNMENT
def alignment(data: pd.DataFrame, *, poles: Sequence[Any] | str = DEFAULT_POLES, focal: Any = None, measures: Sequence[str] | str = ("agreement",),
              columns: Columns, **options: Any) -> pd.DataFrame:
    """Alignment of each focal actor with each pole: similarity of their stances over shared items.

    Parameters
    ----------
    measures : str or sequence
        Similarity measures ([`stance.balance.MEASURES`][stance.balance.MEASURES]).

    Returns
    -------
    DataFrame
        ``actor, pole, window, measure, value, n_items[, ci_low, ci_high],
        n_excluded, n_missing``. ``window`` is ``"all"``, the ``by`` value,
        ``"first..last"`` for rolling windows, or NA for items with no
        ``by`` value. ``n_items``: items both coded and used;
        ``n_excluded``: both coded but left out (neutral rule);
        ``n_missing``: items in the window only one of the two coded.

    Examples
    --------
    >>> import pandas as pd
    >>> from stance.balance import alignment
    >>> df = pd.DataFrame({"rcid": [1, 2, 1, 2, 1], "country": ["KZ", "KZ", "US", "US", "RU"],
    ...                    "vote": ["hedge", "support", "oppose", "support", "support"], "year": [2014, 2015] * 2 + [2014]})
    >>> alignment(df, poles=("US", "RU"), focal="KZ", by="year", item="rcid", actor="country", value="vote")[["pole", "window", "value", "n_items", "n_missing"]]
      pole window  value  n_items  n_missing
    0   US   2014    0.5        1          0
    1   RU   2014    0.5        1          0
    2   US   2015    1.0        1          0
    3   RU   2015    NaN        0          1
    """
    n_boot, conf_level, seed = options.pop("n_boot"), options.pop("conf_level"), options.pop("seed")
    plan = similarity_plan(data, poles=poles, focal=focal, measures=measures, columns=columns, **options)
    return run(plan, n_boot, conf_level, seed)


@LEAD
def lead_alignment(stances: pd.DataFrame, events: pd.DataFrame, focal: Any = None, poles: Sequence[Any] | str = DEFAULT_POLES, *,
                   lead_column: str = LEAD_COLUMN, columns: Columns, by: str | None, rolling: int | None, n_boot: int, conf_level: float,
                   seed: Any) -> pd.DataFrame:
    r"""Alignment in the second sense: the focal actor's mean stance toward the events each pole leads.

    $\bar s_{A,P} = \frac{1}{n_{A,P}}\sum_{e:\,P \text{ leads } e} s(A, e)$, with
    the codebook scores (support 1, hedge 0, oppose -1); neutral has no
    score under ``neutral_in_ordinal = "exclude"`` and is counted in
    ``n_excluded``. An event led by two poles counts for both.

    Parameters
    ----------
    stances, events : DataFrame
        Long stances and the events table (``lead_actor_ids``: lead actor
        ids separated by ``;``).
    lead_column : str
        The column of ``events`` naming the lead actors.

    Returns
    -------
    DataFrame
        As [`alignment`][stance.balance.alignment.alignment], with ``measure = "lead_mean_stance"``;
        ``n_missing`` = events the pole leads in the window on which the
        focal actor has no stance.

    Examples
    --------
    >>> import pandas as pd
    >>> from stance.balance import lead_alignment
    >>> events = pd.DataFrame({"event_id": ["e1", "e2", "e3"], "lead_actor_ids": ["USA", "USA;RUS", "RUS"]})
    >>> stances = pd.DataFrame({"event_id": ["e1", "e2"], "actor_id": ["KAZ", "KAZ"], "stance": ["support", "hedge"]})
    >>> lead_alignment(stances, events, "KAZ", ("USA", "RUS"))[["pole", "value", "n_items", "n_missing"]]
      pole  value  n_items  n_missing
    0  USA    0.5        2          0
    1  RUS    0.0        1          1
    """
    plan = lead_plan(stances, events, poles=poles, focal=focal, by=by, rolling=rolling, columns=columns, lead_column=lead_column)
    return run(plan, n_boot, conf_level, seed)
