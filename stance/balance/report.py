"""The balancing section of ``stance report --actor X``: alignments, equidistance, tilt and hedge share, overall and by period.

All figures come from the adjudicated ``stances`` and the ``events``
table, with 95% bootstrap intervals over events (fixed seed, so the report
is reproducible) and the counts behind each figure.

Examples
--------
>>> from stance.balance.report import balance_tables
>>> tables = balance_tables("KAZ", n_boot=0)
>>> sorted(tables)
['alignment', 'indices']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from stance._format import format_estimate as _fmt
from stance.balance.alignment import DEFAULT_POLES, alignment, lead_alignment
from stance.balance.events import with_event_time
from stance.balance.indices import balance, hedge_share

PAIR = ("USA", "RUS")
N_BOOT = 1000
SEED = 1


def _load(name: str) -> pd.DataFrame:
    import stance

    return stance.load(name)


def balance_tables(actor: str, *, poles: tuple[str, ...] = DEFAULT_POLES, pair: tuple[str, str] = PAIR, n_boot: int | None = None, seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The figures of the balancing section, overall (window ``"all"``) and by period.

    Returns
    -------
    dict
        ``"alignment"``: one row per window and pole, both senses with their
        intervals, counts and gaps; ``"indices"``: one row per window and
        index (equidistance, tilt, k-pole equidistance, hedge share), in both
        senses where they apply.
    """
    stances = _load("stances")
    events = _load("events")
    data = with_event_time(stances, events)
    boot = {"n_boot": N_BOOT if n_boot is None else n_boot, "seed": seed}
    parts_sim, parts_lead, parts_gap_sim, parts_gap_lead, parts_hedge = [], [], [], [], []
    for by in (None, "period_id"):
        parts_sim.append(balance(data, focal=actor, poles=poles, pair=pair, by=by, **boot))
        parts_lead.append(balance(data, focal=actor, poles=poles, pair=pair, sense="lead", events=events, by=by, **boot))
        parts_gap_sim.append(alignment(data, focal=actor, poles=poles, by=by))
        parts_gap_lead.append(lead_alignment(data, events, actor, poles, by=by))
        parts_hedge.append(hedge_share(data, actor, by=by, **boot))
    sim, lead = pd.concat(parts_sim, ignore_index=True), pd.concat(parts_lead, ignore_index=True)
    gaps_sim, gaps_lead = pd.concat(parts_gap_sim, ignore_index=True), pd.concat(parts_gap_lead, ignore_index=True)
    key = ["window", "pole"]

    def side(frame: pd.DataFrame, gaps: pd.DataFrame, tag: str) -> pd.DataFrame:
        rows = frame[frame["index"] == "alignment"].copy()
        rows["window"] = rows["window"].astype(object)
        g = gaps[key + ["n_missing"]].copy()
        g["window"] = g["window"].astype(object)
        rows = rows.merge(g, on=key, how="left")
        cols = {c: f"{tag}_{c}" for c in ("value", "ci_low", "ci_high", "n_items", "n_missing") if c in rows.columns}
        return rows[key + list(cols)].rename(columns=cols)

    align = side(sim, gaps_sim, "agreement").merge(side(lead, gaps_lead, "lead"), on=key, how="outer", sort=False)
    hedge = pd.concat(parts_hedge, ignore_index=True).assign(pole="-")
    idx_cols = ["window", "index", "pole", "value", "n_items"] + [c for c in ("ci_low", "ci_high") if c in sim.columns]
    sim_idx = sim[sim["index"] != "alignment"][idx_cols]
    lead_idx = lead[lead["index"] != "alignment"][idx_cols]
    indices = sim_idx.merge(lead_idx, on=["window", "index"], how="outer", suffixes=("_agreement", "_lead"), sort=False)
    hedge_rows = hedge[[c for c in ("window", "index", "pole", "value", "n_items", "ci_low", "ci_high") if c in hedge.columns]].rename(
        columns={c: f"{c}_agreement" for c in ("pole", "value", "n_items", "ci_low", "ci_high")})
    indices = pd.concat([indices, hedge_rows], ignore_index=True)
    periods = _load("periods").sort_values("start_year")["period_id"].astype(object).tolist()
    order = {w: i for i, w in enumerate(["all", *periods])}

    def window_rank(s: pd.Series) -> pd.Series:
        return s.map(lambda w: order.get(w, len(order)) if not pd.isna(w) else len(order) + 1)

    index_rank = {"equidistance": 0, "tilt": 1, "equidistance_k": 2, "hedge_share": 3}
    pole_rank = {p: i for i, p in enumerate(poles)}
    indices = indices.sort_values(["window", "index"], key=lambda s: window_rank(s) if s.name == "window" else s.map(index_rank), kind="stable")
    align = align.sort_values(["window", "pole"], key=lambda s: window_rank(s) if s.name == "window" else s.map(pole_rank), kind="stable")
    return {"alignment": align.reset_index(drop=True), "indices": indices.reset_index(drop=True)}


def _window_name(w: Any) -> str:
    return "no period" if w is None or w is pd.NA or (isinstance(w, float) and np.isnan(w)) else str(w)


def render_balance(actor: str, *, n_boot: int | None = None, seed: int = SEED) -> list[str]:
    """Lines of the balancing section of the actor report (``n_boot`` default: [`N_BOOT`][stance.balance.report.N_BOOT])."""
    n_boot = N_BOOT if n_boot is None else n_boot
    stances = _load("stances")
    if not (stances["actor_id"] == actor).any():
        return ["Balancing indices: no adjudicated stances for this actor, so no alignment can be computed."]
    t = balance_tables(actor, n_boot=n_boot, seed=seed)
    ci = f"95% bootstrap interval over events ({n_boot} resamples, seed {seed})" if n_boot else "no intervals"
    lines = [
        "Balancing between the poles (stance.balance; formulas in docs/balance.md)",
        f"  [CI]: {ci}; n = events behind the figure; gaps = events one side coded and the other did not (never filled in).",
        "  Alignment, sense 1 (agreement): share of agreement with the pole's own stance on the events both coded",
        "    (a hedge against a side counts half, as Voeten's UN agreement scores count an abstention).",
        "  Alignment, sense 2 (lead stance): mean stance toward the events the pole leads (support +1, hedge 0, oppose -1).",
        "",
    ]
    a = t["alignment"]
    rows = []
    for r in a.itertuples(index=False):
        rows.append({
            "window": _window_name(r.window), "pole": r.pole,
            "agreement [CI]": _fmt(r.agreement_value, getattr(r, "agreement_ci_low", None), getattr(r, "agreement_ci_high", None)),
            "n": _int(r.agreement_n_items), "gaps": _int(r.agreement_n_missing),
            "lead stance [CI]": _fmt(r.lead_value, getattr(r, "lead_ci_low", None), getattr(r, "lead_ci_high", None), signed=True),
            "n led": _int(r.lead_n_items), "gaps led": _int(r.lead_n_missing),
        })
    lines.append(pd.DataFrame(rows).to_string(index=False))
    lines.append("")
    lines.append("Balancing indices (the project's own proposals, not published measures):")
    lines.append(f"  equidistance = 1 - |a_{PAIR[0]} - a_{PAIR[1]}| / range (1 = balanced); tilt = (a_{PAIR[0]} - a_{PAIR[1]}) / range (+ = closer to {PAIR[0]});")
    lines.append("  equidistance_k = 1 - (max - min of the defined alignments) / range over the poles listed; hedge_share = hedges / all coded stances.")
    lines.append("")
    rows = []
    for r in t["indices"].itertuples(index=False):
        signed = r.index == "tilt"
        rows.append({
            "window": _window_name(r.window), "index": r.index, "poles": _poles_label(r.pole_agreement, getattr(r, "pole_lead", None)),
            "agreement sense [CI]": _fmt(r.value_agreement, getattr(r, "ci_low_agreement", None), getattr(r, "ci_high_agreement", None), signed=signed),
            "n": _int(r.n_items_agreement),
            "lead-stance sense [CI]": "-" if r.index == "hedge_share" else _fmt(r.value_lead, getattr(r, "ci_low_lead", None), getattr(r, "ci_high_lead", None), signed=signed),
            "n lead": "-" if r.index == "hedge_share" else _int(r.n_items_lead),
        })
    lines.append(pd.DataFrame(rows).to_string(index=False))
    lines.append("  n of an index = the smallest n among the alignments it uses; n/a = undefined (no shared event, or fewer than two poles).")
    return lines


def _poles_label(sim: Any, lead: Any) -> str:
    """The poles an index uses; the lead sense's set is added when it differs (k-pole form)."""
    sim_s = sim if isinstance(sim, str) and sim else "-"
    if isinstance(lead, str) and lead and lead != sim_s:
        return f"{sim_s} (lead: {lead})"
    return sim_s


def _int(x: Any) -> str:
    return "-" if x is None or pd.isna(x) else str(int(x))
