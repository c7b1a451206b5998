"""Join the events table to stances: time columns (period, year) and the poles that lead each event.

Examples
--------
>>> import pandas as pd
>>> from stance.balance.events import lead_matrix
>>> events = pd.DataFrame({"event_id": ["e1", "e2", "e3"], "lead_actor_ids": ["USA", "NATO;USA", None]})
>>> lead_matrix(events, ("USA", "RUS"), pd.Index(["e1", "e2", "e3"])).tolist()
[[True, False], [True, False], [False, False]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from stance.data.columns import COLUMN_KEYWORDS, Columns, KeywordSet
from stance.errors import StanceError

LEAD_COLUMN = "lead_actor_ids"
#: The events are items: both tables name them in the ``item`` column.
_ITEM = KeywordSet(COLUMN_KEYWORDS["item"])


@_ITEM
def with_event_time(stances: pd.DataFrame, events: pd.DataFrame, *, columns: Columns) -> pd.DataFrame:
    """Stances with the event's ``period_id`` and ``year`` (from ``start_date``) added.

    Events without a period or a date get NA; they stay in the data (and
    show up as a window of their own, never silently dropped).

    Examples
    --------
    >>> import stance
    >>> from stance.balance import with_event_time
    >>> df = with_event_time(stance.load("stances"), stance.load("events"))
    >>> row = df.loc[df["event_id"] == "crimea-2014"].iloc[0]
    >>> row["period_id"], int(row["year"])
    ('2014-2022', 2014)
    """
    item = columns.item
    for name, table, cols in (("stances", stances, [item]), ("events", events, [item, "period_id", "start_date"])):
        missing = [c for c in cols if c not in table.columns]
        if missing:
            raise StanceError(f"The {name} table lacks column(s) {missing}.", remedy="Pass the shipped tables (stance.load('stances'), stance.load('events')) or tables with the same columns.")
    if events[item].duplicated().any():
        raise StanceError(f"The events table lists {item} {list(events.loc[events[item].duplicated(), item].head(5))} twice.", remedy="Keep one row per event.")
    extra = events[[item, "period_id"]].copy()
    extra["year"] = pd.to_datetime(events["start_date"]).dt.year.astype("Int64")
    out = stances.drop(columns=[c for c in ("period_id", "year") if c in stances.columns]).merge(extra, on=item, how="left", validate="many_to_one")
    unknown = ~stances[item].isin(events[item]).to_numpy()
    if unknown.any():
        raise StanceError(f"Stances name events that are not in the events table: {list(pd.unique(stances.loc[unknown, item]))[:5]}.", remedy="Use the events table the stances were coded against.")
    return out


@_ITEM
def lead_matrix(events: pd.DataFrame, poles: Sequence[str], items: pd.Index, *, lead_column: str = LEAD_COLUMN, columns: Columns) -> np.ndarray:
    """Boolean matrix (len(items), len(poles)): does pole p lead item u (``lead_actor_ids``, ``;``-separated)?"""
    item = columns.item
    for col in (item, lead_column):
        if col not in events.columns:
            raise StanceError(f"The events table lacks column {col!r}.", remedy=f"Pass an events table with {item} and {lead_column} (lead actor ids separated by ';').")
    leads = events[[item, lead_column]].dropna()
    pairs = leads.assign(**{lead_column: leads[lead_column].astype(str).str.split(";")}).explode(lead_column)
    pairs[lead_column] = pairs[lead_column].str.strip()
    pole_index = pd.Index(list(poles))
    u = items.get_indexer(pairs[item])
    p = pole_index.get_indexer(pairs[lead_column])
    ok = (u >= 0) & (p >= 0)
    out = np.zeros((len(items), len(poles)), dtype=bool)
    out[u[ok], p[ok]] = True
    return out
