"""Shared steps of the public coefficient functions: prepare input, check for degenerate data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from stance.agreement._data import Ratings, as_ratings, scored
from stance.agreement._degenerate import undefined
from stance.agreement._weights import needs_scores, weight_matrix, weights_name
from stance.agreement.result import AgreementResult
from stance.data.columns import Columns
from stance.errors import StanceError


def prepare(data: Any, columns: Columns, *, weights: Any = None, force_scores: bool = False) -> tuple[Ratings, np.ndarray | None, np.ndarray, str]:
    """Ratings (after the neutral rule where scores are needed), scores, weight matrix, weights name."""
    r = as_ratings(data, columns)
    name = weights_name(weights)
    s = None
    if force_scores or needs_scores(weights):
        r, s = scored(r, columns.scores)
    w = weight_matrix(weights, s, r.q)
    return r, s, w, name


def two_coders(r: Ratings, coders: Sequence[Any] | None, coefficient: str) -> Ratings:
    """Restrict to two coders (the named ones, or the only two present)."""
    if coders is not None:
        if len(coders) != 2:
            raise StanceError(f"{coefficient} compares two coders; got coders={list(coders)}.", remedy="Pass coders=(coder_a, coder_b).")
        return r.select_coders(coders)
    if r.n_coders > 2:
        raise StanceError(
            f"{coefficient} compares two coders, but the data have {r.n_coders} ({', '.join(map(str, r.coders[:8]))}{', ...' if r.n_coders > 8 else ''}).",
            remedy="Pass coders=(coder_a, coder_b), use pairwise_kappa / pairwise_agreement_matrix for every pair, or a multi-coder coefficient (fleiss_kappa, krippendorff_alpha, gwet_ac1).",
        )
    return r


def degenerate(
    coefficient: str,
    n_coders: int,
    n_pair_units: int,
    pair_totals: np.ndarray,
    categories: Sequence[Any],
    *,
    stacklevel: int = 5,
) -> float | None:
    """NaN plus a DegenerateDataWarning if the data are degenerate; otherwise None.

    Parameters
    ----------
    n_pair_units : int
        Units with at least two codes (two-coder coefficients: units coded by both).
    pair_totals : ndarray, shape (q,)
        Pairable codes per category (codes in those units).
    """
    if n_coders < 2:
        return undefined(coefficient, "one coder", f"only {n_coders} coder(s) in the data", stacklevel=stacklevel)
    if n_pair_units == 0:
        return undefined(coefficient, "no pairable values", "no unit is coded by two or more coders", stacklevel=stacklevel)
    if n_pair_units < 2:
        return undefined(coefficient, "one unit", "only one unit is coded by two or more coders", stacklevel=stacklevel)
    if len(categories) < 2:
        return undefined(coefficient, "one category", f"the category set {list(categories)} has fewer than two categories", stacklevel=stacklevel)
    used = np.flatnonzero(np.asarray(pair_totals) > 0)
    if used.size < 2:
        cat = categories[int(used[0])]
        return undefined(coefficient, "one category", f"all {int(np.sum(pair_totals))} pairable codes are {cat!r}", stacklevel=stacklevel)
    return None


def zero_denominator(coefficient: str, *, stacklevel: int = 5) -> float:
    return undefined(coefficient, "zero denominator", "chance agreement equals 1 under these weights", stacklevel=stacklevel)


def weights_label(name: str) -> str:
    return "" if name == "unweighted" else f" ({name} weights)"


def estimated(base: dict[str, Any], est: float, p_o: float, p_e: float, se: float | None, interval: tuple[Any, Any, Any] | None, *,
              n_boot: int, conf_level: float) -> AgreementResult:
    """The result of a defined coefficient, with its bootstrap ``interval`` (low, high, valid replicates) when one was asked for."""
    lo, hi, n_valid = interval if interval is not None else (None, None, None)
    asked = interval is not None
    return AgreementResult(estimate=est, p_o=p_o, p_e=p_e, se=se, ci_low=lo, ci_high=hi, conf_level=conf_level if asked else None,
                           n_boot=int(n_boot) if asked else None, n_boot_valid=n_valid, **base)
