"""The result object every agreement coefficient returns.

Examples
--------
>>> from stance.agreement.result import AgreementResult
>>> r = AgreementResult("cohen_kappa", "Cohen's kappa", 0.4, n_units=50, n_coders=2,
...                     n_pairable=100, categories=("no", "yes"), weights="unweighted")
>>> r
AgreementResult(Cohen's kappa = 0.4000; n_units=50, n_coders=2, n_pairable=100; categories: no, yes)
>>> float(r), r.to_dict()["estimate"]
(0.4, 0.4)
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class AgreementResult:
    """One agreement coefficient with its sample sizes and uncertainty.

    Attributes
    ----------
    coefficient : str
        Machine name, e.g. ``"krippendorff_alpha"``.
    method : str
        Human-readable name including weights or metric.
    estimate : float
        The coefficient (NaN when undefined; see the degenerate-data policy).
    n_units : int
        Units that enter the computation (two-coder coefficients: units coded
        by both; Gwet-type multi-coder coefficients: units with at least one
        code; Krippendorff's alpha: units with at least two codes).
    n_coders : int
        Coders in the data.
    n_pairable : int
        Codes in units coded by at least two coders (Krippendorff's n).
    categories : tuple
        The category set used (after exclusions).
    weights : str or None
        ``"unweighted"``, ``"linear"``, ``"quadratic"`` or ``"custom"``.
    metric : str or None
        Krippendorff's level of measurement.
    scores : tuple of float or None
        Category scores used by weights or metric.
    n_excluded : int
        Codes dropped because their category has no score (codebook
        ``neutral_in_ordinal = "exclude"``).
    p_o, p_e : float or None
        Observed and chance agreement (kappa-type coefficients) or observed
        and expected disagreement D_o, D_e (Krippendorff's alpha).
    se : float or None
        Standard error where the literature gives one (Gwet 2014).
    ci_low, ci_high : float or None
        Bootstrap percentile interval over units (``ci=True``).
    conf_level : float or None
        Confidence level of the interval.
    n_boot : int or None
        Bootstrap replicates used (replicates that hit degenerate data are
        dropped; see ``n_boot_valid``).
    n_boot_valid : int or None
        Replicates with a defined estimate.
    """

    coefficient: str
    method: str
    estimate: float
    n_units: int
    n_coders: int
    n_pairable: int
    categories: tuple[Any, ...]
    weights: str | None = None
    metric: str | None = None
    scores: tuple[float, ...] | None = None
    n_excluded: int = 0
    p_o: float | None = None
    p_e: float | None = None
    se: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    conf_level: float | None = None
    n_boot: int | None = None
    n_boot_valid: int | None = None

    def __float__(self) -> float:
        return float(self.estimate)

    def __repr__(self) -> str:
        est = "nan" if math.isnan(self.estimate) else f"{self.estimate:.4f}"
        parts = [f"{self.method} = {est}"]
        if self.ci_low is not None and self.ci_high is not None:
            ci = f"{round(100 * (self.conf_level or 0.95))}% CI [{self.ci_low:.4f}, {self.ci_high:.4f}]"
            if self.n_boot is not None and self.n_boot_valid is not None and self.n_boot_valid < self.n_boot:
                ci += f" ({self.n_boot_valid} of {self.n_boot} replicates defined)"
            parts.append(ci)
        if self.se is not None and not math.isnan(self.se):
            parts.append(f"se={self.se:.4f}")
        sizes = f"n_units={self.n_units}, n_coders={self.n_coders}, n_pairable={self.n_pairable}"
        if self.n_excluded:
            sizes += f", n_excluded={self.n_excluded}"
        parts.append(sizes)
        parts.append("categories: " + ", ".join(str(c) for c in self.categories))
        return f"AgreementResult({'; '.join(parts)})"

    def to_dict(self) -> dict[str, Any]:
        """All fields as a plain dict (categories and scores as lists)."""
        d = asdict(self)
        d["categories"] = list(self.categories)
        d["scores"] = None if self.scores is None else list(self.scores)
        return d
