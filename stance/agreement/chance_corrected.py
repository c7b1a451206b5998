r"""Percent agreement, Scott's pi, Fleiss' kappa, Gwet's AC1/AC2 and Brennan-Prediger.

The multi-coder coefficients ([`percent_agreement`][stance.agreement.chance_corrected.percent_agreement],
[`fleiss_kappa`][stance.agreement.chance_corrected.fleiss_kappa], [`gwet_ac1`][stance.agreement.chance_corrected.gwet_ac1], [`gwet_ac2`][stance.agreement.chance_corrected.gwet_ac2],
[`brennan_prediger`][stance.agreement.chance_corrected.brennan_prediger]) follow Gwet's (2014) framework for any number of
coders with missing codes (formulas in `stance.agreement._gwet`), with
his standard errors. [`scott_pi`][stance.agreement.chance_corrected.scott_pi] is the two-coder coefficient of
Scott (1955) (formulas in `stance.agreement._table`); with more coders
use Fleiss' kappa, its generalisation.

Data layout and categories: see `stance.agreement._data.as_ratings`.
Degenerate data: NaN with a [`DegenerateDataWarning`][stance.errors.DegenerateDataWarning]
(see `stance.agreement._degenerate`).

References
----------
Brennan, R. L. & Prediger, D. J. (1981). Coefficient kappa: some uses,
misuses, and alternatives. *Educational and Psychological Measurement* 41, 687-699.
Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
*Psychological Bulletin* 76(5), 378-382.
Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the
presence of high agreement. *British Journal of Mathematical and Statistical
Psychology* 61, 29-48.
Gwet, K. L. (2014). *Handbook of Inter-Rater Reliability*, 4th ed. Advanced Analytics.
Scott, W. A. (1955). Reliability of content analysis: the case of nominal
scale coding. *Public Opinion Quarterly* 19(3), 321-325.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from stance.agreement._coincidence import unit_count_patterns
from stance.agreement._common import degenerate, estimated, prepare, two_coders, weights_label, zero_denominator
from stance.agreement._gwet import gwet_raw
from stance.agreement._keywords import COEFFICIENT, TWO_CODERS
from stance.agreement._table import pair_table, table_coefficient
from stance.agreement.bootstrap import bootstrap_rows, bootstrap_table
from stance.agreement.result import AgreementResult
from stance.data.columns import Columns

_NAMES = {
    "percent": ("percent_agreement", "Percent agreement"),
    "fleiss": ("fleiss_kappa", "Fleiss' kappa"),
    "gwet": ("gwet_ac1", "Gwet's AC1"),
    "bp": ("brennan_prediger", "Brennan-Prediger"),
}


def _multi(kind: str, data: Any, *, columns: Columns, weights: Any, ci: bool, n_boot: int, seed: Any, conf_level: float) -> AgreementResult:
    r, s, w, wname = prepare(data, columns, weights=weights)
    coef, method = _NAMES[kind]
    if kind == "gwet" and wname != "unweighted":
        coef, method = "gwet_ac2", "Gwet's AC2"
    method += weights_label(wname)
    counts, mult = unit_count_patterns(r.codes, r.q)
    m = counts.sum(axis=1)
    base = dict(
        coefficient=coef,
        method=method,
        n_units=int(mult[m >= 1].sum()),
        n_coders=r.n_coders,
        n_pairable=int((m * mult)[m >= 2].sum()),
        categories=r.categories,
        weights=wname,
        scores=None if s is None else tuple(float(x) for x in s),
        n_excluded=r.n_excluded,
    )
    pair = m >= 2
    bad = degenerate(coef, r.n_coders, int(mult[pair].sum()), (counts[pair] * mult[pair, None]).sum(axis=0), r.categories)
    if bad is not None:
        return AgreementResult(estimate=bad, **base)
    est, pa, pe, se = gwet_raw(counts, w, kind, mult)
    if np.isnan(est):
        return AgreementResult(estimate=zero_denominator(coef), p_o=pa, p_e=pe, **base)
    interval = None
    if ci:
        used = m >= 1
        interval = bootstrap_rows(
            counts[used], mult[used], lambda pat, mult: gwet_raw(pat, w, kind, mult, with_se=False)[0], n_boot=n_boot, seed=seed, conf_level=conf_level
        )
    return estimated(base, est, pa, pe, se, interval, n_boot=n_boot, conf_level=conf_level)


@COEFFICIENT
def percent_agreement(data: Any, *, columns: Columns, **options: Any) -> AgreementResult:
    r"""Pairwise percent agreement among any number of coders.

    $$
    p_a = \frac{1}{n'}\sum_{i: r_i\ge 2}\sum_k \frac{r_{ik}(r^\star_{ik}-1)}{r_i(r_i-1)}
    $$

    the share of agreeing coder pairs within a unit, averaged over units
    with at least two codes (Gwet 2014, eq. 2.5). With two coders it is the
    share of jointly coded units on which they agree.

    Examples
    --------
    Gwet's (2014) four raters and twelve units (``irrCAC.datasets.raw_4raters``):

    >>> import numpy as np
    >>> from stance.agreement import percent_agreement
    >>> x = [[1, 1, np.nan, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3],
    ...      [2, 2, 2, 2], [1, 2, 3, 4], [4, 4, 4, 4], [1, 1, 2, 1],
    ...      [2, 2, 2, 2], [np.nan, 5, 5, 5], [np.nan, np.nan, 1, 1], [np.nan, np.nan, 3, np.nan]]
    >>> round(percent_agreement(x).estimate, 5)
    0.81818
    """
    return _multi("percent", data, columns=columns, **options)


@COEFFICIENT
def fleiss_kappa(data: Any, *, columns: Columns, **options: Any) -> AgreementResult:
    r"""Fleiss' kappa for any number of coders, with Gwet's generalisation to missing codes.

    $$
    \hat\kappa_F = \frac{p_a - p_e}{1 - p_e}, \qquad
    p_e = \sum_{k,l} w_{kl}\,\pi_k\pi_l, \quad \pi_k = \frac{1}{n}\sum_i \frac{r_{ik}}{r_i}
    $$

    (Fleiss 1971; Gwet 2014, ch. 2). With complete data it equals
    ``statsmodels.stats.inter_rater.fleiss_kappa``.

    Examples
    --------
    The first three patients of Fleiss (1971; 6 psychiatrists, 5 diagnoses;
    the full 30 give kappa = .430); ``statsmodels`` gives 0.46 on them too:

    >>> from stance.agreement import fleiss_kappa
    >>> x = [[4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5]]
    >>> round(fleiss_kappa(x).estimate, 4)
    0.46
    """
    return _multi("fleiss", data, columns=columns, **options)


@COEFFICIENT
def gwet_ac1(data: Any, *, columns: Columns, **options: Any) -> AgreementResult:
    r"""Gwet's AC1 (unweighted) or AC2 (weighted) for any number of coders.

    $$
    AC_1 = \frac{p_a - p_e}{1 - p_e}, \qquad
    p_e = \frac{T_w}{q(q-1)} \sum_k \pi_k (1 - \pi_k)
    $$

    (Gwet 2008; 2014, ch. 4), with $q$ the size of the category set
    (unobserved categories count) and $T_w$ the sum of the weights.

    Examples
    --------
    Gwet's (2014) four raters and twelve units (irrCAC documents AC1 = 0.77544,
    se = 0.14295):

    >>> import numpy as np
    >>> from stance.agreement import gwet_ac1
    >>> x = [[1, 1, np.nan, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3],
    ...      [2, 2, 2, 2], [1, 2, 3, 4], [4, 4, 4, 4], [1, 1, 2, 1],
    ...      [2, 2, 2, 2], [np.nan, 5, 5, 5], [np.nan, np.nan, 1, 1], [np.nan, np.nan, 3, np.nan]]
    >>> res = gwet_ac1(x)
    >>> round(res.estimate, 5), round(res.se, 5)
    (0.77544, 0.14295)
    """
    return _multi("gwet", data, columns=columns, **options)


@COEFFICIENT.but(weights="quadratic")
def gwet_ac2(data: Any, *, columns: Columns, **options: Any) -> AgreementResult:
    r"""Gwet's AC2: [`gwet_ac1`][stance.agreement.chance_corrected.gwet_ac1] with agreement weights (default quadratic).


    Examples
    --------
    >>> from stance.agreement import gwet_ac2
    >>> x = [["oppose", "oppose"], ["hedge", "support"], ["support", "support"], ["neutral", "hedge"]]
    >>> res = gwet_ac2(x, weights="linear")
    >>> res.categories, res.n_excluded
    (('oppose', 'hedge', 'support'), 1)
    """
    return _multi("gwet", data, columns=columns, **options)


@COEFFICIENT
def brennan_prediger(data: Any, *, columns: Columns, **options: Any) -> AgreementResult:
    r"""Brennan-Prediger coefficient (uniform chance agreement) for any number of coders.

    $$
    BP = \frac{p_a - T_w/q^2}{1 - T_w/q^2}
    $$

    (Brennan & Prediger 1981; Gwet 2014, ch. 2): chance agreement assumes
    each of the $q$ categories of the set equally likely.

    Examples
    --------
    Two coders, 100 pregnancies, 3 categories (Gwet's ``cont3x3abstractors``;
    irrCAC documents BP = 0.835):

    >>> import numpy as np
    >>> from stance.agreement import brennan_prediger
    >>> table = np.array([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
    >>> pairs = [(a, b) for a in range(3) for b in range(3) for _ in range(table[a, b])]
    >>> round(brennan_prediger(pairs).estimate, 4)
    0.835
    """
    return _multi("bp", data, columns=columns, **options)


def two_coder_coefficient(
    kind: str, data: Any, *, coders: Sequence[Any] | None, columns: Columns, weights: Any, ci: bool, n_boot: int, seed: Any, conf_level: float
) -> AgreementResult:
    """Shared body of [`cohen_kappa`][stance.agreement.kappa.cohen_kappa] and [`scott_pi`][stance.agreement.chance_corrected.scott_pi]."""
    coef, method = {"cohen": ("cohen_kappa", "Cohen's kappa"), "scott": ("scott_pi", "Scott's pi")}[kind]
    r, s, w, wname = prepare(data, columns, weights=weights)
    r = two_coders(r, coders, coef)
    method += weights_label(wname)
    if r.n_coders == 2:
        t = pair_table(r.codes[:, 0], r.codes[:, 1], r.q)
    else:
        t = np.zeros((r.q, r.q))
    n_paired = int(t.sum())
    base = dict(
        coefficient=coef,
        method=method,
        n_units=n_paired,
        n_coders=r.n_coders,
        n_pairable=2 * n_paired,
        categories=r.categories,
        weights=wname,
        scores=None if s is None else tuple(float(x) for x in s),
        n_excluded=r.n_excluded,
    )
    bad = degenerate(coef, r.n_coders, n_paired, t.sum(axis=0) + t.sum(axis=1), r.categories, stacklevel=6)
    if bad is not None:
        return AgreementResult(estimate=bad, **base)
    est, po, pe, se = table_coefficient(t, w, kind)
    if np.isnan(est):
        return AgreementResult(estimate=zero_denominator(coef, stacklevel=6), p_o=po, p_e=pe, **base)
    interval = None
    if ci:
        interval = bootstrap_table(t, lambda tt: table_coefficient(tt, w, kind, with_se=False)[0], n_boot=n_boot, seed=seed, conf_level=conf_level)
    return estimated(base, est, po, pe, se, interval, n_boot=n_boot, conf_level=conf_level)


@TWO_CODERS
def scott_pi(data: Any, *, columns: Columns, **options: Any) -> AgreementResult:
    r"""Scott's pi for two coders (units coded by both).

    $$
    \pi = \frac{p_o - p_e}{1 - p_e}, \qquad
    p_e = \sum_{k,l} w_{kl}\,\pi_k\pi_l,\quad \pi_k = \frac{p_{k+} + p_{+k}}{2}
    $$

    (Scott 1955). Units coded by only one of the two coders are left out.
    With quadratic weights it equals Häge's (2011) pi with squared distances.

    Examples
    --------
    Gwet's ``cont3x3abstractors`` (irrCAC documents pi = 0.7962397, se = 0.05905473):

    >>> import numpy as np
    >>> from stance.agreement import scott_pi
    >>> table = np.array([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
    >>> pairs = [(a, b) for a in range(3) for b in range(3) for _ in range(table[a, b])]
    >>> res = scott_pi(pairs)
    >>> round(res.estimate, 7), round(res.se, 8)
    (0.7962397, 0.05905473)
    """
    return two_coder_coefficient("scott", data, columns=columns, **options)
