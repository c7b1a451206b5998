r"""Dyad-year panel of UN voting similarity and ideal-point distance, computed by matrix products.

For every year (or session) the votes form a states x roll-calls matrix of
scores (no -1, abstain 0, yes 1; absent: not a vote). With one-hot
indicator matrices Y, A, N (yes, abstain, no), the mask M = Y + A + N and
the scores X = Y - N, every statistic of every pair of states is a sum over
the roll calls both voted on, i.e. a matrix product:

* shared votes $n = M M^\top$;
* $\sum (x - y)^2 = X^2 M^\top + M (X^2)^\top - 2 X X^\top$
  ($X^2 = Y + N$) and $\sum |x - y| = (Y + N) A^\top + A (Y + N)^\top + 2 (Y N^\top + N Y^\top)$;
* **agreement** (Voeten): $1 - \sum|x - y| / 2n$;
* **S** with absolute distance (Signorino and Ritter): $1 - \sum|x - y| / n$ (range of the scores: 2);
* **kappa** (Häge; quadratic-weighted Cohen's kappa): $1 - D_o / D_e$
  with $D_o = \sum (x-y)^2 / n$ and $D_e = \overline{x^2} + \overline{y^2} - 2\bar x \bar y$
  (each state's own marginal over the shared roll calls);
* **pi** (Scott's, quadratic): the same with the pooled marginal, $D_e = 2(\overline{m_2} - \bar m^2)$;
* **ideal-point distance**: $|\theta_a - \theta_b|$ (final-passage estimates, 1946-2024).

Undefined values are NaN (no shared vote; kappa and pi when a single
category is used throughout). Years outside the vote data (after January
2020) have ``n_votes`` and the vote measures missing, never 0; the
ideal-point distance is missing where either state has no estimate.
Every pair is computed once for a < b and mirrored, so the panel is
symmetric by construction.

Examples
--------
>>> from stance.unga.panel import dyad_panel
>>> p = dyad_panel(focal="KAZ", years=(2014, 2014))
>>> row = p[p["actor_b"] == "RUS"].iloc[0]
>>> int(row["n_votes"]), round(float(row["agreement"]), 3)
(76, 0.789)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from stance.errors import StanceError

MEASURES = ("agreement", "s_absolute", "kappa", "pi")
_SCORES = {"support": 1.0, "hedge": 0.0, "oppose": -1.0}


class VoteMatrices:
    """One-hot vote matrices (states x roll calls) with the roll calls grouped by window.

    ``Y``, ``A``, ``N`` hold 1.0 where a state voted yes, abstained or voted
    no; ``ids`` are the states (sorted), ``windows`` the window values and
    ``bounds[k]:bounds[k + 1]`` the columns of window ``k``.
    """

    def __init__(self, votes: pd.DataFrame, rollcalls: pd.DataFrame, by: str = "year") -> None:
        calls = rollcalls[rollcalls["rcid"].isin(votes["rcid"])][["rcid", by]].dropna()
        calls = calls.sort_values([by, "rcid"], kind="stable")
        rcids = calls["rcid"].to_numpy(dtype=np.int64)
        win = calls[by].to_numpy(dtype=np.int64)
        col_of = np.full(int(rcids.max()) + 1 if len(rcids) else 1, -1, dtype=np.int64)
        col_of[rcids] = np.arange(len(rcids))
        self.windows, first = np.unique(win, return_index=True)
        self.bounds = np.append(first, len(rcids))
        actor = votes["actor_id"]
        if not isinstance(actor.dtype, pd.CategoricalDtype):
            actor = actor.astype("category")
        actor = actor.cat.remove_unused_categories()
        cats = [str(c) for c in actor.cat.categories]
        self.ids = sorted(cats)
        rank = np.array([self.ids.index(c) for c in cats], dtype=np.int64) if cats != self.ids else np.arange(len(cats))
        stance = votes["stance"]
        if not isinstance(stance.dtype, pd.CategoricalDtype):
            stance = stance.astype("category")
        lookup = np.array([_SCORES.get(str(c), np.nan) for c in stance.cat.categories] + [np.nan])
        score = lookup[stance.cat.codes.to_numpy()]
        if np.isnan(score).any():
            raise StanceError(f"{int(np.isnan(score).sum())} votes have a stance outside support/hedge/oppose.", remedy="Pass unga_votes as shipped.")
        row = rank[actor.cat.codes.to_numpy()]
        col = col_of[votes["rcid"].to_numpy(dtype=np.int64)]
        shape = (len(self.ids), len(rcids))
        self.Y, self.A, self.N = np.zeros(shape), np.zeros(shape), np.zeros(shape)
        for matrix, value in ((self.Y, 1.0), (self.A, 0.0), (self.N, -1.0)):
            hit = score == value
            matrix[row[hit], col[hit]] = 1.0

    def window(self, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``Y, A, N`` restricted to the roll calls of window ``k``."""
        c0, c1 = self.bounds[k], self.bounds[k + 1]
        return self.Y[:, c0:c1], self.A[:, c0:c1], self.N[:, c0:c1]


def _one_blas_thread():  # type: ignore[no-untyped-def]
    """Small matrix products run fastest on one BLAS thread (threads only contend on a shared machine)."""
    try:
        from threadpoolctl import threadpool_limits  # installed with scikit-learn, a runtime dependency
    except ImportError:  # pragma: no cover
        import contextlib

        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def pair_stats(Y: np.ndarray, A: np.ndarray, N: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray]:
    """The four measures and the shared-vote counts of every (row state, column state) pair, from one window's one-hot matrices.

    ``rows``/``cols`` index the states. Returns arrays of shape (rows, cols).
    """
    Yr, Ar, Nr, Yc, Ac, Nc = Y[rows], A[rows], N[rows], Y[cols], A[cols], N[cols]
    Mr, Mc = Yr + Ar + Nr, Yc + Ac + Nc
    Xr, Xc = Yr - Nr, Yc - Nc
    Qr, Qc = Yr + Nr, Yc + Nc  # x^2
    n = Mr @ Mc.T
    abs_sum = Qr @ Ac.T + Ar @ Qc.T + 2.0 * (Yr @ Nc.T + Nr @ Yc.T)
    sq_sum = Qr @ Mc.T + Mr @ Qc.T - 2.0 * (Xr @ Xc.T)
    s1_r, s1_c = Xr @ Mc.T, Mr @ Xc.T  # sums of each side's scores over the shared votes
    s2_r, s2_c = Qr @ Mc.T, Mr @ Qc.T
    with np.errstate(invalid="ignore", divide="ignore"):
        d_abs = abs_sum / n
        d_o = sq_sum / n
        m1_r, m1_c, m2_r, m2_c = s1_r / n, s1_c / n, s2_r / n, s2_c / n
        de_kappa = m2_r + m2_c - 2.0 * m1_r * m1_c
        m1, m2 = (m1_r + m1_c) / 2.0, (m2_r + m2_c) / 2.0
        de_pi = 2.0 * (m2 - m1 * m1)
        tol = 1e-12
        kappa = np.where(de_kappa > tol, 1.0 - d_o / np.where(de_kappa > tol, de_kappa, 1.0), np.nan)
        pi = np.where(de_pi > tol, 1.0 - d_o / np.where(de_pi > tol, de_pi, 1.0), np.nan)
    undefined = n == 0
    return {"n": n.astype(np.int64), "agreement": np.where(undefined, np.nan, 1.0 - d_abs / 2.0), "s_absolute": np.where(undefined, np.nan, 1.0 - d_abs),
            "kappa": np.where(undefined, np.nan, kappa), "pi": np.where(undefined, np.nan, pi)}


def _ideal_points(years: tuple[int, int] | None) -> pd.DataFrame:
    import stance

    ip = stance.load("unga_ideal_points", columns=["actor_id", "year", "ideal_point_fp"]).dropna(subset=["ideal_point_fp"])
    if years is not None:
        ip = ip[ip["year"].between(*years)]
    return ip.assign(actor_id=ip["actor_id"].astype(str), year=ip["year"].astype(int))


def dyad_panel(states: Sequence[str] | None = None, *, focal: str | None = None, years: tuple[int, int] | None = None,
               directed: bool = False) -> pd.DataFrame:
    """Dyad-year panel: agreement, S, Häge's kappa and pi, shared votes and ideal-point distance for pairs of states.

    Parameters
    ----------
    states : list of str, optional
        Restrict to these states (default every state).
    focal : str, optional
        One state against all others (rows ``actor_a == focal``).
    years : (first, last), optional
        Inclusive years (default every year of the votes and ideal points, 1946-2024).
    directed : bool
        Both orders of each pair (``a, b`` and ``b, a``, identical values);
        default one row per pair with ``actor_a < actor_b``.

    Returns
    -------
    DataFrame
        ``actor_a, actor_b, year, n_votes, agreement, s_absolute, kappa, pi,
        ideal_distance``: every pair of states present in a year (a vote or
        an ideal point that year).
    """
    import stance

    votes = stance.load("unga_votes", columns=["rcid", "actor_id", "stance"])
    calls = stance.load("unga_rollcalls", columns=["rcid", "year"])
    ip = _ideal_points(None)
    vote_years = (int(calls["year"].min()), int(calls["year"].max()))
    all_years = (min(vote_years[0], int(ip["year"].min())), max(vote_years[1], int(ip["year"].max())))
    if years is not None:
        if years[0] > years[1] or years[1] < all_years[0] or years[0] > all_years[1]:
            raise StanceError(f"Years {years[0]}-{years[1]} are outside the UN data ({all_years[0]}-{all_years[1]}).", remedy=f"Pick years within {all_years[0]}-{all_years[1]}.")
        calls = calls[calls["year"].between(*years)]
        ip = ip[ip["year"].between(*years)]
    known = set(votes["actor_id"].cat.categories) | set(ip["actor_id"])
    wanted = None if states is None else [str(s) for s in states]
    for name in ([focal] if focal else []) + (wanted or []):
        if name not in known:
            raise StanceError(f"No UN votes or ideal points for {name!r}.", remedy="Use ids of unga_votes / unga_ideal_points (stance.country() finds them from a name or code).")
    if wanted is not None:
        keep = set(wanted) | ({focal} if focal else set())
        votes = votes[votes["actor_id"].isin(keep)]
        ip = ip[ip["actor_id"].isin(keep)]
    votes = votes[votes["rcid"].isin(calls["rcid"])]
    vm = VoteMatrices(votes, calls, "year")
    ids_all = sorted(set(vm.ids) | set(ip["actor_id"]))
    position = {a: i for i, a in enumerate(ids_all)}
    if ids_all != vm.ids:  # states with ideal points but no vote in the range: empty rows
        remap = np.array([position[i] for i in vm.ids], dtype=np.int64)
        for name in ("Y", "A", "N"):
            full = np.zeros((len(ids_all), getattr(vm, name).shape[1]))
            full[remap] = getattr(vm, name)
            setattr(vm, name, full)
    theta = ip.pivot_table(index="year", columns="actor_id", values="ideal_point_fp").reindex(columns=ids_all)
    focal_code = position.get(focal) if focal else None
    with _one_blas_thread():
        parts = _panel_parts(vm, theta, len(ids_all), focal_code, vote_years)
    if not parts:
        raise StanceError("No pair of states in the years asked.", remedy="Widen the years or the states.")
    return _assemble(parts, ids_all, directed=directed and focal is None)


def _panel_parts(vm: VoteMatrices, theta: pd.DataFrame, n_states: int, focal_code: int | None, vote_years: tuple[int, int]) -> list[dict[str, np.ndarray]]:
    window_of = {int(w): k for k, w in enumerate(vm.windows)}
    parts = []
    for year in sorted(set(window_of) | set(int(y) for y in theta.index)):
        k = window_of.get(year)
        mats = vm.window(k) if k is not None else None
        present = np.zeros(n_states, dtype=bool)
        if mats is not None:
            present |= (mats[0] + mats[1] + mats[2]).any(axis=1)
        th = theta.loc[year].to_numpy(dtype=float) if year in theta.index else np.full(n_states, np.nan)
        present |= ~np.isnan(th)
        members = np.flatnonzero(present)
        if focal_code is not None:
            if not present[focal_code]:
                continue
            rows, cols = np.array([focal_code]), members[members != focal_code]
        else:
            rows = cols = members
        if len(rows) == 0 or len(cols) == 0:
            continue
        stats = pair_stats(*mats, rows, cols) if mats is not None else None
        ri, ci = np.meshgrid(np.arange(len(rows)), np.arange(len(cols)), indexing="ij")
        a, b = rows[ri].ravel(), cols[ci].ravel()
        keep = a < b if focal_code is None else np.ones(len(a), dtype=bool)
        a, b = a[keep], b[keep]
        flat = (ri.ravel()[keep], ci.ravel()[keep])
        in_votes = stats is not None and year <= vote_years[1]
        part = {"a": a, "b": b, "year": np.full(len(a), year)}
        part["n_votes"] = stats["n"][flat] if in_votes else np.full(len(a), -1)
        for m in MEASURES:
            part[m] = stats[m][flat] if in_votes else np.full(len(a), np.nan)
        part["ideal_distance"] = np.abs(th[a] - th[b])
        parts.append(part)
    return parts


def _assemble(parts: list[dict[str, np.ndarray]], ids_all: list[str], *, directed: bool) -> pd.DataFrame:
    cat = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    if directed:
        cat = {k: np.concatenate([v, cat["b" if k == "a" else "a" if k == "b" else k]]) for k, v in cat.items()}
    order = np.lexsort((cat["year"], cat["b"], cat["a"]))
    cat = {k: v[order] for k, v in cat.items()}
    n = cat["n_votes"]
    out = pd.DataFrame({"actor_a": pd.Categorical.from_codes(cat["a"], categories=ids_all),
                        "actor_b": pd.Categorical.from_codes(cat["b"], categories=ids_all),
                        "year": pd.array(cat["year"], dtype="Int64"),
                        "n_votes": pd.arrays.IntegerArray(np.where(n < 0, 0, n), n < 0)})
    for m in (*MEASURES, "ideal_distance"):
        out[m] = cat[m]
    return out
