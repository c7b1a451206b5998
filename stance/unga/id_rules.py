"""The UN layer's id decisions (``data/src/unga_id_rules.csv``): which actor a source row belongs to, by date.

Each rule names a table, a source key (a country name of the vote file or a
COW code of the ideal-point files), an optional first and last date or year
(inclusive) and the actor id, with its reason. Rows not covered by a rule
keep the default id (``unga_countries.csv`` for votes, the COW code of
``countries.csv`` for ideal points).

Examples
--------
>>> import pandas as pd
>>> rules = pd.DataFrame({"table": ["unga_votes"], "source_key": ["Yemen Arab Republic"], "first": ["1990-05-22"],
...                       "last": [None], "actor_id": ["YEM"]})
>>> keys = pd.Series(["Yemen Arab Republic", "Yemen Arab Republic"])
>>> when = pd.Series(["1989-12-01", "1990-12-03"])
>>> apply_rules(rules, "unga_votes", keys, when, default=pd.Series(["YAR", "YAR"])).tolist()
['YAR', 'YEM']
"""

from __future__ import annotations

import pandas as pd

#: File of the rules, relative to the build's source folder.
RULES_FILE = "unga_id_rules.csv"
RULE_COLUMNS = ["rule_id", "table", "source_key", "first", "last", "actor_id", "reason"]


def apply_rules(rules: pd.DataFrame, table: str, keys: pd.Series, when: pd.Series, *, default: pd.Series) -> pd.Series:
    """Actor id of each source row: ``default`` unless a rule of ``table`` covers its key and date.

    ``when`` holds ISO dates (``YYYY-MM-DD`` strings) or years (integers),
    compared with the rule's ``first``/``last`` of the same kind. Rules of a
    table must not overlap (the first matching rule wins).
    """
    out = default.astype("object").copy()
    done = pd.Series(False, index=keys.index)
    for rule in rules[rules["table"] == table].itertuples(index=False):
        hit = (keys.astype(str) == str(rule.source_key)) & ~done
        if isinstance(rule.first, str) or (rule.first is not None and not pd.isna(rule.first)):
            hit &= when >= _bound(rule.first, when)
        if isinstance(rule.last, str) or (rule.last is not None and not pd.isna(rule.last)):
            hit &= when <= _bound(rule.last, when)
        out[hit] = rule.actor_id
        done |= hit
    return out


def _bound(value: object, when: pd.Series) -> object:
    return int(value) if pd.api.types.is_numeric_dtype(when) else str(value)  # type: ignore[call-overload]
