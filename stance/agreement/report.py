"""Agreement report: every coefficient in one tidy table, per-category agreement, confusion matrix.

Examples
--------
>>> import pandas as pd
>>> from stance.agreement import agreement_report
>>> codings = pd.DataFrame({
...     "event_id": ["e1", "e1", "e2", "e2", "e3", "e3", "e4", "e4"],
...     "actor_id": "KAZ",
...     "coder_id": ["ann", "bob"] * 4,
...     "stance": ["support", "support", "hedge", "oppose", "oppose", "oppose", "neutral", "neutral"]})
>>> rep = agreement_report(codings)
>>> float(rep.set_index("coefficient").loc["percent_agreement", "estimate"])
0.75
>>> int(rep.set_index("coefficient").loc["krippendorff_alpha_ordinal", "n_excluded"])
2
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from stance.agreement._coincidence import coincidences, unit_counts
from stance.agreement._data import as_ratings
from stance.agreement._gwet import gwet_raw
from stance.agreement._keywords import REPORT, TABLE
from stance.agreement.chance_corrected import brennan_prediger, fleiss_kappa, gwet_ac1, percent_agreement, scott_pi
from stance.agreement.kappa import cohen_kappa
from stance.agreement.krippendorff import krippendorff_alpha
from stance.data.columns import Columns
from stance.errors import DegenerateDataWarning, StanceError

REPORT_COLUMNS = (
    "coefficient", "method", "estimate", "se", "ci_low", "ci_high",
    "n_units", "n_coders", "n_pairable", "n_excluded", "categories",
)


@REPORT
def agreement_report(codings: Any, *, columns: Columns, ci: bool, n_boot: int, seed: int | None, conf_level: float) -> pd.DataFrame:
    """All agreement coefficients for a set of codings, one row each.

    Rows: percent agreement; Cohen's kappa (unweighted, linear, quadratic)
    and Scott's pi when there are exactly two coders; Fleiss' kappa;
    Krippendorff's alpha (nominal, ordinal, interval); Gwet's AC1;
    Brennan-Prediger. Ordinal, interval and weighted rows follow the
    codebook's neutral rule (``n_excluded`` counts the dropped codes).
    Degenerate data give NaN rows and one
    [`DegenerateDataWarning`][stance.errors.DegenerateDataWarning] naming them.

    Parameters
    ----------
    codings : DataFrame or array_like
        Long codings (default columns ``event_id``, ``actor_id``,
        ``coder_id``, ``stance``) or a units x coders matrix. With ``ci=True``
        every row gets a bootstrap interval (the same ``seed`` for every row).

    Returns
    -------
    DataFrame
        Columns ``coefficient, method, estimate, se, ci_low, ci_high,
        n_units, n_coders, n_pairable, n_excluded, categories`` (categories
        as a comma-separated string).
    """
    r = as_ratings(codings, columns)
    kw: dict[str, Any] = dict(ci=ci, n_boot=n_boot, seed=seed, conf_level=conf_level)
    jobs: list[tuple[str, Any, dict[str, Any]]] = [("percent_agreement", percent_agreement, {})]
    if r.n_coders == 2:
        jobs += [
            ("cohen_kappa", cohen_kappa, {}),
            ("cohen_kappa_linear", cohen_kappa, {"weights": "linear"}),
            ("cohen_kappa_quadratic", cohen_kappa, {"weights": "quadratic"}),
            ("scott_pi", scott_pi, {}),
        ]
    jobs += [
        ("fleiss_kappa", fleiss_kappa, {}),
        ("krippendorff_alpha_nominal", krippendorff_alpha, {"metric": "nominal"}),
        ("krippendorff_alpha_ordinal", krippendorff_alpha, {"metric": "ordinal"}),
        ("krippendorff_alpha_interval", krippendorff_alpha, {"metric": "interval"}),
        ("gwet_ac1", gwet_ac1, {}),
        ("brennan_prediger", brennan_prediger, {}),
    ]
    rows = []
    undefined: list[str] = []
    for key, fn, extra in jobs:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DegenerateDataWarning)
            res = fn(r, **extra, **kw)
        for w in caught:
            if issubclass(w.category, DegenerateDataWarning):
                undefined.append(f"{key}: {str(w.message).split(' is undefined ', 1)[-1].removesuffix('; returning NaN.')}")
            else:  # pragma: no cover - pass other warnings through
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        d = res.to_dict()
        rows.append({
            "coefficient": key,
            "method": d["method"],
            "estimate": d["estimate"],
            "se": np.nan if d["se"] is None else d["se"],
            "ci_low": np.nan if d["ci_low"] is None else d["ci_low"],
            "ci_high": np.nan if d["ci_high"] is None else d["ci_high"],
            "n_units": d["n_units"],
            "n_coders": d["n_coders"],
            "n_pairable": d["n_pairable"],
            "n_excluded": d["n_excluded"],
            "categories": ", ".join(str(c) for c in d["categories"]),
        })
    if undefined:
        warnings.warn(
            f"agreement_report: {len(undefined)} coefficient(s) undefined, set to NaN: " + "; ".join(undefined) + ".",
            DegenerateDataWarning,
            stacklevel=2,
        )
    return pd.DataFrame(rows, columns=list(REPORT_COLUMNS))


@TABLE
def per_category_agreement(data: Any, *, columns: Columns) -> pd.DataFrame:
    r"""Agreement on each category: specific agreement and category-vs-rest kappa.

    For category $k$, over units with at least two codes,

    * ``n_codes``: pairable codes of $k$ ($n_k$);
    * ``specific_agreement``: $o_{kk}/n_k$, the share of pairable codes
      of $k$ matched by another coder of the same unit (Krippendorff's
      coincidences; with two coders this is the specific agreement
      $2n_{kk}/(n_{k+} + n_{+k})$ of Fleiss 1975);
    * ``kappa``: Fleiss' kappa of $k$ against all other categories
      (Fleiss 1971, $\kappa_j$), with Gwet's generalisation for missing
      codes, and its standard error ``se``.

    Categories without pairable codes, or that are the only category
    coded, have NaN (one [`DegenerateDataWarning`][stance.errors.DegenerateDataWarning] lists them).

    Returns
    -------
    DataFrame
        Columns ``category, n_codes, specific_agreement, kappa, se``.

    Examples
    --------
    >>> from stance.agreement import per_category_agreement
    >>> x = [["support", "support"], ["support", "hedge"], ["hedge", "hedge"], ["oppose", "oppose"]]
    >>> per_category_agreement(x, categories=["oppose", "hedge", "support"]).round(3)
      category  n_codes  specific_agreement  kappa     se
    0   oppose        2               1.000  1.000  0.000
    1    hedge        3               0.667  0.467  0.527
    2  support        3               0.667  0.467  0.527

    (irrCAC's Fleiss kappa on the hedge-vs-rest codes: 0.46667, se 0.52697.)
    """
    r = as_ratings(data, columns)
    counts = unit_counts(r.codes, r.q)
    m = counts.sum(axis=1)
    pair = m >= 2
    o = coincidences(counts)
    n_k = o.sum(axis=0)
    rows = []
    bad = []
    used = counts[m >= 1]
    for k, cat in enumerate(r.categories):
        binary = np.column_stack([used[:, k], used.sum(axis=1) - used[:, k]])
        pb = binary[binary.sum(axis=1) >= 2]
        defined = r.n_coders >= 2 and pb.shape[0] >= 2 and (pb.sum(axis=0) > 0).all()
        if defined:
            kap, _, _, se = gwet_raw(binary, np.eye(2), "fleiss")
        else:
            kap = se = float("nan")
            bad.append(str(cat))
        spec = o[k, k] / n_k[k] if n_k[k] > 0 else float("nan")
        rows.append({"category": cat, "n_codes": int(counts[pair, k].sum()), "specific_agreement": spec, "kappa": kap, "se": se})
    if bad:
        warnings.warn(
            f"per_category_agreement: kappa is undefined for {', '.join(bad)} (no pairable codes of the category, or no other category); set to NaN.",
            DegenerateDataWarning,
            stacklevel=2,
        )
    return pd.DataFrame(rows, columns=["category", "n_codes", "specific_agreement", "kappa", "se"])


@TABLE
def confusion_matrix(data: Any, coder_a: Any, coder_b: Any, *, columns: Columns) -> pd.DataFrame:
    """Confusion matrix of two coders on the units both coded (``sklearn.metrics.confusion_matrix``).

    Every category of the set gets a row and a column, observed or not.

    Parameters
    ----------
    coder_a, coder_b
        Coder names (rows: ``coder_a``'s codes, columns: ``coder_b``'s).

    Returns
    -------
    DataFrame
        q x q counts; index named ``coder_a``, columns named ``coder_b``.

    Examples
    --------
    >>> import pandas as pd
    >>> from stance.agreement import confusion_matrix
    >>> m = pd.DataFrame({"ann": ["support", "hedge", "oppose"], "bob": ["support", "oppose", "oppose"]})
    >>> confusion_matrix(m, "ann", "bob")  # doctest: +NORMALIZE_WHITESPACE
    bob      oppose  hedge  support  neutral
    ann
    oppose        1      0        0        0
    hedge         1      0        0        0
    support       0      0        1        0
    neutral       0      0        0        0
    """
    from sklearn.metrics import confusion_matrix as _sk_confusion

    r = as_ratings(data, columns)
    if coder_a == coder_b:
        raise StanceError(f"coder_a and coder_b are both {coder_a!r}.", remedy="Name two different coders.")
    r = r.select_coders([coder_a, coder_b])
    a, b = r.codes[:, 0], r.codes[:, 1]
    both = (a >= 0) & (b >= 0)
    cm = _sk_confusion(a[both], b[both], labels=list(range(r.q)))
    idx = pd.Index(list(r.categories), name=str(coder_a))
    cols = pd.Index(list(r.categories), name=str(coder_b))
    return pd.DataFrame(cm, index=idx, columns=cols)
