r"""Gwet's framework for multi-coder chance-corrected coefficients with missing codes.

All four coefficients share the observed agreement of Gwet (2014, ch. 2;
Gwet 2008): for unit $i$ with $r_i$ codes, $r_{ik}$ of
category $k$, and agreement weights $w_{kl}$,

$$
p_a = \frac{1}{n'}\sum_{i: r_i \ge 2} \sum_k
      \frac{r_{ik}\,(r^\star_{ik} - 1)}{r_i (r_i - 1)}, \qquad
r^\star_{ik} = \sum_l w_{kl}\, r_{il},
$$

with $n'$ the units with at least two codes, and the category
propensities $\pi_k = \frac{1}{n}\sum_i r_{ik}/r_i$ over the
$n$ units with at least one code. The coefficients differ in the
chance agreement $p_e$:

* percent agreement: $p_e = 0$;
* Fleiss' kappa (Fleiss 1971, generalised to missing codes by Gwet):
  $p_e = \sum_{k,l} w_{kl}\pi_k\pi_l$;
* Gwet's AC1/AC2 (Gwet 2008): $p_e = \frac{T_w}{q(q-1)}\sum_k \pi_k(1-\pi_k)$;
* Brennan-Prediger (1981): $p_e = T_w / q^2$,

with $T_w = \sum_{k,l} w_{kl}$ and $q$ the size of the category
set. The variance estimators are Gwet's linearisations as implemented in
the irrCAC package (``raw.CAC``), without finite-population correction.

This module has no input checks and emits no warnings: it returns NaN
where a coefficient is undefined. The public functions check first.
"""

from __future__ import annotations

import numpy as np

KINDS = ("percent", "fleiss", "gwet", "bp")


def gwet_raw(counts: np.ndarray, w: np.ndarray, kind: str, unit_w: np.ndarray | None = None, *, with_se: bool = True) -> tuple[float, float, float, float]:
    """Coefficient, p_a, p_e and standard error from unit counts.

    Parameters
    ----------
    counts : ndarray, shape (n_units, q)
        Codes of each category per unit.
    w : ndarray, shape (q, q)
        Agreement weights.
    kind : {"percent", "fleiss", "gwet", "bp"}
    unit_w : ndarray, shape (n_units,), optional
        Row multiplicities (bootstrap).
    """
    q = counts.shape[1]
    r = counts.sum(axis=1)
    keep = r >= 1
    c = counts[keep]
    r = r[keep]
    uw = np.ones(len(r)) if unit_w is None else np.asarray(unit_w, dtype=float)[keep]
    n = uw.sum()
    two = r >= 2
    n2 = uw[two].sum()
    if n2 == 0 or n == 0:
        return (float("nan"),) * 4
    sum_q = (c * (c @ w.T - 1.0)).sum(axis=1)
    den = np.where(two, r * (r - 1.0), 1.0)
    pa_i = np.where(two, sum_q / den, 0.0)
    pa = float((uw * pa_i).sum() / n2)
    share = c / r[:, None]
    pi = (uw[:, None] * share).sum(axis=0) / n
    tw = w.sum()
    if kind == "percent":
        pe = 0.0
    elif kind == "fleiss":
        pe = float(pi @ w @ pi)
    elif kind == "gwet":
        pe = float(tw * (pi * (1 - pi)).sum() / (q * (q - 1))) if q >= 2 else 1.0
    elif kind == "bp":
        pe = float(tw / q**2)
    else:  # pragma: no cover
        raise ValueError(kind)
    if 1.0 - pe <= 0:
        return float("nan"), pa, pe, float("nan")
    est = (pa - pe) / (1.0 - pe)
    if not with_se:
        return est, pa, pe, float("nan")
    coef_i = (n / n2) * (pa_i - pe * two) / (1.0 - pe)
    if kind == "fleiss":
        pi_w = (w @ pi + w.T @ pi) / 2.0
        pe_i = (c @ pi_w) / r
        coef_i = coef_i - 2.0 * (1.0 - est) * (pe_i - pe) / (1.0 - pe)
    elif kind == "gwet":
        pe_i = (tw / (q * (q - 1))) * (c @ (1.0 - pi)) / r
        coef_i = coef_i - 2.0 * (1.0 - est) * (pe_i - pe) / (1.0 - pe)
    if n <= 1:
        se = float("nan")
    else:
        se = float(np.sqrt((uw * (coef_i - est) ** 2).sum() / (n * (n - 1.0))))
    return float(est), pa, pe, se
