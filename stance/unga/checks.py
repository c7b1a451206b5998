"""Generated blocks of ``docs/unga.md``: the post-Soviet equidistance ranking of the 2010s on each measure, and the US State Department 2019 check.

``python -m stance.unga.checks`` prints both blocks; a test keeps the page
in sync.

* **Post-Soviet ranking, 2010-2019.** The fourteen post-Soviet states other
  than Russia ranked by USA-Russia equidistance on three measures: Voeten's
  agreement rate and Häge's kappa (pooled over every roll call of
  2010-2019 each state and pole voted on; ``equidistance = 1 - |a_USA -
  a_RUS| / R`` with R = 1 for agreement, 2 for kappa) and the ideal-point
  distances (mean of the yearly distances 2010-2019; ``1 - |d_USA - d_RUS| /
  R`` with R the width of the whole ideal-point scale). The ideal-point
  tilt says where a state sits: ``(d_RUS - d_USA) / R``, positive = closer to
  the USA.
* **State Department 2019.** *Voting Practices in the United Nations 2019*
  gives Kazakhstan's voting coincidence with the USA on the recorded
  General Assembly votes of 2019 as 21%: identical votes plus half the
  votes where one of the two abstained, over the votes both cast (absences
  excluded). That is Voeten's agreement rate; [`state_department_2019`][stance.unga.checks.state_department_2019]
  computes it from the shipped votes of calendar 2019, on every recorded
  vote and on final-passage votes only (no amendment or paragraph votes).

Examples
--------
>>> from stance.unga.checks import state_department_2019
>>> t = state_department_2019()
>>> t["votes"].tolist()[0] > 80
True
"""

from __future__ import annotations

import pandas as pd

#: The post-Soviet states other than Russia.
POST_SOVIET = ("ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "TJK", "TKM", "UKR", "UZB")
#: Shown for reference, not ranked: where the large Western European states sit on the same measures.
REFERENCE = ("DEU", "FRA", "GBR")
YEARS = (2010, 2019)
#: Published: US Department of State, Voting Practices in the United Nations 2019, Kazakhstan's coincidence with the USA.
STATE_DEPT_2019 = 0.21


def _votes(states: tuple[str, ...], years: tuple[int, int]) -> pd.DataFrame:
    import stance

    votes = stance.load("unga_votes", columns=["rcid", "actor_id", "stance"])
    calls = stance.load("unga_rollcalls", columns=["rcid", "year"])
    votes = votes[votes["actor_id"].isin({*states, "USA", "RUS"})]
    data = votes.merge(calls, on="rcid")
    data = data[data["year"].between(*years)]
    return data.assign(actor_id=data["actor_id"].astype(str))


def post_soviet_measures(years: tuple[int, int] = YEARS) -> pd.DataFrame:
    """One row per state: USA-RUS equidistance and rank on agreement, kappa and ideal points, with the ideal-point tilt.

    The [`REFERENCE`][stance.unga.checks.REFERENCE] states follow, unranked (``rank_*`` missing).
    """
    from stance.balance import balance
    from stance.unga.ip_alignment import distance_indices, ideal_point_distances, period_means, scale_width

    states = POST_SOVIET + REFERENCE
    data = _votes(states, years)
    out = pd.DataFrame({"actor_id": list(states)})
    for measure in ("agreement", "kappa"):
        b = balance(data, focal=list(states), poles=("USA", "RUS"), pair=("USA", "RUS"), measure=measure, item="rcid", actor="actor_id", value="stance")
        e = b[b["index"] == "equidistance"].set_index("actor")["value"]
        a = b[b["index"] == "alignment"].pivot_table(index="actor", columns="pole", values="value")
        out[f"{measure}_USA"] = out["actor_id"].map(a["USA"])
        out[f"{measure}_RUS"] = out["actor_id"].map(a["RUS"])
        out[f"equidistance_{measure}"] = out["actor_id"].map(e)
    d = ideal_point_distances(list(states), poles=("USA", "RUS"), years=years)
    means = period_means(d, {y: "2010s" for y in range(years[0], years[1] + 1)})
    r = scale_width()
    idx = distance_indices(means, poles=("USA", "RUS"), value_range=r, by="window")
    out["distance_USA"] = out["actor_id"].map(means[means["pole"] == "USA"].set_index("actor_id")["distance"])
    out["distance_RUS"] = out["actor_id"].map(means[means["pole"] == "RUS"].set_index("actor_id")["distance"])
    out["equidistance_ideal"] = out["actor_id"].map(idx[idx["index"] == "equidistance"].set_index("actor")["value"])
    out["tilt_ideal"] = out["actor_id"].map(idx[idx["index"] == "tilt"].set_index("actor")["value"])
    ranked = out["actor_id"].isin(POST_SOVIET)
    for m in ("agreement", "kappa", "ideal"):
        out[f"rank_{m}"] = out.loc[ranked, f"equidistance_{m}"].rank(ascending=False, method="min").astype("Int64")
    out["_ref"] = ~ranked
    return out.sort_values(["_ref", "rank_agreement", "actor_id"], kind="stable").drop(columns="_ref").reset_index(drop=True)


def beyond_russia(years: tuple[int, int] = YEARS) -> set[str]:
    """The post-Soviet states whose final-passage ideal point is at or below Russia's in every year of ``years``."""
    import stance

    ip = stance.load("unga_ideal_points", columns=["actor_id", "year", "ideal_point_fp"])
    ip = ip[ip["year"].between(*years)]
    wide = ip.pivot_table(index="year", columns="actor_id", values="ideal_point_fp", observed=True)
    return {a for a in POST_SOVIET if a in wide and bool((wide[a] <= wide["RUS"]).all())}


def usa_alone(years: tuple[int, int] = YEARS) -> float:
    """Share of the roll calls of ``years`` (all three voting) on which the USA voted no and Russia and Germany yes."""
    import stance

    votes = stance.load("unga_votes", columns=["rcid", "actor_id", "vote"])
    calls = stance.load("unga_rollcalls", columns=["rcid", "year"])
    calls = calls[calls["year"].between(*years)]
    v = votes[votes["actor_id"].isin(["USA", "RUS", "DEU"]) & votes["rcid"].isin(calls["rcid"])]
    wide = v.pivot_table(index="rcid", columns="actor_id", values="vote", aggfunc="first", observed=True).dropna()
    return float(((wide["USA"] == "no") & (wide["RUS"] == "yes") & (wide["DEU"] == "yes")).mean())


def state_department_2019() -> pd.DataFrame:
    """Kazakhstan's coincidence with the USA in calendar 2019 from the shipped votes: all recorded votes, and final-passage votes only.

    Columns ``votes`` (both cast a vote), ``identical``, ``partial`` (one
    abstained), ``opposite``, ``coincidence`` ((identical + partial/2) /
    votes), ``identical_over_identical_and_opposite`` (the other definition
    the State Department has used).
    """
    import stance

    votes = stance.load("unga_votes", columns=["rcid", "actor_id", "vote"])
    calls = stance.load("unga_rollcalls", columns=["rcid", "date", "session", "amend", "para"])
    calls = calls[calls["date"].dt.year == 2019]
    kaz = votes[votes["actor_id"] == "KAZ"][["rcid", "vote"]]
    usa = votes[votes["actor_id"] == "USA"][["rcid", "vote"]]
    both = kaz.merge(usa, on="rcid", suffixes=("_kaz", "_usa")).merge(calls, on="rcid")
    rows = []
    for label, sub in (("every recorded vote dated 2019", both),):
        k, u = sub["vote_kaz"].astype(str), sub["vote_usa"].astype(str)
        identical = int((k == u).sum())
        partial = int(((k == "abstain") != (u == "abstain")).sum())
        opposite = len(sub) - identical - partial
        rows.append({"votes_counted": label, "first_date": sub["date"].min().date().isoformat(), "last_date": sub["date"].max().date().isoformat(),
                     "sessions": ", ".join(str(x) for x in sorted(sub["session"].unique())), "flagged_amend_or_para": int((sub["amend"].fillna(False) | sub["para"].fillna(False)).sum()),
                     "votes": len(sub), "identical": identical, "partial": partial, "opposite": opposite,
                     "coincidence": (identical + partial / 2) / len(sub), "identical_over_identical_and_opposite": identical / (identical + opposite)})
    return pd.DataFrame(rows)


def render_post_soviet() -> str:
    """The post-Soviet block of ``docs/unga.md``."""
    t = post_soviet_measures()
    names = _names(t["actor_id"])
    lines = [f"Post-Soviet states (Russia is a pole), {YEARS[0]}-{YEARS[1]}: USA-Russia equidistance and rank (1 = most equidistant) on each measure.", "",
             "| state | agreement USA / RUS | equidistance (agreement) | rank | kappa USA / RUS | equidistance (kappa) | rank | distance USA / RUS (ideal points) | equidistance (ideal points) | rank | tilt (ideal points) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    rank = lambda v: "ref." if pd.isna(v) else str(int(v))  # noqa: E731
    for r in t.itertuples(index=False):
        lines.append(f"| {names[r.actor_id]} ({r.actor_id}) | {r.agreement_USA:.3f} / {r.agreement_RUS:.3f} | {r.equidistance_agreement:.3f} | {rank(r.rank_agreement)} "
                     f"| {r.kappa_USA:.3f} / {r.kappa_RUS:.3f} | {r.equidistance_kappa:.3f} | {rank(r.rank_kappa)} "
                     f"| {r.distance_USA:.2f} / {r.distance_RUS:.2f} | {r.equidistance_ideal:.3f} | {rank(r.rank_ideal)} | {r.tilt_ideal:+.3f} |")
    ranked = t.dropna(subset=["rank_agreement"])
    top = lambda m: ", ".join(ranked.sort_values(f"rank_{m}", kind="stable")["actor_id"].head(4))  # noqa: E731
    beyond = ranked[ranked["equidistance_ideal"].round(9) == ranked["equidistance_ideal"].round(9).min()]
    years = YEARS
    below = beyond_russia(years)
    tied = set(beyond["actor_id"])
    lines += ["", f"Four most equidistant: by agreement {top('agreement')}; by kappa {top('kappa')}; by ideal points {top('ideal')}. "
              f"On ideal points {len(beyond)} states tie at {beyond['equidistance_ideal'].iloc[0]:.3f} ({', '.join(beyond['actor_id'])}); "
              + ("each of them has an ideal point at or below Russia's in every year of the span, so its two distances differ by exactly the USA-Russia distance. "
                 if tied <= below else f"of them, {', '.join(sorted(tied & below))} lie at or below Russia in every year. ")
              + "The reference rows (ref.) are not ranked.",
              "", f"Roll calls of {years[0]}-{years[1]} on which the USA voted no while Russia and Germany both voted yes: {usa_alone(years):.0%}."]
    return "\n".join(lines)


def render_state_department() -> str:
    """The State Department 2019 block of ``docs/unga.md``."""
    t = state_department_2019()
    lines = ["| votes counted | votes both cast | identical | one abstained | opposite | coincidence (identical + ½·partial) / votes | identical / (identical + opposite) |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in t.itertuples(index=False):
        lines.append(f"| {r.votes_counted} | {r.votes} | {r.identical} | {r.partial} | {r.opposite} | {r.coincidence:.1%} | {r.identical_over_identical_and_opposite:.1%} |")
    a = t.iloc[0]
    lines += ["", f"Published (State Department): {STATE_DEPT_2019:.0%}. From the shipped votes: {a['coincidence']:.1%} "
              f"({(a['coincidence'] - STATE_DEPT_2019) * 100:+.1f} points), on {a['votes']} roll calls dated {a['first_date']} to {a['last_date']} "
              f"(session {a['sessions']}; {a['flagged_amend_or_para']} flagged as amendment or paragraph votes)."]
    return "\n".join(lines)


def _names(ids: pd.Series) -> dict[str, str]:
    import stance

    c = stance.load("countries")
    return dict(zip(c["actor_id"].astype(str), c["name"].astype(str)))


def render_markdown() -> str:
    """Both blocks, each between its markers, as ``python -m stance.unga.checks`` prints them."""
    return "\n".join(["<!-- generated:post-soviet:start -->", render_post_soviet(), "<!-- generated:post-soviet:end -->", "",
                      "<!-- generated:state-dept-2019:start -->", render_state_department(), "<!-- generated:state-dept-2019:end -->"])


if __name__ == "__main__":  # pragma: no cover
    print(render_markdown())
