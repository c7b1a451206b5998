r"""Cohen's kappa for two coders: unweighted, linear and quadratic weights.

$$
\kappa = \frac{p_o - p_e}{1 - p_e}, \qquad
p_o = \sum_{k,l} w_{kl}\, p_{kl}, \qquad
p_e = \sum_{k,l} w_{kl}\, p_{k+}\, p_{+l},
$$

over the units coded by both coders (Cohen 1960; weighted: Cohen 1968), with
agreement weights $w_{kl}$ from `stance.agreement._weights`. The
standard error is that of Fleiss, Cohen & Everitt (1969), as in Gwet (2014)
and irrCAC ``kappa2.table``. With quadratic weights and squared distances it
equals Häge's (2011) kappa.

References
----------
Cohen, J. (1960). A coefficient of agreement for nominal scales.
*Educational and Psychological Measurement* 20(1), 37-46.
Cohen, J. (1968). Weighted kappa. *Psychological Bulletin* 70(4), 213-220.
Fleiss, J. L., Cohen, J. & Everitt, B. S. (1969). Large sample standard errors
of kappa and weighted kappa. *Psychological Bulletin* 72(5), 323-327.
"""

from __future__ import annotations

from typing import Any

from stance.agreement._keywords import TWO_CODERS
from stance.agreement.chance_corrected import two_coder_coefficient
from stance.agreement.result import AgreementResult
from stance.data.columns import Columns


@TWO_CODERS
def cohen_kappa(data: Any, *, columns: Columns, **options: Any) -> AgreementResult:
    r"""Cohen's kappa between two coders (unweighted, linear or quadratic).

    Units coded by only one of the two coders are left out (listwise, as
    ``sklearn.metrics.cohen_kappa_score`` on the jointly coded units).
    Linear/quadratic weights use category scores; for codebook categories
    the codebook's scores and neutral rule apply (neutral codes are dropped
    and counted in ``n_excluded`` under "exclude"). For numeric categories
    the scores are the values themselves (``sklearn`` uses ranks; the two
    agree whenever the values are equally spaced).

    Examples
    --------
    Wikipedia's worked example ("Cohen's kappa", 50 grant proposals read by
    A and B: 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no; kappa = 0.4):

    >>> from stance.agreement import cohen_kappa
    >>> pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    >>> res = cohen_kappa(pairs, categories=["yes", "no"])
    >>> round(res.estimate, 4), res.p_o, res.p_e
    (0.4, 0.7, 0.5)
    """
    return two_coder_coefficient("cohen", data, columns=columns, **options)
