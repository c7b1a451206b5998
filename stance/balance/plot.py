"""Figures of an actor's alignments over time (needs the ``plot`` extra: matplotlib).

Examples
--------
>>> import pandas as pd
>>> from stance.balance.plot import plot_alignment
>>> frame = pd.DataFrame({"actor": "KAZ", "pole": ["USA", "USA", "RUS", "RUS"], "window": [2014, 2015] * 2,
...                       "measure": "agreement", "value": [0.4, 0.5, 0.8, 0.7], "n_items": 10})
>>> fig = plot_alignment(frame)  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import StanceError


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        raise StanceError("Plotting needs matplotlib, which is not installed.", remedy="pip install 'stance-coding[plot]'") from None
    return plt


def plot_alignment(frame: pd.DataFrame, path: str | Path | None = None, *, actor: Any = None, measure: str | None = None, ax: Any = None, title: str | None = None) -> Any:
    """Line plot of alignment per window, one line per pole, with bootstrap intervals when the frame has them.

    Parameters
    ----------
    frame : DataFrame
        Output of [`alignment`][stance.balance.alignment.alignment] / [`lead_alignment`][stance.balance.alignment.lead_alignment]
        (or the alignment rows of [`balance`][stance.balance.indices.balance], column ``index``).
    path : str or Path, optional
        Save the figure there (PNG by suffix).
    actor : optional
        The actor to plot (default: the only one in the frame).
    measure : str, optional
        The measure to plot (default: the only one in the frame).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Figure
    """
    plt = _pyplot()
    df = frame
    if "index" in df.columns and "measure" not in df.columns:
        df = df[df["index"] == "alignment"].assign(measure="alignment")
    actors = pd.unique(df["actor"]) if actor is None else [actor]
    if len(actors) != 1:
        raise StanceError(f"The frame holds {len(actors)} actors.", remedy="Pass actor= to choose one.")
    measures = pd.unique(df["measure"]) if measure is None else [measure]
    if len(measures) != 1:
        raise StanceError(f"The frame holds measures {list(measures)}.", remedy="Pass measure= to choose one.")
    df = df[(df["actor"] == actors[0]) & (df["measure"] == measures[0])]
    df = df[~df["window"].isna() & (df["window"].astype(str) != "all")]
    if df.empty:
        raise StanceError("Nothing to plot: no windows (by period, year or rolling) for this actor and measure.", remedy="Compute the alignment with by= (and rolling=).")
    windows = list(pd.unique(df["window"]))
    x = np.arange(len(windows))
    if ax is None:
        fig, ax = plt.subplots(figsize=(max(6.0, 0.35 * len(windows) + 3), 4.0))
    else:
        fig = ax.figure
    for pole, g in df.groupby("pole", sort=False):
        pos = pd.Index(windows).get_indexer(g["window"])
        line = ax.plot(x[pos], g["value"].to_numpy(dtype=float), marker="o", label=f"{pole}")[0]
        if {"ci_low", "ci_high"} <= set(g.columns):
            ax.fill_between(x[pos], g["ci_low"].to_numpy(dtype=float), g["ci_high"].to_numpy(dtype=float), alpha=0.15, color=line.get_color())
    ax.set_xticks(x)
    ax.set_xticklabels([str(w) for w in windows], rotation=45 if len(windows) > 6 else 0, ha="right" if len(windows) > 6 else "center")
    ax.set_ylabel(str(measures[0]))
    ax.set_title(title or f"{actors[0]}: alignment with each pole ({measures[0]})")
    ax.legend(title="pole", fontsize="small")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=120)
    return fig


def plot_actor(actor: str, path: str | Path, *, n_boot: int | None = None, seed: int = 1) -> Path:
    """The report figure: an actor's alignment with each pole by period, in both senses, saved to ``path``.

    Left: agreement with the pole's own stances; right: mean stance toward
    the events the pole leads. Shaded bands: 95% bootstrap intervals over
    events.
    """
    from stance.balance.report import balance_tables

    plt = _pyplot()
    table = balance_tables(actor, n_boot=n_boot, seed=seed)["alignment"]
    per = table[~table["window"].isna() & (table["window"] != "all")]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for ax, tag, label in ((axes[0], "agreement", "agreement with the pole's stances"), (axes[1], "lead", "mean stance toward events the pole leads")):
        cols = {f"{tag}_value": "value", f"{tag}_ci_low": "ci_low", f"{tag}_ci_high": "ci_high", f"{tag}_n_items": "n_items"}
        frame = per.rename(columns=cols)[["window", "pole", *[c for c in cols.values() if c in per.rename(columns=cols).columns]]].assign(actor=actor, measure=label)
        plot_alignment(frame, ax=ax, title=label)
        ax.set_ylim(*((-0.05, 1.05) if tag == "agreement" else (-1.1, 1.1)))
    fig.suptitle(f"{actor}: alignment with each pole by period (stance.balance)")
    fig.tight_layout()
    out = Path(path)
    try:
        fig.savefig(out, dpi=120)
    except OSError as exc:
        raise StanceError(f"Cannot write the figure to {out}: {exc.strerror}.", remedy="Give a writable path ending in .png.") from None
    plt.close(fig)
    return out
