"""Long stance data (item x actor x value) -> integer codes, with the codebook's categories and scores.

Every function of :mod:`stance.balance` starts here. The input is a long
DataFrame with one row per item and actor (``item``, ``actor`` and
``value`` columns; defaults ``event_id``, ``actor_id``, ``stance``). A
missing stance is *no row* or a row whose value is NA: it is never a
category, never neutral.

Categories (as in :mod:`stance.agreement`): an explicit ``categories=``
wins; a pandas ``Categorical`` keeps its own categories; string codes must
be codebook ids (the codebook's categories, in its order); numeric codes
take their sorted distinct values. Scores come from the codebook
(``neutral_in_ordinal = "exclude"``: neutral has no score and drops out of
the ordinal and interval measures, counted as excluded), from numeric
categories themselves, or from ``scores=``.

Examples
--------
>>> import pandas as pd
>>> from stance.balance._input import encode_long
>>> df = pd.DataFrame({"event_id": ["e1", "e1", "e2"], "actor_id": ["KAZ", "RUS", "KAZ"],
...                    "stance": ["hedge", "support", None]})
>>> enc = encode_long(df)
>>> enc.categories, enc.code.tolist(), list(enc.actors)
(('oppose', 'hedge', 'support', 'neutral'), [1, 2], ['KAZ', 'RUS'])
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from stance.agreement._data import resolve_scores
from stance.errors import StanceError

DEFAULT_ITEM = "event_id"
DEFAULT_ACTOR = "actor_id"
DEFAULT_VALUE = "stance"

ScoresArg = Mapping[Any, float] | Sequence[float | None] | None
WeightsArg = str | Mapping[Any, float] | pd.Series | None


@dataclass(frozen=True)
class EncodedStances:
    """Stances as integer arrays, one entry per row that holds a stance.

    Attributes
    ----------
    item, actor, code : ndarray of int64, shape (n_rows,)
        Positions in ``items``, ``actors`` and ``categories``.
    items, actors : pandas.Index
        Sorted distinct item and actor ids (items and actors whose rows are
        all NA keep their place, so their gaps are counted).
    categories : tuple
        The category set, in order.
    scores : ndarray of float, shape (q,)
        Score of each category; NaN = no score (excluded from ordinal and
        interval measures: neutral under the codebook's rule).
    item_weight : ndarray of float, shape (n_items,), or None
        Item weights (None = unweighted).
    row_label : ndarray
        The input index label of each kept row (for messages).
    """

    item: np.ndarray
    actor: np.ndarray
    code: np.ndarray
    items: pd.Index
    actors: pd.Index
    categories: tuple[Any, ...]
    scores: np.ndarray
    item_weight: np.ndarray | None
    row_label: np.ndarray

    @property
    def q(self) -> int:
        return len(self.categories)

    @property
    def scored(self) -> np.ndarray:
        """Boolean mask of the categories that take part in ordinal measures."""
        return ~np.isnan(self.scores)

    def actor_pos(self, ids: Sequence[Any], role: str) -> np.ndarray:
        """Positions of actor ids; a clear error names the unknown ones."""
        pos = self.actors.get_indexer(list(ids))
        if (pos < 0).any():
            unknown = [a for a, p in zip(ids, pos) if p < 0]
            shown = ", ".join(map(str, self.actors[:8]))
            raise StanceError(
                f"{role} {unknown} have no stance in the data.",
                remedy=f"Use actor ids that occur in the actor column (e.g. {shown}{', ...' if len(self.actors) > 8 else ''}).",
            )
        return pos.astype(np.int64)

    def code_matrix(self) -> np.ndarray:
        """Dense items x actors matrix of category positions (-1 = no stance)."""
        mat = np.full((len(self.items), len(self.actors)), -1, dtype=np.int64)
        mat[self.item, self.actor] = self.code
        return mat


def _require_columns(df: pd.DataFrame, cols: Sequence[str]) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise StanceError(
            f"The stance table lacks column(s) {missing}; it has {list(df.columns)[:12]}.",
            remedy="Pass the column names with item=, actor= and value= (e.g. item='rcid' for UN roll calls).",
        )


def _describe_rows(df: pd.DataFrame, mask: np.ndarray, cols: Sequence[str], limit: int = 5) -> str:
    rows = df.loc[mask, list(cols)].head(limit)
    return "; ".join(f"row {i}: " + ", ".join(f"{c}={r[c]!r}" for c in cols) for i, r in rows.iterrows())


def _codebook_ids() -> tuple[str, ...]:
    from stance.data.codebook import load_codebook

    return load_codebook().category_ids


def _resolve_categories(col: pd.Series, categories: Sequence[Any] | None) -> tuple[Any, ...]:
    if categories is not None:
        cats = tuple(categories)
    elif isinstance(col.dtype, pd.CategoricalDtype):
        cats = tuple(col.dtype.categories)
    else:
        present = pd.unique(col.dropna().astype(object))
        if len(present) and all(isinstance(v, str) for v in present):
            cats = _codebook_ids()
        elif all(isinstance(v, numbers.Number) and not isinstance(v, bool) for v in present):
            cats = tuple(sorted(present))
        else:
            kinds = sorted({type(v).__name__ for v in present})
            raise StanceError(f"Stance values mix types ({', '.join(kinds)}); cannot infer the category set.",
                              remedy="Use codebook category ids (support, hedge, oppose, neutral), or pass categories=[...].")
    if len(set(cats)) != len(cats):
        raise StanceError(f"categories={list(cats)} repeats a category.", remedy="List each category once.")
    return cats


def _encode_values(df: pd.DataFrame, value: str, cats: tuple[Any, ...], item: str, actor: str) -> np.ndarray:
    col = df[value]
    miss = col.isna().to_numpy()
    if isinstance(col.dtype, pd.CategoricalDtype):
        pos_of_cat = pd.Index(list(cats), dtype=object).get_indexer(list(col.dtype.categories))
        raw = col.cat.codes.to_numpy().astype(np.int64)
        out = np.where(raw >= 0, pos_of_cat[np.maximum(raw, 0)], -1)
        bad = (out < 0) & ~miss
    else:
        vals = col.to_numpy()
        if vals.dtype.kind in "fiu" and all(isinstance(c, numbers.Number) for c in cats):
            index = pd.Index(np.asarray(cats, dtype=float))
            out = np.full(len(vals), -1, dtype=np.int64)
            out[~miss] = index.get_indexer(vals[~miss].astype(float))
        else:
            out = pd.Index(list(cats), dtype=object).get_indexer(vals.astype(object))
            out[miss] = -1
        bad = (out < 0) & ~miss
    if bad.any():
        listing = _describe_rows(df, bad, [item, actor, value])
        raise StanceError(
            f"{int(bad.sum())} row(s) hold values that are not in the category set {list(cats)} ({listing}).",
            remedy="Correct those values to codebook category ids, or pass categories=[...] listing every category.",
        )
    return out.astype(np.int64)


def _item_weights(df: pd.DataFrame, weights: WeightsArg, items: pd.Index, item_codes: np.ndarray, item: str) -> np.ndarray | None:
    if weights is None:
        return None
    if isinstance(weights, str):
        if weights not in df.columns:
            raise StanceError(f"weights={weights!r} is not a column of the stance table.", remedy="Name a column holding one weight per item, or pass a mapping item -> weight.")
        w_rows = pd.to_numeric(df[weights], errors="coerce").to_numpy(dtype=float)
        if np.isnan(w_rows).any():
            bad = np.isnan(w_rows)
            raise StanceError(f"Column {weights!r} has missing or non-numeric weights ({_describe_rows(df, bad, [item, weights])}).", remedy="Give every item a numeric weight.")
        w = np.full(len(items), np.nan)
        w[item_codes] = w_rows
        spread = pd.Series(w_rows).groupby(item_codes).agg(["min", "max"])
        varying = spread.index[spread["min"] != spread["max"]]
        if len(varying):
            raise StanceError(f"Weights in column {weights!r} differ within item(s) {list(items[varying[:5]])}.", remedy="Give each item one weight.")
    else:
        series = pd.Series(weights) if isinstance(weights, Mapping) else pd.Series(weights)
        w = series.reindex(items).to_numpy(dtype=float)
        if np.isnan(w).any():
            absent = list(items[np.isnan(w)][:5])
            raise StanceError(f"No weight for item(s) {absent}.", remedy="Give a weight for every item in the data.")
    if (w < 0).any() or not np.isfinite(w).all():
        raise StanceError("Item weights must be finite and non-negative.", remedy="Fix the negative or infinite weights.")
    return w


def encode_long(
    data: pd.DataFrame,
    *,
    item: str = DEFAULT_ITEM,
    actor: str = DEFAULT_ACTOR,
    value: str = DEFAULT_VALUE,
    categories: Sequence[Any] | None = None,
    scores: ScoresArg = None,
    weights: WeightsArg = None,
) -> EncodedStances:
    """Validate and encode a long stance table (see the module docstring).

    Raises
    ------
    StanceError
        A missing column, a row without item or actor id, two rows for the
        same item and actor, a value outside the category set, bad weights.
    """
    if not isinstance(data, pd.DataFrame):
        raise StanceError(f"Expected a pandas DataFrame of stances, got {type(data).__name__}.", remedy="Pass a long table with item, actor and value columns.")
    _require_columns(data, [item, actor, value])
    for col in (item, actor):
        na = data[col].isna().to_numpy()
        if na.any():
            raise StanceError(f"{int(na.sum())} row(s) have no {col} ({_describe_rows(data, na, [item, actor, value])}).", remedy=f"Fill the {col} column on every row.")
    item_codes, items = pd.factorize(data[item], sort=True)
    actor_codes, actors = pd.factorize(data[actor], sort=True)
    key = item_codes.astype(np.int64) * len(actors) + actor_codes
    if len(key) and np.bincount(key).max() > 1:
        dup = data.duplicated(subset=[item, actor], keep=False).to_numpy()
        raise StanceError(
            f"{int(dup.sum())} rows give the same {item} and {actor} twice ({_describe_rows(data, dup, [item, actor, value])}).",
            remedy="Keep one stance per item and actor (adjudicate duplicates first; `stance adjudicate`).",
        )
    cats = _resolve_categories(data[value], categories)
    codes = _encode_values(data, value, cats, item, actor)
    s = resolve_scores(cats, scores)
    w = _item_weights(data, weights, pd.Index(items), item_codes, item)
    keep = codes >= 0
    return EncodedStances(
        item=item_codes[keep].astype(np.int64),
        actor=actor_codes[keep].astype(np.int64),
        code=codes[keep],
        items=pd.Index(items),
        actors=pd.Index(actors),
        categories=cats,
        scores=s,
        item_weight=w,
        row_label=data.index.to_numpy()[keep],
    )
