"""Benchmark stance.agreement against the reference implementations, in one run.

Targets (issue 4):

1. Krippendorff's alpha, nominal and ordinal, 1,000,000 units x 3 coders,
   4 categories, 10% missing: no slower than ``krippendorff.alpha``
   (ratio >= 1), memory linear in units.
2. Cohen's kappa on 1,000,000 paired codes: >= 2x faster than
   ``sklearn.metrics.cohen_kappa_score``.
3. All 19,900 pairwise kappas among 200 coders over 6,000 units with
   missing values: >= 100x faster than looping ``cohen_kappa_score`` over
   the pairs, identical values. The loop is timed on a random sample of
   pairs and extrapolated to all pairs (stated in the output).

Each timing is the best of ``--repeat`` runs after one warm-up run, for both
sides. Peak memory is measured with ``tracemalloc`` (numpy reports its
allocations to it). Exit status 1 if a target is missed.

Usage::

    python benchmarks/bench_agreement.py            # full sizes
    python benchmarks/bench_agreement.py --quick    # smoke run (smaller sizes)
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

try:
    import krippendorff
    from sklearn.metrics import cohen_kappa_score
except ImportError as exc:  # pragma: no cover
    sys.exit(f"The benchmark needs the test extras (krippendorff, scikit-learn): {exc}. Remedy: pip install -e '.[test]'")

from stance.agreement import cohen_kappa, krippendorff_alpha, pairwise_kappa
from stance.errors import DegenerateDataWarning


def best_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    out = fn()  # warm-up
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def reliability_matrix(rng: np.random.Generator, n: int, m: int, q: int, missing: float) -> np.ndarray:
    truth = rng.integers(0, q, n)
    x = np.where(rng.random((n, m)) < 0.7, truth[:, None], rng.integers(0, q, (n, m))).astype(float)
    x[rng.random((n, m)) < missing] = np.nan
    return x


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes for a smoke run")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per measurement (best is kept)")
    ap.add_argument("--seed", type=int, default=20261124)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    n_alpha = 100_000 if args.quick else 1_000_000
    n_cohen = 100_000 if args.quick else 1_000_000
    n_coders, n_units = (50, 1_000) if args.quick else (200, 6_000)
    n_sample_pairs = 200 if args.quick else 1_000

    print(f"stance.agreement benchmark ({'quick' if args.quick else 'full'}); Python {platform.python_version()}, numpy {np.__version__}, "
          f"{platform.machine()}; best of {args.repeat} after a warm-up")
    results: list[tuple[str, float, float, str]] = []

    # 1. Krippendorff's alpha --------------------------------------------------
    x = reliability_matrix(rng, n_alpha, 3, 4, 0.10)
    for metric in ("nominal", "ordinal"):
        t_ours, ours = best_time(lambda: krippendorff_alpha(x, metric=metric).estimate, args.repeat)
        t_ref, ref = best_time(lambda: krippendorff.alpha(reliability_data=x.T, level_of_measurement=metric), args.repeat)
        assert abs(ours - ref) < 1e-9, (metric, ours, ref)
        results.append((f"Krippendorff alpha {metric}, {n_alpha:,} units x 3 coders, 4 cat., 10% missing", t_ref, t_ours, "ratio >= 1"))
        print(f"  alpha {metric:8s}: stance {t_ours:.3f} s, krippendorff {t_ref:.3f} s, ratio {t_ref / t_ours:.1f}x  (alpha = {ours:.6f}, |diff| = {abs(ours - ref):.1e})")
    # memory: peak allocation of ours at two sizes (linear in units), and of the reference
    small = x[: n_alpha // 4]
    mem_small = peak_mb(lambda: krippendorff_alpha(small, metric="ordinal"))
    mem_full = peak_mb(lambda: krippendorff_alpha(x, metric="ordinal"))
    mem_ref = peak_mb(lambda: krippendorff.alpha(reliability_data=x.T, level_of_measurement="ordinal"))
    print(f"  peak memory, ordinal alpha: stance {mem_small:.0f} MB at {len(small):,} units, {mem_full:.0f} MB at {n_alpha:,} units "
          f"(x{mem_full / mem_small:.1f} for x4 units); krippendorff {mem_ref:.0f} MB at {n_alpha:,} units")

    # 2. Cohen's kappa on paired codes -------------------------------------------
    a = rng.integers(0, 4, n_cohen)
    b = np.where(rng.random(n_cohen) < 0.7, a, rng.integers(0, 4, n_cohen))
    t_ours, ours = best_time(lambda: cohen_kappa(np.column_stack([a, b])).estimate, args.repeat)
    t_ref, ref = best_time(lambda: cohen_kappa_score(a, b), args.repeat)
    assert abs(ours - ref) < 1e-9, (ours, ref)
    results.append((f"Cohen's kappa, {n_cohen:,} paired codes", t_ref, t_ours, "ratio >= 2"))
    print(f"  cohen kappa   : stance {t_ours:.4f} s (incl. column_stack), sklearn {t_ref:.4f} s, ratio {t_ref / t_ours:.1f}x  (kappa = {ours:.6f})")

    # 3. All pairwise kappas --------------------------------------------------------
    xm = reliability_matrix(rng, n_units, n_coders, 3, 0.10)
    n_pairs = n_coders * (n_coders - 1) // 2
    t_ours, ours = best_time(lambda: pairwise_kappa(xm, output="arrays"), args.repeat)
    ia, ib = np.triu_indices(n_coders, k=1)
    pick = rng.choice(n_pairs, size=min(n_sample_pairs, n_pairs), replace=False)
    labels = [0, 1, 2]

    def loop() -> list[float]:
        out = []
        for p in pick:
            ca, cb = xm[:, ia[p]], xm[:, ib[p]]
            both = ~np.isnan(ca) & ~np.isnan(cb)
            out.append(cohen_kappa_score(ca[both].astype(int), cb[both].astype(int), labels=labels))
        return out

    t_loop_sample, ref = best_time(loop, 1)
    t_ref = t_loop_sample / len(pick) * n_pairs
    diff = np.max(np.abs(ours.estimate[ia[pick], ib[pick]] - np.array(ref)))
    assert diff < 1e-12, diff
    results.append((f"all {n_pairs:,} pairwise kappas, {n_coders} coders x {n_units:,} units, 10% missing", t_ref, t_ours, "ratio >= 100"))
    print(f"  pairwise kappa: stance {t_ours:.3f} s for {n_pairs:,} pairs; sklearn loop {t_loop_sample:.2f} s for a random sample of "
          f"{len(pick):,} pairs, extrapolated to {t_ref:.1f} s for all pairs; ratio {t_ref / t_ours:.0f}x; max |diff| on the sample = {diff:.1e}")
    mem_pairs = peak_mb(lambda: pairwise_kappa(xm, output="arrays"))
    print(f"  peak memory, pairwise kappa: {mem_pairs:.0f} MB")

    # Summary -----------------------------------------------------------------------
    print("\nSummary (reference time / stance time):")
    ok_all = True
    for name, t_ref, t_ours, target in results:
        ratio = t_ref / t_ours
        need = float(target.split(">=")[1])
        ok = ratio >= need
        ok_all &= ok
        print(f"  {'PASS' if ok else 'FAIL'}  {ratio:8.1f}x  ({target})  {name}")
    return 0 if ok_all else 1


if __name__ == "__main__":
    warnings.simplefilter("ignore", DegenerateDataWarning)
    raise SystemExit(main())
