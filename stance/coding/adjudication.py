"""From coders' codings to one adjudicated stance per cell.

A cell (event x actor) is ``agreed`` when at least ``min_codings`` coders
coded it and all gave the same stance. Every other cell needs an
adjudicator's decision (a row of the decisions table: ``event_id, actor_id,
stance, note``), and becomes ``adjudicated``. A decision with an empty stance
leaves the cell uncoded (the evidence was judged insufficient); its note
says why. Every decision needs a note.

Examples
--------
>>> import pandas as pd
>>> from stance.coding.adjudication import build_stances
>>> codings = pd.DataFrame({
...     "event_id": ["e", "e", "f", "f"], "actor_id": ["KAZ"] * 4,
...     "coder_id": ["a", "b", "a", "b"],
...     "stance": ["hedge", "hedge", "support", "hedge"]})
>>> decisions = pd.DataFrame({"event_id": ["f"], "actor_id": ["KAZ"],
...     "stance": ["hedge"], "note": ["The refused base outweighs the words (R1)."]})
>>> stances, problems = build_stances(codings, decisions)
>>> stances[["event_id", "stance", "method", "n_codings"]].to_dict("records")
[{'event_id': 'e', 'stance': 'hedge', 'method': 'agreed', 'n_codings': 2}, {'event_id': 'f', 'stance': 'hedge', 'method': 'adjudicated', 'n_codings': 2}]
>>> len(problems)
0
"""

from __future__ import annotations

import pandas as pd

from stance.data.schemas import PROBLEM_COLUMNS, stance_dtype

CELL = ["event_id", "actor_id"]


def cell_summary(codings: pd.DataFrame) -> pd.DataFrame:
    """One row per coded cell: number of codings, distinct stances, and each coder's stance.

    Returns columns ``event_id, actor_id, n_codings, n_distinct, stances``
    (``stances`` is ``"coder=stance; ..."`` sorted by coder).
    """
    c = codings.assign(stance=codings["stance"].astype("string")).sort_values(CELL + ["coder_id"], kind="stable")
    grouped = c.groupby(CELL, sort=True, observed=True)
    out = grouped.agg(n_codings=("stance", "size"), n_distinct=("stance", "nunique")).reset_index()
    labels = (c["coder_id"].astype("string") + "=" + c["stance"].fillna("(missing)")).fillna("(missing)").groupby([c["event_id"], c["actor_id"]], sort=True, observed=True).agg("; ".join)
    out["stances"] = labels.to_numpy()
    return out


def disagreements(codings: pd.DataFrame, *, min_codings: int = 2) -> pd.DataFrame:
    """The cells that need a decision: coders differ, or fewer than ``min_codings`` coded it.

    Returns the codings of those cells, one row per coding, sorted by cell and
    coder, with a ``reason`` column (``"coders differ"`` or ``"coded by N
    coder(s) only"``) so an adjudicator can read them side by side.
    """
    summary = cell_summary(codings)
    need = summary[(summary["n_distinct"] > 1) | (summary["n_codings"] < min_codings)].copy()
    need["reason"] = need["n_codings"].map(lambda n: f"coded by {n} coder(s) only").where(need["n_distinct"] == 1, "coders differ")
    rows = codings.merge(need[CELL + ["reason"]], on=CELL, how="inner")
    return rows.sort_values(CELL + ["coder_id"], kind="stable").reset_index(drop=True)


#: Columns of each coder's block in :func:`side_by_side`.
SIDE_BY_SIDE_FIELDS = ("coder_id", "stance", "confidence", "source_id", "locator", "excerpt", "rationale")


def side_by_side(rows: pd.DataFrame) -> pd.DataFrame:
    """The adjudicator's sheet: one row per cell, blank decision columns, each coder's coding side by side.

    Parameters
    ----------
    rows : DataFrame
        Output of :func:`disagreements` (one row per coding, with ``reason``).

    Returns
    -------
    DataFrame
        ``event_id, actor_id, reason, stance, note``, then for the k-th coder
        of the cell (coders sorted by id) ``coder_id_k, stance_k,
        confidence_k, source_id_k, locator_k, excerpt_k, rationale_k``
        (those present in ``rows``). ``stance`` and ``note`` are empty: the
        adjudicator fills them in, and the sheet is then the decisions file
        of :func:`build_stances`.

    Examples
    --------
    >>> rows = pd.DataFrame({"event_id": ["f", "f"], "actor_id": ["KAZ", "KAZ"], "coder_id": ["a", "b"],
    ...                      "stance": ["support", "hedge"], "reason": ["coders differ"] * 2})
    >>> side_by_side(rows).to_dict("records")
    [{'event_id': 'f', 'actor_id': 'KAZ', 'reason': 'coders differ', 'stance': None, 'note': None, 'coder_id_1': 'a', 'stance_1': 'support', 'coder_id_2': 'b', 'stance_2': 'hedge'}]
    """
    fields = [f for f in SIDE_BY_SIDE_FIELDS if f in rows.columns]
    cells = rows[CELL + ["reason"]].drop_duplicates(CELL).reset_index(drop=True)
    out = cells.assign(stance=None, note=None).astype(object)
    if rows.empty:
        return out
    ordered = rows.sort_values(CELL + ["coder_id"], kind="stable").astype({f: object for f in fields})
    k = ordered.groupby(CELL, sort=False).cumcount() + 1
    wide = ordered.assign(k_=k).pivot(index=CELL, columns="k_", values=fields)
    wide.columns = [f"{field}_{n}" for field, n in wide.columns]
    order = [f"{field}_{n}" for n in range(1, int(k.max()) + 1) for field in fields]
    wide = wide[order].reset_index()
    out = out.merge(wide, on=CELL, how="left")
    return out.astype(object).where(out.notna(), None)


def build_stances(codings: pd.DataFrame, decisions: pd.DataFrame | None = None, *, min_codings: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Build the ``stances`` table from codings and the adjudicator's decisions.

    Parameters
    ----------
    codings : DataFrame
        ``event_id, actor_id, coder_id, stance`` (other columns ignored).
    decisions : DataFrame, optional
        ``event_id, actor_id, stance, note``; ``stance`` empty means "leave uncoded".
    min_codings : int
        Fewest codings for a cell to count as agreed without a decision.

    Returns
    -------
    stances : DataFrame
        ``event_id, actor_id, stance, method, n_codings, note``, sorted by cell.
    problems : DataFrame
        Cells that need a decision and have none, decisions without a note,
        decisions for cells nobody coded (``table, row, column, value, problem``;
        ``row`` is the 0-based decision row, or empty for a missing decision).
    """
    if decisions is None:
        decisions = pd.DataFrame(columns=CELL + ["stance", "note"])
    summary = cell_summary(codings)
    first = codings.assign(stance=codings["stance"].astype("string")).sort_values(CELL + ["coder_id"], kind="stable").groupby(CELL, sort=True, observed=True)["stance"].first().reset_index()
    summary = summary.merge(first, on=CELL)
    dec = decisions.reset_index(drop=True).assign(row_=lambda d: range(len(d)))
    problems: list[dict[str, object]] = []

    dup = dec[dec.duplicated(CELL, keep=False)]
    for r in dup.itertuples():
        problems.append({"table": "decisions", "row": r.row_, "column": "event_id,actor_id", "value": f"{r.event_id} x {r.actor_id}",
                         "problem": "more than one decision for this cell: keep one"})
    note_missing = dec["note"].fillna("").astype(str).str.strip() == ""
    for r in dec[note_missing].itertuples():
        problems.append({"table": "decisions", "row": r.row_, "column": "note", "value": None,
                         "problem": "every decision needs a note giving the reason: write it"})
    merged = summary.merge(dec.drop_duplicates(CELL), on=CELL, how="outer", suffixes=("", "_decided"), indicator=True)
    for r in merged[merged["_merge"] == "right_only"].itertuples():
        problems.append({"table": "decisions", "row": int(r.row_), "column": "event_id,actor_id", "value": f"{r.event_id} x {r.actor_id}",
                         "problem": "no coding exists for this cell: check the ids or code the cell first"})
    merged = merged[merged["_merge"] != "right_only"]
    needs = (merged["n_distinct"] > 1) | (merged["n_codings"] < min_codings)
    undecided = merged[needs & (merged["_merge"] == "left_only")]
    for r in undecided.itertuples():
        problems.append({"table": "decisions", "row": None, "column": "event_id,actor_id", "value": f"{r.event_id} x {r.actor_id}",
                         "problem": f"needs a decision ({r.stances}): write its stance (blank to leave the cell uncoded) and a note in the decisions file"})

    decided = merged["_merge"] == "both"
    stance = merged["stance"].where(~decided, merged["stance_decided"])
    keep = ~(decided & stance.isna())
    out = pd.DataFrame({
        "event_id": merged["event_id"].astype(pd.StringDtype()),
        "actor_id": merged["actor_id"].astype(pd.StringDtype()),
        "stance": pd.Categorical(stance.where(stance.isin(list(stance_dtype().categories))), dtype=stance_dtype()),  # a wrong label becomes missing: the schema rejects it
        "method": pd.Categorical(decided.map({True: "adjudicated", False: "agreed"})),
        "n_codings": merged["n_codings"].astype("Int64"),
        "note": merged["note"].astype(pd.StringDtype()) if "note" in merged else pd.array([pd.NA] * len(merged), dtype=pd.StringDtype()),
    })[keep & ~(needs & ~decided)]
    out["method"] = pd.Categorical(out["method"].astype(str), categories=_method_ids())
    out = out.sort_values(CELL, kind="stable").reset_index(drop=True)
    return out, pd.DataFrame(problems, columns=PROBLEM_COLUMNS)


def _method_ids() -> list[str]:
    from stance.data.codebook import load_codebook

    return list(load_codebook().adjudication_method_ids)
