"""Replication outputs 3 and 4, from the UN General Assembly layer.

Output 3: Kazakhstan's yearly voting agreement with the USA, Russia and China,
1992-2019 (from the shipped ``unga_alignment``), and a comparison with the
other Central Asian states (Kyrgyzstan, Tajikistan, Turkmenistan,
Uzbekistan) over all roll calls of 1992-2019.

Output 4: the post-Soviet states ranked per decade by equidistance between
the USA and Russia, and between the USA and China.

Definitions (``docs/balance.md``): the alignment of state A with pole P is
Voeten's agreement rate over the roll calls both voted on (same vote 1, one
abstention 1/2, yes against no 0; absences are not votes); the equidistance
between P1 and P2 is ``1 - |a_P1 - a_P2|`` (the agreement rate has range 1),
the tilt ``a_P1 - a_P2`` (positive = closer to P1), the k-pole equidistance
``1 - (max - min)`` over the three poles. Every figure is pooled over the
roll calls of its window (not an average of yearly values), with 95%
percentile bootstrap intervals over roll calls (stratified by window,
paired across poles, [`N_BOOT`][stance.replication.unga.N_BOOT] resamples, seed [`SEED`][stance.replication.unga.SEED]).

Examples
--------
>>> from stance.replication.unga import yearly_alignment
>>> kaz = yearly_alignment("KAZ")
>>> int(kaz["year"].min()), int(kaz["year"].max())
(1992, 2019)
>>> list(kaz.columns[:4])
['year', 'agreement_USA', 'agreement_RUS', 'agreement_CHN']
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from stance._format import format_estimate

#: The poles of the UN outputs (the EU casts no votes of its own).
POLES = ("USA", "RUS", "CHN")
#: The two pairs whose equidistance is reported: USA-Russia and USA-China.
PAIRS = (("USA", "RUS"), ("USA", "CHN"))
#: The measure of alignment: Voeten's agreement rate.
MEASURE = "agreement"
#: Years of the UN outputs: from the first full year after the USSR's dissolution to the last full year of the shipped votes.
YEARS = (1992, 2019)
#: Central Asian states, Kazakhstan first.
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
#: The 15 post-Soviet states (ISO 3166-1 alpha-3).
POST_SOVIET = ("ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB")
#: Decades of output 4 (the 1990s start in 1992, after the USSR's dissolution).
DECADES = {"1990s": (1992, 1999), "2000s": (2000, 2009), "2010s": (2010, 2019)}
#: Bootstrap resamples and seed of the intervals.
N_BOOT = 1000
SEED = 1


def yearly_alignment(actor: str = "KAZ", years: tuple[int, int] = YEARS) -> pd.DataFrame:
    """A state's yearly agreement with each pole from the shipped ``unga_alignment`` (one row per year).

    Columns ``year``, ``agreement_<pole>`` and ``n_votes_<pole>`` for each
    pole in [`POLES`][stance.replication.unga.POLES] (a year in which the state cast no vote has no row).
    """
    import stance

    table = stance.load("unga_alignment")
    mine = table[(table["actor_id"] == actor) & (table["measure"] == MEASURE) & table["year"].between(*years) & table["pole"].isin(POLES)]
    wide = mine.pivot(index="year", columns="pole", values=["value", "n_votes"])
    out = pd.DataFrame({"year": wide.index.astype(int)})
    for pole in POLES:
        out[f"agreement_{pole}"] = wide[("value", pole)].to_numpy(dtype=float)
    for pole in POLES:
        out[f"n_votes_{pole}"] = wide[("n_votes", pole)].astype("Int64").to_numpy()
    return out


def _votes(states: Sequence[str], windows: dict[str, tuple[int, int]]) -> pd.DataFrame:
    """Votes of ``states`` and the poles, with a ``window`` column; roll calls outside every window are left out."""
    import stance

    votes = stance.load("unga_votes", columns=["rcid", "actor_id", "stance"])
    rollcalls = stance.load("unga_rollcalls", columns=["rcid", "year"])
    votes = votes[votes["actor_id"].isin(set(states) | set(POLES))]
    data = votes.merge(rollcalls, on="rcid", how="left", validate="many_to_one")
    data["window"] = pd.NA
    for name, (first, last) in windows.items():
        data.loc[data["year"].between(first, last), "window"] = name
    data = data[data["window"].notna()].copy()
    data["actor_id"] = data["actor_id"].astype(str)
    data["window"] = data["window"].astype(str)
    return data[["rcid", "actor_id", "stance", "window"]].reset_index(drop=True)


def pole_balance(states: Sequence[str], windows: dict[str, tuple[int, int]], *, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """Alignment with each pole, equidistance and tilt for both [`PAIRS`][stance.replication.unga.PAIRS], and 3-pole equidistance, per state and window.

    Returns
    -------
    DataFrame
        Long: ``actor, window, index, pole, value, n_items, ci_low, ci_high``
        (``index`` one of alignment, equidistance, tilt, equidistance_k;
        ``pole`` the pole or the poles joined by ``|``).
    """
    from stance.balance import balance

    data = _votes(states, windows)
    parts = []
    for k, pair in enumerate(PAIRS):
        out = balance(data, focal=list(states), poles=POLES, pair=pair, measure=MEASURE, by="window", n_boot=n_boot, seed=seed,
                      item="rcid", actor="actor_id", value="stance")
        keep = ["equidistance", "tilt"] + (["alignment", "equidistance_k"] if k == 0 else [])
        parts.append(out[out["index"].isin(keep)])
    frame = pd.concat(parts, ignore_index=True)
    order = {"alignment": 0, "equidistance": 1, "tilt": 2, "equidistance_k": 3}
    pole_order = {p: i for i, p in enumerate([*POLES, *("|".join(p) for p in PAIRS)])}
    frame = frame.sort_values(["actor", "window", "index", "pole"], key=lambda s: s.map(order) if s.name == "index" else s.map(pole_order).fillna(99) if s.name == "pole" else s,
                              kind="stable")
    frame["actor"] = pd.Categorical(frame["actor"], categories=list(states))
    frame = frame.sort_values(["actor", "window"], kind="stable")
    frame["actor"] = frame["actor"].astype(str)
    return frame[["actor", "window", "index", "pole", "value", "n_items", "ci_low", "ci_high"]].reset_index(drop=True)


def _wide(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per actor and window; columns ``<index>_<poles>`` and its ``_ci_low``, ``_ci_high``, plus ``n_votes_<pole>``."""
    rows = []
    for (actor, window), g in frame.groupby(["actor", "window"], sort=False):
        row: dict[str, object] = {"actor_id": actor, "window": window}
        for r in g.itertuples(index=False):
            name = f"{r.index}_{str(r.pole).replace('|', '_')}" if r.index != "equidistance_k" else "equidistance_3poles"
            row[name], row[f"{name}_ci_low"], row[f"{name}_ci_high"] = r.value, r.ci_low, r.ci_high
            if r.index == "alignment":
                row[f"n_votes_{r.pole}"] = int(r.n_items)
        rows.append(row)
    out = pd.DataFrame(rows)
    for pole in POLES:
        out[f"n_votes_{pole}"] = out[f"n_votes_{pole}"].astype("Int64")
    return out.rename(columns={f"alignment_{p}": f"agreement_{p}" for p in POLES} | {f"alignment_{p}_ci_{s}": f"agreement_{p}_ci_{s}" for p in POLES for s in ("low", "high")})


def state_names(ids: Sequence[str]) -> dict[str, str]:
    """English names of UN actor ids, as the vote data record them (the latest name used)."""
    import stance

    votes = stance.load("unga_votes", columns=["rcid", "actor_id", "country"])
    votes = votes[votes["actor_id"].isin(ids)].sort_values("rcid", kind="stable")
    last = votes.drop_duplicates("actor_id", keep="last")
    return dict(zip(last["actor_id"].astype(str), last["country"].astype(str)))


def central_asia_comparison(*, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """The Central Asian states' agreement with each pole and their balancing indices over all roll calls of 1992-2019 (one row per state)."""
    wide = _wide(pole_balance(CENTRAL_ASIA, {f"{YEARS[0]}-{YEARS[1]}": YEARS}, n_boot=n_boot, seed=seed))
    names = state_names(CENTRAL_ASIA)
    wide.insert(1, "name", wide["actor_id"].map(names))
    return wide.rename(columns={"window": "years"})


def post_soviet_ranking(*, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """The post-Soviet states other than Russia ranked per decade by equidistance between the USA and Russia.

    One row per decade and state, sorted by decade and
    ``rank_USA_RUS`` (1 = most equidistant; ties share the better rank);
    ``rank_USA_CHN`` ranks the same states by equidistance between the USA
    and China. Russia is a pole, so it is not ranked.
    """
    focal = tuple(s for s in POST_SOVIET if s not in POLES)
    wide = _wide(pole_balance(focal, DECADES, n_boot=n_boot, seed=seed)).rename(columns={"window": "decade"})
    names = state_names(focal)
    wide.insert(1, "name", wide["actor_id"].map(names))
    for a, b in PAIRS:
        wide[f"rank_{a}_{b}"] = wide.groupby("decade")[f"equidistance_{a}_{b}"].rank(ascending=False, method="min").astype("Int64")
    decade_order = {d: i for i, d in enumerate(DECADES)}
    wide = wide.sort_values(["decade", "rank_USA_RUS", "actor_id"], key=lambda s: s.map(decade_order) if s.name == "decade" else s, kind="stable")
    first = ["decade", "rank_USA_RUS", "actor_id", "name", "equidistance_USA_RUS", "equidistance_USA_RUS_ci_low", "equidistance_USA_RUS_ci_high",
             "rank_USA_CHN", "equidistance_USA_CHN", "equidistance_USA_CHN_ci_low", "equidistance_USA_CHN_ci_high"]
    return wide[first + [c for c in wide.columns if c not in first]].reset_index(drop=True)


def _triple(frame: pd.DataFrame, name: str, signed: bool = False) -> list[str]:
    return [format_estimate(*v, signed=signed) for v in zip(frame[name], frame[f"{name}_ci_low"], frame[f"{name}_ci_high"])]


def yearly_markdown(table: pd.DataFrame) -> str:
    """Markdown of the yearly agreement table (output 3)."""
    from stance.replication._output import markdown_table

    show = pd.DataFrame({"year": table["year"]})
    for pole in POLES:
        show[f"agreement {pole}"] = table[f"agreement_{pole}"]
    for pole in POLES:
        show[f"votes {pole}"] = table[f"n_votes_{pole}"]
    return markdown_table(show) + "\n"


def central_asia_markdown(table: pd.DataFrame) -> str:
    """Markdown of the Central Asian comparison (output 3)."""
    from stance.replication._output import markdown_table

    show = pd.DataFrame({"state": table["name"] + " (" + table["actor_id"] + ")"})
    for pole in POLES:
        show[f"agreement {pole} [95% CI]"] = _triple(table, f"agreement_{pole}")
    show["votes (fewest with a pole)"] = table[[f"n_votes_{p}" for p in POLES]].min(axis=1)
    show["equidistance USA-RUS"] = _triple(table, "equidistance_USA_RUS")
    show["equidistance USA-CHN"] = _triple(table, "equidistance_USA_CHN")
    show["tilt USA-RUS"] = _triple(table, "tilt_USA_RUS", signed=True)
    show["equidistance 3 poles"] = _triple(table, "equidistance_3poles")
    return markdown_table(show) + "\n"


def ranking_markdown(table: pd.DataFrame) -> str:
    """Markdown of the post-Soviet ranking (output 4): one table per decade."""
    from stance.replication._output import markdown_table

    parts = []
    for decade, (first, last) in DECADES.items():
        d = table[table["decade"] == decade]
        show = pd.DataFrame({
            "rank": d["rank_USA_RUS"], "state": d["name"] + " (" + d["actor_id"] + ")",
            "equidistance USA-RUS [95% CI]": _triple(d, "equidistance_USA_RUS"),
            "tilt USA-RUS": _triple(d, "tilt_USA_RUS", signed=True),
            "equidistance USA-CHN [95% CI]": _triple(d, "equidistance_USA_CHN"),
            "rank USA-CHN": d["rank_USA_CHN"],
            "agreement USA / RUS / CHN": [f"{u:.2f} / {r:.2f} / {c:.2f}" for u, r, c in zip(d["agreement_USA"], d["agreement_RUS"], d["agreement_CHN"])],
            "votes": d[[f"n_votes_{p}" for p in POLES]].min(axis=1),
        })
        parts += [f"**{decade}** (roll calls of {first}-{last})", "", markdown_table(show), ""]
    return "\n".join(parts).rstrip() + "\n"
