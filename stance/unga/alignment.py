"""Alignment of every UN member with the great powers, by year or session, from the roll-call votes.

This applies [`stance.balance.alignment`][stance.balance.alignment.alignment] to the vote layer: items are
roll calls, stances are votes mapped through the codebook, and the window is
the calendar year (or the session) of the roll call. The build ships the
result for the default poles and measures as ``unga_alignment``; call
[`unga_alignment`][stance.unga.alignment.unga_alignment] for other poles, windows or measures.

Examples
--------
>>> from stance.unga.alignment import unga_alignment
>>> kaz = unga_alignment(focal="KAZ", measures=("agreement",))
>>> kaz.query("year == 2014").set_index("pole")["n_votes"].astype(int).to_dict()
{'USA': 77, 'RUS': 76, 'CHN': 76}
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from stance.data.columns import Columns

#: The layout of ``unga_votes`` for the balance functions: items are roll calls (``rcid``), actors ``actor_id``, values ``stance``.
VOTES = Columns(item="rcid")
#: Poles of the shipped ``unga_alignment`` table (the EU is not a UN member: no votes of its own).
UNGA_POLES = ("USA", "RUS", "CHN")
#: Measures of the shipped table (definitions in docs/balance.md).
UNGA_MEASURES = ("agreement", "s_absolute", "kappa", "pi")
WINDOWS = ("year", "session")


def votes_with_window(votes: pd.DataFrame, rollcalls: pd.DataFrame, by: str = "year") -> pd.DataFrame:
    """``votes`` (rcid, actor_id, stance) with the roll call's ``year`` or ``session`` attached."""
    if by not in WINDOWS:
        from stance.errors import StanceError

        raise StanceError(f"by={by!r} is not a UN window.", remedy=f"Use one of {', '.join(WINDOWS)}.")
    return votes[["rcid", "actor_id", "stance"]].merge(rollcalls[["rcid", by]], on="rcid", how="left", validate="many_to_one")


def alignment_table(votes: pd.DataFrame, rollcalls: pd.DataFrame, *, poles: Sequence[str] = UNGA_POLES,
                    measures: Sequence[str] = UNGA_MEASURES, by: str = "year") -> pd.DataFrame:
    """Every state's alignment with each pole per window, in the ``unga_alignment`` layout.

    Columns ``actor_id, <by>, pole, measure, value, n_votes``, sorted by
    actor, window, pole (in ``poles`` order) and measure (in ``measures``
    order). A state appears in a window only when it shares at least one
    vote with the pole there; ``value`` is NaN where the measure is
    undefined (e.g. kappa when both voted yes throughout).

    The four measures of the shipped table (agreement, S, kappa, pi) come
    from the matrix products of [`stance.unga.panel.pair_stats`][stance.unga.panel.pair_stats] (every
    state against every pole at once, any number of poles); other measures
    go through [`stance.balance.alignment`][stance.balance.alignment.alignment].
    """
    from stance.unga.panel import MEASURES

    if by not in WINDOWS:
        from stance.errors import StanceError

        raise StanceError(f"by={by!r} is not a UN window.", remedy=f"Use one of {', '.join(WINDOWS)}.")
    if set(measures) <= set(MEASURES):
        return _matrix_table(votes, rollcalls, poles=poles, measures=measures, by=by)
    from stance.balance import alignment

    data = votes_with_window(votes, rollcalls, by)
    out = alignment(data, poles=tuple(poles), by=by, measures=tuple(measures), columns=VOTES)
    out = out[out["n_items"] > 0]
    table = pd.DataFrame({
        "actor_id": pd.Categorical(out["actor"].astype(str), categories=sorted(votes["actor_id"].astype(str).unique())),
        by: out["window"].astype("Int64").to_numpy(),
        "pole": pd.Categorical(out["pole"].astype(str), categories=list(poles)),
        "measure": pd.Categorical(out["measure"].astype(str), categories=list(measures)),
        "value": out["value"].astype("float64").to_numpy(),
        "n_votes": out["n_items"].astype("Int64").to_numpy(),
    })
    return table.sort_values(["actor_id", by, "pole", "measure"], kind="stable").reset_index(drop=True)


def _matrix_table(votes: pd.DataFrame, rollcalls: pd.DataFrame, *, poles: Sequence[str], measures: Sequence[str], by: str) -> pd.DataFrame:
    import numpy as np

    from stance.unga.panel import VoteMatrices, _one_blas_thread, pair_stats

    vm = VoteMatrices(votes, rollcalls, by)
    ids = vm.ids
    position = {a: i for i, a in enumerate(ids)}
    pole_codes = np.array([position[p] for p in poles if p in position], dtype=np.int64)
    pole_rank = np.array([k for k, p in enumerate(poles) if p in position], dtype=np.int64)
    n_m = len(measures)
    parts = []
    with _one_blas_thread():
        for k, window in enumerate(vm.windows):
            Y, A, N = vm.window(k)
            present = np.flatnonzero((Y + A + N).any(axis=1))
            stats = pair_stats(Y, A, N, present, pole_codes)
            n = stats["n"]
            keep = (n > 0) & (present[:, None] != pole_codes[None, :])
            r, c = np.nonzero(keep)  # row-major: state, then pole in poles order
            vals = np.stack([stats[m][r, c] for m in measures], axis=1)
            parts.append((present[r], np.full(len(r), window), pole_rank[c], vals, n[r, c]))
    if not parts:
        return pd.DataFrame({"actor_id": pd.Categorical([], categories=ids), by: pd.array([], dtype="Int64"),
                             "pole": pd.Categorical([], categories=list(poles)), "measure": pd.Categorical([], categories=list(measures)),
                             "value": np.array([], dtype="float64"), "n_votes": pd.array([], dtype="Int64")})
    actor = np.concatenate([p[0] for p in parts])
    window = np.concatenate([p[1] for p in parts])
    pole = np.concatenate([p[2] for p in parts])
    vals = np.concatenate([p[3] for p in parts])
    n = np.concatenate([p[4] for p in parts])
    order = np.lexsort((pole, window, actor))
    actor, window, pole, vals, n = actor[order], window[order], pole[order], vals[order], n[order]
    k = len(actor)
    return pd.DataFrame({
        "actor_id": pd.Categorical.from_codes(np.repeat(actor, n_m), categories=ids),
        by: pd.array(np.repeat(window, n_m).astype(np.int64), dtype="Int64"),
        "pole": pd.Categorical.from_codes(np.repeat(pole, n_m), categories=list(poles)),
        "measure": pd.Categorical.from_codes(np.tile(np.arange(n_m), k), categories=list(measures)),
        "value": vals.reshape(-1).astype("float64"),
        "n_votes": pd.array(np.repeat(n, n_m), dtype="Int64"),
    })


def unga_alignment(*, focal: str | Sequence[str] | None = None, poles: Sequence[str] = UNGA_POLES,
                   measures: Sequence[str] = UNGA_MEASURES, by: str = "year") -> pd.DataFrame:
    """Alignment with the poles from the shipped votes, for one state, several, or all (``focal=None``).

    Parameters
    ----------
    focal : str or list of str, optional
        Actor ids (``unga_votes.actor_id``); default every state.
    poles : sequence of str
        Actor ids of the poles (default USA, RUS, CHN).
    measures : sequence of str
        Names understood by [`stance.balance.alignment`][stance.balance.alignment.alignment].
    by : {"year", "session"}
        The window.
    """
    import stance

    votes = stance.load("unga_votes", columns=["rcid", "actor_id", "stance"])
    rollcalls = stance.load("unga_rollcalls", columns=["rcid", "year", "session"])
    no_votes = [p for p in poles if p not in set(votes["actor_id"].cat.categories)]
    if no_votes:
        from stance.errors import StanceError

        raise StanceError(f"No UN votes for pole(s) {', '.join(no_votes)}.", remedy="Use UN members' ids as poles (e.g. USA, RUS, CHN); organisations such as the EU cast no votes.")
    if focal is not None:
        wanted = {focal} if isinstance(focal, str) else set(focal)
        unknown = wanted - set(votes["actor_id"].cat.categories)
        if unknown:
            from stance.errors import StanceError

            raise StanceError(f"No UN votes for actor id(s) {', '.join(sorted(unknown))}.",
                              remedy="Use ISO 3166-1 alpha-3 ids as in unga_votes.actor_id, e.g. KAZ, KGZ, UZB.")
        votes = votes[votes["actor_id"].isin(wanted | set(poles))]
    table = alignment_table(votes, rollcalls, poles=poles, measures=measures, by=by)
    if focal is not None:
        table = table[table["actor_id"].isin(wanted)].reset_index(drop=True)
    return table
