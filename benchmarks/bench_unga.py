"""Benchmark the UN General Assembly layer against the reference implementations, in one run.

Targets (issue 6):

1. ``stance.load("unga_votes")`` within 2x the time of
   ``pyarrow.parquet.read_table(path).to_pandas()`` on the same file, and the
   file at most 4 MB.
2. Alignment of every state with every pole (USA, RUS, CHN) for every year,
   four measures (agreement, S absolute, kappa, pi), in under 2 s, and at
   least 100x faster than a loop over years, states and poles calling the
   reference functions (a plain numpy agreement rate and S, scikit-learn's
   quadratic-weighted ``cohen_kappa_score``, Scott's pi written out from its
   definition), with identical values (max abs difference printed and
   asserted < 1e-9).

Timings are the best of ``--repeat`` runs after a warm-up (the loop runs
once: it takes tens of seconds). Exit status 1 if a target is missed.

Usage::

    python benchmarks/bench_unga.py
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow.parquet as pq
from sklearn.metrics import cohen_kappa_score

import stance
import stance.data.loading
from stance.unga.alignment import UNGA_MEASURES, UNGA_POLES, alignment_table

SCORE = {"oppose": -1.0, "hedge": 0.0, "support": 1.0}


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    fn()
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def scott_pi_quadratic(x: np.ndarray, y: np.ndarray) -> float:
    """Scott's pi with quadratic disagreement weights on scores -1, 0, 1, from its definition."""
    pooled = np.concatenate([x, y])
    cats = np.array([-1.0, 0.0, 1.0])
    p = np.array([(pooled == c).mean() for c in cats])
    observed = np.mean((x - y) ** 2)
    expected = sum(p[i] * p[j] * (cats[i] - cats[j]) ** 2 for i in range(3) for j in range(3))
    return float("nan") if expected == 0 else 1.0 - observed / expected


def reference_loop(votes: Any, rollcalls: Any) -> dict[tuple[str, int, str, str], tuple[float, int]]:
    data = votes[["rcid", "actor_id", "stance"]].merge(rollcalls[["rcid", "year"]], on="rcid")
    data["score"] = data["stance"].astype(str).map(SCORE)
    out: dict[tuple[str, int, str, str], tuple[float, int]] = {}
    for year, group in data.groupby("year"):
        by_actor = {a: g.set_index("rcid")["score"] for a, g in group.groupby("actor_id", observed=True)}
        for pole in UNGA_POLES:
            if pole not in by_actor:
                continue
            p = by_actor[pole]
            for actor, s in by_actor.items():
                if actor == pole:
                    continue
                shared = s.index.intersection(p.index)
                if len(shared) == 0:
                    continue
                x, y = s.loc[shared].to_numpy(), p.loc[shared].to_numpy()
                d = np.abs(x - y)
                n = len(shared)
                out[(str(actor), int(year), pole, "agreement")] = (float(np.mean(1 - d / 2)), n)
                out[(str(actor), int(year), pole, "s_absolute")] = (float(1 - 2 * np.mean(d) / 2), n)
                if len(np.unique(np.concatenate([x, y]))) < 2:
                    kappa = float("nan")
                else:
                    kappa = float(cohen_kappa_score(x, y, weights="quadratic", labels=[-1.0, 0.0, 1.0]))
                out[(str(actor), int(year), pole, "kappa")] = (kappa, n)
                out[(str(actor), int(year), pole, "pi")] = (scott_pi_quadratic(x, y), n)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"python {platform.python_version()}, {platform.machine()}, stance data {stance.data.loading.data_version()}")
    ok = True

    path = stance.data.loading.path("unga_votes")
    t_ref, ref = best_of(lambda: pq.read_table(path).to_pandas(), args.repeat)
    t_mine, mine = best_of(lambda: stance.load("unga_votes"), args.repeat)
    size = path.stat().st_size / 1e6
    ratio = t_mine / t_ref
    print(f"1. load unga_votes ({len(mine):,} rows): stance.load {t_mine * 1e3:.1f} ms, pyarrow read_table().to_pandas() {t_ref * 1e3:.1f} ms "
          f"-> {ratio:.2f}x the pyarrow time (target <= 2x); file {size:.2f} MB (target <= 4 MB)")
    ok &= ratio <= 2 and size <= 4

    votes = stance.load("unga_votes")
    rollcalls = stance.load("unga_rollcalls")
    t_vec, table = best_of(lambda: alignment_table(votes, rollcalls), args.repeat)
    t = time.perf_counter()
    loop = reference_loop(votes, rollcalls)
    t_loop = time.perf_counter() - t
    keys = list(zip(table["actor_id"].astype(str), table["year"].astype(int), table["pole"].astype(str), table["measure"].astype(str)))
    assert set(keys) == set(loop), "the vectorised table and the loop cover different state-year-pole-measure cells"
    vals = table["value"].to_numpy(dtype=float)
    refs = np.array([loop[k][0] for k in keys])
    assert (table["n_votes"].to_numpy(dtype=int) == np.array([loop[k][1] for k in keys])).all(), "n_votes differ"
    assert (np.isnan(vals) == np.isnan(refs)).all(), "undefined values differ"
    diff = float(np.nanmax(np.abs(vals - refs)))
    speedup = t_loop / t_vec
    print(f"2. alignment of {table['actor_id'].nunique()} states x {len(UNGA_POLES)} poles x {table['year'].nunique()} years x {len(UNGA_MEASURES)} measures "
          f"({len(table):,} values): vectorised {t_vec:.3f} s (target < 2 s), reference loop {t_loop:.1f} s -> {speedup:.0f}x (target >= 100x); "
          f"max |difference| {diff:.1e}")
    ok &= t_vec < 2 and speedup >= 100 and diff < 1e-9
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
