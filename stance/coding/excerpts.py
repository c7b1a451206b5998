"""Check that every coding's evidence is really in its source.

Text codings: the excerpt must occur verbatim in the cited source text
after whitespace is collapsed (nothing else is forgiven), and the text file
must be the version the sources table records (sha256). UN-vote codings
(``source_id`` of kind ``dataset``): the locator names the roll call
(``rcid N``), the excerpt the vote (``vote: abstain (Kazakhstan)``), and the
vote must be the one recorded for the actor in the UN data, mapped to the
coded stance through the codebook and the event link's ``yes_means``.

The source texts are not shipped (they are not the project's to
redistribute); pass the folder that holds them, e.g. ``../shared/sources``.

Examples
--------
>>> from stance.coding.excerpts import normalise
>>> normalise("  a\\n  b\\tc ")
'a b c'
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from stance.data.codebook import load_codebook

_WS = re.compile(r"\s+")
_RCID = re.compile(r"^rcid (\d+)$")
_VOTE = re.compile(r"^vote: (yes|abstain|no) \((.+)\)$")
CHECK_COLUMNS = ["event_id", "actor_id", "coder_id", "source_id", "problem"]


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def _flip(stance: str) -> str:
    return {"support": "oppose", "oppose": "support"}.get(stance, stance)


def check_text_excerpts(codings: pd.DataFrame, sources: pd.DataFrame, sources_dir: Path) -> pd.DataFrame:
    """Problems with text excerpts (empty frame when all are found)."""
    problems = []
    texts: dict[str, str] = {}
    for s in sources.itertuples(index=False):
        if pd.isna(s.file_name):
            continue
        file = sources_dir / s.file_name
        if not file.is_file():
            problems.append({"event_id": None, "actor_id": None, "coder_id": None, "source_id": s.source_id,
                             "problem": f"source text {file} not found: pass the folder that holds the source texts"})
            continue
        raw = file.read_bytes()
        if pd.notna(s.text_sha256) and hashlib.sha256(raw).hexdigest() != s.text_sha256:
            problems.append({"event_id": None, "actor_id": None, "coder_id": None, "source_id": s.source_id,
                             "problem": f"{file} is not the version coded (sha256 differs from the sources table): recode or update the sources table"})
        texts[s.source_id] = normalise(raw.decode("utf-8"))
    file_sources = set(sources.loc[sources["file_name"].notna(), "source_id"])
    for c in codings[codings["source_id"].isin(file_sources)].itertuples(index=False):
        text = texts.get(c.source_id)
        if text is None:
            continue
        if normalise(str(c.excerpt)) not in text:
            problems.append({"event_id": c.event_id, "actor_id": c.actor_id, "coder_id": c.coder_id, "source_id": c.source_id,
                             "problem": f"excerpt not found verbatim in the source: {str(c.excerpt)[:80]!r}..."})
    return pd.DataFrame(problems, columns=CHECK_COLUMNS)


def check_vote_codings(codings: pd.DataFrame, sources: pd.DataFrame, actors: pd.DataFrame, links: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """Problems with UN-vote codings: wrong locator/excerpt form, a vote not in the data, a wrong mapping.

    ``votes`` is the ``unga_votes`` table (``stance.load("unga_votes")``);
    an actor's votes are found through its ``unga_country_code`` (the USSR
    and Russia share ``RU``).
    """
    mapping = load_codebook().unga_mapping
    dataset_sources = set(sources.loc[sources["kind"].astype(str) == "dataset", "source_id"])
    rows = codings[codings["source_id"].isin(dataset_sources)]
    problems = []
    parsed = []
    for c in rows.itertuples(index=False):
        m_rc, m_vote = _RCID.match(str(c.locator)), _VOTE.match(str(c.excerpt))
        if not (m_rc and m_vote):
            problems.append({"event_id": c.event_id, "actor_id": c.actor_id, "coder_id": c.coder_id, "source_id": c.source_id,
                             "problem": "a UN-vote coding needs locator 'rcid N' and excerpt 'vote: yes|abstain|no (Country)'"})
            continue
        parsed.append((c, int(m_rc.group(1)), m_vote.group(1)))
    if not parsed:
        return pd.DataFrame(problems, columns=CHECK_COLUMNS)
    votes = votes[votes["rcid"].isin({p[1] for p in parsed})].assign(country_code=lambda v: v["country_code"].astype("string"), vote=lambda v: v["vote"].astype(str))
    codes = actors.set_index("actor_id")["unga_country_code"]
    link = links.set_index(["event_id", "rcid"])["yes_means"].astype(str)
    for c, rcid, vote in parsed:
        base = {"event_id": c.event_id, "actor_id": c.actor_id, "coder_id": c.coder_id, "source_id": c.source_id}
        code = codes.get(c.actor_id)
        recorded = votes[(votes["rcid"] == rcid) & (votes["country_code"] == code)]["vote"].tolist()
        if recorded != [vote]:
            problems.append({**base, "problem": f"rcid {rcid}: the UN data record {recorded or 'no vote'} for {c.actor_id}, not {vote!r}"})
            continue
        if (c.event_id, rcid) not in link.index:
            problems.append({**base, "problem": f"rcid {rcid} is not linked to {c.event_id} in event_rollcalls"})
            continue
        expected = mapping[vote]
        if link[(c.event_id, rcid)] == "oppose":
            expected = _flip(expected)
        if str(c.stance) != expected:
            problems.append({**base, "problem": f"vote {vote!r} on rcid {rcid} maps to {expected!r} for this event, not {c.stance!r}"})
    return pd.DataFrame(problems, columns=CHECK_COLUMNS)


def check_evidence(sources_dir: Path) -> pd.DataFrame:
    """Check every shipped coding's evidence; return the problems (empty when all hold).

    Text excerpts are checked against the source texts in ``sources_dir``;
    UN-vote codings against the shipped ``unga_votes`` table.
    """
    import stance

    codings, sources = stance.load("codings"), stance.load("sources")
    frames = [check_text_excerpts(codings, sources, Path(sources_dir)),
              check_vote_codings(codings, sources, stance.load("actors"), stance.load("event_rollcalls"), stance.load("unga_votes", columns=["rcid", "country_code", "vote"]))]
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=CHECK_COLUMNS)
