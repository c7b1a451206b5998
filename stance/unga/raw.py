"""Read the raw UN vote files (the build's input), after checking them against ``SHA256SUMS``.

The files are gzip-compressed CSV (``data/raw/unga``, see its README). They
are read as text; typing happens in [`stance.unga.tables`][stance.unga.tables], which reports
every value it cannot convert with its file, line and column.

Examples
--------
>>> from stance.unga.raw import RAW_FILES
>>> RAW_FILES["votes"]
'un_votes.csv.gz'
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from stance.errors import StanceError

#: Logical name -> file name in the raw folder.
RAW_FILES = {"votes": "un_votes.csv.gz", "rollcalls": "un_roll_calls.csv.gz", "issues": "un_roll_call_issues.csv.gz"}
#: Columns each raw file must have, in the source's order.
RAW_COLUMNS = {
    "votes": ["rcid", "country", "country_code", "vote"],
    "rollcalls": ["rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"],
    "issues": ["rcid", "short_name", "issue"],
}
CHECKSUMS = "SHA256SUMS"


def recorded_checksums(raw_dir: Path) -> dict[str, str]:
    """File name -> sha256 as recorded in ``raw_dir/SHA256SUMS``."""
    path = raw_dir / CHECKSUMS
    if not path.is_file():
        raise StanceError(f"{path} is missing.", remedy="Restore data/raw/unga/SHA256SUMS from the repository.")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            out[name.strip().lstrip("*")] = digest
    return out


def verify_raw(raw_dir: Path) -> None:
    """Raise [`StanceError`][stance.errors.StanceError] naming the first raw file that is missing or differs from its checksum."""
    expected = recorded_checksums(raw_dir)
    for name in RAW_FILES.values():
        path = raw_dir / name
        if not path.is_file():
            raise StanceError(f"Raw UN vote file {path} is missing.", remedy="Restore it from the repository (data/raw/unga); the build needs all three files.")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if expected.get(name) != digest:
            raise StanceError(f"{path}: sha256 {digest[:12]}... differs from the one recorded in {CHECKSUMS}.",
                              remedy="Restore the file from the repository. If the upstream data really changed, update SHA256SUMS, the README's provenance and CHANGELOG, and raise the data version.")


def read_raw(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """Verify and read the three raw files as text (empty cells are missing).

    Returns ``{"votes": ..., "rollcalls": ..., "issues": ...}``; each frame
    has the source's columns, as strings, in file order.
    """
    verify_raw(raw_dir)
    frames = {}
    for key, name in RAW_FILES.items():
        df = pd.read_csv(raw_dir / name, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
        if list(df.columns) != RAW_COLUMNS[key]:
            raise StanceError(f"{raw_dir / name}: columns {list(df.columns)} differ from the expected {RAW_COLUMNS[key]}.",
                              remedy="Use the files shipped in data/raw/unga.")
        frames[key] = df
    return frames
