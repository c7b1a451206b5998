"""Bailey-Strezhnev-Voeten ideal points as the ``unga_ideal_points`` and ``unga_ideal_points_issue`` tables.

The raw files (``data/raw/unga-idealpoints``, see its README) are checked
against ``SHA256SUMS`` and read with pandas at build time: the July 2025
release by year (1946-2024) and the April 2020 issue-specific estimates by
session (1-74). Rows are keyed by the Correlates of War code of the source;
the actor id is the state of ``data/src/countries.csv`` with that code,
unless a rule of ``data/src/unga_id_rules.csv`` says otherwise (West Germany,
North and South Yemen, Yugoslavia, the USSR). A code no state has, a row two
rules send to the same actor and year with conflicting values, or a value
that does not parse is reported with file, line and column, and nothing is
built.

Examples
--------
>>> from stance.unga.ideal_points import ISSUE_FILES
>>> sorted(ISSUE_FILES)[:3]
['all', 'human_rights', 'important']
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from stance.errors import StanceError

YEARLY_FILE = "IdealpointsJuly2025.csv.gz"
#: Issue name -> raw file (April 2020 release, by session).
ISSUE_FILES = {
    "all": "IdealpointestimatesAll_Apr2020.csv.gz",
    "important": "IdealpointestimatesImportant_Apr2020.csv.gz",
    "human_rights": "IdealpointestimatesHumanRights_Apr2020.csv.gz",
    "middle_east": "IdealpointestimatesMiddleEast_Apr2020.csv.gz",
    "nuclear": "IdealpointestimatesNuclear_Apr2020.csv.gz",
    "non_nuclear": "IdealpointestimatesNoNukes_Apr2020.csv.gz",
}
ISSUES = tuple(ISSUE_FILES)
#: Posterior quantiles shipped (percent).
QUANTILES = (0, 5, 10, 50, 90, 95, 100)
_RAW_Q = {0: "qo", 5: "q5", 10: "q10", 50: "q50", 90: "q90", 95: "q95", 100: "q100"}
_ISSUE_SUFFIX = {"all": "", "important": "Important", "human_rights": "HumanRights", "middle_east": "MiddleEast", "nuclear": "Nuclear", "non_nuclear": "NoNukes"}
CHECKSUMS = "SHA256SUMS"
PROBLEM_COLUMNS = ["table", "row", "column", "value", "problem"]


def qname(q: int, suffix: str = "") -> str:
    """Shipped column name of a posterior quantile, e.g. ``q05_fp``."""
    return f"q{q:02d}{suffix}"


def verify_raw(raw_dir: Path) -> None:
    """Raise [`StanceError`][stance.errors.StanceError] naming the first ideal-point file that is missing or differs from ``SHA256SUMS``."""
    sums = raw_dir / CHECKSUMS
    if not sums.is_file():
        raise StanceError(f"{sums} is missing.", remedy="Restore data/raw/unga-idealpoints/SHA256SUMS from the repository.")
    expected = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            expected[name.strip().lstrip("*")] = digest
    for name in (YEARLY_FILE, *ISSUE_FILES.values()):
        path = raw_dir / name
        if not path.is_file():
            raise StanceError(f"Raw ideal-point file {path} is missing.", remedy="Restore it from the repository (data/raw/unga-idealpoints).")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if expected.get(name) != digest:
            raise StanceError(f"{path}: sha256 {digest[:12]}... differs from the one recorded in {CHECKSUMS}.",
                              remedy="Restore the file from the repository. If the upstream data really changed, update SHA256SUMS, the README's provenance and CHANGELOG, and raise the data version.")


def _problems(file: str, mask: pd.Series, column: str, values: pd.Series, problem: str) -> pd.DataFrame:
    bad = values[mask.to_numpy()]
    return pd.DataFrame({"table": file, "row": bad.index.to_numpy() + 2, "column": column,
                         "value": bad.astype("string").fillna("").to_numpy(), "problem": problem}, columns=PROBLEM_COLUMNS)


def _numbers(raw: pd.DataFrame, columns: list[str], file: str, problems: list[pd.DataFrame], *, integral: bool = False) -> pd.DataFrame:
    out = {}
    for column in columns:
        if column not in raw:
            raise StanceError(f"{file}: column {column!r} is missing.", remedy="Use the files shipped in data/raw/unga-idealpoints.")
        num = pd.to_numeric(raw[column], errors="coerce")
        bad = raw[column].notna() & (num.isna() | (integral & (num % 1 != 0)))
        if bad.any():
            problems.append(_problems(file, bad, column, raw[column], "not a whole number" if integral else "not a number"))
        out[column] = num.where(~bad)
    return pd.DataFrame(out, index=raw.index)


def _actor_ids(cow: pd.Series, year: pd.Series, countries: pd.DataFrame, rules: pd.DataFrame, file: str, problems: list[pd.DataFrame]) -> pd.Series:
    """Actor id of each (COW code, year): the rule's, else the one state of ``countries`` with the code."""
    from stance.unga.id_rules import apply_rules

    coded = countries.dropna(subset=["cow_code"])
    counts = coded["cow_code"].value_counts()
    unique = coded[coded["cow_code"].map(counts) == 1].set_index("cow_code")["actor_id"]
    default = cow.astype("Int64").astype(str).map(unique)
    ids = apply_rules(rules, "unga_ideal_points", cow.astype("Int64").astype(str), year.astype(int), default=default)
    if ids.isna().any():
        problems.append(_problems(file, ids.isna(), "ccode", cow.astype("Int64").astype(str),
                                  "no single state of data/src/countries.csv has this COW code and no rule in data/src/unga_id_rules.csv covers it: add one"))
    return ids


def _merge_duplicates(table: pd.DataFrame, keys: list[str], file: str, problems: list[pd.DataFrame]) -> pd.DataFrame:
    """Combine rows two rules send to the same key when their values do not overlap; report them otherwise."""
    dup = table.duplicated(keys, keep=False)
    if not dup.any():
        return table
    parts = [table[~dup]]
    for _, group in table[dup].groupby(keys, sort=False):
        values = group.drop(columns=keys + ["cow_code"])
        if (values.notna().sum() > 1).any():
            problems.append(pd.DataFrame({"table": file, "row": group.index.to_numpy() + 2, "column": "ccode", "value": group["cow_code"].astype(str).to_numpy(),
                                          "problem": "two rows give values for the same state and year: correct data/src/unga_id_rules.csv"}, columns=PROBLEM_COLUMNS))
            continue
        merged = group.iloc[[0]].copy()
        merged.loc[:, values.columns] = values.bfill().iloc[[0]].to_numpy()
        first_estimate = group["n_votes_fp"].notna() if "n_votes_fp" in group else group.index == group.index[0]
        merged["cow_code"] = group.loc[first_estimate, "cow_code"].iloc[0] if first_estimate.any() else group["cow_code"].iloc[0]
        parts.append(merged)
    return pd.concat(parts)


def yearly_table(raw: pd.DataFrame, countries: pd.DataFrame, rules: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``unga_ideal_points`` from the July 2025 release (as read by pandas); returns ``(table, problems)``."""
    file = YEARLY_FILE
    problems: list[pd.DataFrame] = []
    ints = _numbers(raw, ["ccode", "year", "nvotesfp", "nvotesall", "nvotesLegacy"], file, problems, integral=True)
    qcols = [f"{_RAW_Q[q]}{s}" for s in ("fp", "all") for q in QUANTILES]
    floats = _numbers(raw, ["idealpointfp", "idealpointall", "idealpointlegacy", *qcols], file, problems)
    if problems:
        return pd.DataFrame(), pd.concat(problems, ignore_index=True)
    actor = _actor_ids(ints["ccode"], ints["year"], countries, rules, file, problems)
    table = pd.DataFrame({
        "actor_id": actor, "year": ints["year"].astype("Int64"), "cow_code": ints["ccode"].astype("Int64"),
        "ideal_point_fp": floats["idealpointfp"], "ideal_point_all": floats["idealpointall"], "ideal_point_legacy": floats["idealpointlegacy"],
        "n_votes_fp": ints["nvotesfp"].astype("Int64"), "n_votes_all": ints["nvotesall"].astype("Int64"), "n_votes_legacy": ints["nvotesLegacy"].astype("Int64"),
    })
    for suffix in ("fp", "all"):
        for q in QUANTILES:
            table[qname(q, "_" + suffix)] = floats[f"{_RAW_Q[q]}{suffix}"].astype("float64")
    if problems:
        return pd.DataFrame(), pd.concat(problems, ignore_index=True)
    table = _merge_duplicates(table, ["actor_id", "year"], file, problems)
    table = _finish(table, ["actor_id", "year"])
    return table, pd.concat(problems, ignore_index=True) if problems else pd.DataFrame(columns=PROBLEM_COLUMNS)


def issue_table(raws: dict[str, pd.DataFrame], countries: pd.DataFrame, rules: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``unga_ideal_points_issue`` from the six April 2020 files; returns ``(table, problems)``.

    The year of a session is ``session + 1945`` (the authors' convention);
    the id rules of ``unga_ideal_points`` apply to it.
    """
    problems: list[pd.DataFrame] = []
    parts = []
    for issue, raw in raws.items():
        file = ISSUE_FILES[issue]
        s = _ISSUE_SUFFIX[issue]
        ints = _numbers(raw, ["ccode", "session", f"NVotes{s}"], file, problems, integral=True)
        qcols = [f"Q{'O' if q == 0 else q}%{s}" for q in QUANTILES]
        floats = _numbers(raw, [f"IdealPoint{s}", *qcols], file, problems)
        if problems:
            continue
        year = ints["session"] + 1945
        actor = _actor_ids(ints["ccode"], year, countries, rules, file, problems)
        part = pd.DataFrame({"actor_id": actor, "session": ints["session"].astype("Int64"), "year": year.astype("Int64"), "issue": issue,
                             "cow_code": ints["ccode"].astype("Int64"), "ideal_point": floats[f"IdealPoint{s}"], "n_votes": ints[f"NVotes{s}"].astype("Int64")})
        for q, col in zip(QUANTILES, qcols):
            part[qname(q)] = floats[col].astype("float64")
        parts.append(_merge_duplicates(part, ["actor_id", "session", "issue"], file, problems))
    if problems:
        return pd.DataFrame(), pd.concat(problems, ignore_index=True)
    table = pd.concat(parts, ignore_index=True)
    table["issue"] = pd.Categorical(table["issue"], categories=list(ISSUES))
    table = _finish(table, ["actor_id", "session", "issue"])
    return table, pd.DataFrame(columns=PROBLEM_COLUMNS)


def _finish(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    table = table.sort_values(keys, kind="stable").reset_index(drop=True)
    table["actor_id"] = pd.Categorical(table["actor_id"].astype(str), categories=sorted(table["actor_id"].astype(str).unique()))
    for column in table.columns:
        if table[column].dtype == np.float64:
            table[column] = table[column].astype("float64")
    return table


def read_raw(raw_dir: Path) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Verify and read the yearly release and the six issue files (pandas only)."""
    verify_raw(raw_dir)
    yearly = pd.read_csv(raw_dir / YEARLY_FILE, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    issues = {issue: pd.read_csv(raw_dir / name, dtype=str, keep_default_na=False, na_values=["", "NA"], encoding="latin-1") for issue, name in ISSUE_FILES.items()}
    return yearly, issues


def ideal_point_tables(raw_dir: Path, countries: pd.DataFrame, rules: pd.DataFrame, problems: list[pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Both ideal-point tables (empty dict when a problem was found; the problems are appended)."""
    yearly_raw, issue_raws = read_raw(raw_dir)
    countries = countries.assign(cow_code=countries["cow_code"].astype("string"))
    yearly, p1 = yearly_table(yearly_raw, countries, rules)
    issues, p2 = issue_table(issue_raws, countries, rules)
    problems.extend([p1, p2])
    if len(p1) or len(p2):
        return {}
    return {"unga_ideal_points": yearly, "unga_ideal_points_issue": issues}
