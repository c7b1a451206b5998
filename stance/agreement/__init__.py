"""Inter-coder agreement: every standard reliability coefficient, exact against the references.

Every function takes long codings (default: the ``codings`` layout, unit =
``event_id`` x ``actor_id``, coder ``coder_id``, value ``stance``) or a
units x coders matrix, takes its categories and ordinal scores from the
codebook unless told otherwise, and returns an [`AgreementResult`][stance.agreement.result.AgreementResult].
Degenerate data give NaN and a [`DegenerateDataWarning`][stance.errors.DegenerateDataWarning].
Formulas, references and benchmarks: ``docs/agreement.md``.

Examples
--------
>>> import numpy as np
>>> from stance.agreement import krippendorff_alpha
>>> x = np.array([[1, 1, np.nan], [2, 2, 2], [3, 3, 3], [3, 2, 3]])
>>> round(krippendorff_alpha(x).estimate, 4)  # krippendorff.alpha gives 0.736842...
0.7368
"""

from stance.agreement.chance_corrected import brennan_prediger, fleiss_kappa, gwet_ac1, gwet_ac2, percent_agreement, scott_pi
from stance.agreement.kappa import cohen_kappa
from stance.agreement.krippendorff import krippendorff_alpha
from stance.agreement.pairwise import (
    PairwiseArrays,
    pairwise_agreement_matrix,
    pairwise_kappa,
    pairwise_percent_agreement,
    pairwise_pi,
)
from stance.agreement.report import agreement_report, confusion_matrix, per_category_agreement
from stance.agreement.result import AgreementResult

__all__ = [
    "AgreementResult",
    "PairwiseArrays",
    "agreement_report",
    "brennan_prediger",
    "cohen_kappa",
    "confusion_matrix",
    "fleiss_kappa",
    "gwet_ac1",
    "gwet_ac2",
    "krippendorff_alpha",
    "pairwise_agreement_matrix",
    "pairwise_kappa",
    "pairwise_percent_agreement",
    "pairwise_pi",
    "per_category_agreement",
    "percent_agreement",
    "scott_pi",
]
