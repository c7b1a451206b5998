"""MkDocs hook: rewrite links that point out of ``docs/`` to the site pages generated from the same files.

The Markdown files link to ``../codebook/codebook.md``, ``../CHANGELOG.md``
and so on, which is right when they are read in the repository. The site
renders those files as its own pages (``scripts/docs_pages.py``); this hook
points the links there, so the same text works in both places. Any other
link out of ``docs/`` is left alone, and ``mkdocs build --strict`` fails on it.
"""

from __future__ import annotations

import re
from typing import Any

#: Repository file (as linked from a page at the top of docs/) -> site page.
REDIRECTS = {
    "../codebook/codebook.md": "codebook.md",
    "../codebook/codebook.toml": "codebook.md",
    "../CHANGELOG.md": "changelog.md",
    "../replication/README.md": "replication.md",
}

_LINK = re.compile(r"\]\((" + "|".join(re.escape(k) for k in REDIRECTS) + r")(#[^)]*)?\)")


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    """Point links to repository files that the site renders at their pages (only for pages at the top of docs/)."""
    if "/" in page.file.src_uri:
        return markdown
    return _LINK.sub(lambda m: f"]({REDIRECTS[m.group(1)]}{m.group(2) or ''})", markdown)
