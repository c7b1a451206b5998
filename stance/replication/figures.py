"""Figures of the replication outputs (needs the ``plot`` extra: matplotlib).

Examples
--------
>>> from stance.replication.figures import plot_central_asia
>>> fig = plot_central_asia("ca.png")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: Resolution of every replication figure.
DPI = 120


def save(fig: Any, path: Path) -> Path:
    """Save ``fig`` as PNG without a software-version stamp (so the file depends only on the figure), then close it."""
    from stance.balance.plot import _pyplot

    fig.savefig(path, dpi=DPI, metadata={"Software": None})
    _pyplot().close(fig)
    return path


def plot_kazakhstan_unga(path: Path) -> Path:
    """Kazakhstan's yearly UN voting agreement with the USA, Russia and China, 1992-2019 ([`stance.unga.plot.plot_unga_alignment`][stance.unga.plot.plot_unga_alignment])."""
    from stance.replication.unga import MEASURE, POLES, YEARS
    from stance.unga.plot import plot_unga_alignment

    fig = plot_unga_alignment("KAZ", None, poles=POLES, measure=MEASURE, years=YEARS)
    ax = fig.axes[0]
    ax.set_ylim(0, 1)
    ax.set_ylabel("agreement rate (same vote 1, one abstention 1/2)")
    ax.set_xlabel("year")
    return save(fig, path)


def plot_central_asia(path: Path) -> Path:
    """Yearly UN voting agreement of the five Central Asian states with each pole, 1992-2019: one panel per pole, one line per state."""
    from stance.balance.plot import _pyplot
    from stance.replication.unga import CENTRAL_ASIA, POLES, YEARS, state_names, yearly_alignment

    plt = _pyplot()
    names = state_names(CENTRAL_ASIA)
    fig, axes = plt.subplots(1, len(POLES), figsize=(13, 4.2), sharey=True)
    pole_names = {"USA": "the USA", "RUS": "Russia", "CHN": "China"}
    styles = ["-", "--", "-.", ":", (0, (5, 1))]
    for state, style in zip(CENTRAL_ASIA, styles):
        table = yearly_alignment(state, YEARS)
        for ax, pole in zip(axes, POLES):
            ax.plot(table["year"], table[f"agreement_{pole}"], linestyle=style, linewidth=2.2 if state == "KAZ" else 1.3,
                    marker="o" if state == "KAZ" else None, markersize=3, label=f"{names.get(state, state)} ({state})")
    for ax, pole in zip(axes, POLES):
        ax.set_title(f"agreement with {pole_names.get(pole, pole)}")
        ax.set_xlabel("year")
        ax.set_ylim(0, 1)
        ax.set_xlim(YEARS[0] - 0.5, YEARS[1] + 0.5)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("agreement rate (same vote 1, one abstention 1/2)")
    axes[-1].legend(fontsize="small", loc="lower right")
    fig.suptitle(f"Central Asian states: UN General Assembly voting agreement with the USA, Russia and China, {YEARS[0]}-{YEARS[1]}")
    fig.tight_layout()
    return save(fig, path)


def plot_kazakhstan_balance(path: Path, *, n_boot: int, seed: int) -> Path:
    """Kazakhstan's alignment with each pole by period from the coded events ([`stance.balance.plot.plot_actor`][stance.balance.plot.plot_actor])."""
    from stance.balance.plot import plot_actor

    return plot_actor("KAZ", path, n_boot=n_boot, seed=seed)
