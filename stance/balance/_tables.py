r"""Dyadic similarity measures from joint-stance tables, batched over any leading dimensions.

For two actors a and b, ``T[k, l]`` is the (item-weighted) number of items
on which a took category k and b took category l. Every measure of
[`stance.balance`][stance.balance] is a function of that table, so one table per dyad
(or per actor x pole x window) is all the vectorised code needs.

Restricted to the scored categories (the codebook's neutral rule), with
proportions $p_{kl} = T_{kl}/\sum T$, margins $r_k = \sum_l
p_{kl}$ (actor a) and $c_l = \sum_k p_{kl}$ (actor b), scores
$s_k$ and the normalised distance $\delta_{kl} = |s_k -
s_l|/d_{max}$ (absolute) or its square (squared), with $d_{max} =
\max s - \min s$ over the category set:

* observed disagreement $D_o = \sum_{kl} p_{kl}\delta_{kl}$;
* Signorino & Ritter's S: $S = 1 - 2 D_o$;
* agreement rate with half credit: $1 - D_o$ (absolute distance;
  on oppose < hedge < support a hedge against a side is half an agreement);
  without half credit: $\sum_k T_{kk} / \sum T$ over *all*
  categories (nominal, neutral kept);
* Häge's kappa: $1 - D_o / \sum_{kl} r_k c_l \delta_{kl}$; Häge's pi:
  the same with $m = (r + c)/2$ for both margins;
* Benati & Capurri's alignment index: $A = S_o - S_e =
  2(\sum_{kl} r_k c_l\delta_{kl} - D_o)$.

Examples
--------
>>> import numpy as np
>>> from stance.balance._tables import table_measures
>>> t = np.array([[1.0, 0, 0], [0, 1, 0], [0, 1, 1]])  # one hedge-vs-support item of four
>>> out = table_measures(t, None, np.array([-1.0, 0, 1]), ("agreement", "s_absolute"))
>>> [round(float(out[m][0]), 3) for m in ("agreement", "s_absolute")]
[0.875, 0.75]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from stance.errors import StanceError

#: Dyadic similarity measures, in report order.
MEASURES = ("agreement", "s_absolute", "s_squared", "kappa", "pi", "benati_capurri")

#: Nominal width of each measure's range (used to normalise the balancing indices).
MEASURE_RANGE = {
    "agreement": 1.0,
    "s_absolute": 2.0,
    "s_squared": 2.0,
    "kappa": 2.0,
    "pi": 2.0,
    "benati_capurri": 2.0,
    "lead_mean_stance": 2.0,
}

DISTANCES = ("absolute", "squared")
_DEFAULT_DISTANCE = {"kappa": "squared", "pi": "squared", "benati_capurri": "absolute"}


def check_measures(measures: Sequence[str] | str) -> tuple[str, ...]:
    """Validate measure names (a single name is accepted)."""
    out = (measures,) if isinstance(measures, str) else tuple(measures)
    unknown = [m for m in out if m not in MEASURES]
    if unknown or not out:
        raise StanceError(f"Unknown similarity measure(s) {unknown or list(out)}.", remedy=f"Use one or more of {', '.join(MEASURES)}.")
    return out


def check_distance(distance: str | None) -> str | None:
    if distance is not None and distance not in DISTANCES:
        raise StanceError(f"distance={distance!r} is not known.", remedy="Use 'absolute' or 'squared' (or None for each measure's default).")
    return distance


def distance_of(measure: str, distance: str | None) -> str:
    """The distance a measure uses: its own for S, else ``distance`` or the measure's default."""
    if measure == "s_absolute":
        return "absolute"
    if measure == "s_squared":
        return "squared"
    if measure == "agreement":
        return "absolute"
    return distance or _DEFAULT_DISTANCE[measure]


def table_measures(
    table: np.ndarray,
    counts: np.ndarray | None,
    scores: np.ndarray,
    measures: Sequence[str],
    *,
    half_credit: bool = True,
    distance: str | None = None,
) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Measures from joint-stance tables.

    Parameters
    ----------
    table : ndarray, shape (..., q, q)
        Item-weighted joint counts over the whole category set.
    counts : ndarray, shape (..., q, q), or None
        Unweighted joint counts (None: ``table`` is unweighted).
    scores : ndarray, shape (q,)
        Category scores; NaN marks categories excluded from ordinal use.
    measures : sequence of str
        Names from `MEASURES`.
    half_credit : bool
        Agreement with half credit for a hedge (linear weights) or exact
        matches over all categories.
    distance : {"absolute", "squared"} or None
        Distance of kappa, pi and Benati-Capurri (None: squared for kappa and
        pi, absolute for Benati-Capurri).

    Returns
    -------
    dict
        measure -> (value, n_items, n_excluded), each of shape ``table.shape[:-2]``.
        ``n_excluded`` counts items both actors coded but that a measure leaves
        out (one side is a category without a score).
    """
    counts = table if counts is None else counts
    keep = ~np.isnan(scores)
    s = scores[keep]
    t_o = table[..., keep, :][..., keep]
    n_all = counts.sum(axis=(-2, -1))
    n_ord = counts[..., keep, :][..., keep].sum(axis=(-2, -1))
    tot = t_o.sum(axis=(-2, -1))
    d_max = float(s.max() - s.min()) if s.size else 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        p = t_o / tot[..., None, None]
        r = p.sum(axis=-1)
        c = p.sum(axis=-2)
        m = (r + c) / 2.0
        out: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        cache: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

        def disagreements(dist: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            if dist not in cache:
                if d_max == 0:
                    raise StanceError("The scored categories all have the same score; distances are undefined.", remedy="Use at least two categories with different scores.")
                delta = np.abs(s[:, None] - s[None, :]) / d_max
                if dist == "squared":
                    delta = delta**2
                do = np.einsum("...kl,kl->...", p, delta)
                de_k = np.einsum("...k,...l,kl->...", r, c, delta)
                de_p = np.einsum("...k,...l,kl->...", m, m, delta)
                cache[dist] = (do, de_k, de_p)
            return cache[dist]

        empty = tot <= 0
        for name in measures:
            n, excl = n_ord, n_all - n_ord
            if name == "agreement" and not half_credit:
                diag = np.einsum("...kk->...", table)
                val = diag / table.sum(axis=(-2, -1))
                n, excl = n_all, np.zeros_like(n_all)
                val = np.where(n_all > 0, val, np.nan)
                out[name] = (val, n, excl)
                continue
            do, de_k, de_p = disagreements(distance_of(name, distance))
            if name == "agreement":
                val = 1.0 - do
            elif name in ("s_absolute", "s_squared"):
                val = 1.0 - 2.0 * do
            elif name == "kappa":
                val = np.where(de_k > 1e-12, 1.0 - do / de_k, np.nan)
            elif name == "pi":
                val = np.where(de_p > 1e-12, 1.0 - do / de_p, np.nan)
            elif name == "benati_capurri":
                val = 2.0 * (de_k - do)
            else:  # pragma: no cover - check_measures guards this
                raise ValueError(name)
            out[name] = (np.where(empty, np.nan, val), n, excl)
    return out
