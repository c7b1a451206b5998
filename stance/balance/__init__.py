"""Balancing indices: how an actor positions itself between the great powers, for one actor or every state, over time.

* Dyadic similarity over shared items (events or UN roll calls):
  [`similarity`][stance.balance.similarity.similarity], [`dyadic_similarity`][stance.balance.similarity.dyadic_similarity] (agreement rate with
  Voeten's half credit, Signorino & Ritter's S, Häge's kappa and pi,
  Benati & Capurri's alignment index).
* Alignment of focal actors with each pole, in two senses:
  [`alignment`][stance.balance.alignment.alignment] (similarity with the pole's own stances) and
  [`lead_alignment`][stance.balance.alignment.lead_alignment] (mean stance toward the events the pole leads).
* The project's own balancing indices: [`balancing_indices`][stance.balance.indices.balancing_indices] and
  [`balance`][stance.balance.indices.balance] (equidistance, k-pole equidistance, tilt, with paired
  bootstrap intervals), [`hedge_share`][stance.balance.indices.hedge_share], [`split_items`][stance.balance.indices.split_items].

Every function takes long data (``item``, ``actor``, ``value`` columns;
defaults ``event_id``, ``actor_id``, ``stance``), reads categories and
scores from the codebook, never treats a missing stance as neutral, and
returns tidy DataFrames with the counts behind each figure. Formulas and
references: ``docs/balance.md``.

Examples
--------
>>> import stance
>>> from stance.balance import alignment, with_event_time
>>> data = with_event_time(stance.load("stances"), stance.load("events"))
>>> kaz = alignment(data, focal="KAZ")
>>> kaz[["pole", "n_items"]].values.tolist()[:2]
[['USA', 14], ['RUS', 10]]
"""

from stance.balance._tables import MEASURE_RANGE, MEASURES
from stance.balance.alignment import DEFAULT_POLES, LEAD_MEASURE, alignment, lead_alignment
from stance.balance.events import lead_matrix, with_event_time
from stance.balance.indices import INDICES, balance, balancing_indices, hedge_share, split_items
from stance.balance.similarity import SimilarityResult, dyadic_similarity, similarity

__all__ = [
    "DEFAULT_POLES",
    "INDICES",
    "LEAD_MEASURE",
    "MEASURES",
    "MEASURE_RANGE",
    "SimilarityResult",
    "alignment",
    "balance",
    "balancing_indices",
    "dyadic_similarity",
    "hedge_share",
    "lead_alignment",
    "lead_matrix",
    "similarity",
    "split_items",
    "with_event_time",
]
