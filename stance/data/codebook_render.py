"""Render the codebook file's categories and levels as Markdown (for codebook.md and the docs).

``codebook/codebook.md`` embeds these tables between ``generated`` markers;
a test checks they equal what this module renders, so the prose codebook
can never drift from the machine-readable one.

Examples
--------
>>> from stance.data.codebook_render import render_categories
>>> render_categories().splitlines()[0]
'| id | label | score (ordinal use) | definition |'
"""

from __future__ import annotations

import re
from pathlib import Path

from stance.data.codebook import Codebook, load_codebook


def _score(cb: Codebook, category_id: str) -> str:
    scores = cb.ordinal_scores()
    if category_id in scores:
        return f"{scores[category_id]:g}"
    return "excluded"


def render_categories(cb: Codebook | None = None) -> str:
    """Markdown table of the categories, then the ordinal rule in one sentence."""
    cb = cb or load_codebook()
    lines = ["| id | label | score (ordinal use) | definition |", "| --- | --- | --- | --- |"]
    lines += [f"| `{c.id}` | {c.label} | {_score(cb, c.id)} | {c.definition} |" for c in cb.categories]
    rule = {
        "exclude": "**exclude** (neutral codes are left out of ordinal, interval and balancing measures and counted as excluded; nominal measures keep all four categories apart)",
        "midpoint": "**midpoint** (neutral takes the midpoint score in ordinal, interval and balancing measures)",
    }[cb.neutral_in_ordinal]
    lines += ["", f"Ordinal order (low to high): {' < '.join(cb.ordinal_order)}. Neutral in ordinal and interval measures: {rule}."]
    return "\n".join(lines)


def render_confidence(cb: Codebook | None = None) -> str:
    """Markdown table of the confidence levels."""
    cb = cb or load_codebook()
    lines = ["| id | label | definition |", "| --- | --- | --- |"]
    lines += [f"| `{c.id}` | {c.label} | {c.definition} |" for c in cb.confidence]
    return "\n".join(lines)


RENDERERS = {"categories": render_categories, "confidence": render_confidence}


def generated_blocks(markdown: str) -> dict[str, str]:
    """The text between ``<!-- generated:NAME:start -->`` and ``...:end -->`` markers, by NAME."""
    pattern = re.compile(r"<!-- generated:(\w+):start -->\n(.*?)\n<!-- generated:\1:end -->", re.S)
    return {m.group(1): m.group(2) for m in pattern.finditer(markdown)}


def refresh_markdown(path: Path) -> bool:
    """Rewrite the generated blocks of a Markdown file in place; return whether it changed."""
    text = path.read_text(encoding="utf-8")
    new = text
    for name, render in RENDERERS.items():
        new = re.sub(rf"(<!-- generated:{name}:start -->\n).*?(\n<!-- generated:{name}:end -->)",
                     lambda m, r=render: m.group(1) + r() + m.group(2), new, flags=re.S)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
