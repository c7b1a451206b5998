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
    """
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
