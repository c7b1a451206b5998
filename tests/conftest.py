"""Shared fixtures: paths to the shared folder, a valid coding sheet, file hashing."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
HEADER = ["event_id", "actor_id", "coder_id", "stance", "confidence", "source_id", "locator", "excerpt", "rationale", "coded_on"]


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared; skipped when absent, unless STANCE_REQUIRE_SHARED=1 (CI), then failed."""
    path = SHARED.joinpath(*parts)
    if not path.is_dir():
        if os.environ.get("STANCE_REQUIRE_SHARED") == "1":
            pytest.fail(f"{path} is required (STANCE_REQUIRE_SHARED=1) but missing")
        pytest.skip(f"{path} not available")
    return path


def valid_rows(n: int = 3) -> pd.DataFrame:
    """Real cells from the shipped events and actors, coded by a test coder."""
    cells = [("crimea-2014", "KAZ"), ("iraq-war-2003", "FRA"), ("russo-georgian-war-2008", "KAZ"), ("iraq-war-2003", "CHN"), ("sco-2001", "KAZ")]
    rows = []
    for event_id, actor_id in cells[:n]:
        rows.append({"event_id": event_id, "actor_id": actor_id, "coder_id": "test-coder", "stance": "hedge", "confidence": "medium",
                     "source_id": "fedorova-2024", "locator": "RESULTS AND DISCUSSION", "excerpt": "a short excerpt",
                     "rationale": "test row", "coded_on": "2026-11-24"})
    return pd.DataFrame(rows, columns=HEADER)


@pytest.fixture
def valid_sheet(tmp_path: Path) -> Path:
    path = tmp_path / "valid.csv"
    valid_rows().to_csv(path, index=False)
    return path
