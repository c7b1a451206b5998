"""Replication check: Kazakhstan's UN voting is closest to China, then Russia, furthest from the USA.

Yuneman (2023, *Russia in Global Affairs* 21(2)) reports Kazakhstan's UN
General Assembly voting cohesion for 2007-2022 as highest with China, then
Russia, and lowest with the USA. The shipped votes end in January 2020, so
the check on votes covers 2007-2019; the ideal points (to 2024) cover
2007-2019 and Yuneman's whole 2007-2022. [`yuneman_check`][stance.unga.yuneman.yuneman_check] pools every roll call of
those years both states voted on and reports three measures, so that the
ordering does not hang on one definition of "cohesion": the share of
identical votes, Voeten's agreement rate (an abstention against a vote counts
half) and Häge's kappa. ``python -m stance.unga.yuneman`` prints the block
published in ``docs/unga.md`` (a test keeps it in sync).

Examples
--------
>>> from stance.unga.yuneman import yuneman_check
>>> table = yuneman_check()
>>> table["pole"].tolist()
['CHN', 'RUS', 'USA']
"""

from __future__ import annotations

import pandas as pd

FOCAL = "KAZ"
POLES = ("CHN", "RUS", "USA")
YEARS = (2007, 2019)
#: The ordering Yuneman (2023) reports, closest first.
PUBLISHED_ORDER = ("CHN", "RUS", "USA")


def _data() -> pd.DataFrame:
    import stance

    votes = stance.load("unga_votes", columns=["rcid", "actor_id", "stance"])
    calls = stance.load("unga_rollcalls", columns=["rcid", "year"])
    votes = votes[votes["actor_id"].isin({FOCAL, *POLES})]
    data = votes.merge(calls, on="rcid")
    data = data[data["year"].between(*YEARS)]
    return data.assign(actor_id=data["actor_id"].astype(str))


def yuneman_check(*, n_boot: int = 1000, seed: int = 1) -> pd.DataFrame:
    """Kazakhstan's similarity with China, Russia and the USA over 2007-2019, ranked by identical votes.

    Returns one row per pole: ``pole, n_votes, identical, identical_ci_low,
    identical_ci_high, agreement, kappa, rank`` (rank 1 = closest by the
    share of identical votes); intervals are 95% bootstrap intervals over
    roll calls.
    """
    from stance.balance import alignment

    data = _data()
    common = {"poles": POLES, "focal": FOCAL, "item": "rcid", "n_boot": n_boot, "seed": seed}
    identical = alignment(data, measures="agreement", half_credit=False, **common)
    agreement = alignment(data, measures="agreement", **common)
    kappa = alignment(data, measures="kappa", **common)
    out = pd.DataFrame({
        "pole": identical["pole"].astype(str).to_numpy(),
        "n_votes": identical["n_items"].to_numpy(),
        "identical": identical["value"].to_numpy(),
        "identical_ci_low": identical["ci_low"].to_numpy() if n_boot else float("nan"),
        "identical_ci_high": identical["ci_high"].to_numpy() if n_boot else float("nan"),
        "agreement": agreement["value"].to_numpy(),
        "kappa": kappa["value"].to_numpy(),
    })
    out = out.sort_values("identical", ascending=False, kind="stable").reset_index(drop=True)
    out["rank"] = range(1, len(out) + 1)
    return out


def yuneman_ideal_points() -> pd.DataFrame:
    """Kazakhstan's mean ideal-point distance to China, Russia and the USA over 2007-2019 (and 2007-2022, the years Yuneman covers), closest first.

    One row per pole and span: ``years, pole, distance, ci_low, ci_high,
    n_years, rank`` (means of the yearly distances and of their conservative
    90% bounds, [`stance.unga.ip_alignment`][stance.unga.ip_alignment]).
    """
    from stance.unga.ip_alignment import ideal_point_distances, period_means

    d = ideal_point_distances(FOCAL, poles=POLES)
    parts = []
    for first, last in (YEARS, (YEARS[0], 2022)):
        label = f"{first}-{last}"
        m = period_means(d, {y: label for y in range(first, last + 1)})
        m = m.sort_values("distance", kind="stable").reset_index(drop=True)
        m["rank"] = range(1, len(m) + 1)
        parts.append(m.rename(columns={"window": "years"})[["years", "pole", "distance", "ci_low", "ci_high", "n_years", "rank"]])
    return pd.concat(parts, ignore_index=True)


def yearly_closest() -> pd.DataFrame:
    """For each year 2007-2019, the pole with the highest agreement rate (shipped ``unga_alignment``)."""
    import stance

    table = stance.load("unga_alignment")
    mine = table[(table["actor_id"] == FOCAL) & (table["measure"] == "agreement") & table["pole"].isin(POLES) & table["year"].between(*YEARS)]
    wide = mine.pivot_table(index="year", columns="pole", values="value", observed=True).reindex(columns=list(POLES))
    order = wide.apply(lambda row: " > ".join(row.sort_values(ascending=False).index), axis=1)
    return pd.DataFrame({"year": wide.index.astype(int), "order": order.to_numpy()})


def render_markdown() -> str:
    """The generated block of ``docs/unga.md``."""
    table = yuneman_check()
    order = tuple(table["pole"])
    for measure in ("agreement", "kappa"):
        if tuple(table.sort_values(measure, ascending=False)["pole"]) != order:
            order_note = f" (by {measure} the order is {' > '.join(table.sort_values(measure, ascending=False)['pole'])})"
            break
    else:
        order_note = " (the same order by all three measures)"
    agrees = order == PUBLISHED_ORDER
    lines = [f"Kazakhstan (KAZ) with China, Russia and the USA, every roll call of {YEARS[0]}-{YEARS[1]} both voted on "
             f"(95% bootstrap interval over roll calls, 1,000 resamples, seed 1):", "",
             "| pole | roll calls | identical votes [95% CI] | agreement (Voeten) | kappa (Häge) | rank |", "| --- | --- | --- | --- | --- | --- |"]
    for r in table.itertuples(index=False):
        lines.append(f"| {r.pole} | {r.n_votes} | {r.identical:.3f} [{r.identical_ci_low:.3f}, {r.identical_ci_high:.3f}] | {r.agreement:.3f} | {r.kappa:.3f} | {r.rank} |")
    lines += ["", f"Order by identical votes: {' > '.join(order)}{order_note}. "
              + ("This **agrees** with Yuneman (2023): closest to China, then Russia, furthest from the USA."
                 if agrees else f"This **differs** from Yuneman (2023), who reports {' > '.join(PUBLISHED_ORDER)}."), ""]
    ip = yuneman_ideal_points()
    lines += ["On ideal points (Bailey, Strezhnev and Voeten, final-passage estimates; mean of the yearly distances, "
              "[mean conservative 90% bounds]; they also cover Yuneman's 2020-2022):", "",
              "| years | pole | mean distance [90%] | years counted | rank (1 = closest) |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {r.years} | {r.pole} | {r.distance:.2f} [{r.ci_low:.2f}, {r.ci_high:.2f}] | {r.n_years} | {r.rank} |" for r in ip.itertuples(index=False)]
    for span, g in ip.groupby("years", sort=False):
        ip_order = tuple(g.sort_values("rank")["pole"])
        lines += ["", f"{span} on ideal points: {' > '.join(ip_order)} (closest first); "
                  + ("the same order as Yuneman (2023)." if ip_order == PUBLISHED_ORDER else f"Yuneman (2023) reports {' > '.join(PUBLISHED_ORDER)}.")]
    lines += [""]
    years = yearly_closest()
    counts = years["order"].value_counts()
    lines += ["Year by year (agreement rate, shipped `unga_alignment`):", "", "| year | order, closest first |", "| --- | --- |"]
    lines += [f"| {r.year} | {r.order} |" for r in years.itertuples(index=False)]
    lines += ["", "Years with each order: " + "; ".join(f"{k}: {v}" for k, v in counts.items()) + "."]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(render_markdown())
