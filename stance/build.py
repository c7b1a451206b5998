"""Build the shipped Parquet files and ``datapackage.json`` from the human-edited sources.

The sources are diff-friendly CSV files under ``data/src/`` (plus
``release.toml``). The build types them by the schemas, derives what can be
derived (``events.unga_rcids`` from ``event_rollcalls``; ``stances`` from
``codings`` and the adjudicator's ``decisions``), validates every table and
the keys between them, and writes ``data/parquet/<table>.parquet`` and
``data/datapackage.json``. It refuses to write anything if a problem is
found. The same inputs give byte-identical outputs.

Run it from a checkout: ``stance build`` (or ``python -m stance build``).

Examples
--------
>>> from stance.build import TABLES
>>> TABLES[:3]
('actors', 'periods', 'sources')
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pandas as pd

from stance.coding.adjudication import build_stances
from stance.data.coerce import coerce_frame
from stance.errors import StanceError, ValidationFailed
from stance.data.parquet_io import write_parquet
from stance.data.datapackage import describe, table_descriptor, write_datapackage
from stance.data.schemas import validate_dataset

#: Tables built from the hand-edited CSV sources, in build order.
CODED_TABLES = ("actors", "periods", "sources", "events", "event_rollcalls", "coders", "codings", "stances")
#: Tables built from the raw UN vote files (data/raw/unga), the last one derived.
UNGA_TABLES = ("unga_rollcalls", "unga_votes", "unga_issues", "unga_alignment")
#: Tables built from the raw ideal-point files (data/raw/unga-idealpoints) and the country crosswalk (data/src/countries.csv).
IDEAL_POINT_TABLES = ("countries", "unga_ideal_points", "unga_ideal_points_issue")
#: Every shipped table, in build order.
TABLES = CODED_TABLES + UNGA_TABLES + IDEAL_POINT_TABLES


def read_source_csv(path: Path) -> pd.DataFrame:
    """Read a source CSV as text (empty cells are missing; nothing else is converted)."""
    if not path.is_file():
        raise StanceError(f"Build input {path} is missing.", remedy="Run the build from a checkout of the repository, which has data/src/.")
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


def _typed(name: str, df: pd.DataFrame, problems: list[pd.DataFrame]) -> pd.DataFrame:
    typed, p = coerce_frame(name, df)
    problems.append(p)
    return typed


def default_raw_dir(src: Path) -> Path:
    """The raw UN vote folder beside a source folder: ``<src>/../raw/unga``."""
    return src.parent / "raw" / "unga"


def unga_tables(src: Path, raw_dir: Path, problems: list[pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The UN layer: typed roll calls, votes and issues, and the derived alignment table."""
    from stance.unga.alignment import alignment_table
    from stance.unga.id_rules import RULES_FILE
    from stance.unga.raw import read_raw
    from stance.unga.tables import COUNTRIES_FILE, issues_table, rollcalls_table, votes_table

    raw = read_raw(raw_dir)
    countries = read_source_csv(src / COUNTRIES_FILE)
    rules = read_source_csv(src / RULES_FILE)
    rollcalls, p1 = rollcalls_table(raw["rollcalls"])
    dates = pd.Series(rollcalls["date"].to_numpy(), index=rollcalls["rcid"].astype("int64").to_numpy())
    votes, p2 = votes_table(raw["votes"], countries, dates=dates, rules=rules)
    issues, p3 = issues_table(raw["issues"])
    problems.extend([p1, p2, p3])
    if any(len(p) for p in (p1, p2, p3)):
        return {}
    return {"unga_rollcalls": rollcalls, "unga_votes": votes, "unga_issues": issues, "unga_alignment": alignment_table(votes, rollcalls)}


def ideal_point_tables(src: Path, raw_dir: Path, problems: list[pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The country crosswalk (``countries``) and the two ideal-point tables."""
    from stance.unga.id_rules import RULES_FILE
    from stance.unga.ideal_points import ideal_point_tables as build_ideal_points

    countries_raw = read_source_csv(src / "countries.csv")
    countries = _typed("countries", countries_raw, problems)
    rules = read_source_csv(src / RULES_FILE)
    out = {"countries": countries}
    out.update(build_ideal_points(raw_dir, countries_raw, rules, problems))
    return out


def assemble_tables(src: Path, raw_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Read, derive and type every table from ``src`` (and the raw UN files); raise [`ValidationFailed`][stance.errors.ValidationFailed] on any problem."""
    problems: list[pd.DataFrame] = []
    raw = {name: read_source_csv(src / f"{name}.csv") for name in ("actors", "periods", "sources", "events", "event_rollcalls", "coders", "codings", "decisions")}
    links = raw["event_rollcalls"]
    rcids = links.groupby("event_id")["rcid"].agg(lambda s: ";".join(sorted(s, key=int)))
    raw["events"]["unga_rcids"] = raw["events"]["event_id"].map(rcids)
    tables = {name: _typed(name, raw[name], problems) for name in ("actors", "periods", "sources", "events", "event_rollcalls", "coders", "codings")}
    tables["codings"] = tables["codings"].sort_values(["event_id", "actor_id", "coder_id"], kind="stable").reset_index(drop=True)
    stances, p = build_stances(tables["codings"], raw["decisions"])
    problems.append(p)
    tables["stances"] = stances
    tables.update(unga_tables(src, raw_dir or default_raw_dir(src), problems))
    beside = (raw_dir or default_raw_dir(src)).parent / "unga-idealpoints"
    tables.update(ideal_point_tables(src, beside if beside.is_dir() else src.parent / "raw" / "unga-idealpoints", problems))
    problems.append(validate_dataset(tables))
    found = pd.concat([p for p in problems if len(p)], ignore_index=True) if any(len(p) for p in problems) else None
    if found is not None:
        raise ValidationFailed(f"The data sources in {src} have {len(found)} problem(s); nothing was written.", found,
                               remedy="Fix each problem listed (table, row = 0-based data row, column) and run the build again.")
    return tables


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(src: Path, out: Path, raw_dir: Path | None = None) -> list[dict[str, object]]:
    """Build every table from ``src`` and ``raw_dir`` into ``out`` (``out/parquet/*.parquet`` and ``out/datapackage.json``).

    ``raw_dir`` (default ``<src>/../raw/unga``) holds the raw UN vote files.
    Returns the resource descriptors written into ``datapackage.json``.
    """
    release = tomllib.loads((src / "release.toml").read_text(encoding="utf-8"))
    tables = assemble_tables(src, raw_dir)
    parquet_dir = out / "parquet"
    parquet_dir.mkdir(parents=True, exist_ok=True)
    resources = []
    for name, df in tables.items():
        path = parquet_dir / f"{name}.parquet"
        write_parquet(df, path)
        license_key = "unga" if name.startswith("unga_") else "coded"
        resources.append({
            "name": name,
            "path": f"parquet/{name}.parquet",
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "description": describe(name),
            "rows": int(len(df)),
            "bytes": path.stat().st_size,
            "hash": f"sha256:{_sha256(path)}",
            "licenses": [release["licenses"][license_key]["name"]],
            "schema": table_descriptor(name),
        })
    write_datapackage(out, resources, release)
    return resources
