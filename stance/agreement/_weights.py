"""Agreement weight matrices for weighted coefficients.

Weights are agreement weights ``w_kl`` in [0, 1] with ``w_kk = 1``, built
from category scores ``s`` (Cohen 1968; Gwet 2014, ch. 3):

* unweighted (identity): ``w_kl = 1 if k == l else 0``
* linear: ``w_kl = 1 - |s_k - s_l| / (s_max - s_min)``
* quadratic: ``w_kl = 1 - (s_k - s_l)^2 / (s_max - s_min)^2``

Chance-corrected coefficients are invariant to the scale of the
disagreement weights, so with equally spaced scores these equal the
``|i - j|`` and ``(i - j)^2`` weights of ``sklearn.metrics.cohen_kappa_score``.

Examples
--------
>>> import numpy as np
>>> from stance.agreement._weights import weight_matrix
>>> weight_matrix("linear", np.array([-1.0, 0.0, 1.0])).tolist()
[[1.0, 0.5, 0.0], [0.5, 1.0, 0.5], [0.0, 0.5, 1.0]]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from stance.errors import StanceError

WEIGHT_KINDS = ("unweighted", "linear", "quadratic")


def weights_name(weights: Any) -> str:
    """Canonical name of a ``weights=`` argument (``"custom"`` for a matrix)."""
    if weights is None or (isinstance(weights, str) and weights in ("unweighted", "identity", "nominal")):
        return "unweighted"
    if isinstance(weights, str):
        if weights not in WEIGHT_KINDS:
            raise StanceError(f"weights={weights!r} is not known.", remedy="Use None (unweighted), 'linear', 'quadratic', or a q x q agreement-weight matrix.")
        return weights
    return "custom"


def needs_scores(weights: Any) -> bool:
    return weights_name(weights) in ("linear", "quadratic")


def weight_matrix(weights: Any, scores: np.ndarray | None, q: int | None = None) -> np.ndarray:
    """The q x q agreement-weight matrix.

    Parameters
    ----------
    weights : None, "linear", "quadratic" or array_like
        A matrix is used as given (it must be q x q, symmetric, with ones on
        the diagonal and values in [0, 1]).
    scores : ndarray, shape (q,)
        Category scores (needed for "linear" and "quadratic").
    q : int, optional
        Number of categories (for unweighted and custom weights).
    """
    name = weights_name(weights)
    if name == "unweighted":
        n = q if q is not None else len(scores)  # type: ignore[arg-type]
        return np.eye(n)
    if name == "custom":
        w = np.asarray(weights, dtype=float)
        n = q if q is not None else (len(scores) if scores is not None else w.shape[0])
        if w.shape != (n, n) or not np.allclose(w, w.T) or not np.allclose(np.diag(w), 1) or (w < 0).any() or (w > 1).any():
            raise StanceError(
                f"A custom weight matrix must be {n} x {n}, symmetric, in [0, 1] with ones on the diagonal.",
                remedy="Fix the matrix, or use weights='linear' / 'quadratic'.",
            )
        return w
    s = np.asarray(scores, dtype=float)
    rng = s.max() - s.min() if s.size else 0.0
    d = np.abs(s[:, None] - s[None, :])
    if rng == 0:
        return np.ones((s.size, s.size))
    if name == "linear":
        return 1.0 - d / rng
    return 1.0 - (d / rng) ** 2
