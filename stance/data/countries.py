"""Country lookup: one row of the shipped ``countries`` table from a name or any code, in any case.

``countries`` has one row per state of the package (every state of
``actors``, the UN vote tables and the ideal points, former states included)
with its ISO 3166 alpha-3/alpha-2/numeric, Correlates of War number and
abbreviation and Gleditsch-Ward number and abbreviation (built from the
reviewed crosswalk ``data/src/countries.csv``).

How a query is read, first match wins:

1. an integer (or a string of digits): a COW state number, then a
   Gleditsch-Ward number. A number shared by a former state and its
   continuator (365: USSR and Russia; 345: Yugoslavia, Serbia and Montenegro,
   Serbia) gives the state that exists today;
2. a code, any case: the actor id / ISO alpha-3, then ISO alpha-2, then the
   COW abbreviation, then the Gleditsch-Ward abbreviation (so ``"AUS"`` is
   Australia, the ISO code, not Austria, whose COW abbreviation it also is);
3. a name, any case: the short name or a listed alias (the UN vote data's
   name, ISO's names).

Anything else raises [`stance.errors.StanceError`][stance.errors.StanceError] whose remedy names
the three closest names.

Examples
--------
>>> from stance.data.countries import country
>>> country("kazakhstan")["actor_id"], country("KZ")["actor_id"], country(705)["actor_id"]
('KAZ', 'KAZ', 'KAZ')
>>> country("kaz")["cow_abbr"]
'KZK'
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Any

import pandas as pd

from stance.errors import StanceError

CODE_COLUMNS = ("actor_id", "iso_alpha3", "iso_alpha2", "cow_abbr", "gw_abbr")
NUMBER_COLUMNS = ("cow_code", "gw_code")


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    import stance

    return stance.load("countries")


def _current_first(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.assign(_former=rows["last_year"].notna()).sort_values(["_former", "actor_id"], kind="stable").drop(columns="_former")


def _names(table: pd.DataFrame) -> dict[str, str]:
    """Lower-case name or alias -> actor id (the state's own name wins over another's alias)."""
    out: dict[str, str] = {}
    for row in table.itertuples(index=False):
        if isinstance(row.aliases, str):
            for alias in row.aliases.split(";"):
                out.setdefault(alias.strip().lower(), row.actor_id)
    for row in table.itertuples(index=False):
        out[str(row.name).lower()] = row.actor_id
    return out


def suggestions(query: object, n: int = 3) -> list[str]:
    """The ``n`` state names closest to ``query`` (difflib ratio on names, aliases and codes)."""
    table = _table()
    names = _names(table)
    text = str(query).strip().lower()
    by_id = dict(zip(table["actor_id"], table["name"]))
    keys = list(names) + [str(c).lower() for col in CODE_COLUMNS for c in table[col].dropna()]
    code_owner = {str(c).lower(): a for col in CODE_COLUMNS for c, a in zip(table[col], table["actor_id"]) if isinstance(c, str)}
    out: list[str] = []
    for match in difflib.get_close_matches(text, keys, n=20, cutoff=0.0):
        actor = names.get(match) or code_owner[match]
        if by_id[actor] not in out:
            out.append(by_id[actor])
        if len(out) == n:
            break
    return out


def find_country(query: object) -> pd.Series | None:
    """The row for ``query`` (see the module docstring), or ``None``."""
    table = _table()
    if isinstance(query, bool):
        return None
    text = str(query).strip()
    if isinstance(query, int) or text.isdigit():
        number = int(text)
        for column in NUMBER_COLUMNS:
            rows = table[table[column] == number]
            if len(rows):
                return _current_first(rows).iloc[0]
        return None
    upper = text.upper()
    for column in CODE_COLUMNS:
        rows = table[table[column].astype("string").str.upper() == upper]
        if len(rows):
            return _current_first(rows).iloc[0]
    actor = _names(table).get(text.lower())
    if actor is not None:
        return table[table["actor_id"] == actor].iloc[0]
    return None


def country(query: Any) -> pd.Series:
    """The ``countries`` row of a state given by name or any code, in any case.

    Parameters
    ----------
    query : str or int
        A name ("Kazakhstan", "kazakhstan"), an ISO alpha-3 or alpha-2 code,
        a COW or Gleditsch-Ward abbreviation, or a COW / Gleditsch-Ward number.

    Returns
    -------
    Series
        ``actor_id, name, iso_alpha3, iso_alpha2, iso_numeric, cow_code,
        cow_abbr, gw_code, gw_abbr, first_year, last_year, ...``

    Raises
    ------
    StanceError
        When nothing matches; the remedy lists the three closest names.

    Examples
    --------
    >>> import stance
    >>> row = stance.country(705)
    >>> row["name"], row["iso_alpha2"], int(row["gw_code"])
    ('Kazakhstan', 'KZ', 705)
    """
    row = find_country(query)
    if row is None:
        raise StanceError(f"No state matches {query!r}.", remedy=f"Use a name or code of a state; closest names: {', '.join(suggestions(query))}.")
    return row


def actor_id(query: Any) -> str:
    """The actor id of a state (``country(query)["actor_id"]``), or ``query`` itself when it is an actor id of another kind (EU, NATO, ...)."""
    import stance

    row = find_country(query)
    if row is not None:
        return str(row["actor_id"])
    text = str(query).strip().upper()
    actors = stance.load("actors")
    if text in set(actors["actor_id"].astype(str)):
        return text
    names = dict(zip(actors["name"].astype(str).str.lower(), actors["actor_id"].astype(str)))
    if str(query).strip().lower() in names:
        return names[str(query).strip().lower()]
    raise StanceError(f"Unknown actor {query!r}.", remedy=f"Use a name or code of a state; closest names: {', '.join(suggestions(query))}.")
