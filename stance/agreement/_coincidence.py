r"""Unit-by-category counts, Krippendorff's coincidence matrix and distances.

Memory is linear in the number of units: the counts matrix ``n_uk`` has
shape (n_units, q) and the coincidence matrix is one (q x q) matrix product,

$$
o_{ck} = \sum_u \frac{n_{uc}\,n_{uk} - [c = k]\,n_{uc}}{m_u - 1},
$$

over units with $m_u = \sum_k n_{uk} \ge 2$ codes (Krippendorff 2011,
eq. for $o_{ck}$); no units x values x values tensor is formed.

Examples
--------
>>> import numpy as np
>>> from stance.agreement._coincidence import unit_counts, coincidences
>>> counts = unit_counts(np.array([[0, 0, 1], [1, 1, -1]]), 2)
>>> counts.tolist()
[[2.0, 1.0], [0.0, 2.0]]
>>> coincidences(counts).tolist()
[[1.0, 1.0], [1.0, 2.0]]
"""

from __future__ import annotations

import numpy as np


def unit_counts(codes: np.ndarray, q: int) -> np.ndarray:
    """Number of codes of each category per unit.

    Parameters
    ----------
    codes : ndarray of int, shape (n_units, n_coders)
        Category positions, -1 = missing.
    q : int
        Number of categories.

    Returns
    -------
    ndarray of float64, shape (n_units, q)
    """
    n, m = codes.shape
    counts = np.zeros((n, q), dtype=np.float64)
    rows = np.arange(n)
    for j in range(m):
        col = codes[:, j]
        ok = col >= 0
        if ok.all():
            counts[rows, col] += 1.0
        else:
            counts[rows[ok], col[ok]] += 1.0
    return counts


_MAX_PATTERNS = 1 << 20


def unit_count_patterns(codes: np.ndarray, q: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of codes, as unit-by-category counts, with their multiplicities.

    Every coefficient here depends on a unit only through its row of codes,
    so units with identical rows can be pooled. With few coders and
    categories (``(q + 1) ** n_coders`` possible rows at most 2**20) the rows
    are keyed by a base-(q+1) integer and pooled with one ``bincount``: a
    million units x 3 coders x 4 categories collapse to at most 125 rows.
    Otherwise every unit is its own row with multiplicity 1.

    Returns
    -------
    counts : ndarray of float64, shape (n_rows, q)
    multiplicity : ndarray of float64, shape (n_rows,)
    """
    n, m = codes.shape
    base = q + 1
    if m >= 1 and n > 0 and base**m <= _MAX_PATTERNS and n > base**m:
        key = codes[:, 0].astype(np.int64) + 1
        for j in range(1, m):
            key *= base
            key += codes[:, j]
            key += 1
        freq = np.bincount(key, minlength=base**m)
        present = np.flatnonzero(freq)
        powers = base ** np.arange(m - 1, -1, -1, dtype=np.int64)
        rows = (present[:, None] // powers[None, :]) % base - 1
        return unit_counts(rows, q), freq[present].astype(np.float64)
    return unit_counts(codes, q), np.ones(n)


def coincidences(counts: np.ndarray, unit_w: np.ndarray | None = None) -> np.ndarray:
    """Krippendorff's coincidence matrix ``o`` (q x q) from unit counts.

    Units with fewer than two codes get weight 0; ``unit_w`` gives each row a
    multiplicity (used by the bootstrap). ``o.sum(axis=0)`` are the pairable
    codes per category.
    """
    m = counts.sum(axis=1)
    with np.errstate(divide="ignore"):
        inv = np.where(m >= 2, 1.0 / (m - 1.0), 0.0)
    if unit_w is not None:
        inv = inv * unit_w
    scaled = counts * inv[:, None]
    o = scaled.T @ counts
    o[np.diag_indices_from(o)] -= scaled.sum(axis=0)
    return o


def alpha_from_coincidences(o: np.ndarray, metric: str, values: np.ndarray) -> tuple[float, float, float]:
    """Alpha, D_o, D_e from a coincidence matrix (NaN when undefined; no warning)."""
    n_c = o.sum(axis=0)
    n = n_c.sum()
    if n < 2:
        return float("nan"), float("nan"), float("nan")
    d = distance_matrix(metric, values, n_c)
    d_o = float((o * d).sum() / n)
    d_e = float((n_c @ d @ n_c) / (n * (n - 1.0)))
    if d_e == 0:
        return float("nan"), d_o, d_e
    return 1.0 - d_o / d_e, d_o, d_e


def distance_matrix(metric: str, values: np.ndarray, n_c: np.ndarray) -> np.ndarray:
    r"""Krippendorff's squared difference function $\delta^2_{ck}$.

    Parameters
    ----------
    metric : {"nominal", "ordinal", "interval", "ratio"}
    values : ndarray, shape (q,)
        Sorted level values (scores); for ``"nominal"`` only the length is used.
    n_c : ndarray, shape (q,)
        Pairable values per level (the ordinal metric depends on them).
    """
    q = len(values)
    if metric == "nominal":
        return 1.0 - np.eye(q)
    if metric == "ordinal":
        cs = np.cumsum(n_c)
        g = np.arange(q)[:, None]
        h = np.arange(q)[None, :]
        lo, hi = np.minimum(g, h), np.maximum(g, h)
        between = cs[hi] - cs[lo] + n_c[lo]
        return (between - (n_c[lo] + n_c[hi]) / 2.0) ** 2
    v = np.asarray(values, dtype=float)
    if metric == "interval":
        return (v[:, None] - v[None, :]) ** 2
    if metric == "ratio":
        s = v[:, None] + v[None, :]
        d = v[:, None] - v[None, :]
        return np.divide(d, s, out=np.zeros((q, q)), where=s != 0) ** 2
    raise ValueError(metric)  # pragma: no cover - validated by the caller


def alpha_from_counts(counts: np.ndarray, metric: str, values: np.ndarray, unit_w: np.ndarray | None = None) -> tuple[float, float, float]:
    r"""Krippendorff's alpha, $D_o$ and $D_e$ (NaN when undefined; no warning).

    $$
    \alpha = 1 - \frac{D_o}{D_e}, \quad
    D_o = \frac{1}{n}\sum_{c,k} o_{ck}\,\delta^2_{ck}, \quad
    D_e = \frac{1}{n(n-1)}\sum_{c,k} n_c\, n_k\, \delta^2_{ck}.
    $$

    """
    return alpha_from_coincidences(coincidences(counts, unit_w), metric, values)
