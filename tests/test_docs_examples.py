"""Every ```python block of the README, the docs pages and replication/README.md runs, in page order, so no example is stale.

Blocks of one page share a namespace (a later block may use an earlier
block's names) and run in a temporary working folder. Other fences
(```bash, ```text, ...) are not run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)


def pages() -> list[Path]:
    """Markdown pages whose Python examples are run."""
    found = [ROOT / "README.md", ROOT / "replication" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return [p for p in found if p.is_file() and FENCE.search(p.read_text(encoding="utf-8"))]


def python_blocks(text: str) -> list[tuple[int, str]]:
    """``(line number, code)`` of each ```python block."""
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in FENCE.finditer(text)]


def test_the_extractor_finds_blocks_and_skips_other_fences():
    text = "intro\n```python\nx = 1\n```\n```bash\nstance info\n```\n```python\ny = x + 1\n```\n"
    assert python_blocks(text) == [(3, "x = 1\n"), (9, "y = x + 1\n")]


def test_pages_with_examples_include_the_tutorials():
    names = {p.name for p in pages()}
    assert {"analysts.md", "index.md", "balance.md", "unga.md", "agreement.md", "README.md"} <= names


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_python_examples_run(page: Path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_example_{page.stem}"}
    try:
        for line, code in python_blocks(page.read_text(encoding="utf-8")):
            try:
                exec(compile(code, f"{page.relative_to(ROOT)}:{line}", "exec"), namespace)
            except Exception as exc:
                raise AssertionError(f"{page.relative_to(ROOT)}, the ```python block at line {line} fails: {type(exc).__name__}: {exc}") from exc
    finally:
        try:
            import matplotlib.pyplot as plt

            plt.close("all")
        except ImportError:
            pass
