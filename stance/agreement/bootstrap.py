"""Bootstrap confidence intervals over units.

Resampling ``n`` units with replacement is the same, in distribution, as
drawing multinomial multiplicities over the *distinct* unit patterns (rows
of the unit-by-category counts, or cells of a two-coder contingency
table) with probabilities equal to their observed shares. The bootstrap
here does exactly that, so a replicate costs O(number of distinct
patterns) instead of O(number of units). The interval is the percentile
interval (Efron & Tibshirani 1993, ch. 13) of the replicates with a defined
estimate; replicates that hit degenerate data under the package's policy
(fewer than two pairable units, or one category only) are dropped, so that
no replicate is a silent 1.0, and counted in ``n_boot_valid``.

Examples
--------
>>> import numpy as np
>>> from stance.agreement.bootstrap import percentile_interval
>>> [round(b, 6) for b in percentile_interval(np.arange(101.0), 0.9)]
[5.0, 95.0]
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def percentile_interval(reps: np.ndarray, conf_level: float) -> tuple[float, float]:
    """Percentile interval of the finite replicates (NaN, NaN if none)."""
    reps = np.asarray(reps, dtype=float)
    reps = reps[np.isfinite(reps)]
    if reps.size == 0:
        return float("nan"), float("nan")
    alpha = (1.0 - conf_level) / 2.0
    lo, hi = np.quantile(reps, [alpha, 1.0 - alpha])
    return float(lo), float(hi)


def _check(n_boot: int, conf_level: float) -> None:
    from stance.errors import StanceError

    if int(n_boot) < 1:
        raise StanceError(f"n_boot={n_boot} must be a positive integer.", remedy="Use for example n_boot=1000.")
    if not 0 < conf_level < 1:
        raise StanceError(f"conf_level={conf_level} must lie strictly between 0 and 1.", remedy="Use for example conf_level=0.95.")


def _distinct_rows(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows and, for each input row, the index of its distinct row."""
    if rows.size and rows.min() >= 0 and np.all(rows == np.floor(rows)):
        base = int(rows.max()) + 1
        if rows.shape[1] * np.log2(base) < 62:
            mult = base ** np.arange(rows.shape[1], dtype=np.int64)
            keys = rows.astype(np.int64) @ mult
            _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
            return rows[first], inverse.reshape(-1)
    patterns, inverse = np.unique(rows, axis=0, return_inverse=True)
    return patterns, inverse.reshape(-1)


def _rows_degenerate(counts: np.ndarray, mult: np.ndarray) -> bool:
    """The degenerate-data policy for a resample: < 2 pairable units or one category."""
    pair = counts.sum(axis=1) >= 2
    if mult[pair].sum() < 2:
        return True
    return int(((counts[pair] * mult[pair, None]).sum(axis=0) > 0).sum()) < 2


def _table_degenerate(t: np.ndarray) -> bool:
    return t.sum() < 2 or int(((t.sum(axis=0) + t.sum(axis=1)) > 0).sum()) < 2


def bootstrap_rows(
    rows: np.ndarray,
    multiplicity: np.ndarray | None,
    statistic: Callable[[np.ndarray, np.ndarray], float],
    *,
    n_boot: int,
    seed: int | np.random.Generator | None,
    conf_level: float,
) -> tuple[float, float, int]:
    """Bootstrap over units given as rows (e.g. unit-by-category counts).

    Parameters
    ----------
    rows : ndarray, shape (n_rows, k)
        One row per unit or per pooled pattern of units; identical rows are pooled.
    multiplicity : ndarray, shape (n_rows,), optional
        Units per row (None: one unit per row).
    statistic : callable
        ``statistic(patterns, multiplicities) -> float`` (NaN if undefined).
    n_boot : int
        Number of replicates.
    seed : int, Generator or None
        Seed for ``numpy.random.default_rng``.
    conf_level : float
        For example 0.95.

    Returns
    -------
    (ci_low, ci_high, n_valid)
    """
    _check(n_boot, conf_level)
    rng = np.random.default_rng(seed)
    if multiplicity is None:
        multiplicity = np.ones(rows.shape[0])
    patterns, inverse = _distinct_rows(rows)
    freq = np.bincount(inverse, weights=multiplicity, minlength=patterns.shape[0])
    n = int(round(freq.sum()))
    draws = rng.multinomial(n, freq / n, size=int(n_boot))
    reps = np.array([np.nan if _rows_degenerate(patterns, d) else statistic(patterns, d.astype(float)) for d in draws])
    lo, hi = percentile_interval(reps, conf_level)
    return lo, hi, int(np.isfinite(reps).sum())


def bootstrap_table(
    table: np.ndarray,
    statistic: Callable[[np.ndarray], float],
    *,
    n_boot: int,
    seed: int | np.random.Generator | None,
    conf_level: float,
) -> tuple[float, float, int]:
    """Bootstrap over the paired units of a two-coder contingency table."""
    _check(n_boot, conf_level)
    rng = np.random.default_rng(seed)
    n = int(table.sum())
    p = table.ravel() / n
    draws = rng.multinomial(n, p, size=int(n_boot)).astype(float)
    reps = np.array([np.nan if _table_degenerate(t) else statistic(t) for t in (d.reshape(table.shape) for d in draws)])
    lo, hi = percentile_interval(reps, conf_level)
    return lo, hi, int(np.isfinite(reps).sum())
