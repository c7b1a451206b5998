"""The main job: an actor's stances toward events, grouped by the great power that leads them.

Examples
--------
>>> from stance.report import stances_by_pole
>>> table = stances_by_pole("KAZ")
>>> list(table.columns)[:4]
['pole', 'event_id', 'title', 'year']
"""

from __future__ import annotations

import pandas as pd

#: Default poles, in report order. Events led by none of them are grouped as "other".
DEFAULT_POLES = ("USA", "RUS", "CHN", "EU")


def _load(name: str) -> pd.DataFrame:
    import stance

    return stance.load(name)


def stances_by_pole(actor: str, *, poles: tuple[str, ...] = DEFAULT_POLES) -> pd.DataFrame:
    """The adjudicated stances of ``actor``, one row per event and leading pole.

    An event led by two poles (e.g. the US-Russian reset) appears under both.
    Returns ``pole, event_id, title, year, stance, method, n_codings``; ``pole``
    is ``"other"`` for events that no pole leads.
    """
    stances = _load("stances")
    events = _load("events")
    mine = stances[stances["actor_id"] == actor].merge(events[["event_id", "title", "start_date", "lead_actor_ids"]], on="event_id", how="left")
    leads = mine["lead_actor_ids"].fillna("").str.split(";")
    mine = mine.assign(pole=leads.map(lambda ids: [p for p in ids if p in poles] or ["other"])).explode("pole")
    mine["year"] = mine["start_date"].dt.year.astype("Int64")
    order = {p: i for i, p in enumerate((*poles, "other"))}
    mine = mine.sort_values(["pole", "start_date", "event_id"], key=lambda s: s.map(order) if s.name == "pole" else s, kind="stable")
    return mine[["pole", "event_id", "title", "year", "stance", "method", "n_codings"]].reset_index(drop=True)


def pole_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Counts of each stance per pole (columns in codebook order), plus the number of events."""
    counts = pd.crosstab(table["pole"], table["stance"], dropna=False)
    counts["events"] = counts.sum(axis=1)
    return counts


def agreement_summary(actor: str | None = None) -> dict[str, object]:
    """Double-coding figures for the cells of ``actor`` (all cells when ``None``).

    Returns the number of cells, the cells coded by both of the two most
    frequent coders, and their percent agreement and Cohen's kappa
    (:mod:`stance.agreement`, codebook categories; NaN when undefined).
    """
    import warnings

    from stance.agreement import cohen_kappa, percent_agreement

    codings = _load("codings")
    if actor is not None:
        codings = codings[codings["actor_id"] == actor]
    coders = sorted(codings["coder_id"].value_counts().index[:2].tolist())
    n_cells = codings.groupby(["event_id", "actor_id"], observed=True).ngroups
    out: dict[str, object] = {"cells": n_cells, "coders": coders, "double_coded": 0, "percent_agreement": float("nan"), "cohen_kappa": float("nan")}
    pair = codings[codings["coder_id"].isin(coders)]
    both = pair.groupby(["event_id", "actor_id"], observed=True)["coder_id"].transform("nunique") == 2
    pair = pair[both]
    if len(coders) == 2 and len(pair):
        out["double_coded"] = pair.groupby(["event_id", "actor_id"], observed=True).ngroups
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out["percent_agreement"] = percent_agreement(pair).estimate
            out["cohen_kappa"] = cohen_kappa(pair).estimate
    return out


def render_report(actor: str) -> str:
    """Plain-text report for the CLI (``stance report --actor KAZ``)."""
    import stance
    from stance.data.loading import data_version

    actors = _load("actors").set_index("actor_id")
    if actor not in actors.index:
        from stance.errors import StanceError

        raise StanceError(f"Unknown actor {actor!r}.", remedy=f"Use an actor id from the actors table, e.g. {', '.join(actors.index[:6])}.")
    table = stances_by_pole(actor)
    lines = [f"{actors.loc[actor, 'name']} ({actor}): stances toward events, by leading great power",
             f"data version {data_version()}, codebook version {stance.load_codebook().version}", ""]
    if table.empty:
        lines.append("No adjudicated stances for this actor yet (cells without evidence are not coded).")
        return "\n".join(lines)
    for pole, group in table.groupby("pole", sort=False):
        name = actors.loc[pole, "name"] if pole in actors.index else "Events led by no pole / other actors"
        lines.append(f"== {name} ({len(group)} events)")
        for r in group.itertuples(index=False):
            year = "" if pd.isna(r.year) else str(r.year)
            lines.append(f"  {year:>4}  {str(r.stance):<8} {r.title}  [{r.method}, {r.n_codings} codings]")
        lines.append("")
    summary = pole_summary(table)
    lines.append("Stance counts by pole:")
    lines.append(summary.to_string())
    lines.append("")
    ag = agreement_summary(actor)
    lines.append(f"Double coding of {actor}'s cells: {ag['double_coded']} of {ag['cells']} cells coded by both passes "
                 f"({' and '.join(ag['coders'])}); percent agreement {ag['percent_agreement']:.3f}, Cohen's kappa {ag['cohen_kappa']:.3f}.")
    from stance.balance.report import render_balance

    lines.append("")
    lines.extend(render_balance(actor))
    return "\n".join(lines)
