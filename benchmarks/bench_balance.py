"""Benchmark stance.balance against loops of per-dyad reference functions, in one run.

Targets (issue 5):

1. All-dyads similarity (Häge's kappa and pi, Signorino & Ritter's S,
   agreement rate) for 200 actors over 6,000 items with missing stances:
   one vectorised pass (:func:`stance.balance.dyadic_similarity`, from the
   long table) at least 100x faster than looping the reference functions
   over the 19,900 dyads, with identical values (max abs difference
   printed and asserted < 1e-9). References, per dyad, on the items both
   coded: ``sklearn.metrics.cohen_kappa_score(weights="quadratic")`` for
   kappa, and plain numpy implementations of Scott's pi (squared
   distances), S (absolute distances) and the agreement rate (half credit).
   The loop is timed on a random sample of dyads and extrapolated to all
   of them (stated in the output); the vectorised side is timed in full.
2. UN-sized alignment: 193 actors x 3 poles x 74 years of 50-150 roll
   calls (about 900,000 rows), :func:`stance.balance.alignment` by year,
   timed in full; the per-(actor, pole, year) reference loop is timed on a
   sample and extrapolated.

Each vectorised timing is the best of ``--repeat`` runs after a warm-up.
Exit status 1 if target 1 is missed or values differ.

Usage::

    python benchmarks/bench_balance.py            # full sizes
    python benchmarks/bench_balance.py --quick    # smoke run (smaller sizes)
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

try:
    from sklearn.metrics import cohen_kappa_score
except ImportError as exc:  # pragma: no cover
    sys.exit(f"The benchmark needs scikit-learn: {exc}. Remedy: pip install -e '.[test]'")

from stance.balance import alignment, dyadic_similarity

LEVELS = np.array([-1.0, 0.0, 1.0])
CATS = np.array(["oppose", "hedge", "support"])


# --- per-dyad references (plain formulas; nothing from stance.balance) ---------------------------

def ref_kappa(x: np.ndarray, y: np.ndarray) -> float:
    return float(cohen_kappa_score(x, y, labels=LEVELS, weights="quadratic"))


def ref_pi(x: np.ndarray, y: np.ndarray) -> float:
    do = np.mean((x - y) ** 2)
    pooled = np.concatenate([x, y])
    p = np.array([np.mean(pooled == v) for v in LEVELS])
    de = float(np.sum(np.outer(p, p) * (LEVELS[:, None] - LEVELS[None, :]) ** 2))
    return float("nan") if de == 0 else float(1 - do / de)


def ref_s(x: np.ndarray, y: np.ndarray) -> float:
    return float(1 - 2 * np.mean(np.abs(x - y)) / 2.0)


def ref_agreement(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.where(x == y, 1.0, np.where((x == 0) | (y == 0), 0.5, 0.0))))


REFS: dict[str, Callable[[np.ndarray, np.ndarray], float]] = {"kappa": ref_kappa, "pi": ref_pi, "s_absolute": ref_s, "agreement": ref_agreement}


def best_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    out = fn()
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def synthetic(rng: np.random.Generator, n_items: int, actors: list[str], missing: float) -> tuple[pd.DataFrame, np.ndarray]:
    """Long stances and the items x actors score matrix (NaN = no stance)."""
    m = len(actors)
    lean = rng.dirichlet(np.ones(3), size=m)
    u = rng.random((n_items, m))
    codes = (u[..., None] > np.cumsum(lean, axis=1)[None]).sum(axis=-1)
    present = rng.random((n_items, m)) >= missing
    it, ac = np.nonzero(present)
    df = pd.DataFrame({"event_id": it, "actor_id": np.array(actors, dtype=object)[ac],
                       "stance": pd.Categorical.from_codes(codes[it, ac], categories=["oppose", "hedge", "support", "neutral"])})
    scores = np.where(present, LEVELS[codes], np.nan)
    return df, scores


def bench_dyads(args: argparse.Namespace, rng: np.random.Generator) -> bool:
    n_items, m = (1500, 60) if args.quick else (6000, 200)
    actors = [f"A{i:03d}" for i in range(m)]
    df, scores = synthetic(rng, n_items, actors, missing=0.15)
    measures = tuple(REFS)
    t_vec, out = best_time(lambda: dyadic_similarity(df, measures=measures), args.repeat)
    n_dyads = m * (m - 1) // 2
    ia, ib = np.triu_indices(m, k=1)
    sample = rng.choice(n_dyads, size=min(args.sample, n_dyads), replace=False)
    values = {name: out[out["measure"] == name]["value"].to_numpy() for name in measures}
    print(f"1. All dyads: {m} actors x {n_items:,} items ({len(df):,} rows, 15% missing), {n_dyads:,} dyads, measures {', '.join(measures)}")
    print(f"   vectorised (dyadic_similarity, from the long table, all measures, all dyads): {t_vec:.3f} s")
    ok = True
    total_loop = 0.0
    for name, ref in REFS.items():
        t0 = time.perf_counter()
        got = []
        for d in sample:
            a, b = ia[d], ib[d]
            both = ~np.isnan(scores[:, a]) & ~np.isnan(scores[:, b])
            got.append(ref(scores[both, a], scores[both, b]))
        t_loop = (time.perf_counter() - t0) * n_dyads / len(sample)
        total_loop += t_loop
        diff = np.nanmax(np.abs(np.asarray(got) - values[name][sample]))
        same_nan = np.array_equal(np.isnan(got), np.isnan(values[name][sample]))
        ok &= bool(diff < 1e-9 and same_nan)
        print(f"   {name:<11} reference loop {t_loop:8.2f} s (extrapolated from {len(sample):,} dyads)   ratio {t_loop / t_vec:8.0f}x   max abs diff {diff:.1e}")
    ratio = total_loop / t_vec
    print(f"   all four measures: loop {total_loop:.1f} s vs one vectorised pass {t_vec:.3f} s -> {ratio:.0f}x (target >= 100x): {'met' if ratio >= 100 else 'MISSED'}")
    return ok and ratio >= 100


def bench_un_alignment(args: argparse.Namespace, rng: np.random.Generator) -> None:
    years = np.arange(1946, 1946 + (20 if args.quick else 74))
    per_year = rng.integers(50, 151, len(years))
    item_year = np.repeat(years, per_year)
    actors = [f"S{i:03d}" for i in range(190)] + ["USA", "RUS", "CHN"]
    df, scores = synthetic(rng, len(item_year), actors, missing=0.37)
    df["year"] = item_year[df["event_id"].to_numpy()]
    df = df.rename(columns={"event_id": "rcid"})
    poles = ("USA", "RUS", "CHN")
    t_vec, out = best_time(lambda: alignment(df, poles=poles, by="year", item="rcid"), args.repeat)
    pole_col = [actors.index(p) for p in poles]
    cells = [(a, j, y) for a in range(len(actors) - 3) for j in range(3) for y in years]
    pick = rng.choice(len(cells), size=min(args.sample, len(cells)), replace=False)
    t0 = time.perf_counter()
    got = []
    for c in pick:
        a, j, y = cells[c]
        rows = item_year == y
        x, z = scores[rows, a], scores[rows, pole_col[j]]
        both = ~np.isnan(x) & ~np.isnan(z)
        got.append(ref_agreement(x[both], z[both]) if both.any() else np.nan)
    t_loop = (time.perf_counter() - t0) * len(cells) / len(pick)
    key = out.set_index(["actor", "pole", "window"])["value"]
    want = np.array([key[(actors[cells[c][0]], poles[cells[c][1]], cells[c][2])] for c in pick])
    diff = np.nanmax(np.abs(np.asarray(got) - want))
    print(f"2. UN-sized alignment: {len(actors)} actors x 3 poles x {len(years)} years, {len(item_year):,} roll calls, {len(df):,} rows")
    print(f"   alignment(by='year'): {t_vec:.3f} s; reference loop {t_loop:.1f} s (extrapolated from {len(pick):,} of {len(cells):,} cells) -> {t_loop / t_vec:.0f}x; max abs diff {diff:.1e}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes for a smoke run")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of the vectorised side (best is kept)")
    ap.add_argument("--sample", type=int, default=1000, help="dyads / cells timed in the reference loops")
    ap.add_argument("--seed", type=int, default=20261124)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    print(f"stance.balance benchmark, python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, {platform.machine()}")
    ok = bench_dyads(args, rng)
    bench_un_alignment(args, rng)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
