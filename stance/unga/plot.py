"""Figure of a state's yearly UN voting agreement with the poles (needs the ``plot`` extra).

Examples
--------
>>> from stance.unga.plot import plot_unga_alignment
>>> fig = plot_unga_alignment("KAZ", years=(1992, 2019))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stance.unga.alignment import UNGA_POLES
from stance.unga.ip_alignment import MIN_VOTES


def plot_unga_alignment(actor: str, path: str | Path | None = None, *, poles: Sequence[str] = UNGA_POLES, measure: str = "agreement",
                        years: tuple[int, int] | None = None, include_thin: bool = False, min_votes: int = MIN_VOTES) -> Any:
    """Line plot of ``actor``'s yearly ``measure`` with each pole, from the shipped ``unga_alignment``.

    Parameters
    ----------
    actor : str
        UN actor id, e.g. ``"KAZ"``.
    path : str or Path, optional
        Save the figure there (PNG).
    poles, measure
        Which lines and which measure (see ``unga_alignment``).
    years : (first, last), optional
        Restrict the years (inclusive).
    include_thin : bool
        Keep years with fewer than ``min_votes`` shared roll calls (left out
        by default: no single-vote year in a plot).

    Returns
    -------
    matplotlib Figure
    """
    import stance
    from stance.balance.plot import plot_alignment
    from stance.errors import StanceError

    table = stance.load("unga_alignment")
    mine = table[(table["actor_id"] == actor) & (table["measure"] == measure) & table["pole"].isin(poles)]
    if years is not None:
        mine = mine[mine["year"].between(*years)]
    if not include_thin:
        mine = mine[mine["n_votes"] >= min_votes]
    if mine.empty:
        raise StanceError(f"No {measure!r} rows for {actor!r} in unga_alignment.", remedy="Use a UN member's alpha-3 id (e.g. KAZ) and a shipped measure (agreement, s_absolute, kappa, pi).")
    frame = mine.rename(columns={"actor_id": "actor", "year": "window", "n_votes": "n_items"}).astype({"actor": str, "pole": str, "measure": str})
    first, last = int(frame["window"].min()), int(frame["window"].max())
    title = f"{actor}: UN General Assembly voting {measure} with {', '.join(poles)}, {first}-{last}"
    fig = plot_alignment(frame.assign(window=frame["window"].astype(int)), actor=actor, measure=measure, title=title)
    if path is not None:
        fig.savefig(path, dpi=150, bbox_inches="tight")
    return fig


def plot_ideal_point_distances(actor: str, path: str | Path | None = None, *, poles: Sequence[str] = UNGA_POLES,
                               years: tuple[int, int] | None = None, include_thin: bool = False, min_votes: int = MIN_VOTES) -> Any:
    """Line plot of ``actor``'s yearly ideal-point distance to each pole (1946-2024), with the conservative 90% interval as a band.

    Thin years (fewer than ``min_votes`` votes behind an estimate) are left
    out unless ``include_thin``. Lower is closer.

    Examples
    --------
    >>> from stance.unga.plot import plot_ideal_point_distances
    >>> fig = plot_ideal_point_distances("KAZ")  # doctest: +SKIP
    """
    from stance.balance.plot import plot_alignment
    from stance.errors import StanceError
    from stance.unga.ip_alignment import ideal_point_distances

    d = ideal_point_distances(actor, poles=poles, years=years, min_votes=min_votes)
    if not include_thin:
        d = d[~d["thin"]]
    if d.empty:
        raise StanceError(f"No year with enough votes for {actor!r} and the poles.", remedy="Pass include_thin=True (CLI: --include-thin) or other years.")
    frame = d.rename(columns={"actor_id": "actor", "year": "window", "n_votes": "n_items"}).assign(measure="distance", value=d["distance"])
    frame["window"] = frame["window"].astype(int)
    first, last = int(frame["window"].min()), int(frame["window"].max())
    title = f"{actor}: ideal-point distance to {', '.join(poles)}, {first}-{last} (lower = closer; band: conservative 90% interval)"
    fig = plot_alignment(frame, actor=actor, measure="distance", title=title)
    if path is not None:
        fig.savefig(path, dpi=150, bbox_inches="tight")
    return fig
