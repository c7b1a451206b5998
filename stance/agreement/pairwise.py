r"""Batched dyadic agreement: kappa, pi and percent agreement for every pair of coders at once.

For a units x coders matrix with missing codes, every pair of coders
(a, b) is compared on the units both coded, exactly as a loop of
``sklearn.metrics.cohen_kappa_score`` over the jointly coded units would,
but in a few matrix products. With the one-hot codes
$X_{uak} = [\text{coder } a \text{ coded unit } u \text{ as } k]$,
the coded-indicator $V_{ua}$ and agreement weights $w_{kl}$:

$$
N_{ab} = \sum_u V_{ua} V_{ub}, \qquad
O_{ab} = \sum_{u,k,l} X_{uak}\, w_{kl}\, X_{ubl}, \qquad
R_{akb} = \sum_u X_{uak}\, V_{ub},
$$

so $p_o = O_{ab}/N_{ab}$ and the margins of a and b on their shared
units are $R_{a\cdot b}/N_{ab}$ and $R_{b\cdot a}/N_{ab}$. Then

* Cohen's kappa: $p_e = \sum_{kl} w_{kl}\, R_{akb} R_{bla} / N_{ab}^2$;
* Scott's pi: $p_e = \sum_{kl} w_{kl}\,\pi_k\pi_l$, $\pi = (R_{a\cdot b} + R_{b\cdot a})/(2N_{ab})$;
* percent agreement: $p_o$ (with linear weights on three ordered
  categories an abstention-vs-vote counts as half an agreement, as in
  Voeten's agreement rate).

Units are processed in chunks, so memory is bounded by ``max_chunk_mb``
whatever the number of units; the cost is $O(n\,m^2 q)$ flops in BLAS.
For 200 coders (19,900 pairs) over 6,000 units this takes a fraction of a
second.

Degenerate pairs (fewer than two shared units, or a single category on the
shared units, or a zero denominator) are NaN; one
[`DegenerateDataWarning`][stance.errors.DegenerateDataWarning] summarises how many pairs
are undefined and why.

Examples
--------
>>> import numpy as np
>>> from stance.agreement import pairwise_kappa
>>> x = np.array([[0, 0, 1], [1, 1, 1], [0, 1, 0], [1, 1, np.nan]])
>>> pairwise_kappa(x).round(3)  # sklearn, pair by pair: 0.5, 0.4, -0.5
     0    1    2
0  1.0  0.5  0.4
1  0.5  1.0 -0.5
2  0.4 -0.5  1.0
"""

from __future__ import annotations

import warnings
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from stance.agreement._common import prepare
from stance.agreement._keywords import WEIGHTED
from stance.data.columns import Columns, Keyword, KeywordSet
from stance.errors import DegenerateDataWarning, StanceError

OUTPUTS = ("square", "pairs", "arrays")


class PairwiseArrays(NamedTuple):
    """Raw output of the batched functions (``output="arrays"``).

    Attributes
    ----------
    estimate : ndarray, shape (m, m)
        Symmetric; the diagonal compares each coder with itself.
    n_units : ndarray of int, shape (m, m)
        Units coded by both coders.
    coders : tuple
        Coder names, in row/column order.
    categories : tuple
        The category set used.
    n_excluded : int
        Codes dropped by the neutral rule (weighted use).
    """

    estimate: np.ndarray
    n_units: np.ndarray
    coders: tuple[Any, ...]
    categories: tuple[Any, ...]
    n_excluded: int


def pair_sums(codes: np.ndarray, q: int, w: np.ndarray | None, *, max_chunk_mb: float = 128.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sufficient statistics ``O`` (m, m), ``N`` (m, m) and ``R`` (m, q, m).

    Parameters
    ----------
    codes : ndarray of int, shape (n_units, m)
        Category positions, -1 = missing.
    q : int
        Number of categories.
    w : ndarray, shape (q, q), or None
        Agreement weights (None = identity).
    max_chunk_mb : float
        Memory budget of one chunk of units.
    """
    n, m = codes.shape
    onehot = np.vstack([np.zeros((1, q)), np.eye(q)])
    o = np.zeros((m, m))
    nn = np.zeros((m, m))
    r = np.zeros((m * q, m))
    per_unit = m * q * 8 * (4 if w is not None else 3)
    step = max(1, int(max_chunk_mb * 2**20 // per_unit))
    for start in range(0, n, step):
        c = codes[start : start + step].astype(np.int64)
        x = onehot[c + 1]  # (n_c, m, q)
        v = (c >= 0).astype(np.float64)
        nn += v.T @ v
        r += x.reshape(len(c), m * q).T @ v
        xt = np.ascontiguousarray(x.transpose(0, 2, 1)).reshape(-1, m)
        if w is None:
            o += xt.T @ xt
        else:
            z = np.ascontiguousarray((x @ w).transpose(0, 2, 1)).reshape(-1, m)
            o += xt.T @ z
    return o, nn, r.reshape(m, q, m)


def pairwise_from_sums(o: np.ndarray, nn: np.ndarray, r: np.ndarray, w: np.ndarray, kind: str) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Estimates (m, m) from the sums, and boolean masks of the degenerate pairs by reason."""
    ra = r.transpose(0, 2, 1)  # ra[a, b, k]: a's codes of k on units shared with b
    rb = ra.transpose(1, 0, 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        po = o / nn
        if kind == "cohen":
            pe = ((ra @ w) * rb).sum(axis=-1) / nn**2
        elif kind == "scott":
            pi = (ra + rb) / (2.0 * nn[..., None])
            pe = ((pi @ w) * pi).sum(axis=-1)
        elif kind == "percent":
            pe = np.zeros_like(po)
        else:  # pragma: no cover
            raise ValueError(kind)
        est = (po - pe) / (1.0 - pe)
    few = nn < 2
    one_cat = ~few & (((ra + rb) > 0).sum(axis=-1) < 2)
    zero_den = ~few & ~one_cat & (np.abs(1.0 - pe) < 1e-12)
    if kind == "percent":
        est = po.copy()
    est[few | one_cat | zero_den] = np.nan
    return est, {"fewer than two shared units": few, "one category on the shared units": one_cat, "zero denominator": zero_den}


_LABELS = {"cohen": "pairwise_kappa", "scott": "pairwise_pi", "percent": "pairwise_percent_agreement"}


def _pairwise(kind: str, data: Any, *, columns: Columns, weights: Any, output: str, max_chunk_mb: float) -> pd.DataFrame | PairwiseArrays:
    if output not in OUTPUTS:
        raise StanceError(f"output={output!r} is not known.", remedy=f"Use one of {', '.join(OUTPUTS)}.")
    r, _, w, wname = prepare(data, columns, weights=weights)
    o, nn, rr = pair_sums(r.codes, r.q, None if wname == "unweighted" else w, max_chunk_mb=max_chunk_mb)
    est, masks = pairwise_from_sums(o, nn, rr, w, kind)
    off = ~np.eye(r.n_coders, dtype=bool)
    counts = {k: int((v & off).sum() // 2) for k, v in masks.items()}
    n_bad = sum(counts.values())
    if r.n_coders < 2:
        warnings.warn(f"{_LABELS[kind]}: only {r.n_coders} coder(s) in the data; there are no pairs.", DegenerateDataWarning, stacklevel=3)
    elif n_bad:
        n_pairs = r.n_coders * (r.n_coders - 1) // 2
        why = ", ".join(f"{v:,} {k}" for k, v in counts.items() if v)
        warnings.warn(f"{_LABELS[kind]}: {n_bad:,} of {n_pairs:,} coder pairs are undefined and set to NaN ({why}).", DegenerateDataWarning, stacklevel=3)
    n_units = nn.astype(np.int64)
    if output == "arrays":
        return PairwiseArrays(est, n_units, r.coders, r.categories, r.n_excluded)
    if output == "square":
        return pd.DataFrame(est, index=pd.Index(r.coders), columns=pd.Index(r.coders))
    ia, ib = np.triu_indices(r.n_coders, k=1)
    coders = np.array(r.coders, dtype=object)
    return pd.DataFrame({"coder_a": coders[ia], "coder_b": coders[ib], "estimate": est[ia, ib], "n_units": n_units[ia, ib]})


#: The pairwise functions' keywords: the weighted set plus the output form and the memory budget.
PAIRWISE = WEIGHTED + KeywordSet(
    Keyword("output", '{"square", "pairs", "arrays"}', """
        A coders x coders DataFrame; a tidy DataFrame with one row per pair
        (``coder_a``, ``coder_b``, ``estimate``, ``n_units``); or a
        [`PairwiseArrays`][stance.agreement.pairwise.PairwiseArrays] tuple of numpy arrays.""", "square", "str"),
    Keyword("max_chunk_mb", "float", "Memory budget per chunk of units.", 128.0, "float"),
)


@PAIRWISE
def pairwise_kappa(data: Any, *, columns: Columns, weights: Any, output: str, max_chunk_mb: float) -> pd.DataFrame | PairwiseArrays:
    """Cohen's kappa for every pair of coders on the units both coded, in one vectorised pass.

    Equal (to rounding) to ``sklearn.metrics.cohen_kappa_score(a[both], b[both],
    labels=range(q), weights=...)`` for each pair, where ``both`` are the
    units the two coders both coded.

    Examples
    --------
    >>> import numpy as np
    >>> from stance.agreement import pairwise_kappa
    >>> x = np.array([[0, 0, 1], [1, 1, 1], [0, 1, 0], [1, 1, np.nan]])
    >>> pairwise_kappa(x, output="pairs").round(3)
      coder_a coder_b  estimate  n_units
    0       0       1       0.5        4
    1       0       2       0.4        3
    2       1       2      -0.5        3
    """
    return _pairwise("cohen", data, columns=columns, weights=weights, output=output, max_chunk_mb=max_chunk_mb)


@PAIRWISE
def pairwise_pi(data: Any, *, columns: Columns, weights: Any, output: str, max_chunk_mb: float) -> pd.DataFrame | PairwiseArrays:
    """Scott's pi for every pair of coders on the units both coded (see [`pairwise_kappa`][stance.agreement.pairwise.pairwise_kappa]).

    Examples
    --------
    >>> import numpy as np
    >>> from stance.agreement import pairwise_pi
    >>> x = np.array([[0, 0], [1, 1], [0, 1], [1, 1]])
    >>> round(float(pairwise_pi(x).iloc[0, 1]), 4)  # irrCAC scott2.table: 0.46667
    0.4667
    """
    return _pairwise("scott", data, columns=columns, weights=weights, output=output, max_chunk_mb=max_chunk_mb)


@PAIRWISE
def pairwise_percent_agreement(data: Any, *, columns: Columns, weights: Any, output: str, max_chunk_mb: float) -> pd.DataFrame | PairwiseArrays:
    """(Weighted) share of agreeing codes for every pair of coders on the units both coded.

    Examples
    --------
    UN-style votes (support, hedge = abstain, oppose): with linear weights an
    abstention against a yes counts as half an agreement (Voeten's agreement rate).

    >>> from stance.agreement import pairwise_percent_agreement
    >>> x = [["support", "support"], ["support", "hedge"], ["oppose", "support"], ["hedge", "hedge"]]
    >>> float(pairwise_percent_agreement(x, weights="linear").iloc[0, 1])
    0.625
    """
    return _pairwise("percent", data, columns=columns, weights=weights, output=output, max_chunk_mb=max_chunk_mb)


@WEIGHTED
def pairwise_agreement_matrix(data: Any, *, coefficient: str = "cohen_kappa", columns: Columns, weights: Any) -> pd.DataFrame:
    """Coders x coders matrix of a two-coder coefficient.

    Parameters
    ----------
    coefficient : {"cohen_kappa", "scott_pi", "percent_agreement"}
        The coefficient of every pair.

    Returns
    -------
    DataFrame
        Square, indexed by coder on both axes.

    Examples
    --------
    >>> import pandas as pd
    >>> from stance.agreement import pairwise_agreement_matrix
    >>> codings = pd.DataFrame({"event_id": ["e1", "e1", "e2", "e2", "e3", "e3"],
    ...                         "actor_id": "KAZ", "coder_id": ["ann", "bob"] * 3,
    ...                         "stance": ["support", "support", "hedge", "oppose", "oppose", "oppose"]})
    >>> pairwise_agreement_matrix(codings, coefficient="percent_agreement").round(3)
           ann    bob
    ann  1.000  0.667
    bob  0.667  1.000
    """
    kinds = {"cohen_kappa": "cohen", "scott_pi": "scott", "percent_agreement": "percent"}
    if coefficient not in kinds:
        raise StanceError(f"coefficient={coefficient!r} has no pairwise form.", remedy=f"Use one of {', '.join(kinds)}.")
    out = _pairwise(kinds[coefficient], data, columns=columns, weights=weights, output="square", max_chunk_mb=128.0)
    assert isinstance(out, pd.DataFrame)
    return out
