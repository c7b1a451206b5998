r"""Krippendorff's alpha for any number of coders, missing codes and four levels of measurement.

$$
\alpha = 1 - \frac{D_o}{D_e}
       = 1 - (n - 1)\,\frac{\sum_{c,k} o_{ck}\,\delta^2_{ck}}{\sum_{c,k} n_c\,n_k\,\delta^2_{ck}},
$$

with the coincidence matrix $o_{ck}$ over units with at least two
codes, $n_c = \sum_k o_{ck}$ and $n = \sum_c n_c$ pairable
values (Krippendorff 2011). The difference functions are

* nominal: $\delta^2_{ck} = [c \ne k]$;
* ordinal: $\delta^2_{ck} = \big(\sum_{g=c}^{k} n_g - \frac{n_c + n_k}{2}\big)^2$;
* interval: $\delta^2_{ck} = (s_c - s_k)^2$;
* ratio: $\delta^2_{ck} = \big(\frac{s_c - s_k}{s_c + s_k}\big)^2$ (scores must be non-negative).

Ordinal, interval and ratio alpha use category scores: codebook categories
take the codebook scores, and the codebook's ``neutral_in_ordinal`` rule
("exclude": neutral codes are dropped and counted in ``n_excluded``;
"midpoint": neutral takes the midpoint score and so ties with hedge).
Categories with equal scores are one value of the scale. Numeric
categories are their own scores.

The computation is linear in units (unit-by-category counts and one q x q
matrix product); it is the same estimator as the ``krippendorff`` package
(Castro 2017), which the tests use as an oracle.

References
----------
Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability.
Annenberg School for Communication, University of Pennsylvania.
https://repository.upenn.edu/asc_papers/43
Hayes, A. F. & Krippendorff, K. (2007). Answering the call for a standard
reliability measure for coding data. *Communication Methods and Measures* 1(1), 77-89.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from stance.agreement._coincidence import alpha_from_coincidences, alpha_from_counts, coincidences, unit_count_patterns
from stance.agreement._common import degenerate, estimated, prepare, zero_denominator
from stance.agreement._keywords import ALPHA
from stance.agreement.bootstrap import bootstrap_rows
from stance.agreement.result import AgreementResult
from stance.data.columns import Columns
from stance.errors import StanceError

METRICS = ("nominal", "ordinal", "interval", "ratio")


@ALPHA
def krippendorff_alpha(data: Any, *, metric: str = "nominal", columns: Columns, ci: bool, n_boot: int, seed: Any, conf_level: float) -> AgreementResult:
    r"""Krippendorff's alpha (nominal, ordinal, interval or ratio), for any number of coders.

    Parameters
    ----------
    metric : {"nominal", "ordinal", "interval", "ratio"}, default "nominal"
        Level of measurement.

    Returns
    -------
    AgreementResult
        ``p_o`` and ``p_e`` hold the observed and expected disagreement
        $D_o$ and $D_e$; ``se`` is None (use ``ci=True``).

    Examples
    --------
    Krippendorff's (2011) reliability data, 4 observers x 12 units with
    missing values (published: nominal .743, ordinal .815, interval .849,
    ratio .797):

    >>> import numpy as np
    >>> from stance.agreement import krippendorff_alpha
    >>> nan = np.nan
    >>> x = np.array([[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...               [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...               [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...               [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]).T  # units x coders
    >>> [round(krippendorff_alpha(x, metric=m).estimate, 3) for m in ("nominal", "ordinal", "interval", "ratio")]
    [0.743, 0.815, 0.849, 0.797]
    """
    if metric not in METRICS:
        raise StanceError(f"metric={metric!r} is not a level of measurement.", remedy=f"Use one of {', '.join(METRICS)}.")
    nominal = metric == "nominal"
    r, s, _, _ = prepare(data, columns, force_scores=not nominal)
    coef = "krippendorff_alpha"
    method = f"Krippendorff's alpha ({metric})"
    if nominal:
        codes, values, level_cats = r.codes, np.arange(r.q, dtype=float), r.categories
    else:
        if metric == "ratio" and (s < 0).any():  # type: ignore[operator]
            raise StanceError(
                f"Ratio alpha needs non-negative scores; the scores are {dict(zip(r.categories, s.tolist()))}.",  # type: ignore[union-attr]
                remedy="Use metric='interval' for scores with a negative range (such as the codebook's -1..1), or pass non-negative scores=.",
            )
        values, inverse = np.unique(s, return_inverse=True)
        if len(values) == r.q and bool(np.all(np.diff(s) > 0)):
            codes = r.codes  # scores increase along the categories: positions are the levels
        else:
            lookup = np.append(inverse, -1).astype(r.codes.dtype)  # position -1 (missing) stays -1
            codes = lookup[r.codes]
        level_cats = r.categories
    counts, mult = unit_count_patterns(codes, len(values))
    m = counts.sum(axis=1)
    pair = m >= 2
    o = coincidences(counts, mult)
    base = dict(
        coefficient=coef,
        method=method,
        n_units=int(mult[pair].sum()),
        n_coders=r.n_coders,
        n_pairable=int((m * mult)[pair].sum()),
        categories=r.categories,
        metric=metric,
        scores=None if s is None else tuple(float(x) for x in s),
        n_excluded=r.n_excluded,
    )
    # The degenerate check looks at scale values (ties under "midpoint" are one value).
    level_names = level_cats if nominal else tuple(
        "/".join(str(c) for c, v in zip(r.categories, s) if v == val) for val in values  # type: ignore[arg-type]
    )
    bad = degenerate(coef, r.n_coders, base["n_units"], o.sum(axis=0), level_names)
    if bad is not None:
        return AgreementResult(estimate=bad, **base)
    est, d_o, d_e = alpha_from_coincidences(o, metric, values)
    if np.isnan(est):
        return AgreementResult(estimate=zero_denominator(coef), p_o=d_o, p_e=d_e, **base)
    interval = None
    if ci:
        interval = bootstrap_rows(
            counts[pair], mult[pair], lambda pat, mult: alpha_from_counts(pat, metric, values, mult)[0], n_boot=n_boot, seed=seed, conf_level=conf_level
        )
    return estimated(base, est, d_o, d_e, None, interval, n_boot=n_boot, conf_level=conf_level)
