"""The keyword sets of the balance functions, built from the shared keywords of [`stance.data.columns`][stance.data.columns].

Each public function of [`stance.balance`][stance.balance] takes one of these sets with
the set as a decorator; the documentation of every keyword is written once,
here or in [`stance.data.columns`][stance.data.columns].
"""

from __future__ import annotations

from stance.data.columns import COLUMN_KEYWORDS, CONF_LEVEL, DECLARED, SEED, Keyword, KeywordSet

DATA = Keyword("data", "DataFrame", """
    Long stances: one row per item and actor (``item``, ``actor`` and ``value``
    columns, plus ``by``); a missing stance is no row or NA, never a category.""", DECLARED)
FOCAL = Keyword("focal", "actor id, list of ids, or None", """
    The actor(s) whose position is measured; None = every actor in the data
    (poles too, never against themselves).""", DECLARED)
POLES = Keyword("poles", "sequence of actor ids", """
    The poles (default USA, RUS, CHN, EU). A pole without stances gives NaN rows.""", DECLARED)
HALF_CREDIT = Keyword("half_credit", "bool", """
    Agreement rate only: a hedge against a side is half an agreement
    (Voeten). False: exact matches over all categories.""", True, "bool")
WEIGHTS = Keyword("weights", "str, mapping or Series", """
    Item weights (a column of ``data``, or item -> weight), as in Signorino &
    Ritter's weighted S; they weight every measure.""", None, "WeightsArg")
DISTANCE = Keyword("distance", '{"absolute", "squared"}', """
    Distance of kappa, pi and Benati-Capurri (default squared for kappa and
    pi, absolute for Benati-Capurri).""", None, "str | None")
BY = Keyword("by", "str", """
    Column that dates the items (e.g. ``"period_id"``, ``"year"``), constant
    within an item: a column of the stance table (for the lead sense also
    of the events table). None = one window over all items.""", None, "str | None")
ROLLING = Keyword("rolling", "int", "Window width in consecutive sorted values of ``by`` (e.g. 5 years).", None, "int | None")
N_BOOT = Keyword("n_boot", "int", """
    Bootstrap resamples of items (within each ``by`` group) for percentile
    intervals (``ci_low``, ``ci_high``); 0 = none.""", 0, "int")

_C = COLUMN_KEYWORDS
#: Reading the stances: category set, scores and the long layout.
READING = KeywordSet(_C["categories"], _C["scores"], _C["item"], _C["actor"], _C["value"])
#: Similarity measures: their options and the reading.
SIMILAR = KeywordSet(DATA, HALF_CREDIT, WEIGHTS, DISTANCE) + READING
#: Windows and bootstrap intervals.
WINDOWED = KeywordSet(BY, ROLLING, N_BOOT, CONF_LEVEL, SEED)
#: Alignment of focal actors with poles (similarity sense) and the balancing indices built on it.
ALIGNMENT = KeywordSet(FOCAL, POLES) + WINDOWED + SIMILAR
#: Alignment in the lead sense: no similarity options (its tables are ``stances`` and ``events``).
LEAD = KeywordSet(FOCAL, POLES) + WINDOWED + READING
#: Per-actor shares (hedge share, split items).
SHARES = KeywordSet(DATA, FOCAL) + WINDOWED + READING
