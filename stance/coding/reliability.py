"""The reliability report of the shipped codings, and the external check against UN votes.

``stance reliability > docs/reliability.md``
regenerates the published report (a test keeps it in sync).

Examples
--------
>>> from stance.coding.reliability import pass_pairs
>>> pass_pairs()
(('llm-pass-a', 'llm-pass-b'),)
"""

from __future__ import annotations

import warnings

import pandas as pd

CELL = ["event_id", "actor_id"]


def pass_pairs() -> tuple[tuple[str, str], ...]:
    """The pairs of coders that made complete independent passes (from the ``coders`` table)."""
    import stance

    coders = stance.load("coders")
    passes = sorted(c for c in coders["coder_id"] if c.startswith("llm-pass-"))
    return tuple((passes[i], passes[i + 1]) for i in range(0, len(passes) - 1, 2))


def _subsets(codings: pd.DataFrame, sources: pd.DataFrame) -> dict[str, pd.DataFrame]:
    dataset = set(sources.loc[sources["kind"].astype(str) == "dataset", "source_id"])
    by_vote = codings["source_id"].isin(dataset)
    return {"all codings": codings, "text-based codings": codings[~by_vote], "UN-vote codings": codings[by_vote]}


def coefficient_table(codings: pd.DataFrame) -> pd.DataFrame:
    """Agreement coefficients for each subset (all, text-based, UN-vote) with the cell counts."""
    import stance
    from stance.agreement import agreement_report

    rows = []
    for label, subset in _subsets(codings, stance.load("sources")).items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            report = agreement_report(subset, ci=True, n_boot=1000, seed=20261124)
        report.insert(0, "subset", label)
        rows.append(report)
    return pd.concat(rows, ignore_index=True)


def unitizing(codings: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Cells coded by only one of two passes (a disagreement about whether the sources speak)."""
    cells = codings[codings["coder_id"].isin([a, b])].groupby(CELL, observed=True)["coder_id"].agg(lambda s: ",".join(sorted(s))).reset_index()
    return cells[~cells["coder_id"].str.contains(",")].rename(columns={"coder_id": "coded_only_by"}).reset_index(drop=True)


def unga_comparison(votes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Adjudicated stances of events linked to a roll call against each actor's recorded vote.

    The vote is mapped through the codebook (``[unga]``) and the link's
    ``yes_means``. Returns one row per adjudicated cell of a linked event
    whose actor has a UN country code: ``event_id, actor_id, rcid, vote,
    vote_stance, stance, evidence`` (text or UN vote: a stance coded from the
    vote itself agrees by construction) and ``match``. ``votes`` defaults to
    the shipped ``unga_votes`` table; actors are matched to it through
    ``actors.unga_country_code``.
    """
    import stance
    from stance.data.codebook import load_codebook

    mapping = load_codebook().unga_mapping
    links = stance.load("event_rollcalls")
    actors = stance.load("actors")[["actor_id", "unga_country_code"]].dropna()
    stances = stance.load("stances").merge(links[["event_id", "rcid", "yes_means"]], on="event_id")
    stances = stances.merge(actors, on="actor_id")
    if votes is None:
        votes = stance.load("unga_votes", columns=["rcid", "country_code", "vote"])
    votes = votes[votes["rcid"].isin(set(links["rcid"]))]
    votes = pd.DataFrame({"rcid": votes["rcid"].astype("int64"), "country_code": votes["country_code"].astype("string"), "vote": votes["vote"].astype(str)})
    merged = stances.assign(rcid=stances["rcid"].astype("int64")).merge(votes, left_on=["rcid", "unga_country_code"], right_on=["rcid", "country_code"], how="left")
    flip = {"support": "oppose", "oppose": "support"}
    vote_stance = merged["vote"].map(mapping)
    reversed_ = merged["yes_means"].astype(str) == "oppose"
    merged["vote_stance"] = vote_stance.where(~reversed_, vote_stance.map(lambda s: flip.get(s, s)))
    codings = stance.load("codings")
    dataset = set(stance.load("sources").query("kind == 'dataset'")["source_id"])
    by_vote = codings.assign(v=codings["source_id"].isin(dataset)).groupby(CELL, observed=True)["v"].all().rename("from_vote").reset_index()
    merged = merged.merge(by_vote, on=CELL, how="left")
    merged["evidence"] = merged["from_vote"].map({True: "UN vote", False: "text"})
    merged["vote"] = merged["vote"].replace("", pd.NA).fillna("no vote recorded")
    merged["stance"] = merged["stance"].astype(str)
    merged["match"] = merged["stance"] == merged["vote_stance"]
    cols = ["event_id", "actor_id", "rcid", "vote", "vote_stance", "stance", "evidence", "match"]
    return merged[cols].sort_values(["event_id", "actor_id"]).reset_index(drop=True)


def _md(df: pd.DataFrame) -> str:
    header = "| " + " | ".join(map(str, df.columns)) + " |"
    sep = "| " + " | ".join("---" for _ in df.columns) + " |"
    body = ["| " + " | ".join("" if pd.isna(v) else (f"{v:.3f}" if isinstance(v, float) else str(v)) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([header, sep, *body])


def render_markdown() -> str:
    """The reliability page (``docs/reliability.md``), with the check against the shipped UN votes."""
    import stance
    from stance.agreement import confusion_matrix, per_category_agreement
    from stance.data.loading import data_version

    codings = stance.load("codings")
    coders = stance.load("coders")
    cells = codings.groupby(CELL, observed=True).ngroups
    lines = ["# Reliability of the coded data", "",
             f"Data version {data_version()}, codebook version {stance.load_codebook().version}. "
             "Regenerate with `stance reliability > docs/reliability.md`.", "",
             "## How the passes were made", ""]
    for c in coders.itertuples(index=False):
        lines.append(f"- **`{c.coder_id}`** ({c.kind}, {c.coded_on:%Y-%m-%d}): {c.description} Read: {c.sources_seen} Blind to: {c.blind_to}")
    lines += ["",
              "**What these figures can and cannot show.** Both full passes were made by instances of the same large "
              "language model, given the same codebook and instructions. Their agreement measures how reproducibly "
              "that model applies the codebook to these sources; it is not evidence of agreement between human coders, "
              "who would be expected to disagree more. UN-vote codings are read off a record and agree by construction; "
              "the text-based rows are the informative ones. A human coding pass is the next step (see CHANGELOG).", "",
              f"## Coefficients ({len(codings)} codings, {cells} cells, {codings['coder_id'].nunique()} coders)", "",
              "95% bootstrap intervals over cells (1,000 resamples, seed 20261124); NaN where a coefficient is undefined.", ""]
    table = coefficient_table(codings)
    show = table[["subset", "method", "estimate", "ci_low", "ci_high", "n_units", "n_coders", "n_pairable", "n_excluded"]]
    lines += [_md(show), ""]
    for a, b in pass_pairs():
        pair = codings[codings["coder_id"].isin([a, b])]
        from stance.agreement import agreement_report

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pair_table = agreement_report(pair, ci=True, n_boot=1000, seed=20261124)
        lines += [f"## Pass `{a}` against pass `{b}`", "", "Coefficients over the cells both passes coded (incl. Cohen's kappa):", "",
                  _md(pair_table[["method", "estimate", "ci_low", "ci_high", "n_units", "n_pairable", "n_excluded"]]), "", "Confusion matrix (rows: first pass; columns: second pass) over the cells both coded:", ""]
        cm = confusion_matrix(pair, a, b)
        lines += [_md(cm.reset_index().rename(columns={cm.index.name or "index": "stance"})), "", "Per-category agreement:", ""]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lines += [_md(per_category_agreement(pair)), ""]
        only = unitizing(codings, a, b)
        lines += [f"Cells coded by one pass only (unitizing disagreement): {len(only)}.", ""]
        if len(only):
            lines += [_md(only), "", "Each was then given, as a bare cell id, to a blind supplementary coder for the other pass (see the coders above).", ""]
    comp = unga_comparison()
    text = comp[comp["evidence"] == "text"]
    lines += ["## External validation against UN General Assembly votes", "",
              "For every event linked to a roll call, the adjudicated stance of each coded state against its recorded vote, "
              "mapped through the codebook (yes -> support, abstain -> hedge, no -> oppose) and reversed where a yes vote opposes the event. "
              "Computed from the shipped `unga_votes` table, not typed in. Stances coded from the vote itself match by construction; "
              f"of the {len(text)} stances coded from texts, {int(text['match'].sum())} match the vote.", "",
              _md(comp), ""]
    mismatches = comp[~comp["match"]]
    if len(mismatches):
        lines += ["Mismatches and their explanation:", ""]
        for r in mismatches.itertuples(index=False):
            lines.append(f"- `{r.event_id}` x `{r.actor_id}`: coded {r.stance} from the {r.evidence}; the vote on rcid {r.rcid} ({r.vote}) maps to {r.vote_stance}. "
                         + _EXPLANATIONS.get((r.event_id, r.actor_id), "No explanation recorded yet."))
        lines.append("")
    return "\n".join(lines)


#: Why a text-based stance and a linked vote differ (written by the adjudicator, checked to exist by a test).
_EXPLANATIONS = {
    ("abkhazia-south-ossetia-independence-2008", "KAZ"): "The text records Kazakhstan's refusal to recognise the two regions, grounded in territorial integrity (oppose the separation); the linked 2010 resolution is a proxy about refugees, on which Kazakhstan abstained. The stance coded is the one the text gives on recognition itself; the vote is kept as a second channel and the difference is reported, not reconciled.",
}
