"""The first section of ``stance report --source unga``: a state's ideal-point distances to the poles, by period and year.

Period figures are means over the period's years of the yearly distance
and of the yearly interval bounds ([`stance.unga.ip_alignment`][stance.unga.ip_alignment]), thin
years (fewer than ``min_votes`` votes behind the state's or a pole's
estimate) left out unless ``include_thin``. The balancing indices are
computed on the period mean distances.

Examples
--------
>>> from stance.unga.ip_report import ideal_point_periods
>>> t = ideal_point_periods("KAZ")
>>> int(t.loc[t["window"] == "2023-2024", "last_year"].max())
2024
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from stance._format import format_estimate
from stance.unga.alignment import UNGA_POLES
from stance.unga.ip_alignment import MIN_VOTES, distance_indices, ideal_point_distances, period_means, scale_width


def ideal_point_periods(actor: str, *, poles: Sequence[str] = UNGA_POLES, include_thin: bool = False, min_votes: int = MIN_VOTES) -> pd.DataFrame:
    """Mean distance to each pole per report window (and ``all`` years), from [`ideal_point_distances`][stance.unga.ip_alignment.ideal_point_distances]."""
    from stance.unga.report import unga_windows

    d = ideal_point_distances(actor, poles=poles, min_votes=min_votes)
    years = sorted(int(y) for y in d["year"].unique())
    windows = dict(zip(years, unga_windows(years)))
    per = period_means(d, windows, include_thin=include_thin)
    overall = period_means(d, dict.fromkeys(years, "all"), include_thin=include_thin)
    return pd.concat([per, overall], ignore_index=True)


def ideal_point_lines(actor: str, *, poles: Sequence[str] = UNGA_POLES, pair: Sequence[str] = ("USA", "RUS"), include_thin: bool = False,
                      min_votes: int = MIN_VOTES) -> list[str]:
    """Text lines of the ideal-point section."""
    d = ideal_point_distances(actor, poles=poles, min_votes=min_votes)
    per = ideal_point_periods(actor, poles=poles, include_thin=include_thin, min_votes=min_votes)
    first, last = int(d["year"].min()), int(d["year"].max())
    thin_years = sorted({int(y) for y in d.loc[d["thin"], "year"]})
    lines = [f"1. Ideal points (Bailey, Strezhnev and Voeten, July 2025 release, final-passage votes), {first}-{last}",
             "Distance |theta_state - theta_pole| on the one-dimensional ideal-point scale (higher theta: closer to the US-led order);",
             "ideal points separate a change of preferences from a change of agenda. [a, b]: conservative 90% interval, the range of the",
             "distance over the 5-95% posterior intervals of both ideal points; by period: means of the yearly distances and bounds.",
             (f"Years with fewer than {min_votes} votes behind the state's or a pole's estimate are left out of the period means: "
              + (", ".join(map(str, thin_years)) if thin_years else "none") + ".") if not include_thin else "Every year counted (include_thin).",
             ""]
    rows = []
    windows = list(dict.fromkeys(per["window"]))
    for window in windows:
        w = per[per["window"] == window]
        row: dict[str, object] = {"period": window}
        if len(w):
            row["years"] = f"{int(w['first_year'].min())}-{int(w['last_year'].max())} ({int(w['n_years'].max())})"
        for pole in poles:
            r = w[w["pole"] == pole]
            row[f"distance {pole}"] = "n/a" if r.empty else format_estimate(r["distance"].iloc[0], r["ci_low"].iloc[0], r["ci_high"].iloc[0])
        rows.append(row)
    lines += ["Distance to each pole by period", pd.DataFrame(rows).to_string(index=False), ""]
    r_width = scale_width()
    idx = distance_indices(per, poles=poles, pair=pair, value_range=r_width, by="window")
    rows = []
    label = f"{pair[0]}|{pair[1]}"
    for window in windows:
        w = idx[idx["window"] == window]
        row = {"period": window}
        for index, heading in (("equidistance", f"equidistance {label}"), ("tilt", f"tilt {label}"), ("equidistance_k", "equidistance (all poles)")):
            v = w.loc[w["index"] == index, "value"]
            row[heading] = "n/a" if v.empty or pd.isna(v.iloc[0]) else format_estimate(v.iloc[0], signed=index == "tilt", digits=3)
        rows.append(row)
    lines += [f"Balancing indices on the period mean distances (range R = {r_width:.2f}, the width of the whole ideal-point scale; tilt > 0: closer to {pair[0]})",
              pd.DataFrame(rows).to_string(index=False), ""]
    wide = d.pivot_table(index="year", columns="pole", values=["distance", "ci_low", "ci_high"], observed=True)
    yearly = pd.DataFrame(index=wide.index)
    for pole in poles:
        if ("distance", pole) in wide:
            yearly[f"distance {pole}"] = [format_estimate(v, lo, hi) for v, lo, hi in zip(wide[("distance", pole)], wide[("ci_low", pole)], wide[("ci_high", pole)])]
    n = d.drop_duplicates("year").set_index("year")
    yearly["votes"] = n["n_votes"].reindex(yearly.index).astype("Int64")
    yearly["thin"] = d.groupby("year")["thin"].any().reindex(yearly.index).map({True: "yes", False: ""})
    yearly.index = yearly.index.astype(int)
    lines += ["Distance year by year (thin: fewer than " + f"{min_votes} votes; shown here, left out of the period means)", yearly.to_string(), ""]
    return lines
