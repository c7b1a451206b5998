"""pandera schemas of the shipped tables, with categories taken from the codebook.

One ``DataFrameModel`` per table. Allowed values (stance categories,
confidence levels, adjudication methods and the controlled vocabularies) are
read from ``codebook/codebook.toml`` when this module is imported; nothing
here lists them again. Validation is lazy: [`validate_table`][stance.data.schemas.validate_table] and
[`validate_dataset`][stance.data.schemas.validate_dataset] return every problem at once as a table with the
columns ``table, row, column, value, problem``.

Examples
--------
>>> from stance.data.schemas import SCHEMAS, stance_dtype
>>> sorted(SCHEMAS)[:3]
['actors', 'coders', 'codings']
>>> list(stance_dtype().categories)
['oppose', 'hedge', 'support', 'neutral']
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from stance.data.codebook import load_codebook

_CB = load_codebook()
_VOCAB = _CB.vocabularies

#: Actor ids: ISO 3166-1 alpha-3 for states, ISO 3166-3 for former states,
#: documented upper-case acronyms (2-8 letters) for organisations and non-state actors.
ACTOR_ID_PATTERN = r"^[A-Z]{2,8}$"
#: Slug ids of events, sources, coders and periods.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: A ';'-separated list of actor ids (may be empty when no lead actor is recorded).
ACTOR_LIST_PATTERN = r"^[A-Z]{2,8}(?:;[A-Z]{2,8})*$"
SLUG_LIST_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:;[a-z0-9]+(?:-[a-z0-9]+)*)*$"


def _categorical(values: tuple[str, ...] | list[str], *, ordered: bool, description: str, nullable: bool = False) -> object:
    return pa.Field(
        dtype_kwargs={"categories": list(values), "ordered": ordered},
        nullable=nullable,
        description=description,
    )


def stance_dtype() -> pd.CategoricalDtype:
    """Ordered categorical dtype of the ``stance`` column (codebook order).

    The ordinal categories come first, low to high, then the residual
    category neutral, which the codebook excludes from ordinal measures: do
    not compare neutral with ``<``.
    """
    return pd.CategoricalDtype(list(_CB.category_ids), ordered=True)


def confidence_dtype() -> pd.CategoricalDtype:
    """Ordered categorical dtype of ``confidence`` (low < medium < high)."""
    return pd.CategoricalDtype(list(reversed(_CB.confidence_ids)), ordered=True)


class Actors(pa.DataFrameModel):
    """States, former states, organisations and non-state actors."""

    actor_id: Series[pd.StringDtype] = pa.Field(unique=True, str_matches=ACTOR_ID_PATTERN, description="ISO 3166-1 alpha-3 code for states (ISO 3166-3 for former states such as SUN, the USSR); documented upper-case acronym for organisations (EU, NATO, CSTO, SCO, CIS, UNSC) and non-state actors (ALQAEDA).")
    name: Series[pd.StringDtype] = pa.Field(description="English short name.")
    actor_type: Series[pd.CategoricalDtype] = _categorical(_VOCAB["actor_type"], ordered=False, description="Kind of actor.")
    role: Series[pd.CategoricalDtype] = _categorical(_VOCAB["actor_role"], ordered=False, description="The project's classification: great power (USA, Russia/USSR, China), middle power (Kazakhstan), other state, alliance, regional organisation, UN organ, non-state armed group.")
    region: Series[pd.StringDtype] = pa.Field(description="World region.")
    iso_alpha2: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code (ISO 3166-3 for former states); empty for organisations.")
    cow_code: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, le=999, description="Correlates of War state number; empty for organisations.")
    cow_abbr: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=r"^[A-Z]{3}$", description="Correlates of War state abbreviation (countries table); empty for organisations.")
    gw_code: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, le=999, description="Gleditsch-Ward state number (countries table); empty for organisations.")
    unga_country_code: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=r"^[A-Z]{2}$", description="Code of the state in the UN General Assembly vote data (alpha-2). Empty for the USSR (SUN): the vote data record it under RU, which is Russia's (RUS) throughout the UN layer (data/src/unga_id_rules.csv).")
    note: Series[pd.StringDtype] = pa.Field(nullable=True, description="Remarks, e.g. the USSR/Russia continuity rule.")

    class Config:
        strict = True
        coerce = False


class Periods(pa.DataFrameModel):
    """The periods that events are grouped into."""

    period_id: Series[pd.StringDtype] = pa.Field(unique=True, str_matches=r"^\d{4}-\d{4}$", description="Period id, 'YYYY-YYYY'.")
    label: Series[pd.StringDtype] = pa.Field(description="Short name of the period.")
    start_year: Series[pd.Int64Dtype] = pa.Field(ge=1945, le=2100, description="First year of the period.")
    end_year: Series[pd.Int64Dtype] = pa.Field(ge=1945, le=2100, description="Last year of the period.")
    basis: Series[pd.StringDtype] = pa.Field(description="Why the period starts and ends where it does (with its source).")

    @pa.dataframe_check(error="start_year must not be after end_year: swap or fix the years.")
    def _ordered_years(cls, df: pd.DataFrame) -> Series[bool]:
        return df["start_year"] <= df["end_year"]

    class Config:
        strict = True


class Events(pa.DataFrameModel):
    """International events toward which stances are coded."""

    event_id: Series[pd.StringDtype] = pa.Field(unique=True, str_matches=SLUG_PATTERN, description="Slug id of the event.")
    title: Series[pd.StringDtype] = pa.Field(description="Short title.")
    start_date: Series[pa.DateTime] = pa.Field(nullable=True, description="First day of the event at the stated precision (1 January for a year, the first of the month for a month); empty when the sources give no date.")
    end_date: Series[pa.DateTime] = pa.Field(nullable=True, description="Last day at the stated precision; empty when open-ended or undated.")
    date_precision: Series[pd.CategoricalDtype] = _categorical(_VOCAB["date_precision"], ordered=False, description="How precisely the sources date the event: day, month, year, period (a span such as 2003-2005) or unknown.")
    date_note: Series[pd.StringDtype] = pa.Field(nullable=True, description="Where the date comes from.")
    period_id: Series[pd.StringDtype] = pa.Field(nullable=True, description="Period of the event (see the periods table); empty when undated.")
    lead_actor_ids: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=ACTOR_LIST_PATTERN, description="';'-separated ids of the lead actor(s); empty when the sources name none (e.g. popular uprisings).")
    domain: Series[pd.CategoricalDtype] = _categorical(_VOCAB["domain"], ordered=False, description="Policy domain of the event.")
    description: Series[pd.StringDtype] = pa.Field(description="One or two sentences in the project's own words.")
    source_ids: Series[pd.StringDtype] = pa.Field(str_matches=SLUG_LIST_PATTERN, description="';'-separated ids of the sources that discuss the event.")
    unga_rcids: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=r"^\d+(?:;\d+)*$", description="';'-separated UN General Assembly roll-call ids linked to the event (derived from event_rollcalls).")

    @pa.dataframe_check(error="end_date is before start_date: fix the dates.")
    def _ordered_dates(cls, df: pd.DataFrame) -> Series[bool]:
        return df["end_date"].isna() | df["start_date"].isna() | (df["start_date"] <= df["end_date"])

    @pa.dataframe_check(error="An event with date_precision 'unknown' must have no dates and no period; any other precision needs a start_date.")
    def _precision_matches_dates(cls, df: pd.DataFrame) -> Series[bool]:
        unknown = df["date_precision"].astype("string") == "unknown"
        return (unknown & df["start_date"].isna() & df["period_id"].isna()) | (~unknown & df["start_date"].notna())

    class Config:
        strict = True


class EventRollcalls(pa.DataFrameModel):
    """Links between events and UN General Assembly roll calls."""

    event_id: Series[pd.StringDtype] = pa.Field(description="Event id.")
    rcid: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Roll-call id in the UN vote data.")
    unres: Series[pd.StringDtype] = pa.Field(description="Resolution symbol as in the UN vote data.")
    yes_means: Series[pd.CategoricalDtype] = _categorical(_VOCAB["yes_means"], ordered=False, description="What a yes vote means for the event: support, or oppose (then a yes maps to oppose and a no to support).")
    note: Series[pd.StringDtype] = pa.Field(description="What the resolution is and why it bears on the event.")

    class Config:
        strict = True
        unique = ["event_id", "rcid"]


class Sources(pa.DataFrameModel):
    """Documents that codings cite."""

    source_id: Series[pd.StringDtype] = pa.Field(unique=True, str_matches=SLUG_PATTERN, description="Slug id of the source.")
    citation: Series[pd.StringDtype] = pa.Field(description="Full citation.")
    kind: Series[pd.CategoricalDtype] = _categorical(_VOCAB["source_kind"], ordered=False, description="Kind of document.")
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, le=2100, description="Publication year (approximate where the citation says c.).")
    file_name: Series[pd.StringDtype] = pa.Field(nullable=True, description="File name of the text in the project's source collection (shared/sources); empty for datasets.")
    text_sha256: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=r"^[0-9a-f]{64}$", description="sha256 of that text file, so that excerpts are checked against the exact version coded.")
    where_to_find: Series[pd.StringDtype] = pa.Field(description="Where a reader finds the document.")
    note: Series[pd.StringDtype] = pa.Field(nullable=True, description="Remarks for coders and readers.")

    class Config:
        strict = True


class Coders(pa.DataFrameModel):
    """Who or what made each coding pass, from which sources, blind to what."""

    coder_id: Series[pd.StringDtype] = pa.Field(unique=True, str_matches=SLUG_PATTERN, description="Coder id as used in codings.")
    kind: Series[pd.CategoricalDtype] = _categorical(_VOCAB["coder_kind"], ordered=False, description="llm_agent, human, or record (codings read off a record such as a UN roll call).")
    description: Series[pd.StringDtype] = pa.Field(description="Who or what coded, truthfully.")
    sources_seen: Series[pd.StringDtype] = pa.Field(description="What the coder was given to read.")
    blind_to: Series[pd.StringDtype] = pa.Field(description="What the coder did not see.")
    coded_on: Series[pa.DateTime] = pa.Field(description="Date of the pass.")

    class Config:
        strict = True


class Codings(pa.DataFrameModel):
    """One row per event x actor x coder: a coder's stance with its evidence."""

    event_id: Series[pd.StringDtype] = pa.Field(str_matches=SLUG_PATTERN, description="Event id (events table).")
    actor_id: Series[pd.StringDtype] = pa.Field(str_matches=ACTOR_ID_PATTERN, description="Actor id (actors table).")
    coder_id: Series[pd.StringDtype] = pa.Field(str_matches=SLUG_PATTERN, description="Coder id (coders table).")
    stance: Series[pd.CategoricalDtype] = _categorical(_CB.category_ids, ordered=True, description="Stance category from the codebook. Never missing: a cell without evidence has no row.")
    confidence: Series[pd.CategoricalDtype] = _categorical(tuple(reversed(_CB.confidence_ids)), ordered=True, description="Coder's confidence (codebook levels).")
    source_id: Series[pd.StringDtype] = pa.Field(str_matches=SLUG_PATTERN, description="Source id (sources table).")
    locator: Series[pd.StringDtype] = pa.Field(str_length={"min_value": 1}, description="Where in the source: section heading and position, or 'rcid N' for a UN roll call.")
    excerpt: Series[pd.StringDtype] = pa.Field(str_length={"min_value": 1, "max_value": _CB.excerpt_max_chars}, description=f"Verbatim evidence excerpt of at most {_CB.excerpt_max_chars} characters (for UN votes: the recorded vote).")
    rationale: Series[pd.StringDtype] = pa.Field(str_length={"min_value": 1}, description="Why the evidence gives this category, in the coder's words.")
    coded_on: Series[pa.DateTime] = pa.Field(description="Date the coding was made.")

    class Config:
        strict = True
        unique = ["event_id", "actor_id", "coder_id"]


class Stances(pa.DataFrameModel):
    """One adjudicated stance per coded event x actor cell."""

    event_id: Series[pd.StringDtype] = pa.Field(str_matches=SLUG_PATTERN, description="Event id.")
    actor_id: Series[pd.StringDtype] = pa.Field(str_matches=ACTOR_ID_PATTERN, description="Actor id.")
    stance: Series[pd.CategoricalDtype] = _categorical(_CB.category_ids, ordered=True, description="Adjudicated stance (codebook category).")
    method: Series[pd.CategoricalDtype] = _categorical(_CB.adjudication_method_ids, ordered=False, description="How the stance was reached: agreed (all coders gave it) or adjudicated (decided by an adjudicator).")
    n_codings: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Number of codings behind the stance.")
    note: Series[pd.StringDtype] = pa.Field(nullable=True, description="Adjudication note: the reason for the decision (required when method is adjudicated).")

    @pa.dataframe_check(error="An adjudicated stance needs a note giving the reason for the decision: write one in the note column.")
    def _note_when_adjudicated(cls, df: pd.DataFrame) -> Series[bool]:
        adjudicated = df["method"].astype("string") == "adjudicated"
        has_note = df["note"].fillna("").str.strip().str.len() > 0
        return ~adjudicated | has_note

    class Config:
        strict = True
        unique = ["event_id", "actor_id"]


#: The six issue topics of the UN roll-call issue file (Voeten, Strezhnev and Bailey).
UNGA_ISSUES = (
    "Arms control and disarmament",
    "Colonialism",
    "Economic development",
    "Human rights",
    "Nuclear weapons and nuclear material",
    "Palestinian conflict",
)
#: Recorded UN votes, in the order of the codebook's ``[unga]`` mapping.
UNGA_VOTES = tuple(_CB.unga_mapping)


def _ids_match(series: pd.Series, pattern: str) -> bool:
    """Check a categorical id column through its categories (fast on 870,109 rows)."""
    return bool(series.cat.categories.astype("string").str.fullmatch(pattern).all())


class UngaVotes(pa.DataFrameModel):
    """UN General Assembly roll-call votes 1946-2019 as stance data (one row per roll call x voting state)."""

    rcid: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Roll-call id (unga_rollcalls).")
    actor_id: Series[pd.CategoricalDtype] = pa.Field(description="Actor id: ISO 3166-1 alpha-3; ISO 3166-3 for former states (CSK, DDR, YMD, YUG); COW abbreviations GFR, YAR and ZAN for the three states the source gives no code. RUS covers the USSR and the Russian Federation (the source's continuity); YUG runs from the SFR Yugoslavia to Serbia; TWN is the Republic of China in China's seat until 1971.")
    country_code: Series[pd.CategoricalDtype] = pa.Field(nullable=True, description="Code as in the source (ISO 3166-1 alpha-2; ISO 3166-3 alpha-2 for former states; empty for GFR, YAR, ZAN).")
    country: Series[pd.CategoricalDtype] = pa.Field(description="Country name as in the source.")
    vote: Series[pd.CategoricalDtype] = _categorical(UNGA_VOTES, ordered=False, description="Recorded vote. Absence and non-membership are not recorded (no row), and never mean neutral.")
    stance: Series[pd.CategoricalDtype] = _categorical(_CB.category_ids, ordered=True, description="The vote mapped through the codebook: yes -> support, abstain -> hedge, no -> oppose.")

    @pa.dataframe_check(error="actor_id must be an upper-case id of 2-8 letters (see data/src/unga_countries.csv).")
    def _actor_ids(cls, df: pd.DataFrame) -> bool:
        return _ids_match(df["actor_id"], ACTOR_ID_PATTERN[1:-1])

    @pa.dataframe_check(error="stance must be the codebook's mapping of vote ([unga] in codebook.toml): rebuild the table.")
    def _stance_is_mapped_vote(cls, df: pd.DataFrame) -> Series[bool]:
        return df["vote"].astype("string").map(_CB.unga_mapping).astype("string") == df["stance"].astype("string")

    class Config:
        strict = True
        unique = ["rcid", "actor_id"]


class UngaRollcalls(pa.DataFrameModel):
    """UN General Assembly roll calls 1946-2019: session, date, resolution and flags."""

    rcid: Series[pd.Int64Dtype] = pa.Field(unique=True, ge=1, description="Roll-call id.")
    session: Series[pd.Int64Dtype] = pa.Field(ge=1, le=100, description="General Assembly session (1 = 1946).")
    date: Series[pa.DateTime] = pa.Field(description="Date of the vote.")
    year: Series[pd.Int64Dtype] = pa.Field(ge=1946, le=2100, description="Calendar year of the vote (from date).")
    unres: Series[pd.StringDtype] = pa.Field(nullable=True, description="Resolution symbol as in the source (e.g. R/68/262 for A/RES/68/262); empty when the source has none.")
    amend: Series[pd.BooleanDtype] = pa.Field(nullable=True, description="Vote on an amendment (empty when the source does not say).")
    para: Series[pd.BooleanDtype] = pa.Field(nullable=True, description="Vote on a paragraph (empty when the source does not say).")
    importantvote: Series[pd.BooleanDtype] = pa.Field(nullable=True, description="Classified by the US State Department as an important vote (recorded from 1983; empty before).")
    short: Series[pd.StringDtype] = pa.Field(nullable=True, description="Short title as in the source.")
    descr: Series[pd.StringDtype] = pa.Field(nullable=True, description="Description as in the source.")

    @pa.dataframe_check(error="year must be the year of date: rebuild the table.")
    def _year_of_date(cls, df: pd.DataFrame) -> Series[bool]:
        return df["date"].dt.year == df["year"]

    class Config:
        strict = True


class UngaIssues(pa.DataFrameModel):
    """Issue topics of UN roll calls (long: a roll call can have several)."""

    rcid: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Roll-call id.")
    short_name: Series[pd.CategoricalDtype] = _categorical(("co", "di", "ec", "hr", "me", "nu"), ordered=False, description="Two-letter topic code as in the source.")
    issue: Series[pd.CategoricalDtype] = _categorical(UNGA_ISSUES, ordered=False, description="Issue topic.")

    class Config:
        strict = True
        unique = ["rcid", "issue"]


class UngaAlignment(pa.DataFrameModel):
    """Alignment of every UN member with each pole by year, from the UN votes (derived by the build)."""

    actor_id: Series[pd.CategoricalDtype] = pa.Field(description="Voting state (unga_votes actor id).")
    year: Series[pd.Int64Dtype] = pa.Field(ge=1946, le=2100, description="Calendar year of the roll calls.")
    pole: Series[pd.CategoricalDtype] = pa.Field(description="The great power compared with (default poles USA, RUS, CHN).")
    measure: Series[pd.CategoricalDtype] = pa.Field(description="Similarity measure (see docs/balance.md): agreement (Voeten half credit for abstentions), s_absolute, kappa and pi (Häge).")
    value: Series[float] = pa.Field(nullable=True, description="The measure over the roll calls both voted on in the year; empty when undefined (e.g. kappa with a single category).")
    n_votes: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Roll calls of the year on which both the state and the pole voted.")

    class Config:
        strict = True
        unique = ["actor_id", "year", "pole", "measure"]


class Countries(pa.DataFrameModel):
    """Every state of the package (actors, UN votes, ideal points) with its ISO, Correlates of War and Gleditsch-Ward codes."""

    actor_id: Series[pd.StringDtype] = pa.Field(unique=True, str_matches=ACTOR_ID_PATTERN, description="The package's id of the state (ISO 3166-1 alpha-3; ISO 3166-3 for former states; COW abbreviation GFR, YAR, ZAN where ISO has no code).")
    name: Series[pd.StringDtype] = pa.Field(description="English short name.")
    iso_alpha3: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 (ISO 3166-3 for former states); empty where ISO gives none.")
    iso_alpha2: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 (ISO 3166-3 for former states; CS is both Czechoslovakia and Serbia and Montenegro).")
    iso_numeric: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=r"^\d{3}$", description="ISO 3166 numeric code (three digits).")
    iso_part: Series[pd.StringDtype] = pa.Field(nullable=True, isin=["3166-1", "3166-3"], description="ISO 3166 part the codes come from: 3166-1 (current) or 3166-3 (former).")
    cow_code: Series[pd.Int64Dtype] = pa.Field(ge=1, le=999, description="Correlates of War state number (365 is the USSR and Russia; 345 Yugoslavia, Serbia and Montenegro and Serbia).")
    cow_abbr: Series[pd.StringDtype] = pa.Field(str_matches=r"^[A-Z]{3}$", description="Correlates of War state abbreviation.")
    gw_code: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, le=999, description="Gleditsch-Ward state number; empty for the microstates outside the Gleditsch-Ward list.")
    gw_abbr: Series[pd.StringDtype] = pa.Field(nullable=True, str_matches=r"^[A-Z]{3}$", description="Gleditsch-Ward abbreviation.")
    first_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1800, le=2100, description="First year of a former state (empty for states that exist today).")
    last_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1800, le=2100, description="Last year of a former state (empty for states that exist today).")
    aliases: Series[pd.StringDtype] = pa.Field(nullable=True, description="';'-separated other names (the UN vote data's, ISO's) understood by stance.country().")
    note: Series[pd.StringDtype] = pa.Field(nullable=True, description="Why a code departs from the code lists, and the id rules that touch the state.")

    class Config:
        strict = True
        coerce = False


class UngaIdealPoints(pa.DataFrameModel):
    """Bailey-Strezhnev-Voeten ideal points of every UN member by year, 1946-2024 (July 2025 release)."""

    actor_id: Series[pd.CategoricalDtype] = pa.Field(description="State (unga_votes actor id; data/src/unga_id_rules.csv for West Germany, the Yemens, Yugoslavia and the USSR).")
    year: Series[pd.Int64Dtype] = pa.Field(ge=1946, le=2100, description="Year of the votes (the legacy estimate: session + 1945).")
    cow_code: Series[pd.Int64Dtype] = pa.Field(ge=1, le=999, description="Correlates of War code of the source row.")
    ideal_point_fp: Series[float] = pa.Field(nullable=True, description="Ideal point from final-passage votes (higher: closer to the US-led liberal order).")
    ideal_point_all: Series[float] = pa.Field(nullable=True, description="Ideal point from all votes, paragraphs and amendments included.")
    ideal_point_legacy: Series[float] = pa.Field(nullable=True, description="The older session-based estimate (year = session + 1945).")
    n_votes_fp: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Votes behind ideal_point_fp.")
    n_votes_all: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Votes behind ideal_point_all.")
    n_votes_legacy: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Votes behind ideal_point_legacy.")
    q00_fp: Series[float] = pa.Field(nullable=True, description="0% posterior quantile of ideal_point_fp.")
    q05_fp: Series[float] = pa.Field(nullable=True, description="5% posterior quantile of ideal_point_fp.")
    q10_fp: Series[float] = pa.Field(nullable=True, description="10% posterior quantile of ideal_point_fp.")
    q50_fp: Series[float] = pa.Field(nullable=True, description="50% posterior quantile of ideal_point_fp.")
    q90_fp: Series[float] = pa.Field(nullable=True, description="90% posterior quantile of ideal_point_fp.")
    q95_fp: Series[float] = pa.Field(nullable=True, description="95% posterior quantile of ideal_point_fp.")
    q100_fp: Series[float] = pa.Field(nullable=True, description="100% posterior quantile of ideal_point_fp.")
    q00_all: Series[float] = pa.Field(nullable=True, description="0% posterior quantile of ideal_point_all.")
    q05_all: Series[float] = pa.Field(nullable=True, description="5% posterior quantile of ideal_point_all.")
    q10_all: Series[float] = pa.Field(nullable=True, description="10% posterior quantile of ideal_point_all.")
    q50_all: Series[float] = pa.Field(nullable=True, description="50% posterior quantile of ideal_point_all.")
    q90_all: Series[float] = pa.Field(nullable=True, description="90% posterior quantile of ideal_point_all.")
    q95_all: Series[float] = pa.Field(nullable=True, description="95% posterior quantile of ideal_point_all.")
    q100_all: Series[float] = pa.Field(nullable=True, description="100% posterior quantile of ideal_point_all.")

    @pa.dataframe_check(error="actor_id must be an upper-case id of 2-8 letters.")
    def _actor_ids(cls, df: pd.DataFrame) -> bool:
        return _ids_match(df["actor_id"], ACTOR_ID_PATTERN[1:-1])

    @pa.dataframe_check(error="the 5% and 95% quantiles must bracket the median of the same estimate.")
    def _quantiles_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        ok = pd.Series(True, index=df.index)
        for s in ("fp", "all"):
            q = df[[f"q05_{s}", f"q50_{s}", f"q95_{s}"]]
            ok &= q.isna().any(axis=1) | ((q[f"q05_{s}"] <= q[f"q50_{s}"]) & (q[f"q50_{s}"] <= q[f"q95_{s}"]))
        return ok

    class Config:
        strict = True
        unique = ["actor_id", "year"]


class UngaIdealPointsIssue(pa.DataFrameModel):
    """Issue-specific ideal points of every UN member by session 1-74 (all, important, human rights, Middle East, nuclear, non-nuclear votes; April 2020 release)."""

    actor_id: Series[pd.CategoricalDtype] = pa.Field(description="State (unga_votes actor id; same id rules as unga_ideal_points, on year = session + 1945).")
    session: Series[pd.Int64Dtype] = pa.Field(ge=1, le=100, description="General Assembly session.")
    year: Series[pd.Int64Dtype] = pa.Field(ge=1946, le=2100, description="session + 1945 (the year the session opened).")
    issue: Series[pd.CategoricalDtype] = _categorical(("all", "important", "human_rights", "middle_east", "nuclear", "non_nuclear"), ordered=False, description="Votes behind the estimate: all; US State Department important votes; human rights; Middle East; nuclear; all but nuclear.")
    cow_code: Series[pd.Int64Dtype] = pa.Field(ge=1, le=999, description="Correlates of War code of the source row.")
    ideal_point: Series[float] = pa.Field(description="Issue-specific ideal point.")
    n_votes: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Votes behind the estimate.")
    q00: Series[float] = pa.Field(nullable=True, description="0% posterior quantile.")
    q05: Series[float] = pa.Field(nullable=True, description="5% posterior quantile.")
    q10: Series[float] = pa.Field(nullable=True, description="10% posterior quantile.")
    q50: Series[float] = pa.Field(nullable=True, description="50% posterior quantile.")
    q90: Series[float] = pa.Field(nullable=True, description="90% posterior quantile.")
    q95: Series[float] = pa.Field(nullable=True, description="95% posterior quantile.")
    q100: Series[float] = pa.Field(nullable=True, description="100% posterior quantile.")

    @pa.dataframe_check(error="actor_id must be an upper-case id of 2-8 letters.")
    def _actor_ids(cls, df: pd.DataFrame) -> bool:
        return _ids_match(df["actor_id"], ACTOR_ID_PATTERN[1:-1])

    class Config:
        strict = True
        unique = ["actor_id", "session", "issue"]


#: Table name -> schema, in the order the build writes them.
SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "actors": Actors,
    "periods": Periods,
    "sources": Sources,
    "events": Events,
    "event_rollcalls": EventRollcalls,
    "coders": Coders,
    "codings": Codings,
    "stances": Stances,
    "unga_rollcalls": UngaRollcalls,
    "unga_votes": UngaVotes,
    "unga_issues": UngaIssues,
    "unga_alignment": UngaAlignment,
    "countries": Countries,
    "unga_ideal_points": UngaIdealPoints,
    "unga_ideal_points_issue": UngaIdealPointsIssue,
}

#: Cross-table keys: (table, column, referenced table, referenced column, list separator or None).
FOREIGN_KEYS: tuple[tuple[str, str, str, str, str | None], ...] = (
    ("events", "period_id", "periods", "period_id", None),
    ("events", "lead_actor_ids", "actors", "actor_id", ";"),
    ("events", "source_ids", "sources", "source_id", ";"),
    ("event_rollcalls", "event_id", "events", "event_id", None),
    ("codings", "event_id", "events", "event_id", None),
    ("codings", "actor_id", "actors", "actor_id", None),
    ("codings", "source_id", "sources", "source_id", None),
    ("codings", "coder_id", "coders", "coder_id", None),
    ("stances", "event_id", "events", "event_id", None),
    ("stances", "actor_id", "actors", "actor_id", None),
    ("event_rollcalls", "rcid", "unga_rollcalls", "rcid", None),
    ("unga_votes", "rcid", "unga_rollcalls", "rcid", None),
    ("unga_issues", "rcid", "unga_rollcalls", "rcid", None),
    ("unga_alignment", "actor_id", "unga_votes", "actor_id", None),
    ("unga_votes", "actor_id", "countries", "actor_id", None),
    ("unga_ideal_points", "actor_id", "unga_votes", "actor_id", None),
    ("unga_ideal_points", "actor_id", "countries", "actor_id", None),
    ("unga_ideal_points_issue", "actor_id", "unga_votes", "actor_id", None),
)

PROBLEM_COLUMNS = ["table", "row", "column", "value", "problem"]


def _problems_from_pandera(table: str, err: pa.errors.SchemaErrors) -> pd.DataFrame:
    fc = err.failure_cases
    rows = []
    for rec in fc.itertuples(index=False):
        check = str(rec.check)
        column = rec.column if isinstance(rec.column, str) else None
        index = rec.index
        row = None if index is None or (isinstance(index, float) and pd.isna(index)) else int(index)
        rows.append({"table": table, "row": row, "column": column, "value": None if pd.isna(rec.failure_case) else str(rec.failure_case), "problem": check})
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def validate_table(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Validate one table against its schema; return the problems (empty when valid).

    Parameters
    ----------
    name : str
        Table name, a key of [`SCHEMAS`][stance.data.schemas.SCHEMAS].
    df : DataFrame
        The table with the schema's dtypes.

    Returns
    -------
    DataFrame
        Columns ``table, row, column, value, problem``; ``row`` is the 0-based
        position in ``df``.
    """
    try:
        SCHEMAS[name].validate(df.reset_index(drop=True), lazy=True)
    except pa.errors.SchemaErrors as err:
        return _problems_from_pandera(name, err)
    return pd.DataFrame(columns=PROBLEM_COLUMNS)


def _split(values: pd.Series, sep: str | None) -> pd.Series:
    values = values.dropna()
    if sep is None:
        return values
    return values.str.split(sep).explode()


def validate_dataset(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Check every table's schema and the keys between tables.

    Cross-table rules: every key named in [`FOREIGN_KEYS`][stance.data.schemas.FOREIGN_KEYS] exists in the
    referenced table, every stance has codings behind it (and ``n_codings``
    equals their number), every linked roll call exists when the UN tables
    are present.

    Returns
    -------
    DataFrame
        All problems at once (``table, row, column, value, problem``); empty
        when the dataset is valid.
    """
    frames = [validate_table(name, df) for name, df in tables.items() if name in SCHEMAS]
    for table, column, ref_table, ref_column, sep in FOREIGN_KEYS:
        if table not in tables or ref_table not in tables:
            continue
        known = set(tables[ref_table][ref_column].dropna())
        values = _split(tables[table][column], sep)
        bad = values[~values.isin(known)]
        if len(bad):
            frames.append(pd.DataFrame({
                "table": table, "row": bad.index.astype(int), "column": column, "value": bad.astype(str).to_numpy(),
                "problem": f"not a {ref_column} of the {ref_table} table: add it there or correct the id",
            }))
    if "stances" in tables and "codings" in tables:
        counts = tables["codings"].groupby(["event_id", "actor_id"], observed=True).size().rename("found")
        st = tables["stances"].join(counts, on=["event_id", "actor_id"])
        missing = st[st["found"].isna()]
        if len(missing):
            frames.append(pd.DataFrame({"table": "stances", "row": missing.index.astype(int), "column": "event_id,actor_id",
                                        "value": (missing["event_id"] + " x " + missing["actor_id"]).to_numpy(),
                                        "problem": "stance has no codings behind it: code the cell or remove the stance"}))
        wrong = st[st["found"].notna() & (st["found"] != st["n_codings"])]
        if len(wrong):
            frames.append(pd.DataFrame({"table": "stances", "row": wrong.index.astype(int), "column": "n_codings",
                                        "value": wrong["n_codings"].astype(str).to_numpy(),
                                        "problem": "n_codings differs from the number of codings of the cell: rebuild the stances table"}))
    if "actors" in tables and "countries" in tables:
        frames.append(_actor_codes_problems(tables["actors"], tables["countries"]))
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def _actor_codes_problems(actors: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Every state of ``actors`` is in ``countries`` with the same ISO alpha-2, COW and Gleditsch-Ward codes."""
    states = actors[actors["actor_type"].astype(str).isin(["state", "former_state"])]
    ref = countries.set_index("actor_id")
    rows = []
    for idx, actor in states.iterrows():
        if actor["actor_id"] not in ref.index:
            rows.append({"table": "actors", "row": int(idx), "column": "actor_id", "value": actor["actor_id"], "problem": "state missing from the countries table (data/src/countries.csv): add it there"})
            continue
        for column in ("iso_alpha2", "cow_code", "cow_abbr", "gw_code"):
            mine, theirs = actor[column], ref.loc[actor["actor_id"], column]
            if not ((pd.isna(mine) and pd.isna(theirs)) or (not pd.isna(mine) and not pd.isna(theirs) and str(mine) == str(theirs))):
                rows.append({"table": "actors", "row": int(idx), "column": column, "value": None if pd.isna(mine) else str(mine),
                             "problem": f"differs from the countries table ({theirs}): copy the code from data/src/countries.csv"})
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
