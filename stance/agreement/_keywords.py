"""The keyword sets of the agreement functions, built from the shared keywords of [`stance.data.columns`][stance.data.columns].

Each public function takes one of these sets with the set as a decorator;
the documentation of every keyword is written once, here or in
[`stance.data.columns`][stance.data.columns].
"""

from __future__ import annotations

from stance.data.columns import COLUMN_KEYWORDS, CONF_LEVEL, DECLARED, SEED, Keyword, KeywordSet

DATA = Keyword("data", "DataFrame or array_like", """
    Long codings (unit column(s), coder column, value column; default the
    ``codings`` layout) or a units x coders matrix (a DataFrame with one column
    per coder, or a 2-D array); NaN, None and NA are missing codes.""", DECLARED)
WEIGHTS = Keyword("weights", 'None, "linear", "quadratic" or array_like', """
    Agreement weights (None = unweighted). Linear and quadratic weights use
    the category scores (``scores``), so under the codebook's neutral rule
    neutral codes are dropped and counted in ``n_excluded``.""", None, "Any")
CI = Keyword("ci", "bool", "Add a bootstrap percentile interval over units (``ci_low``, ``ci_high``).", False, "bool")
CODERS = Keyword("coders", "(coder_a, coder_b)", "The two coders to compare (required when the data have more than two).", None,
                 "Sequence[Any] | None")
N_BOOT = Keyword("n_boot", "int", "Bootstrap replicates (with ``ci=True``).", 1000, "int")

_C = COLUMN_KEYWORDS
#: Reading the codes: the category set and the long layout.
READING = KeywordSet(_C["categories"], _C["unit"], _C["coder"], _C["value"], _C["missing"])
#: Bootstrap intervals.
INTERVAL = KeywordSet(CI, N_BOOT, SEED, CONF_LEVEL)
#: Weighted coefficients without intervals (the pairwise functions).
WEIGHTED = KeywordSet(DATA, WEIGHTS, _C["categories"], _C["scores"], _C["unit"], _C["coder"], _C["value"], _C["missing"])
#: Every single-number coefficient: weights, reading, intervals.
COEFFICIENT = (WEIGHTED + INTERVAL).returning("""
    AgreementResult
        With ``se`` (Gwet 2014) and, if ``ci=True``, ``ci_low``/``ci_high``.""")
#: Two-coder coefficients (Cohen's kappa, Scott's pi): which two coders.
TWO_CODERS = (KeywordSet(CODERS) + COEFFICIENT).returning("""
    AgreementResult
        With ``se`` (Fleiss, Cohen & Everitt 1969) and, if ``ci=True``, ``ci_low``/``ci_high``.""")
#: Krippendorff's alpha: a level of measurement instead of weights.
ALPHA = COEFFICIENT.without("weights").returning("")
#: Tables that only read the codes (confusion matrix, per-category agreement).
TABLE = KeywordSet(DATA) + READING
#: The report of every coefficient (its first parameter is ``codings``).
REPORT = READING + INTERVAL
