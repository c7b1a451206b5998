"""Text form of an estimate with its confidence interval, shared by the reports.

Examples
--------
>>> from stance._format import format_estimate
>>> format_estimate(0.5, 0.25, 0.75)
'0.50 [0.25, 0.75]'
>>> format_estimate(-0.1, -0.44, 0.27, signed=True)
'-0.10 [-0.44, +0.27]'
>>> format_estimate(float("nan"))
'n/a'
"""

from __future__ import annotations

from typing import Any


def format_estimate(value: Any, lo: Any = None, hi: Any = None, *, signed: bool = False, digits: int = 2, ci_digits: int = 2) -> str:
    """``value [lo, hi]`` (``n/a`` when the value is missing; no interval when a bound is missing).

    ``signed`` prints a leading ``+`` on positive numbers (tilts);
    ``digits`` / ``ci_digits`` are the decimals of the value and the bounds.
    """
    import pandas as pd

    if value is None or pd.isna(value):
        return "n/a"
    sign = "+" if signed else ""
    text = f"{value:{sign}.{digits}f}"
    if lo is not None and hi is not None and not (pd.isna(lo) or pd.isna(hi)):
        text += f" [{lo:{sign}.{ci_digits}f}, {hi:{sign}.{ci_digits}f}]"
    return text
