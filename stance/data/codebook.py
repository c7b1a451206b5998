"""Read the machine-readable codebook (``codebook/codebook.toml``).

The codebook file is the only definition of the stance categories, their
ordinal order and scores, the confidence levels, the missing-value rules and
the UN vote mapping. Everything else in the package asks this module.

Examples
--------
>>> from stance.data.codebook import load_codebook
>>> cb = load_codebook()
>>> cb.category_ids
('oppose', 'hedge', 'support', 'neutral')
>>> cb.ordinal_scores()
{'oppose': -1.0, 'hedge': 0.0, 'support': 1.0}
>>> cb.unga_mapping["abstain"]
'hedge'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from stance.data._paths import codebook_dir
from stance.errors import CodebookError

NEUTRAL_RULES = ("exclude", "midpoint")


@dataclass(frozen=True)
class Category:
    """One stance category: id, label, definition and (for ordinal categories) score."""

    id: str
    label: str
    definition: str
    score: float | None = None


@dataclass(frozen=True)
class Level:
    """A confidence level, missing-value kind or adjudication method."""

    id: str
    label: str
    definition: str


@dataclass(frozen=True)
class Codebook:
    """The parsed codebook.

    Attributes
    ----------
    version : str
        Semantic version of the codebook (a changed category is a major bump).
    categories : tuple of Category
        In dtype order: the ordinal categories low to high, then the residual
        ones (neutral).
    ordinal_order : tuple of str
        Ordinal categories, low to high.
    neutral_in_ordinal : {"exclude", "midpoint"}
        What neutral does in ordinal and interval measures.
    """

    version: str
    released: str
    title: str
    unit: str
    categories: tuple[Category, ...]
    ordinal_order: tuple[str, ...]
    neutral_in_ordinal: str
    confidence: tuple[Level, ...]
    missing: tuple[Level, ...]
    adjudication_methods: tuple[Level, ...]
    unga_mapping: dict[str, str]
    excerpt_max_chars: int
    vocabularies: dict[str, tuple[str, ...]]
    path: Path = field(compare=False)

    @property
    def category_ids(self) -> tuple[str, ...]:
        """Category ids in dtype order (ordinal low to high, then residual)."""
        return tuple(c.id for c in self.categories)

    @property
    def residual_ids(self) -> tuple[str, ...]:
        """Categories outside the ordinal scale (neutral)."""
        return tuple(c for c in self.category_ids if c not in self.ordinal_order)

    @property
    def confidence_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.confidence)

    @property
    def adjudication_method_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.adjudication_methods)

    def category(self, category_id: str) -> Category:
        """The category with this id (``KeyError`` naming the valid ids otherwise)."""
        for c in self.categories:
            if c.id == category_id:
                return c
        raise KeyError(f"{category_id!r} is not a codebook category; valid: {', '.join(self.category_ids)}")

    def ordinal_scores(self) -> dict[str, float]:
        """Map each category that takes part in ordinal measures to its score.

        Under ``neutral_in_ordinal = "exclude"`` neutral is absent from the
        mapping (callers drop it and count it); under ``"midpoint"`` it gets
        the midpoint of the lowest and highest score.
        """
        scores = {cid: float(self.category(cid).score) for cid in self.ordinal_order}  # type: ignore[arg-type]
        if self.neutral_in_ordinal == "midpoint":
            mid = (min(scores.values()) + max(scores.values())) / 2
            for cid in self.residual_ids:
                scores[cid] = mid
        return scores

    @property
    def score_range(self) -> float:
        """Highest minus lowest ordinal score (``d_max`` of the similarity indices)."""
        s = self.ordinal_scores().values()
        return max(s) - min(s)


def _levels(raw: list[dict[str, Any]], key: str, path: Path) -> tuple[Level, ...]:
    out = []
    for i, item in enumerate(raw):
        try:
            out.append(Level(id=item["id"], label=item.get("label", item["id"]), definition=item.get("definition", item.get("meaning", ""))))
        except KeyError as exc:
            raise CodebookError(f"{path}: entry {i + 1} of [[{key}]] has no {exc.args[0]!r}.", remedy="Give every entry an id and a definition.") from None
    return tuple(out)


def parse_codebook(path: Path) -> Codebook:
    """Parse and check a codebook TOML file (any path; :func:`load_codebook` uses the shipped one)."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CodebookError(f"Codebook file {path} not found.", remedy="Reinstall stance-coding, or run from a checkout that has codebook/codebook.toml.") from None
    except tomllib.TOMLDecodeError as exc:
        raise CodebookError(f"{path} is not valid TOML: {exc}.", remedy="Fix the TOML syntax at the position given.") from None

    by_id = {}
    for item in raw.get("categories", []):
        score = item.get("score")
        by_id[item["id"]] = Category(item["id"], item["label"], item["definition"], None if score is None else float(score))
    order = tuple(raw["ordinal"]["order"])
    unknown = [c for c in order if c not in by_id]
    if unknown:
        raise CodebookError(f"{path}: [ordinal] order names {unknown}, which are not categories.", remedy="List only ids defined in [[categories]].")
    unscored = [c for c in order if by_id[c].score is None]
    if unscored:
        raise CodebookError(f"{path}: ordinal categories {unscored} have no score.", remedy="Give every category in [ordinal] order a score.")
    scores = [by_id[c].score for c in order]
    if scores != sorted(scores) or len(set(scores)) != len(scores):
        raise CodebookError(f"{path}: scores {scores} do not increase along [ordinal] order {list(order)}.", remedy="Make the scores strictly increasing from low to high.")
    rule = raw["ordinal"].get("neutral_in_ordinal", "exclude")
    if rule not in NEUTRAL_RULES:
        raise CodebookError(f"{path}: neutral_in_ordinal = {rule!r}.", remedy=f"Use one of {NEUTRAL_RULES}.")
    residual = tuple(c for c in by_id if c not in order)
    categories = tuple(by_id[c] for c in order + residual)

    unga = dict(raw.get("unga", {}))
    bad = {k: v for k, v in unga.items() if v not in by_id}
    if bad:
        raise CodebookError(f"{path}: [unga] maps {bad} to unknown categories.", remedy="Map each vote to a category id.")

    meta = raw["codebook"]
    return Codebook(
        version=str(meta["version"]),
        released=str(meta.get("released", "")),
        title=str(meta.get("title", "")),
        unit=str(meta.get("unit", "")),
        categories=categories,
        ordinal_order=order,
        neutral_in_ordinal=rule,
        confidence=_levels(raw.get("confidence", []), "confidence", path),
        missing=_levels(raw.get("missing", []), "missing", path),
        adjudication_methods=_levels(raw.get("adjudication_methods", []), "adjudication_methods", path),
        unga_mapping=unga,
        excerpt_max_chars=int(raw.get("excerpts", {}).get("max_chars", 300)),
        vocabularies={k: tuple(v) for k, v in raw.get("vocabularies", {}).items()},
        path=path,
    )


@lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    """The shipped codebook (parsed once per process)."""
    return parse_codebook(codebook_dir() / "codebook.toml")
