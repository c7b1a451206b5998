"""Input normalisation: long codings table or units x coders matrix -> integer codes.

Every coefficient in :mod:`stance.agreement` starts here. The result is a
:class:`Ratings` object: an integer matrix of shape ``(n_units, n_coders)``
holding, for each unit and coder, the position of the code in the category
set (``-1`` = missing), plus the category set itself.

Categories
----------
``categories=None`` resolves the category set in this order:

1. a pandas ``Categorical`` value column keeps its own categories (all of
   them, in their order, observed or not);
2. string codes that are all codebook category ids take the codebook's
   categories in dtype order (``stance.data.codebook.load_codebook().category_ids``);
3. numeric codes take their sorted distinct values.

String codes that are not codebook ids are an error (a misspelt code must
not become a new category); pass ``categories=`` explicitly to use another
vocabulary. An explicit ``categories=`` always wins; codes outside it are an
error. Unobserved categories change some coefficients (Gwet's AC1,
Brennan-Prediger), so the category set is stored in every result.

Scores
------
Ordinal, interval and ratio measures and weighted coefficients need a
score per category (:func:`resolve_scores`). Codebook categories take
``Codebook.ordinal_scores()``; under the codebook rule
``neutral_in_ordinal = "exclude"`` neutral has no score, so its codes are
dropped (treated as missing) and counted in ``n_excluded``.

Examples
--------
>>> import numpy as np
>>> from stance.agreement._data import as_ratings
>>> r = as_ratings(np.array([[1, 1], [2, np.nan], [3, 2]]))
>>> r.categories, r.codes.tolist()
((1.0, 2.0, 3.0), [[0, 0], [1, -1], [2, 1]])
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import StanceError

#: Default column names of the ``codings`` table.
DEFAULT_UNIT: tuple[str, ...] = ("event_id", "actor_id")
DEFAULT_CODER = "coder_id"
DEFAULT_VALUE = "stance"

UnitSpec = str | Sequence[str]


@dataclass(frozen=True)
class Ratings:
    """Integer-coded reliability data.

    Attributes
    ----------
    codes : ndarray of int, shape (n_units, n_coders)
        Position of each code in ``categories``; ``-1`` marks a missing code.
    categories : tuple
        The category set, in order.
    coders : tuple
        Coder names (column labels), in column order.
    n_excluded : int
        Codes dropped because their category has no score (the codebook's
        neutral rule); 0 for nominal use.
    """

    codes: np.ndarray
    categories: tuple[Any, ...]
    coders: tuple[Any, ...]
    n_excluded: int = 0

    @property
    def n_units(self) -> int:
        return int(self.codes.shape[0])

    @property
    def n_coders(self) -> int:
        return int(self.codes.shape[1])

    @property
    def q(self) -> int:
        return len(self.categories)

    def select_coders(self, coders: Sequence[Any]) -> Ratings:
        """Keep only the named coders (in the order given)."""
        missing = [c for c in coders if c not in self.coders]
        if missing:
            raise StanceError(
                f"Coder(s) {missing} not in the data; coders present: {list(self.coders)}.",
                remedy="Name coders exactly as they appear in the coder column (or matrix columns).",
            )
        idx = [self.coders.index(c) for c in coders]
        return replace(self, codes=self.codes[:, idx], coders=tuple(coders))


def _is_missing_scalar(x: Any) -> bool:
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        return bool(isinstance(x, float) and np.isnan(x))
    except TypeError:  # pragma: no cover - defensive
        return False


def _codebook_ids() -> tuple[str, ...]:
    from stance.data.codebook import load_codebook

    return load_codebook().category_ids


def _infer_categories(values: np.ndarray, observed_mask: np.ndarray) -> tuple[Any, ...]:
    """Category set when none is given (see the module docstring)."""
    obs = values[observed_mask]
    uniq_obj = pd.unique(obs.astype(object))
    if all(isinstance(v, str) for v in uniq_obj):
        ids = _codebook_ids()
        unknown = sorted(set(uniq_obj) - set(ids))
        if unknown:
            raise StanceError(
                f"Codes {unknown} are not codebook categories ({', '.join(ids)}).",
                remedy="Correct the codes to codebook category ids, or pass categories=[...] to use another vocabulary.",
            )
        return ids
    if all(isinstance(v, numbers.Number) and not isinstance(v, bool) for v in uniq_obj):
        return tuple(sorted(uniq_obj))
    kinds = sorted({type(v).__name__ for v in uniq_obj})
    raise StanceError(
        f"Codes mix types ({', '.join(kinds)}); cannot infer the category set.",
        remedy="Use one type of code (codebook ids or numbers), or pass categories=[...].",
    )


def _encode(values: np.ndarray, categories: tuple[Any, ...], missing: Any = None) -> np.ndarray:
    """Map a 2-D array of codes to positions in ``categories`` (-1 = missing)."""
    shape = values.shape
    flat = values.reshape(-1)
    if flat.dtype.kind in "fiub" and all(isinstance(c, numbers.Number) for c in categories):
        codes, _ = _encode_numeric_array(values, categories, missing)
        return codes
    obj = flat.astype(object)
    miss = pd.isna(obj)
    if missing is not None:
        miss |= obj == missing
    out = pd.Index(list(categories), dtype=object).get_indexer(obj)
    _raise_unknown(flat, (out < 0) & ~miss, categories)
    out[miss] = -1
    return out.astype(_code_dtype(len(categories))).reshape(shape)


def _code_dtype(q: int) -> type:
    return np.int8 if q < 127 else np.int32


def _raise_unknown(flat: np.ndarray, bad: np.ndarray, categories: Sequence[Any]) -> None:
    if bad.any():
        unknown = pd.unique(flat[bad].astype(object))[:10]
        raise StanceError(
            f"Codes {list(unknown)} are not in the category set {list(categories)}.",
            remedy="Correct those codes, or include them in categories=[...].",
        )


_SMALL_SPAN = 1 << 16


def _encode_numeric_array(values: np.ndarray, categories: Sequence[Any] | None, missing: Any = None) -> tuple[np.ndarray, tuple[Any, ...]]:
    """Encode a numeric array (and infer its categories if none are given) in O(n).

    Small-integer codes (the usual case: 0..q-1, 1..5, -1..1) go through a
    lookup table with no sorting or hashing; anything else falls back to
    ``np.unique`` / ``pandas.Index.get_indexer``.
    """
    shape = values.shape
    flat = values.reshape(-1)
    if flat.dtype.kind == "b":
        flat = flat.astype(np.int64)
    if flat.dtype.kind == "f":
        miss = np.isnan(flat)
    else:
        miss = np.zeros(flat.shape, dtype=bool)
    if missing is not None and not _is_missing_scalar(missing):
        miss |= flat == missing
    any_miss = bool(miss.any())
    ok_vals = flat[~miss] if any_miss else flat
    if ok_vals.size == 0:
        cats = tuple(categories) if categories is not None else ()
        return np.full(shape, -1, dtype=_code_dtype(len(cats))), cats
    lo, hi = ok_vals.min(), ok_vals.max()
    integral = flat.dtype.kind in "iu" or bool(np.all(ok_vals == np.floor(ok_vals)))
    if integral and hi - lo < _SMALL_SPAN:
        lo_i = int(lo)
        span = int(hi) - lo_i + 1
        shifted = ok_vals - (lo_i - 1)  # values map to 1..span
        pos = shifted.astype(np.intp)
        if categories is None:
            present = np.bincount(pos, minlength=span + 1)[1:] > 0
            cat_vals = np.flatnonzero(present) + lo_i
            if flat.dtype.kind == "f":
                cats = tuple(float(v) for v in cat_vals)
            else:
                cats = tuple(int(v) for v in cat_vals)
        else:
            cats = tuple(categories)
        table = np.full(span + 1, -1, dtype=np.int64)
        for i, c in enumerate(cats):
            if isinstance(c, numbers.Number) and float(c) == int(c) and lo_i <= int(c) <= int(hi):
                table[int(c) - lo_i + 1] = i
        code_dtype = _code_dtype(len(cats))
        enc = table.astype(code_dtype)[pos]
        if categories is not None:
            _raise_unknown(ok_vals, enc < 0, cats)
        if any_miss:
            out = np.full(flat.shape, -1, dtype=code_dtype)
            out[~miss] = enc
        else:
            out = enc
        return out.reshape(shape), cats
    # General numeric path.
    if categories is None:
        cats = tuple(v.item() for v in np.unique(ok_vals))
    else:
        cats = tuple(categories)
    enc = pd.Index(np.asarray(cats, dtype=float)).get_indexer(ok_vals.astype(float))
    _raise_unknown(ok_vals, enc < 0, cats)
    out = np.full(flat.shape, -1, dtype=np.int64)
    out[~miss] = enc
    return out.astype(_code_dtype(len(cats))).reshape(shape), cats


def _unit_columns(unit: UnitSpec) -> list[str]:
    return [unit] if isinstance(unit, str) else list(unit)


def _is_long(df: pd.DataFrame, unit: UnitSpec, coder: str, value: str) -> bool:
    needed = _unit_columns(unit) + [coder, value]
    present = [c for c in needed if c in df.columns]
    if len(present) == len(needed):
        return True
    if coder in df.columns or value in df.columns:
        absent = [c for c in needed if c not in df.columns]
        raise StanceError(
            f"The table looks like long codings but lacks column(s) {absent}.",
            remedy="Name your columns with unit=, coder= and value=, or give a units x coders matrix (one column per coder).",
        )
    return False


def _long_to_matrix(df: pd.DataFrame, unit: UnitSpec, coder: str, value: str) -> tuple[np.ndarray, tuple[Any, ...], Any]:
    ucols = _unit_columns(unit)
    dup = df.duplicated(subset=ucols + [coder], keep=False)
    if dup.any():
        rows = df.loc[dup, ucols + [coder]].head(6)
        listing = "; ".join(f"row {i}: " + ", ".join(f"{c}={r[c]!r}" for c in ucols + [coder]) for i, r in rows.iterrows())
        raise StanceError(
            f"{int(dup.sum())} rows code the same unit twice by the same coder ({listing}).",
            remedy="Keep one code per unit and coder (remove or adjudicate the duplicates) before measuring agreement.",
        )
    if len(ucols) == 1:
        ucodes, uniq_units = pd.factorize(df[ucols[0]], sort=True)
    else:
        ucodes, uniq_units = pd.factorize(pd.MultiIndex.from_frame(df[ucols]), sort=True)
    if (ucodes < 0).any():
        raise StanceError(
            f"Some rows have no unit id (missing {', '.join(ucols)}).",
            remedy="Fill the unit columns on every row.",
        )
    ccodes, uniq_coders = pd.factorize(df[coder], sort=True)
    if (ccodes < 0).any():
        raise StanceError(f"Some rows have no coder id (missing {coder}).", remedy=f"Fill the {coder} column on every row.")
    col = df[value]
    if isinstance(col.dtype, pd.CategoricalDtype):
        mat = np.full((len(uniq_units), len(uniq_coders)), None, dtype=object)
        mat[ucodes, ccodes] = col.astype(object).to_numpy()
        return mat, tuple(uniq_coders), col.dtype
    vals = col.to_numpy()
    if vals.dtype.kind in "fiub":
        mat = np.full((len(uniq_units), len(uniq_coders)), np.nan, dtype=float)
    else:
        mat = np.full((len(uniq_units), len(uniq_coders)), None, dtype=object)
    mat[ucodes, ccodes] = vals
    return mat, tuple(uniq_coders), None


def as_ratings(
    data: Any,
    *,
    unit: UnitSpec = DEFAULT_UNIT,
    coder: str = DEFAULT_CODER,
    value: str = DEFAULT_VALUE,
    categories: Sequence[Any] | None = None,
    missing: Any = None,
) -> Ratings:
    """Normalise reliability data to a :class:`Ratings` object.

    Parameters
    ----------
    data : DataFrame or array_like
        Either a long table with the unit column(s), a coder column and a
        value column (default: the ``codings`` layout), or a units x coders
        matrix (DataFrame with one column per coder, or a 2-D array);
        NaN/None/pd.NA mark missing codes.
    unit, coder, value : str
        Column names of the long layout; ``unit`` may be several columns.
    categories : sequence, optional
        The category set, in order. Default: see the module docstring.
    missing : scalar, optional
        An extra code meaning "missing" (for example ``-1`` in an integer
        matrix); NaN and None are always missing.

    Returns
    -------
    Ratings
        ``codes`` has shape ``(n_units, n_coders)``.

    Raises
    ------
    StanceError
        Duplicate unit x coder rows, unknown codes, or an input that is not
        2-D.
    """
    cat_dtype = None
    if isinstance(data, Ratings):
        return data
    if isinstance(data, pd.DataFrame):
        if _is_long(data, unit, coder, value):
            values, coders, cat_dtype = _long_to_matrix(data, unit, coder, value)
        else:
            coders = tuple(data.columns)
            dts = [data[c].dtype for c in data.columns]
            cat_dts = [d for d in dts if isinstance(d, pd.CategoricalDtype)]
            if cat_dts:
                cat_dtype = cat_dts[0]
                values = data.astype(object).to_numpy()
            else:
                values = data.to_numpy()
    else:
        values = np.asarray(data)
        if values.ndim != 2:
            raise StanceError(
                f"Expected a units x coders matrix (2-D), got an array with {values.ndim} dimension(s).",
                remedy="Pass a long DataFrame with unit, coder and value columns, or a 2-D array (rows = units, columns = coders).",
            )
        coders = tuple(range(values.shape[1]))
    if values.dtype == object:
        # Numbers stored as objects (e.g. a DataFrame with None) become floats.
        flat = values.reshape(-1)
        miss = pd.isna(flat)
        kind = pd.api.types.infer_dtype(flat[~miss], skipna=True) if (~miss).any() else "empty"
        if kind in ("integer", "floating", "mixed-integer-float", "decimal"):
            out = np.full(flat.shape, np.nan)
            out[~miss] = flat[~miss].astype(float)
            values = out.reshape(values.shape)
    if values.dtype.kind in "fiub" and cat_dtype is None and (
        categories is None or all(isinstance(c, numbers.Number) for c in categories)
    ):
        codes, cats = _encode_numeric_array(values, categories, missing)
        if len(set(cats)) != len(cats):
            raise StanceError(f"categories={list(cats)} repeats a category.", remedy="List each category once.")
        return Ratings(codes=codes, categories=cats, coders=coders)
    if categories is None:
        if cat_dtype is not None:
            categories = tuple(cat_dtype.categories)
        else:
            if values.dtype.kind == "f":
                observed = ~np.isnan(values)
            elif values.dtype.kind in "iub":
                observed = np.ones(values.shape, bool)
            else:
                observed = ~pd.isna(values)
            if missing is not None:
                observed &= values != missing
            categories = _infer_categories(values, observed)
    categories = tuple(categories)
    if len(set(categories)) != len(categories):
        raise StanceError(f"categories={list(categories)} repeats a category.", remedy="List each category once.")
    codes = _encode(values, categories, missing)
    return Ratings(codes=codes, categories=categories, coders=coders)


def resolve_scores(categories: Sequence[Any], scores: Mapping[Any, float] | Sequence[float | None] | None) -> np.ndarray:
    """Score of each category (NaN = no score: its codes are excluded).

    Parameters
    ----------
    categories : sequence
        The category set.
    scores : mapping, sequence or None
        A mapping category -> score, or one score per category (None/NaN for
        "no score"). ``None`` takes codebook scores when every category is a
        codebook id (honouring ``neutral_in_ordinal``), the values themselves
        when the categories are numbers, and positions 0, 1, ... in the
        order of ``categories`` otherwise.

    Returns
    -------
    ndarray of float, shape (q,)

    Examples
    --------
    >>> resolve_scores(("oppose", "hedge", "support", "neutral"), None).tolist()
    [-1.0, 0.0, 1.0, nan]
    """
    cats = tuple(categories)
    if scores is None:
        from stance.data.codebook import load_codebook

        cb = load_codebook()
        if cats and all(isinstance(c, str) and c in cb.category_ids for c in cats):
            table = cb.ordinal_scores()
            return np.array([table.get(c, np.nan) for c in cats], dtype=float)
        if all(isinstance(c, numbers.Number) and not isinstance(c, bool) for c in cats):
            return np.asarray(cats, dtype=float)
        return np.arange(len(cats), dtype=float)
    if isinstance(scores, Mapping):
        unknown = [k for k in scores if k not in cats]
        if unknown:
            raise StanceError(f"scores name {unknown}, which are not in the category set {list(cats)}.", remedy="Give scores only for categories in the set.")
        return np.array([np.nan if scores.get(c) is None else float(scores[c]) for c in cats], dtype=float)
    arr = np.array([np.nan if s is None else float(s) for s in scores], dtype=float)
    if arr.shape != (len(cats),):
        raise StanceError(f"Got {arr.size} scores for {len(cats)} categories.", remedy="Give one score per category, or a mapping category -> score.")
    return arr


def scored(r: Ratings, scores: Mapping[Any, float] | Sequence[float | None] | None) -> tuple[Ratings, np.ndarray]:
    """Drop categories without a score; return the reduced ratings and their scores.

    Codes of dropped categories become missing and are counted in
    ``n_excluded`` (for the codebook: neutral under ``"exclude"``).
    """
    s = resolve_scores(r.categories, scores)
    keep = ~np.isnan(s)
    if keep.all():
        return r, s
    new_pos = np.full(r.q + 1, -1, dtype=np.int64)
    new_pos[1:][keep] = np.arange(int(keep.sum()))
    codes = new_pos[r.codes.astype(np.int64) + 1]
    n_excluded = int(((r.codes >= 0) & (codes < 0)).sum())
    cats = tuple(c for c, k in zip(r.categories, keep) if k)
    return Ratings(codes=codes.astype(r.codes.dtype), categories=cats, coders=r.coders, n_excluded=r.n_excluded + n_excluded), s[keep]
