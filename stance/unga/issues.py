"""Alignment on one issue: the roll calls of a topic (or the US "important" votes) and the issue-specific ideal points.

Issue names, and what each reads:

=====================  =============================================  ===========================================
issue                  roll calls (``unga_votes``)                    ideal points (``unga_ideal_points_issue``)
=====================  =============================================  ===========================================
important              ``unga_rollcalls.importantvote`` (from 1983)   ``important``
human_rights           topic "Human rights"                           ``human_rights``
middle_east            topic "Palestinian conflict"                   ``middle_east``
nuclear                topic "Nuclear weapons and nuclear material"   ``nuclear``
arms_control           topic "Arms control and disarmament"           (none)
colonialism            topic "Colonialism"                            (none)
economic_development   topic "Economic development"                   (none)
=====================  =============================================  ===========================================

Examples
--------
>>> from stance.unga.issues import issue_agreement
>>> t = issue_agreement("KAZ", "important", years=(2014, 2014))
>>> t[["pole", "n_votes"]].values.tolist()
[['USA', 13], ['RUS', 12], ['CHN', 13]]
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from stance.errors import StanceError
from stance.unga.alignment import UNGA_POLES

#: Issue name -> topic of ``unga_issues`` (None: the important-vote flag).
VOTE_ISSUES: dict[str, str | None] = {
    "important": None,
    "human_rights": "Human rights",
    "middle_east": "Palestinian conflict",
    "nuclear": "Nuclear weapons and nuclear material",
    "arms_control": "Arms control and disarmament",
    "colonialism": "Colonialism",
    "economic_development": "Economic development",
}
#: Issue name -> issue of ``unga_ideal_points_issue``.
IDEAL_POINT_ISSUES = {"important": "important", "human_rights": "human_rights", "middle_east": "middle_east", "nuclear": "nuclear"}


def _check_issue(issue: str) -> str:
    key = issue.strip().lower().replace(" ", "_").replace("-", "_")
    if key not in VOTE_ISSUES:
        raise StanceError(f"Unknown issue {issue!r}.", remedy=f"Use one of {', '.join(VOTE_ISSUES)}.")
    return key


def issue_rollcalls(issue: str) -> pd.DataFrame:
    """``rcid, year`` of the roll calls on ``issue``."""
    import stance

    key = _check_issue(issue)
    calls = stance.load("unga_rollcalls", columns=["rcid", "year", "importantvote"])
    if VOTE_ISSUES[key] is None:
        calls = calls[calls["importantvote"].fillna(False).astype(bool)]
    else:
        topics = stance.load("unga_issues")
        calls = calls[calls["rcid"].isin(topics.loc[topics["issue"] == VOTE_ISSUES[key], "rcid"])]
    return calls[["rcid", "year"]].reset_index(drop=True)


def issue_agreement(actor: str, issue: str, *, poles: Sequence[str] = UNGA_POLES, years: tuple[int, int] | None = None,
                    measures: Sequence[str] = ("agreement", "kappa"), by: str | None = None) -> pd.DataFrame:
    """Agreement (and kappa) of ``actor`` with each pole on the roll calls of ``issue``.

    Pooled over the roll calls of ``years`` (default all) or per year with
    ``by="year"``. Returns ``pole, [year,] measure columns, n_votes``.
    """
    import stance
    from stance.balance import alignment

    calls = issue_rollcalls(issue)
    if years is not None:
        calls = calls[calls["year"].between(*years)]
    votes = stance.load("unga_votes", columns=["rcid", "actor_id", "stance"])
    if actor not in set(votes["actor_id"].cat.categories):
        raise StanceError(f"No UN votes for actor {actor!r}.", remedy="Use a UN member's id (stance.country() finds it from a name or code).")
    votes = votes[votes["actor_id"].isin({actor, *poles}) & votes["rcid"].isin(calls["rcid"])]
    if votes.empty or not (votes["actor_id"] == actor).any():
        raise StanceError(f"{actor} cast no vote on {issue!r} roll calls in the years asked.", remedy="Widen the years or pick another issue.")
    data = votes.merge(calls, on="rcid").assign(actor_id=lambda f: f["actor_id"].astype(str))
    out = alignment(data, poles=tuple(poles), focal=actor, by=by, measures=tuple(measures), item="rcid", actor="actor_id", value="stance")
    wide = out.pivot_table(index=["pole"] + (["window"] if by else []), columns="measure", values="value", observed=True, dropna=False)
    n = out.groupby(["pole"] + (["window"] if by else []), observed=True)["n_items"].max()
    wide["n_votes"] = n
    wide = wide.reset_index().rename(columns={"window": by} if by else {})
    wide["pole"] = pd.Categorical(wide["pole"], categories=list(poles))
    wide = wide.sort_values(["pole"] + ([by] if by else []), kind="stable")
    wide.columns.name = None
    wide["pole"] = wide["pole"].astype(str)
    return wide[wide["n_votes"] > 0].reset_index(drop=True)


def issue_ideal_distances(actor: str, issue: str, *, poles: Sequence[str] = UNGA_POLES) -> pd.DataFrame:
    """Distance of ``actor`` to each pole on the issue-specific ideal points, by session, with the conservative 90% interval.

    Returns ``session, year, pole, distance, ci_low, ci_high, n_votes, n_votes_pole``.
    """
    import stance

    key = _check_issue(issue)
    if key not in IDEAL_POINT_ISSUES:
        raise StanceError(f"No issue-specific ideal points for {issue!r}.", remedy=f"Use one of {', '.join(IDEAL_POINT_ISSUES)} (or issue_agreement for the roll calls).")
    table = stance.load("unga_ideal_points_issue")
    table = table[table["issue"] == IDEAL_POINT_ISSUES[key]]
    mine = table[table["actor_id"] == actor]
    if mine.empty:
        raise StanceError(f"No {issue!r} ideal points for {actor!r}.", remedy="Use a UN member's id with ideal points (sessions 1-74).")
    frames = []
    for pole in poles:
        p = table[table["actor_id"] == pole]
        m = mine.merge(p, on=["session", "year"], suffixes=("", "_p"))
        if m.empty:
            continue
        d = (m["ideal_point"] - m["ideal_point_p"]).abs()
        lo = pd.concat([pd.Series(0.0, index=m.index), m["q05"] - m["q95_p"], m["q05_p"] - m["q95"]], axis=1).max(axis=1)
        hi = pd.concat([m["q95"] - m["q05_p"], m["q95_p"] - m["q05"]], axis=1).max(axis=1)
        frames.append(pd.DataFrame({"session": m["session"], "year": m["year"], "pole": pole, "distance": d, "ci_low": lo, "ci_high": hi,
                                    "n_votes": m["n_votes"], "n_votes_pole": m["n_votes_p"]}))
    if not frames:
        raise StanceError(f"No pole has {issue!r} ideal points in the sessions {actor} has.", remedy="Pick other poles.")
    return pd.concat(frames, ignore_index=True).sort_values(["session", "pole"], key=lambda s: s.map({p: i for i, p in enumerate(poles)}) if s.name == "pole" else s,
                                                            kind="stable").reset_index(drop=True)


def render_issue_report(actor: str, issue: str, *, poles: Sequence[str] = UNGA_POLES) -> str:
    """Text for ``stance report --source unga --issue ISSUE``."""
    from stance._format import format_estimate

    key = _check_issue(issue)
    lines = [f"{actor} on {key.replace('_', ' ')} votes in the UN General Assembly, with {', '.join(poles)}", ""]
    pooled = issue_agreement(actor, key, poles=poles)
    yearly = issue_agreement(actor, key, poles=poles, by="year")
    lines += ["Roll calls (1946 to January 2020; agreement: Voeten; kappa: Häge), pooled:", pooled.round(3).to_string(index=False), ""]
    wide = yearly.pivot_table(index="year", columns="pole", values="agreement", observed=True).reindex(columns=list(poles)).round(3)
    wide["roll calls"] = yearly.groupby("year")["n_votes"].max()
    lines += ["Agreement by year:", wide.to_string(), ""]
    if key in IDEAL_POINT_ISSUES:
        d = issue_ideal_distances(actor, key, poles=poles)
        w = d.assign(text=[format_estimate(v, lo, hi) for v, lo, hi in zip(d["distance"], d["ci_low"], d["ci_high"])])
        table = w.pivot_table(index=["session", "year"], columns="pole", values="text", aggfunc="first").reindex(columns=list(poles))
        lines += [f"Issue-specific ideal-point distance by session (April 2020 release; [conservative 90% interval]):", table.to_string(), ""]
    else:
        lines += ["No issue-specific ideal points exist for this topic (the released ones: important, human rights, Middle East, nuclear).", ""]
    return "\n".join(lines)
