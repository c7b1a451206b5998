r"""Alignment in ideal-point space: a state's distance to each pole per year, with an interval, and balancing indices on distances.

Ideal points (Bailey, Strezhnev and Voeten 2017) place every state on one
dimension per year from its UN votes, estimated jointly with the votes'
positions, so that a change of agenda (more Middle East votes, say) does
not move a state the way it moves raw agreement rates. The distance of
state A to pole P in year t is $d = |\theta_{A,t} - \theta_{P,t}|$
(final-passage estimate ``ideal_point_fp`` by default).

**Interval.** The shipped posterior quantiles give each ideal point a 90%
interval $[q_5, q_{95}]$. The interval of a distance is the range of
$|x - y|$ over every $x$ in A's interval and $y$ in P's:
``ci_low = max(0, q5_A - q95_P, q5_P - q95_A)``, ``ci_high = max(q95_A -
q5_P, q95_P - q5_A)``. It is conservative: whenever both ideal points lie in
their 90% intervals the distance lies in it, so with independent posteriors
it covers the distance at least 81% of the time, in practice more (the
posterior draws themselves are not shipped).

**Balancing indices** are those of [`stance.balance`][stance.balance]
([`balancing_indices`][stance.balance.indices.balancing_indices]) applied to closeness
$-d$ with the range $R$ = the width of the whole ideal-point
scale ([`scale_width`][stance.unga.ip_alignment.scale_width]: max - min of every estimate 1946-2024):
tilt $= (d_{P2} - d_{P1})/R$ (> 0: closer to P1), equidistance
$= 1 - |d_{P1} - d_{P2}|/R$, k-pole equidistance
$= 1 - (\max_P d_P - \min_P d_P)/R$.

**Thin years.** A year in which the state or a pole cast fewer than
[`MIN_VOTES`][stance.unga.ip_alignment.MIN_VOTES] votes behind its estimate is flagged (``thin``) and left
out of period means and figures unless ``include_thin=True``.

Examples
--------
>>> from stance.unga.ip_alignment import ideal_point_distances
>>> d = ideal_point_distances("KAZ", years=(2022, 2022))
>>> d["pole"].tolist()
['USA', 'RUS', 'CHN']
>>> bool((d["ci_low"] <= d["distance"]).all() and (d["distance"] <= d["ci_high"]).all())
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from stance.errors import StanceError

POLES = ("USA", "RUS", "CHN")
#: Fewest votes behind a yearly estimate (or a yearly agreement rate) for it to enter figures and period means.
MIN_VOTES = 10
ESTIMATES = ("fp", "all")


def _load(estimate: str) -> pd.DataFrame:
    import stance

    if estimate not in ESTIMATES:
        raise StanceError(f"estimate={estimate!r} is not an ideal-point estimate.", remedy="Use 'fp' (final-passage votes, the default) or 'all' (all votes).")
    cols = ["actor_id", "year", f"ideal_point_{estimate}", f"n_votes_{estimate}", f"q05_{estimate}", f"q95_{estimate}"]
    table = stance.load("unga_ideal_points", columns=cols)
    table = table.dropna(subset=[f"ideal_point_{estimate}"])
    return table.rename(columns={f"ideal_point_{estimate}": "theta", f"n_votes_{estimate}": "n", f"q05_{estimate}": "lo", f"q95_{estimate}": "hi"})


def scale_width(estimate: str = "fp") -> float:
    """Width of the ideal-point scale: max - min of every shipped estimate (the range R of the balancing indices)."""
    t = _load(estimate)["theta"]
    return float(t.max() - t.min())


def ideal_point_distances(focal: str | Sequence[str] | None = None, *, poles: Sequence[str] = POLES, years: tuple[int, int] | None = None,
                          estimate: str = "fp", min_votes: int = MIN_VOTES) -> pd.DataFrame:
    """Distance of each focal state to each pole per year, with its interval.

    Parameters
    ----------
    focal : str or list of str, optional
        Actor ids (default: every state with ideal points).
    poles : sequence of str
        Actor ids of the poles (default USA, RUS, CHN).
    years : (first, last), optional
        Inclusive year range (default: all, 1946-2024).
    estimate : {"fp", "all"}
        Final-passage votes (default) or all votes.
    min_votes : int
        Years in which the state or the pole has fewer votes behind its
        estimate are flagged ``thin``.

    Returns
    -------
    DataFrame
        ``actor_id, year, pole, distance, ci_low, ci_high, n_votes,
        n_votes_pole, thin``; one row per state, year and pole both have an
        estimate for (no row otherwise: missing is never 0), ordered by
        actor, year and pole (in ``poles`` order).
    """
    table = _load(estimate)
    ids = set(table["actor_id"].cat.categories)
    missing_poles = [p for p in poles if p not in ids]
    if missing_poles:
        raise StanceError(f"No ideal points for pole(s) {', '.join(missing_poles)}.", remedy="Use UN member ids with ideal points, e.g. USA, RUS, CHN.")
    if years is not None:
        lo, hi = int(table["year"].min()), int(table["year"].max())
        if years[1] < lo or years[0] > hi or years[0] > years[1]:
            raise StanceError(f"Years {years[0]}-{years[1]} are outside the ideal points' coverage ({lo}-{hi}).", remedy=f"Pick years within {lo}-{hi}.")
        table = table[table["year"].between(*years)]
    if focal is not None:
        wanted = [focal] if isinstance(focal, str) else list(focal)
        unknown = [f for f in wanted if f not in ids]
        if unknown:
            raise StanceError(f"No ideal points for actor id(s) {', '.join(unknown)}.", remedy="Use a UN member's id as in unga_ideal_points.actor_id (stance.country() finds it from a name or code).")
        states = table[table["actor_id"].isin(wanted)]
    else:
        states = table
    frames = []
    for k, pole in enumerate(poles):
        p = table[table["actor_id"] == pole][["year", "theta", "n", "lo", "hi"]]
        m = states.merge(p, on="year", suffixes=("", "_p"))
        m = m[m["actor_id"].astype(str) != pole]
        d = np.abs(m["theta"].to_numpy() - m["theta_p"].to_numpy())
        low = np.maximum.reduce([np.zeros(len(m)), (m["lo"] - m["hi_p"]).to_numpy(), (m["lo_p"] - m["hi"]).to_numpy()])
        high = np.maximum((m["hi"] - m["lo_p"]).to_numpy(), (m["hi_p"] - m["lo"]).to_numpy())
        frames.append(pd.DataFrame({"actor_id": m["actor_id"].astype(str).to_numpy(), "year": m["year"].to_numpy(), "pole": pole, "_k": k,
                                    "distance": d, "ci_low": low, "ci_high": high,
                                    "n_votes": m["n"].to_numpy(), "n_votes_pole": m["n_p"].to_numpy()}))
    out = pd.concat(frames, ignore_index=True)
    if out.empty:
        raise StanceError("No state-year has ideal points for both the state and a pole in the range asked.", remedy="Widen the years or check the ids.")
    out["thin"] = (out["n_votes"].fillna(0) < min_votes) | (out["n_votes_pole"].fillna(0) < min_votes)
    out = out.sort_values(["actor_id", "year", "_k"], kind="stable").drop(columns="_k").reset_index(drop=True)
    out["year"] = out["year"].astype("Int64")
    out["n_votes"] = out["n_votes"].astype("Int64")
    out["n_votes_pole"] = out["n_votes_pole"].astype("Int64")
    return out


def distance_indices(distances: pd.DataFrame, *, poles: Sequence[str] = POLES, pair: Sequence[str] = ("USA", "RUS"), value_range: float | None = None,
                     by: str = "year") -> pd.DataFrame:
    """Equidistance, k-pole equidistance and tilt on distances (via [`stance.balance.balancing_indices`][stance.balance.indices.balancing_indices]).

    ``distances`` is a frame of [`ideal_point_distances`][stance.unga.ip_alignment.ideal_point_distances] (or its period
    means, with ``by`` naming the window column). Returns ``actor, pole,
    window, index, value, n_items``.
    """
    from stance.balance import balancing_indices

    r = scale_width() if value_range is None else value_range
    frame = pd.DataFrame({"actor": distances["actor_id"].astype(str).to_numpy(), "pole": distances["pole"].astype(str).to_numpy(),
                          "window": distances[by].to_numpy(), "measure": "closeness", "value": -distances["distance"].to_numpy(dtype=float),
                          "n_items": distances["n_votes"].fillna(0).astype(int).to_numpy()})
    return balancing_indices(frame, poles=tuple(poles), pair=tuple(pair), measure="closeness", value_range=r)


def period_means(distances: pd.DataFrame, windows: dict[int, str], *, include_thin: bool = False) -> pd.DataFrame:
    """Mean distance (and mean interval bounds) per state, pole and window; thin years left out unless ``include_thin``.

    ``windows`` maps a year to its window label (years not in it are left
    out). Returns ``actor_id, window, pole, distance, ci_low, ci_high,
    n_years, first_year, last_year, n_votes`` (votes summed over the years).
    """
    d = distances if include_thin else distances[~distances["thin"]]
    d = d.assign(window=d["year"].astype(int).map(windows)).dropna(subset=["window"])
    g = d.groupby(["actor_id", "window", "pole"], sort=False)
    out = g.agg(distance=("distance", "mean"), ci_low=("ci_low", "mean"), ci_high=("ci_high", "mean"), n_years=("year", "size"),
                first_year=("year", "min"), last_year=("year", "max"), n_votes=("n_votes", "sum")).reset_index()
    return out
