"""The one degenerate-data policy shared by every coefficient.

A coefficient is undefined, and is returned as NaN with a
[`DegenerateDataWarning`][stance.errors.DegenerateDataWarning] that says why, when

* fewer than two coders are in the data (``"one coder"``);
* no unit is coded by two or more coders (``"no pairable values"``);
* fewer than two units carry pairable values (``"one unit"``);
* all pairable values fall in one category (``"one category"``): the data
  cannot show whether the coders tell categories apart;
* the category set has fewer than two categories, or the chance term makes
  the denominator zero (``"zero denominator"``).

No coefficient ever returns a silent 1.0 or 0.0 in these cases.

Examples
--------
>>> import warnings
>>> from stance.agreement._degenerate import undefined
>>> with warnings.catch_warnings(record=True) as w:
...     warnings.simplefilter("always")
...     x = undefined("cohen_kappa", "one category", "all 5 paired units were coded 'support'")
>>> x, w[0].category.__name__
(nan, 'DegenerateDataWarning')
"""

from __future__ import annotations

import warnings

from stance.errors import DegenerateDataWarning

REASONS = ("one coder", "no pairable values", "one unit", "one category", "zero denominator")


def undefined(coefficient: str, reason: str, detail: str = "", *, stacklevel: int = 4) -> float:
    """Emit the DegenerateDataWarning for ``coefficient`` and return NaN."""
    msg = f"{coefficient} is undefined ({reason}"
    msg += f": {detail})" if detail else ")"
    msg += "; returning NaN."
    warnings.warn(msg, DegenerateDataWarning, stacklevel=stacklevel)
    return float("nan")
