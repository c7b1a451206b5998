"""Type the raw UN vote files into the ``unga_votes``, ``unga_rollcalls`` and ``unga_issues`` tables.

Every conversion is explicit and checked: a vote outside the codebook's
``[unga]`` mapping, a country missing from ``unga_countries.csv``, a date
that does not parse or a flag that is not 0/1 is reported with its file,
line and column, and nothing is written. Missing votes stay missing (there
are no rows for absent or non-member states).

Examples
--------
>>> import pandas as pd
>>> from stance.unga.tables import votes_table
>>> raw = pd.DataFrame({"rcid": ["1", "1"], "country": ["Kazakhstan", "Zanzibar"],
...                     "country_code": ["KZ", None], "vote": ["abstain", "no"]})
>>> countries = pd.DataFrame({"unga_country": ["Kazakhstan", "Zanzibar"],
...                           "unga_country_code": ["KZ", None], "actor_id": ["KAZ", "ZAN"]})
>>> table, problems = votes_table(raw, countries)
>>> table[["actor_id", "vote", "stance"]].astype(str).values.tolist()
[['KAZ', 'abstain', 'hedge'], ['ZAN', 'no', 'oppose']]
"""

from __future__ import annotations

import pandas as pd

from stance.data.codebook import load_codebook
from stance.data.schemas import PROBLEM_COLUMNS, UNGA_ISSUES, UNGA_VOTES, stance_dtype
from stance.unga.raw import RAW_FILES

#: Default location of the country map, relative to the build's source folder.
COUNTRIES_FILE = "unga_countries.csv"


def _problems(file: str, mask: pd.Series, column: str, values: pd.Series, problem: str) -> pd.DataFrame:
    bad = values[mask.to_numpy()]
    return pd.DataFrame({"table": file, "row": bad.index.to_numpy() + 2, "column": column,
                         "value": bad.astype("string").fillna("").to_numpy(), "problem": problem}, columns=PROBLEM_COLUMNS)


def _int(raw: pd.Series, file: str, column: str, problems: list[pd.DataFrame], *, required: bool = True) -> pd.Series:
    # session is written as "1.0" in the source: accept integral decimals, nothing else.
    num = pd.to_numeric(raw, errors="coerce")
    integral = num.notna() & (num % 1 == 0)
    bad = (raw.notna() & ~integral) | (raw.isna() if required else False)
    if bad.any():
        problems.append(_problems(file, bad, column, raw, "not a whole number: correct the raw file or the reader"))
    return num.where(integral).astype("Int64")


def _flag(raw: pd.Series, file: str, column: str, problems: list[pd.DataFrame]) -> pd.Series:
    bad = raw.notna() & ~raw.isin(["0", "1"])
    if bad.any():
        problems.append(_problems(file, bad, column, raw, "a flag must be 0, 1 or empty"))
    return raw.map({"0": False, "1": True}).astype("boolean")


def votes_table(raw: pd.DataFrame, countries: pd.DataFrame, *, dates: pd.Series | None = None,
                rules: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``unga_votes`` from the raw vote file and the country map; returns ``(table, problems)``.

    ``dates`` maps a roll-call id (int) to its date; with ``rules`` (the
    ``unga_votes`` rows of ``data/src/unga_id_rules.csv``) a vote's actor id
    depends on its date (West Germany and North Yemen after unification,
    Yugoslavia's seat). Rows are sorted by ``rcid`` and ``actor_id``.
    ``problems`` uses the raw file's line numbers (the header is line 1).
    """
    file = RAW_FILES["votes"]
    problems: list[pd.DataFrame] = []
    rcid = _int(raw["rcid"], file, "rcid", problems)
    key = raw["country"].fillna("") + "\x1f" + raw["country_code"].fillna("")
    lookup = pd.Series(countries["actor_id"].to_numpy(), index=countries["unga_country"].fillna("") + "\x1f" + countries["unga_country_code"].fillna(""))
    actor = key.map(lookup)
    if rules is not None and dates is not None:
        from stance.unga.id_rules import apply_rules

        when = rcid.map(dates).dt.strftime("%Y-%m-%d").fillna("")
        actor = apply_rules(rules, "unga_votes", raw["country"], when, default=actor).astype("string")
    if actor.isna().any():
        problems.append(_problems(file, actor.isna(), "country", raw["country"] + " (" + raw["country_code"].fillna("no code") + ")",
                                  f"country and code not in data/src/{COUNTRIES_FILE}: add the country there (scripts/make_unga_countries.py)"))
    vote = raw["vote"]
    unknown = ~vote.isin(UNGA_VOTES)
    if unknown.any():
        problems.append(_problems(file, unknown, "vote", vote, f"not a vote the codebook maps ({', '.join(UNGA_VOTES)}); missing votes have no row"))
    mapping = load_codebook().unga_mapping
    table = pd.DataFrame({
        "rcid": rcid,
        "actor_id": actor.astype("category"),
        "country_code": raw["country_code"].astype("category"),
        "country": raw["country"].astype("category"),
        "vote": pd.Categorical(vote.where(~unknown), categories=list(UNGA_VOTES)),
        "stance": pd.Categorical(vote.map(mapping), dtype=stance_dtype()),
    })
    table = table.sort_values(["rcid", "actor_id"], kind="stable").reset_index(drop=True)
    for column in ("actor_id", "country_code", "country"):
        table[column] = table[column].cat.reorder_categories(sorted(table[column].cat.categories))
    return table, pd.concat(problems, ignore_index=True) if problems else pd.DataFrame(columns=PROBLEM_COLUMNS)


def rollcalls_table(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``unga_rollcalls`` from the raw roll-call file; returns ``(table, problems)``."""
    file = RAW_FILES["rollcalls"]
    problems: list[pd.DataFrame] = []
    date = pd.to_datetime(raw["date"], format="%Y-%m-%d", errors="coerce")
    if date.isna().any():
        problems.append(_problems(file, date.isna(), "date", raw["date"], "not a date in YYYY-MM-DD form"))
    table = pd.DataFrame({
        "rcid": _int(raw["rcid"], file, "rcid", problems),
        "session": _int(raw["session"], file, "session", problems),
        "date": date.astype("datetime64[ns]"),
        "year": date.dt.year.astype("Int64"),
        "unres": raw["unres"].astype("string"),
        "amend": _flag(raw["amend"], file, "amend", problems),
        "para": _flag(raw["para"], file, "para", problems),
        "importantvote": _flag(raw["importantvote"], file, "importantvote", problems),
        "short": raw["short"].astype("string"),
        "descr": raw["descr"].astype("string"),
    })
    table = table.sort_values("rcid", kind="stable").reset_index(drop=True)
    return table, pd.concat(problems, ignore_index=True) if problems else pd.DataFrame(columns=PROBLEM_COLUMNS)


def issues_table(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``unga_issues`` from the raw issue file; returns ``(table, problems)``."""
    file = RAW_FILES["issues"]
    problems: list[pd.DataFrame] = []
    unknown = ~raw["issue"].isin(UNGA_ISSUES)
    if unknown.any():
        problems.append(_problems(file, unknown, "issue", raw["issue"], f"not one of the six issue topics ({'; '.join(UNGA_ISSUES)})"))
    table = pd.DataFrame({
        "rcid": _int(raw["rcid"], file, "rcid", problems),
        "short_name": pd.Categorical(raw["short_name"], categories=["co", "di", "ec", "hr", "me", "nu"]),
        "issue": pd.Categorical(raw["issue"].where(~unknown), categories=list(UNGA_ISSUES)),
    })
    table = table.sort_values(["rcid", "issue"], kind="stable").reset_index(drop=True)
    return table, pd.concat(problems, ignore_index=True) if problems else pd.DataFrame(columns=PROBLEM_COLUMNS)
