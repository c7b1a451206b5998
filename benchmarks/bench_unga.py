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

Targets of issue 14 (UN layer v2):

3. ``stance.load("unga_ideal_points")`` within 2x pyarrow.
4. The dyad-year panel of every pair of states x 1946-2019
   (:func:`stance.unga.panel.dyad_panel`) in under 10 s and 2 GB (peak of
   traced allocations), equal to a loop over dyads calling the reference
   functions (run on a random sample of dyad-years: the full loop would take
   hours), and no slower than the same agreement computed by a DuckDB SQL
   self-join on the same votes (equal counts and values, asserted).
5. The 3-pole alignment of every state by year, four measures
   (``alignment_table``), at or below the same four measures computed by
   DuckDB SQL (equal values, asserted).

DuckDB is a benchmark-only dependency (``pip install -e ".[bench]"``).

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


DUCKDB_PAIRS = """
WITH v AS (
  SELECT v.rcid, v.actor_id, v.score, r.year FROM votes v JOIN calls r USING (rcid)
)
SELECT a.actor_id AS actor_a, b.actor_id AS actor_b, a.year, count(*) AS n_votes, avg(1 - abs(a.score - b.score) / 2) AS agreement
FROM v a JOIN v b ON a.rcid = b.rcid AND a.actor_id < b.actor_id
GROUP BY 1, 2, 3
"""

DUCKDB_POLES = """
WITH v AS (
  SELECT v.rcid, v.actor_id, v.score, r.year FROM votes v JOIN calls r USING (rcid)
), s AS (
  SELECT a.actor_id, a.year, p.actor_id AS pole, count(*) AS n,
         avg(abs(a.score - p.score)) AS d_abs, avg((a.score - p.score) ^ 2) AS d_o,
         avg(a.score) AS m1a, avg(p.score) AS m1p, avg(a.score ^ 2) AS m2a, avg(p.score ^ 2) AS m2p
  FROM v a JOIN v p ON a.rcid = p.rcid AND p.actor_id IN ('USA', 'RUS', 'CHN') AND a.actor_id <> p.actor_id
  GROUP BY 1, 2, 3
)
SELECT actor_id, year, pole, n, 1 - d_abs / 2 AS agreement, 1 - d_abs AS s_absolute,
       CASE WHEN m2a + m2p - 2 * m1a * m1p > 1e-12 THEN 1 - d_o / (m2a + m2p - 2 * m1a * m1p) END AS kappa,
       CASE WHEN 2 * ((m2a + m2p) / 2 - ((m1a + m1p) / 2) ^ 2) > 1e-12 THEN 1 - d_o / (2 * ((m2a + m2p) / 2 - ((m1a + m1p) / 2) ^ 2)) END AS pi
FROM s
"""


def reference_dyads(votes: Any, rollcalls: Any, sample: list[tuple[str, str, int]]) -> dict[tuple[str, str, int], tuple[int, float, float, float, float]]:
    """Loop over dyad-years calling the reference functions (numpy agreement and S, scikit-learn kappa, Scott's pi from its definition)."""
    data = votes[["rcid", "actor_id", "stance"]].merge(rollcalls[["rcid", "year"]], on="rcid")
    data["score"] = data["stance"].astype(str).map(SCORE)
    data["actor_id"] = data["actor_id"].astype(str)
    groups = {key: g.set_index("rcid")["score"] for key, g in data.groupby(["actor_id", "year"])}
    out = {}
    for a, b, year in sample:
        x, y = groups.get((a, year)), groups.get((b, year))
        if x is None or y is None:
            continue
        shared = x.index.intersection(y.index)
        if len(shared) == 0:
            continue
        xs, ys = x.loc[shared].to_numpy(), y.loc[shared].to_numpy()
        d = np.abs(xs - ys)
        kappa = float("nan") if len(np.unique(np.concatenate([xs, ys]))) < 2 else float(cohen_kappa_score(xs, ys, weights="quadratic", labels=[-1.0, 0.0, 1.0]))
        out[(a, b, year)] = (len(shared), float(np.mean(1 - d / 2)), float(1 - np.mean(d)), kappa, scott_pi_quadratic(xs, ys))
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

    # 3. loading the ideal points
    path = stance.data.loading.path("unga_ideal_points")
    t_ref, _ = best_of(lambda: pq.read_table(path).to_pandas(), args.repeat)
    t_mine, ip = best_of(lambda: stance.load("unga_ideal_points"), args.repeat)
    ratio = t_mine / t_ref
    print(f"3. load unga_ideal_points ({len(ip):,} rows): stance.load {t_mine * 1e3:.1f} ms, pyarrow {t_ref * 1e3:.1f} ms -> {ratio:.2f}x (target <= 2x)")
    ok &= ratio <= 2

    # 4. the dyad-year panel
    import tracemalloc

    import duckdb
    import pandas as pd

    from stance.unga.panel import dyad_panel

    t_panel, panel = best_of(lambda: dyad_panel(years=(1946, 2019)), args.repeat)
    tracemalloc.start()
    dyad_panel(years=(1946, 2019))
    peak = tracemalloc.get_traced_memory()[1] / 1e9
    tracemalloc.stop()
    n_dyads = len(panel[["actor_a", "actor_b"]].drop_duplicates())
    rng = np.random.default_rng(1)
    with_votes = panel[panel["n_votes"].fillna(0) > 0]
    pick = with_votes.iloc[rng.choice(len(with_votes), size=min(3000, len(with_votes)), replace=False)]
    sample = list(zip(pick["actor_a"].astype(str), pick["actor_b"].astype(str), pick["year"].astype(int)))
    t = time.perf_counter()
    ref = reference_dyads(votes, rollcalls, sample)
    t_loop = time.perf_counter() - t
    mine = pick.set_index(["actor_a", "actor_b", "year"])
    got = np.array([[mine.loc[k, "n_votes"], mine.loc[k, "agreement"], mine.loc[k, "s_absolute"], mine.loc[k, "kappa"], mine.loc[k, "pi"]] for k in ref], dtype=float)
    want = np.array([ref[k] for k in ref], dtype=float)
    assert (np.isnan(got) == np.isnan(want)).all(), "undefined values differ from the reference loop"
    diff_loop = float(np.nanmax(np.abs(got - want)))
    per_dyad = t_loop / len(sample)
    con = duckdb.connect()
    con.register("votes", pd.DataFrame({"rcid": votes["rcid"].astype("int64"), "actor_id": votes["actor_id"].astype(str),
                                        "score": votes["stance"].astype(str).map(SCORE).astype("float64")}))
    con.register("calls", pd.DataFrame({"rcid": rollcalls["rcid"].astype("int64"), "year": rollcalls["year"].astype("int64")}))
    t_duck, duck = best_of(lambda: con.execute(DUCKDB_PAIRS).df(), args.repeat)
    duck = duck[duck["year"] <= 2019].set_index(["actor_a", "actor_b", "year"]).sort_index()
    mine = panel[panel["n_votes"].fillna(0) > 0].astype({"actor_a": str, "actor_b": str}).set_index(["actor_a", "actor_b", "year"]).sort_index()
    assert list(mine.index) == [(a, b, int(y)) for a, b, y in duck.index], "the panel and DuckDB cover different dyad-years"
    assert (mine["n_votes"].to_numpy(dtype=int) == duck["n_votes"].to_numpy(dtype=int)).all()
    diff_duck = float(np.max(np.abs(mine["agreement"].to_numpy(dtype=float) - duck["agreement"].to_numpy(dtype=float))))
    print(f"4. dyad-year panel, {n_dyads:,} dyads x 1946-2019 ({len(panel):,} rows, 4 vote measures + ideal-point distance): {t_panel:.2f} s (target < 10 s), "
          f"peak traced memory {peak:.2f} GB (target < 2 GB); reference loop on {len(sample):,} sampled dyad-years {per_dyad * 1e3:.2f} ms each "
          f"(about {per_dyad * len(with_votes) / 60:.0f} min for all {len(with_votes):,}) -> {per_dyad * len(with_votes) / t_panel:.0f}x, max |difference| {diff_loop:.1e}; "
          f"DuckDB self-join (agreement only) {t_duck:.2f} s -> panel/DuckDB {t_panel / t_duck:.2f}x (target <= 1), max |difference| {diff_duck:.1e}")
    ok &= t_panel < 10 and peak < 2 and diff_loop < 1e-9 and diff_duck < 1e-9 and t_panel <= t_duck

    # 5. 3-pole alignment of every state vs DuckDB
    t_duck3, duck3 = best_of(lambda: con.execute(DUCKDB_POLES).df(), args.repeat)
    long = duck3.melt(id_vars=["actor_id", "year", "pole", "n"], value_vars=list(UNGA_MEASURES), var_name="measure")
    long = long.set_index(["actor_id", "year", "pole", "measure"]).sort_index()
    mine3 = table.astype({"actor_id": str, "pole": str, "measure": str}).assign(year=table["year"].astype(int)).set_index(["actor_id", "year", "pole", "measure"]).sort_index()
    assert list(mine3.index) == list(long.index), "stance and DuckDB cover different cells"
    a, b = mine3["value"].to_numpy(dtype=float), long["value"].to_numpy(dtype=float)
    assert (np.isnan(a) == np.isnan(b)).all()
    diff3 = float(np.nanmax(np.abs(a - b)))
    print(f"5. 3-pole alignment of every state by year, 4 measures: stance {t_vec:.3f} s, DuckDB SQL {t_duck3:.3f} s -> {t_vec / t_duck3:.2f}x (target <= 1); max |difference| {diff3:.1e}")
    ok &= t_vec <= t_duck3 and diff3 < 1e-9
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
