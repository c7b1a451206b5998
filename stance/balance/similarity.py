r"""Dyadic similarity of two actors over the items both have a stance on.

Measures (formulas in `stance.balance._tables` and ``docs/balance.md``):

``"agreement"``
    Agreement rate. With ``half_credit=True`` (default) a hedge against a
    side counts as half an agreement, as in Voeten's UN agreement scores
    (Voeten 2000; Bailey, Strezhnev & Voeten 2017: an abstention is half a
    disagreement); with ``half_credit=False`` only identical categories
    agree (nominal: neutral kept as a category).
``"s_absolute"``, ``"s_squared"``
    Signorino & Ritter's (1999) S with absolute or squared distances,
    optionally with item weights: $S = 1 - 2\sum_k w_k d_k/(d_{max}\sum_k w_k)$.
``"kappa"``, ``"pi"``
    Häge's (2011) chance-corrected kappa and pi; with squared distances (the
    default) they equal quadratic-weighted Cohen's kappa and Scott's pi.
``"benati_capurri"``
    Benati & Capurri's (2026) alignment index, observed S minus the S
    expected if the two actors took their stances independently.

Only items that *both* actors have a stance on count (``n_items``); items
that only one of them coded are counted in ``n_missing`` and never filled
in; items both coded but that a measure leaves out under the codebook's
neutral rule are counted in ``n_excluded``. Distances use the score range
of the whole category set (not the observed one; fpsim's ``levels``).

References
----------
Bailey, M. A., Strezhnev, A. & Voeten, E. (2017). Estimating dynamic state
preferences from United Nations voting data. *Journal of Conflict
Resolution* 61(2), 430-456.
Benati, S. & Capurri, A. (2026). The alignment index and its application
to voting at the United Nations General Assembly. *Quality & Quantity*.
doi:10.1007/s11135-026-02814-x.
Häge, F. M. (2011). Choice or circumstance? Adjusting measures of foreign
policy similarity for chance agreement. *Political Analysis* 19(3), 287-305.
Signorino, C. S. & Ritter, J. M. (1999). Tau-b or not tau-b: measuring the
similarity of foreign policy positions. *International Studies Quarterly*
43(1), 115-144.
Voeten, E. (2000). Clashes in the Assembly. *International Organization*
54(2), 185-215.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from stance.balance._input import WeightsArg, encode_long
from stance.balance._keywords import SIMILAR
from stance.balance._tables import MEASURES, check_distance, check_measures, table_measures
from stance.data.columns import Columns


@dataclass(frozen=True)
class SimilarityResult:
    """A dyadic similarity with the counts behind it.

    Attributes
    ----------
    value : float
        NaN when undefined (no shared item; zero expected disagreement for
        kappa and pi); ``note`` says why.
    n_items : int
        Items both actors have a stance on that the measure uses.
    n_excluded : int
        Items both coded but left out by the codebook's neutral rule.
    n_missing : int
        Items only one of the two actors has a stance on (gaps; never filled).
    measure : str
    actors : tuple
        The two actors.
    note : str
    """

    value: float
    n_items: int
    n_excluded: int
    n_missing: int
    measure: str
    actors: tuple[Any, Any]
    note: str = ""

    def __float__(self) -> float:
        return float(self.value)


def joint_tables(
    codes: np.ndarray,
    q: int,
    weights: np.ndarray | None = None,
    against: np.ndarray | None = None,
    *,
    max_chunk_mb: float = 64.0,
) -> tuple[np.ndarray, np.ndarray | None]:
    r"""Joint-stance tables of every actor with every actor (or every ``against`` actor), in one BLAS pass.

    Parameters
    ----------
    codes : ndarray of int, shape (n_items, m)
        Category positions, -1 = no stance.
    q : int
        Number of categories.
    weights : ndarray, shape (n_items,), optional
        Item weights.
    against : ndarray of int, shape (n_items, p), optional
        Codes of the second side (default: ``codes``).

    Returns
    -------
    table : ndarray, shape (m, p, q, q)
        ``table[a, b, k, l]`` = weighted number of items with a in k and b in l.
    counts : ndarray or None
        Unweighted version when ``weights`` is given.

    Notes
    -----
    With one-hot codes $X_{uak}$ the table is $\sum_u w_u
    X_{uak} X_{ubl}$, i.e. one matrix product of shape (m q, n) x (n, p q).
    Without weights the products of 0/1 values are summed exactly in
    float32 (exact below 2**24 items per chunk), then accumulated in float64.
    """
    n, m = codes.shape
    other = codes if against is None else against
    p = other.shape[1]
    used = np.flatnonzero(np.bincount(np.concatenate([codes[codes >= 0], other[other >= 0]]), minlength=q) > 0) if n else np.zeros(0, dtype=np.int64)
    if 0 < len(used) < q:
        # Categories nobody used add only zero rows and columns: compute on the used ones, then embed.
        remap = np.full(q + 1, -1, dtype=np.int64)
        remap[used + 1] = np.arange(len(used))
        sub_t, sub_c = joint_tables(remap[codes + 1], len(used), weights, None if against is None else remap[against + 1], max_chunk_mb=max_chunk_mb)
        full_t = np.zeros((m, p, q, q))
        full_t[:, :, used[:, None], used[None, :]] = sub_t
        full_c = None
        if sub_c is not None:
            full_c = np.zeros((m, p, q, q))
            full_c[:, :, used[:, None], used[None, :]] = sub_c
        return full_t, full_c
    dtype = np.float32 if weights is None else np.float64
    eye = np.vstack([np.zeros((1, q), dtype=dtype), np.eye(q, dtype=dtype)])
    table = np.zeros((m * q, p * q))
    counts = np.zeros((m * q, p * q)) if weights is not None else None
    per_item = (m + p) * q * np.dtype(dtype).itemsize * (3 if weights is not None else 2)
    step = max(1, int(max_chunk_mb * 2**20 // max(per_item, 1)))
    for start in range(0, n, step):
        xa = eye[codes[start : start + step] + 1].reshape(-1, m * q)
        xb = xa if against is None else eye[other[start : start + step] + 1].reshape(-1, p * q)
        if weights is None:
            table += (xa.T @ xb).astype(np.float64)
        else:
            w = weights[start : start + step, None]
            table += (xa * w).T @ xb
            counts += xa.T @ xb  # type: ignore[operator]
    table = table.reshape(m, q, p, q).transpose(0, 2, 1, 3)
    if counts is not None:
        counts = counts.reshape(m, q, p, q).transpose(0, 2, 1, 3)
    return table, counts


def _missing_counts(codes: np.ndarray, other: np.ndarray, both: np.ndarray) -> np.ndarray:
    """Items coded by exactly one side of each dyad."""
    ca = (codes >= 0).sum(axis=0)
    cb = (other >= 0).sum(axis=0)
    return ca[:, None] + cb[None, :] - 2 * both


def _note(measure: str, value: float, n_items: int) -> str:
    if not np.isnan(value):
        return ""
    if n_items == 0:
        return "no item that both actors have a (scored) stance on"
    return "expected disagreement is zero (both actors use one and the same category), so the chance-corrected measure is undefined"


@SIMILAR
def similarity(data: pd.DataFrame, a: Any, b: Any, *, measure: str = "agreement", columns: Columns, half_credit: bool, weights: WeightsArg,
               distance: str | None) -> SimilarityResult:
    """Similarity of actors ``a`` and ``b`` over the items both have a stance on.

    Parameters
    ----------
    a, b : actor ids
        The two actors.
    measure : {"agreement", "s_absolute", "s_squared", "kappa", "pi", "benati_capurri"}
        See the module docstring for formulas and references.

    Returns
    -------
    SimilarityResult

    Examples
    --------
    Signorino & Ritter's hypothetical UN example (votes 1-3, maximum distance 2): S = 0.75.

    >>> import pandas as pd
    >>> from stance.balance import similarity
    >>> votes = pd.DataFrame({"rcid": [1, 2, 3, 4] * 2, "country": ["i"] * 4 + ["j"] * 4,
    ...                       "vote": [3, 3, 1, 2, 3, 3, 1, 3]})
    >>> r = similarity(votes, "i", "j", measure="s_absolute", item="rcid", actor="country", value="vote")
    >>> r.value, r.n_items
    (0.75, 4)
    """
    measure = check_measures(measure)[0]
    check_distance(distance)
    enc = encode_long(data, columns, weights=weights)
    pa, pb = enc.actor_pos([a, b], "Actors")
    mat = enc.code_matrix()
    sub = mat[:, [pa, pb]]
    table, counts = joint_tables(sub[:, :1], enc.q, enc.item_weight, sub[:, 1:])
    val, n, excl = table_measures(table[0, 0], None if counts is None else counts[0, 0], enc.scores, (measure,), half_credit=half_credit, distance=distance)[measure]
    both = int((counts if counts is not None else table)[0, 0].sum())
    n_missing = int(_missing_counts(sub[:, :1], sub[:, 1:], np.array([[both]]))[0, 0])
    v = float(val)
    return SimilarityResult(v, int(n), int(excl), n_missing, measure, (a, b), _note(measure, v, int(n)))


@SIMILAR
def dyadic_similarity(data: pd.DataFrame, *, measures: Sequence[str] | str = ("agreement", "s_absolute", "kappa", "pi"), actors: Sequence[Any] | None = None,
                      against: Sequence[Any] | None = None, max_chunk_mb: float = 64.0, columns: Columns, half_credit: bool, weights: WeightsArg,
                      distance: str | None) -> pd.DataFrame:
    """Similarity of every dyad at once, in one vectorised pass.

    Parameters
    ----------
    measures : str or sequence of str
        Any of ``agreement, s_absolute, s_squared, kappa, pi, benati_capurri``.
    actors : sequence, optional
        First side (default: every actor in the data).
    against : sequence, optional
        Second side (e.g. the poles): the cost is then m x p instead of m x m.
        Default: every distinct pair of ``actors`` once (``actor`` before
        ``other`` in sorted order).
    max_chunk_mb : float, default 64
        Memory budget per chunk of items.

    Returns
    -------
    DataFrame
        ``actor, other, measure, value, n_items, n_excluded, n_missing``;
        self-pairs are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> from stance.balance import dyadic_similarity
    >>> df = pd.DataFrame({"event_id": ["e1", "e2", "e3"] * 3, "actor_id": ["A"] * 3 + ["B"] * 3 + ["C"] * 3,
    ...                    "stance": ["support", "oppose", "hedge", "support", "oppose", "support", "oppose", "support", None]})
    >>> dyadic_similarity(df, measures="agreement", against=["A"]).round(3)
      actor other    measure  value  n_items  n_excluded  n_missing
    0     B     A  agreement  0.833        3           0          0
    1     C     A  agreement  0.000        2           0          1
    """
    measures = check_measures(measures)
    check_distance(distance)
    enc = encode_long(data, columns, weights=weights)
    first = enc.actor_pos(list(actors), "Actors") if actors is not None else np.arange(len(enc.actors))
    mat = enc.code_matrix()
    codes_a = mat[:, first]
    if against is not None:
        second = enc.actor_pos(list(against), "Actors in `against`")
        table, counts = joint_tables(codes_a, enc.q, enc.item_weight, mat[:, second], max_chunk_mb=max_chunk_mb)
        codes_b = mat[:, second]
    else:
        second = first
        table, counts = joint_tables(codes_a, enc.q, enc.item_weight, max_chunk_mb=max_chunk_mb)
        codes_b = codes_a
    results = table_measures(table, counts, enc.scores, measures, half_credit=half_credit, distance=distance)
    both = (counts if counts is not None else table).sum(axis=(-2, -1)).round().astype(np.int64)
    n_missing = _missing_counts(codes_a, codes_b, both)
    ids_a = enc.actors[first].to_numpy(dtype=object)
    ids_b = enc.actors[second].to_numpy(dtype=object)
    if against is None:
        ia, ib = np.triu_indices(len(first), k=1)
    else:
        ia, ib = np.nonzero(ids_a[:, None] != ids_b[None, :])
    frames = []
    for name in measures:
        val, n, excl = results[name]
        frames.append(pd.DataFrame({
            "actor": ids_a[ia], "other": ids_b[ib], "measure": name, "value": val[ia, ib],
            "n_items": np.asarray(n)[ia, ib].round().astype(np.int64), "n_excluded": np.asarray(excl)[ia, ib].round().astype(np.int64),
            "n_missing": n_missing[ia, ib].astype(np.int64),
        }))
    return pd.concat(frames, ignore_index=True)


__all__ = ["MEASURES", "SimilarityResult", "dyadic_similarity", "joint_tables", "similarity"]
