r"""Two-coder coefficients from the q x q contingency table of paired codes.

With $p_{kl}$ the share of paired units coded $k$ by coder A and
$l$ by coder B, margins $p_{k+}, p_{+l}$ and agreement weights
$w_{kl}$:

$$
p_o = \sum_{k,l} w_{kl}\,p_{kl}, \qquad
\kappa = \frac{p_o - p_e}{1 - p_e},
$$

* Cohen (1960, 1968): $p_e = \sum_{k,l} w_{kl}\, p_{k+}\, p_{+l}$;
* Scott (1955): $p_e = \sum_{k,l} w_{kl}\,\pi_k \pi_l$,
  $\pi_k = (p_{k+} + p_{+k})/2$.

Standard errors: Fleiss, Cohen & Everitt (1969) for Cohen's kappa, and the
analogous linearisation for Scott's pi, as given by Gwet (2014, ch. 5) and
implemented in irrCAC (``kappa2.table``, ``scott2.table``):

$$
\widehat{V} = \frac{\sum_{k,l} p_{kl}\,[w_{kl} - (1-\hat\kappa)(\bar w_k + \bar w_l)]^2
               - [p_o - 2(1-\hat\kappa)p_e]^2}{n(1-p_e)^2},
$$

with $\bar w_k = \sum_l w_{kl} p_{+l}$, $\bar w_l = \sum_k w_{kl} p_{k+}$
(Cohen) or both replaced by their average (Scott).

No checks and no warnings here: undefined values are NaN.
"""

from __future__ import annotations

import numpy as np


def pair_table(a: np.ndarray, b: np.ndarray, q: int) -> np.ndarray:
    """Contingency table (q x q, float) of the units both coders coded."""
    ok = (a >= 0) & (b >= 0)
    idx = a[ok].astype(np.int64) * q + b[ok].astype(np.int64)
    return np.bincount(idx, minlength=q * q).reshape(q, q).astype(np.float64)


def table_coefficient(t: np.ndarray, w: np.ndarray, kind: str, *, with_se: bool = True) -> tuple[float, float, float, float]:
    """Coefficient, p_o, p_e, standard error for ``kind`` in {"cohen", "scott"}."""
    n = t.sum()
    if n == 0:
        return (float("nan"),) * 4
    p = t / n
    po = float((w * p).sum())
    pk = p.sum(axis=1)
    pl = p.sum(axis=0)
    if kind == "cohen":
        pe = float(pk @ w @ pl)
    elif kind == "scott":
        pi = (pk + pl) / 2.0
        pe = float(pi @ w @ pi)
    else:  # pragma: no cover
        raise ValueError(kind)
    if 1.0 - pe <= 0:
        return float("nan"), po, pe, float("nan")
    est = (po - pe) / (1.0 - pe)
    if not with_se:
        return est, po, pe, float("nan")
    wk = w @ pl  # \bar w_k (row category k against coder B's margin)
    wl = pk @ w  # \bar w_l
    if kind == "scott":
        wk = wl = (wk + wl) / 2.0
    term = w - (1.0 - est) * (wk[:, None] + wl[None, :])
    var = ((p * term**2).sum() - (po - 2.0 * (1.0 - est) * pe) ** 2) / (n * (1.0 - pe) ** 2)
    se = float(np.sqrt(var)) if var >= 0 else 0.0
    return float(est), po, pe, se
