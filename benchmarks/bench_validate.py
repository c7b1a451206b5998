"""Benchmark: ``stance validate`` on a 1,000,000-row coding CSV (targets: under 20 s, under 2 GiB peak memory).

The sheet is generated into a temporary folder: real event, actor and
source ids, every row valid except a known set of injected errors of several
kinds (a label in the wrong case, an unknown actor, a non-ISO date, an Excel
date serial, an empty rationale, a duplicate cell) plus some rows left not
coded. The command runs in a fresh interpreter
(``python -m stance validate FILE --json``); its wall-clock time and peak
resident memory (``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``) are
printed, together with the time ``pandas.read_csv`` alone takes on the same
file in a fresh interpreter (the floor any validator reading the file pays),
and the report is checked to hold every injected error at its row. Run:

    python benchmarks/bench_validate.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TIME_TARGET_S = 20.0
MEMORY_TARGET_BYTES = 2 * 1024**3


def make_sheet(path: Path, n: int) -> dict[int, str]:
    """Write an n-row coding CSV; return {spreadsheet row: column} of the injected errors."""
    import numpy as np
    import pandas as pd

    import stance

    events = stance.load("events")["event_id"].astype(str).to_numpy()
    actors = stance.load("actors")["actor_id"].astype(str).to_numpy()
    i = np.arange(n)
    # distinct (event, actor, coder) for every row: the coder changes every len(events)*len(actors) rows
    cells = len(events) * len(actors)
    df = pd.DataFrame({
        "event_id": events[i % len(events)],
        "actor_id": actors[(i // len(events)) % len(actors)],
        "coder_id": pd.Series(i // cells).map(lambda k: f"coder-{k}").to_numpy(),
        "stance": np.array(["oppose", "hedge", "support", "neutral"])[i % 4],
        "confidence": np.array(["low", "medium", "high"])[i % 3],
        "source_id": "fedorova-2024",
        "locator": "RESULTS AND DISCUSSION, paragraph 3",
        "excerpt": "Kazakhstan's position was multifaceted and balanced between the parties",
        "rationale": "Signals in both directions (R5).",
        "coded_on": "2026-11-24",
    })
    rng = np.random.default_rng(2026)
    picks = rng.choice(np.arange(1, n - 1), size=6 * 50, replace=False).reshape(6, 50)
    errors: dict[int, str] = {}
    df.loc[picks[0], "stance"] = "Support"
    df.loc[picks[1], "actor_id"] = "KAZAKHSTAN"
    df.loc[picks[2], "coded_on"] = "24/11/2026"
    df.loc[picks[3], "coded_on"] = "46350"
    df.loc[picks[4], "rationale"] = ""
    for k, column in enumerate(["stance", "actor_id", "coded_on", "coded_on", "rationale"]):
        errors.update({int(r) + 2: column for r in picks[k]})
    # duplicates: copy the cell of the previous row (reported on the later row)
    for r in picks[5]:
        df.loc[r, ["event_id", "actor_id", "coder_id"]] = df.loc[r - 1, ["event_id", "actor_id", "coder_id"]].to_numpy()
        if int(r) + 1 in errors or int(r) + 2 in errors:
            continue
        errors[int(r) + 2] = "event_id,actor_id,coder_id"
    df.to_csv(path, index=False)
    return errors


def run_timed(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return time.perf_counter() - start, proc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        errors = make_sheet(path, args.rows)
        size_mb = path.stat().st_size / 1e6
        # validate runs first, so that RUSAGE_CHILDREN's peak is its own (it is the largest child so far)
        seconds, proc = run_timed([sys.executable, "-m", "stance", "validate", str(path), "--json"])
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
        floor_s, _ = run_timed([sys.executable, "-c", f"import pandas as pd; pd.read_csv({str(path)!r}, dtype=str)"])
        if proc.returncode != 1:
            print(proc.stderr, file=sys.stderr)
            raise SystemExit(f"expected exit code 1, got {proc.returncode}")
        report = json.loads(proc.stdout)
        got = {(p["row"], p["column"]) for p in report["problems"]}
        want = {(r, c) for r, c in errors.items()}
        missing = want - got
        print(f"rows: {args.rows:,} ({size_mb:.0f} MB CSV); injected errors: {len(want)}; reported problems: {len(report['problems'])}")
        print(f"every injected error reported at its row and column: {not missing}")
        print(f"pandas.read_csv alone (fresh interpreter): {floor_s:6.2f} s")
        print(f"stance validate --json:                    {seconds:6.2f} s  (ratio to read_csv {seconds / floor_s:.1f}; target < {TIME_TARGET_S:.0f} s)")
        print(f"peak resident memory of stance validate:   {peak_kib / 1024:6.0f} MiB (target < {MEMORY_TARGET_BYTES / 1024**3:.0f} GiB)")
        ok = not missing and seconds < TIME_TARGET_S and peak_kib * 1024 < MEMORY_TARGET_BYTES
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
