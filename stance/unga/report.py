"""``stance report --actor X --source unga``: a state's UN voting alignment with the great powers.

By period (the periods of the events table, plus one window for the years
before them), with Voeten's agreement rate and Häge's kappa against each
pole, the project's balancing indices (equidistance and tilt between the USA
and Russia, k-pole equidistance, abstention share) and 95% bootstrap
intervals over roll calls; then year by year from the shipped
``unga_alignment`` table.

Examples
--------
>>> from stance.unga.report import unga_windows
>>> unga_windows([1990, 1991, 2007, 2020])
['1946-1990', '1991-1999', '2000-2007', '2014-2022']
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from stance._format import format_estimate
from stance.unga.alignment import UNGA_POLES, VOTES
from stance.unga.ip_alignment import MIN_VOTES

PAIR = ("USA", "RUS")
N_BOOT = 1000
SEED = 1


def unga_windows(years: Sequence[int]) -> list[str]:
    """The report window of each year: its period (periods table), ``1946-<first period start - 1>`` before the first,
    ``<last period end + 1>-<last year given>`` after the last."""
    import stance

    periods = stance.load("periods").sort_values("start_year")
    first = int(periods["start_year"].iloc[0])
    last = int(periods["end_year"].max())
    after = [int(y) for y in years if int(y) > last]
    out = []
    for year in years:
        match = periods[(periods["start_year"] <= year) & (periods["end_year"] >= year)]
        if len(match):
            out.append(str(match["period_id"].iloc[0]))
        elif year < first:
            out.append(f"1946-{first - 1}")
        elif year > last:
            out.append(f"{last + 1}-{max(after)}" if max(after) > last + 1 else f"{last + 1}")
        else:
            out.append(f"{year}")
    return out


def unga_balance(actor: str, *, poles: Sequence[str] = UNGA_POLES, pair: Sequence[str] = PAIR, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """Alignment (agreement, kappa) and balancing indices of ``actor`` by report window and overall.

    Returns the rows of [`stance.balance.balance`][stance.balance.indices.balance] (``actor, pole,
    window, index, value, n_items[, ci_low, ci_high]``) with a ``measure``
    column, plus the abstention share (``index = "hedge_share"``).
    """
    import stance
    from stance.balance import balance, hedge_share
    from stance.errors import StanceError

    votes = stance.load("unga_votes", columns=["rcid", "actor_id", "stance"])
    if actor not in set(votes["actor_id"].cat.categories):
        raise StanceError(f"No UN votes for actor {actor!r}.", remedy="Use an ISO 3166-1 alpha-3 id as in unga_votes.actor_id (e.g. KAZ, KGZ, UZB); organisations such as the EU do not vote.")
    votes = votes[votes["actor_id"].isin({actor, *poles})]
    calls = stance.load("unga_rollcalls", columns=["rcid", "year"])
    years = sorted(calls["year"].unique())
    window_of = dict(zip(years, unga_windows(years)))
    calls["window"] = calls["year"].map(window_of)
    data = votes.merge(calls[["rcid", "window"]], on="rcid")
    data["actor_id"] = data["actor_id"].astype(str)
    data = data[data["rcid"].isin(data.loc[data["actor_id"] == actor, "rcid"])]  # the roll calls the state voted on
    parts = []
    for by in (None, "window"):
        for measure in ("agreement", "kappa"):
            part = balance(data, focal=actor, poles=tuple(poles), pair=tuple(pair), measure=measure, by=by, n_boot=n_boot, seed=seed, columns=VOTES)
            parts.append(part.assign(measure=measure))
        parts.append(hedge_share(data, actor, by=by, n_boot=n_boot, seed=seed, columns=VOTES).assign(measure="abstain share"))
    return pd.concat(parts, ignore_index=True)


def _estimate(rows: pd.DataFrame, *, signed: bool = False) -> str:
    """The first row's value with its interval (3 decimals, bounds 2), or ``n/a`` when there is no row."""
    if rows.empty:
        return "n/a"
    r = rows.iloc[0]
    return format_estimate(r["value"], r.get("ci_low"), r.get("ci_high"), signed=signed, digits=3)


def render_unga_report(actor: str, *, poles: Sequence[str] = UNGA_POLES, pair: Sequence[str] = PAIR, n_boot: int = N_BOOT, seed: int = SEED,
                       include_thin: bool = False, min_votes: int = MIN_VOTES) -> str:
    """Plain-text UN report for the CLI: ideal-point distances first (to 2024), then the vote-based agreement rates (to January 2020).

    Years backed by fewer than ``min_votes`` votes are left out of the
    period means and the yearly agreement table unless ``include_thin``.
    """
    import stance
    from stance.data.loading import data_version
    from stance.unga.ip_report import ideal_point_lines

    table = unga_balance(actor, poles=poles, pair=pair, n_boot=n_boot, seed=seed)
    votes = stance.load("unga_votes", columns=["actor_id", "country"])
    name = str(votes.loc[votes["actor_id"] == actor, "country"].iloc[-1])
    lines = [f"{name} ({actor}) in the UN General Assembly: alignment with {', '.join(poles)}",
             f"data version {data_version()}; formulas in docs/unga.md and docs/balance.md.", ""]
    lines += ideal_point_lines(actor, poles=poles, pair=pair, include_thin=include_thin, min_votes=min_votes)
    lines += ["2. Voting agreement (raw roll calls, sessions 1-74: 1946 to January 2020; Voeten, Strezhnev and Bailey, CC0)",
             "Caveat: agreement rates move with the agenda (a year with many Middle East votes shifts every state's score) and with the",
             "USA's outlier voting; they are descriptive, not preferences. Häge's kappa, beside them, corrects for the states' own vote shares.",
             f"[CI]: 95% bootstrap interval over roll calls ({n_boot} resamples, seed {seed})." if n_boot else "No intervals (n_boot = 0).",
             "agreement: 1 for the same vote, 1/2 when one of the two abstains, 0 for yes against no (Voeten); kappa: Häge's chance-corrected kappa",
             "(quadratic-weighted Cohen's kappa). n = roll calls both voted on; absences and non-membership are never counted as votes.",
             "Periods are those of the events table (the last one ends in 2022; the UN data end in January 2020); 'all' pools every roll call the state voted on.", ""]
    windows = [w for w in pd.unique(table["window"]) if not pd.isna(w) and w != "all"] + ["all"]
    rows = []
    for window in windows:
        w = table[table["window"] == window]
        row = {"period": window}
        for measure in ("agreement", "kappa"):
            for pole in poles:
                r = w[(w["measure"] == measure) & (w["index"] == "alignment") & (w["pole"] == pole)]
                if measure == "agreement":
                    row[f"n {pole}"] = "-" if r.empty else str(int(r["n_items"].iloc[0]))
                row[f"{measure} {pole}"] = _estimate(r)
        rows.append(row)
    cols = ["period"] + [f"n {p}" for p in poles] + [f"agreement {p}" for p in poles] + [f"kappa {p}" for p in poles]
    lines += ["Alignment by period", pd.DataFrame(rows)[cols].to_string(index=False), ""]
    rows = []
    label = f"{pair[0]}|{pair[1]}"
    for window in windows:
        w = table[(table["window"] == window) & (table["measure"] == "agreement")]
        row = {"period": window}
        for index, heading in (("equidistance", f"equidistance {label}"), ("tilt", f"tilt {label}"), ("equidistance_k", "equidistance (all poles)")):
            r = w[w["index"] == index]
            row[heading] = _estimate(r, signed=index == "tilt")
        h = table[(table["window"] == window) & (table["index"] == "hedge_share")]
        row["abstain share"] = _estimate(h)
        row["votes"] = "-" if h.empty else str(int(h["n_items"].iloc[0]))
        rows.append(row)
    lines += ["Balancing indices from the agreement rates (the project's own proposals; tilt > 0: closer to " + pair[0] + ")",
              pd.DataFrame(rows).to_string(index=False), ""]
    shipped = stance.load("unga_alignment")
    mine = shipped[(shipped["actor_id"] == actor) & shipped["measure"].isin(["agreement", "kappa"]) & shipped["pole"].isin(poles)]
    if len(mine):
        n = mine.pivot_table(index="year", columns="pole", values="n_votes", observed=True, aggfunc="max").reindex(columns=list(poles))
        thin = n.min(axis=1) < min_votes
        parts = {}
        for measure in ("agreement", "kappa"):
            wide = mine[mine["measure"] == measure].pivot_table(index="year", columns="pole", values="value", observed=True).reindex(columns=list(poles))
            parts.update({f"{measure} {p}": wide[p].round(3).astype(object).where(wide[p].notna(), "n/a") for p in poles})
        yearly = pd.DataFrame(parts)
        yearly[f"n {poles[0]}"] = n[poles[0]].astype("Int64")
        note = ""
        if thin.any() and not include_thin:
            dropped = ", ".join(f"{y} ({int(n.loc[y].min())} roll call{'s' if int(n.loc[y].min()) != 1 else ''})" for y in n.index[thin])
            yearly = yearly[~thin.reindex(yearly.index).fillna(False).to_numpy()]
            note = f"Left out: {dropped}: fewer than {min_votes} roll calls with a pole."
        lines += [f"Agreement and kappa year by year (shipped table unga_alignment; years with fewer than {min_votes} shared roll calls are left out)",
                  yearly.to_string()] + ([note] if note else []) + [""]
    return "\n".join(lines)
