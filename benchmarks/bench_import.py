"""Benchmark: the cost of ``import stance`` against ``import pandas`` (target: at most 1.5x).

Each import runs in a fresh interpreter (``python -c``), alternating the two,
and the medians of the wall-clock times are compared. Run:

    python benchmarks/bench_import.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def _time(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    _time("import pandas"), _time("import stance")  # warm the file cache
    stance_times, pandas_times, bare_times = [], [], []
    for _ in range(args.repeat):
        stance_times.append(_time("import stance"))
        pandas_times.append(_time("import pandas"))
        bare_times.append(_time("pass"))
    s, p, b = (statistics.median(t) for t in (stance_times, pandas_times, bare_times))
    print(f"python -c pass           median {b * 1000:7.1f} ms")
    print(f"python -c 'import pandas' median {p * 1000:7.1f} ms")
    print(f"python -c 'import stance' median {s * 1000:7.1f} ms")
    print(f"ratio stance/pandas: {s / p:.2f} (target <= 1.5)")
    return 0 if s / p <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
