"""Replication outputs 1 and 2, from the coded events: the comparative event table and Kazakhstan's balancing indices by period.

Output 1 follows Tables 1 and 2 of Fedorova (c. 2024, source
``fedorova-2024``): every event of 1991-1999 (Table 1) and 2000-2021
(Table 2), here with the adjudicated stances of Kazakhstan, the USA, Russia
and China side by side. A cell no source gives evidence for is *not coded*
(empty), never neutral. The USSR's stance in 1991 is coded under ``SUN``
and shown in the Russia column, marked as the USSR's (the codebook's
continuity rule, section 6, allows pooling ``SUN`` into ``RUS``).

Output 2 is [`stance.balance.report.balance_tables`][stance.balance.report.balance_tables] for Kazakhstan:
alignment with each pole and the balancing indices, overall and by period,
with 95% bootstrap intervals over events.

Examples
--------
>>> from stance.replication.events import event_table
>>> table = event_table()
>>> table.set_index("event_id").loc["crimea-2014", ["KAZ", "USA", "RUS", "CHN"]].tolist()
['hedge', 'oppose', 'support', 'hedge']
>>> table.set_index("event_id").loc["desert-storm-1991", ["RUS", "RUS_coded_as"]].tolist()
['support', 'SUN']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from stance._format import format_estimate

#: The actors compared side by side, in column order (text 003 compares these).
COMPARED = ("KAZ", "USA", "RUS", "CHN")
#: First and last year of the event tables (Fedorova's Tables 1 and 2).
YEARS = (1991, 2021)
#: Year ranges of the source's two tables.
SOURCE_TABLES = {1: (1991, 1999), 2: (2000, 2021)}
#: Former state whose stances the Russia column shows when Russia has none (codebook section 6).
PREDECESSOR = {"RUS": "SUN"}


def event_date(row: pd.Series) -> str:
    """The event's date as precisely as the sources give it (day, month, year, period, or 'undated')."""
    start, end, precision = row["start_date"], row["end_date"], str(row["date_precision"])
    if pd.isna(start):
        return "undated"
    if precision == "day":
        return f"{start:%Y-%m-%d}"
    if precision == "month":
        return f"{start:%Y-%m}"
    if precision == "period":
        return f"{start:%Y}-{end:%Y}" if not pd.isna(end) else f"{start:%Y}-"
    return f"{start:%Y}"


def _stances_of(wide: pd.DataFrame, actor: str, ids: pd.Series) -> pd.Series:
    if actor not in wide.columns:
        return pd.Series(pd.NA, index=ids, dtype="string")
    return wide[actor].reindex(ids).astype("string")


def event_table() -> pd.DataFrame:
    """Every event starting in 1991-2021 with the stances of KAZ, USA, RUS and CHN.

    Returns
    -------
    DataFrame
        One row per event, sorted by start date then id: ``table`` (1 or 2,
        as in the source), ``date``, ``event_id``, ``title``,
        ``lead_actor_ids``, one column per actor in [`COMPARED`][stance.replication.events.COMPARED] (the
        adjudicated stance, empty when not coded) and ``RUS_coded_as``
        (``RUS``, or ``SUN`` where the Russia column shows the USSR's stance).
    """
    import stance

    events = stance.load("events")
    stances = stance.load("stances")
    year = events["start_date"].dt.year
    chosen = events[year.between(*YEARS)].copy()
    chosen["year"] = year[chosen.index].astype(int)
    chosen = chosen.sort_values(["start_date", "event_id"], kind="stable")
    wide = stances.assign(stance=stances["stance"].astype("string")).pivot(index="event_id", columns="actor_id", values="stance")
    out = pd.DataFrame({
        "table": chosen["year"].map(lambda y: next(k for k, (a, b) in SOURCE_TABLES.items() if a <= y <= b)).astype("Int64").to_numpy(),
        "date": chosen.apply(event_date, axis=1).to_numpy(),
        "event_id": chosen["event_id"].astype(str).to_numpy(),
        "title": chosen["title"].astype(str).to_numpy(),
        "lead_actor_ids": chosen["lead_actor_ids"].astype("string").fillna("").to_numpy(),
    })
    ids = out["event_id"]
    for actor in COMPARED:
        own = _stances_of(wide, actor, ids)
        if actor in PREDECESSOR:
            former = _stances_of(wide, PREDECESSOR[actor], ids)
            use_former = own.isna() & former.notna()
            out[f"{actor}_coded_as"] = np.where(use_former, PREDECESSOR[actor], np.where(own.notna(), actor, ""))
            own = own.where(~use_former, former)
        out[actor] = own.fillna("").to_numpy()
    return out


def events_left_out() -> pd.DataFrame:
    """The events outside the tables (undated, or starting after 2021), with the reason."""
    import stance

    events = stance.load("events")
    year = events["start_date"].dt.year
    out = events[~year.between(*YEARS)]
    reason = ["the sources give no date" if pd.isna(y) else f"starts in {int(y)}, after {YEARS[1]}" for y in year[out.index]]
    return pd.DataFrame({"event_id": out["event_id"].astype(str).to_numpy(), "title": out["title"].astype(str).to_numpy(), "reason": reason})


def event_table_markdown(table: pd.DataFrame) -> str:
    """The comparative event table as two Markdown tables (the source's Table 1 and Table 2)."""
    from stance.replication._output import markdown_table

    names = {"KAZ": "Kazakhstan", "USA": "USA", "RUS": "Russia", "CHN": "China"}
    show = table.copy()
    for actor in COMPARED:
        show[actor] = show[actor].replace("", "—")
    if "RUS_coded_as" in show.columns:
        show.loc[show["RUS_coded_as"] == "SUN", "RUS"] = show["RUS"] + " (USSR)"
    show["event"] = show["title"]
    show["id"] = "`" + show["event_id"] + "`"
    show["lead"] = show["lead_actor_ids"].replace("", "—").str.replace(";", ", ")
    parts = []
    for number, (first, last) in SOURCE_TABLES.items():
        rows = show[show["table"] == number]
        cols = rows[["date", "event", "lead", *COMPARED, "id"]].rename(columns={"date": "Dates", "event": "Event", "lead": "Led by", **names, "id": "event id"})
        parts += [f"**Table {number}. Events of {first}-{last}** ({len(rows)} events)", "", markdown_table(cols), ""]
    return "\n".join(parts).rstrip() + "\n"


def kazakhstan_balance(*, n_boot: int, seed: int) -> dict[str, pd.DataFrame]:
    """Kazakhstan's alignments and balancing indices, overall and by period ([`stance.balance.report.balance_tables`][stance.balance.report.balance_tables])."""
    from stance.balance.report import balance_tables

    tables = balance_tables("KAZ", n_boot=n_boot, seed=seed)
    out = {}
    for name, frame in tables.items():
        frame = frame.copy()
        frame["window"] = frame["window"].astype("string").fillna("no period")
        out[name] = frame.reset_index(drop=True)
    return out


def kazakhstan_balance_markdown(tables: dict[str, pd.DataFrame]) -> str:
    """Markdown of output 2: the alignment table and the indices table."""
    from stance.replication._output import markdown_table

    a = tables["alignment"]
    align = pd.DataFrame({
        "period": a["window"], "pole": a["pole"],
        "agreement [95% CI]": [format_estimate(*v) for v in zip(a["agreement_value"], a["agreement_ci_low"], a["agreement_ci_high"])],
        "n events": a["agreement_n_items"],
        "lead stance [95% CI]": [format_estimate(*v, signed=True) for v in zip(a["lead_value"], a["lead_ci_low"], a["lead_ci_high"])],
        "n led": a["lead_n_items"],
    })
    i = tables["indices"]
    hedge = i["index"] == "hedge_share"
    indices = pd.DataFrame({
        "period": i["window"], "index": i["index"], "poles": i["pole_agreement"].fillna("-").str.replace("|", ", ", regex=False),
        "agreement sense [95% CI]": [format_estimate(v, lo, hi, signed=(k == "tilt")) for v, lo, hi, k in zip(i["value_agreement"], i["ci_low_agreement"], i["ci_high_agreement"], i["index"])],
        "n": i["n_items_agreement"],
        "lead-stance sense [95% CI]": ["-" if h else format_estimate(v, lo, hi, signed=(k == "tilt")) for v, lo, hi, k, h in zip(i["value_lead"], i["ci_low_lead"], i["ci_high_lead"], i["index"], hedge)],
        "n lead": ["-" if h else ("-" if pd.isna(n) else str(int(n))) for n, h in zip(i["n_items_lead"], hedge)],
    })
    return "\n".join(["Alignment of Kazakhstan with each pole:", "", markdown_table(align), "",
                      "Balancing indices (the project's own proposals; equidistance and tilt between the USA and Russia, "
                      "k-pole equidistance over the poles with a defined alignment, hedge share):", "", markdown_table(indices), ""])
