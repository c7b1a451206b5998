"""The documentation site covers every CLI command and every public name, and its generated pages come from the sources.

The page-level tests need only the package. The site-level tests need the
``docs`` extra (mkdocs): they read the site in ``$STANCE_SITE_DIR`` when set
(CI builds it once with ``mkdocs build --strict``), else build it into a
temporary folder; without mkdocs they are skipped.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import docs_pages  # noqa: E402

from stance.cli import COMMANDS  # noqa: E402

SITE_ENV = "STANCE_SITE_DIR"


def test_cli_page_has_every_command_with_its_help():
    page = docs_pages.cli_page()
    for name, (_, help_text, example) in COMMANDS.items():
        assert f"## `stance {name}` {{#stance-{name}}}" in page, name
        assert help_text.split(" ")[0] in page and example in page, name


def test_every_public_module_has_a_reference_page():
    pages = docs_pages.api_pages()
    modules = docs_pages.public_modules()
    assert {"stance", "stance.balance", "stance.agreement", "stance.replication", "stance.data.citation", "stance.unga.alignment"} <= set(modules)
    for module in modules:
        page = pages[docs_pages.reference_path(module)]
        assert f"::: {module}" in page, module
    summary = pages["reference/SUMMARY.md"]
    assert all(docs_pages.reference_path(m).removeprefix("reference/") in summary for m in modules)


def test_codebook_page_is_built_from_the_codebook_files():
    from stance.data._paths import codebook_dir

    page = docs_pages.codebook_page()
    assert page.startswith((codebook_dir() / "codebook.md").read_text(encoding="utf-8").rstrip())
    assert (codebook_dir() / "codebook.toml").read_text(encoding="utf-8").rstrip() in page


def test_cite_and_changelog_pages_come_from_their_sources():
    from stance.data.citation import bibtex, plain_text

    cite = docs_pages.cite_page()
    assert plain_text() in cite and bibtex() in cite and (ROOT / "CITATION.cff").read_text(encoding="utf-8").rstrip() in cite
    assert docs_pages.changelog_page() == (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_every_nav_page_exists_or_is_generated():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = re.findall(r"^\s+- [^:]+: (\S+\.md)", config, flags=re.MULTILINE)
    generated = {"codebook.md", "cli.md", "cite.md", "changelog.md", "replication.md", f"{docs_pages.RESULTS_DIR}/index.md"}
    assert len(nav) >= 12
    for page in nav:
        assert page in generated or (ROOT / "docs" / page).is_file(), page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get(SITE_ENV)
    if given:
        path = Path(given)
        assert (path / "index.html").is_file(), f"${SITE_ENV}={given} holds no built site"
        return path
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr[-3000:]
    return out


def _ids(folder: Path) -> set[str]:
    found: set[str] = set()
    for page in folder.rglob("*.html"):
        found.update(re.findall(r'id="([^"]+)"', page.read_text(encoding="utf-8")))
    return found


def test_site_documents_every_name_in_every_public_all(site):
    ids = _ids(site / "reference")
    modules = set(docs_pages.public_modules())
    missing = []
    for module in sorted(modules):
        mod = importlib.import_module(module)
        for name in getattr(mod, "__all__", ()):
            obj = getattr(mod, name)
            accepted = set() if f"{module}.{name}" in modules else {f"{module}.{name}"}  # a submodule of that name does not count
            if hasattr(obj, "__module__") and hasattr(obj, "__qualname__"):
                accepted.add(f"{obj.__module__}.{obj.__qualname__}")
            if not accepted & ids:
                missing.append(f"{module}.{name}")
    assert not missing, f"not in the API reference: {missing}"


def test_site_has_every_cli_command(site):
    html = (site / "cli" / "index.html").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f'id="stance-{name}"' in html, name


def test_site_shows_the_replication_figures_and_tables(site):
    results = site / docs_pages.RESULTS_DIR
    html = (results / "index.html").read_text(encoding="utf-8")
    for figure in ("2_kaz_balance_by_period.png", "3_kaz_unga_agreement_1992_2019.png", "3_central_asia_unga_by_year.png"):
        assert figure in html and (results / figure).read_bytes()[:4] == b"\x89PNG", figure
    assert "crimea-2014" in html and "Uzbekistan (UZB)" in html
    assert (results / "manifest.json").is_file()


# --- The site as a reader sees it: every page opened in headless Chromium (Debian package `chromium`) ---

#: Text that must not survive into a rendered page: TeX left for the reader instead of typeset, Sphinx/RST markup
#: that mkdocstrings does not render, and the placeholder of the shared parameter documentation.
LITERALS = ("$$", "\\(", "\\)", "\\[", "\\]", ":class:", ":func:", ":meth:", ":mod:", ":data:", ":attr:", ":exc:", ":math:", ".. math::", "{params}")
#: Pages whose formulas are the point of the page, with the fewest typeset formulas each must show.
MATH_PAGES = {"balance/index.html": 20, "reference/stance/agreement/krippendorff/index.html": 5, "reference/stance/agreement/chance_corrected/index.html": 5}
BROWSERS = ("chromium", "chromium-browser")


def _chromium() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("headless Chromium is missing in CI: .ci/run installs Debian's `chromium` package (apt-get install chromium)")
    pytest.skip("no headless Chromium here (Debian package `chromium`: apt-get install chromium); CI installs it and runs this test")


class _Reader(HTMLParser):
    """What a reader sees of a rendered DOM: the text outside code, scripts and typeset formulas; and the formulas."""

    SKIP = {"script", "style", "pre", "code", "mjx-container", "svg", "noscript"}

    def __init__(self, *, skip_math: bool = False) -> None:
        self._init(skip_math)
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "path", "use", "rect"}

    def _init(self, skip_math: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_math = skip_math
        self.text: list[str] = []
        self.stack: list[tuple[str, bool, bool]] = []  # tag, opens an arithmatex element, typeset inside
        self.skipping = 0
        self.formulas = 0
        self.typeset = 0
        self.errors = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        is_math = "arithmatex" in classes
        if is_math:
            self.formulas += 1
        if tag == "mjx-container":
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][1]:
                    self.stack[i] = (self.stack[i][0], True, True)
                    break
        if tag in ("mjx-merror", "merror") or "merror" in classes:
            self.errors += 1
        self.stack.append((tag, is_math, False))
        if tag in self.SKIP or (is_math and self.skip_math):
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        while self.stack:
            name, is_math, done = self.stack.pop()
            if name in self.SKIP or (is_math and self.skip_math):
                self.skipping -= 1
            if is_math and done:
                self.typeset += 1
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.text.append(data)


def _render(chromium: str, page: Path) -> _Reader:
    run = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=30000", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0 and "</html>" in run.stdout, f"chromium could not render {page}: {run.stderr[-500:]}"
    reader = _Reader()
    reader.feed(run.stdout)
    return reader


def _problems(name: str, reader: _Reader) -> list[str]:
    text = "".join(reader.text)
    found = []
    for literal in LITERALS:
        at = text.find(literal)
        if at >= 0:
            found.append(f"{name}: literal {literal!r} in the text: ...{' '.join(text[max(0, at - 60):at + 60].split())}...")
    return found


def test_built_pages_have_no_raw_markup(site):
    """Every page of the site, as built (formulas left to MathJax aside): no Sphinx roles, directives or stray TeX delimiters."""
    problems = []
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
    for page in pages:
        reader = _Reader(skip_math=True)
        reader.feed(page.read_text(encoding="utf-8"))
        problems += _problems(page.relative_to(site).as_posix(), reader)
    assert len(pages) > 40
    assert not problems, "\n".join(problems[:40]) + (f"\n(+{len(problems) - 40} more)" if len(problems) > 40 else "")


def test_rendered_pages_show_typeset_formulas_and_no_raw_markup(site):
    """The pages with formulas and every top-level page, as headless Chromium renders them: formulas typeset, no raw markup."""
    chromium = _chromium()
    pages = sorted(p for p in site.rglob("*.html")
                   if p.name != "404.html" and (len(p.relative_to(site).parts) <= 2 or 'class="arithmatex"' in p.read_text(encoding="utf-8")))
    with ThreadPoolExecutor(max_workers=2) as pool:
        seen = dict(zip(pages, pool.map(lambda p: _render(chromium, p), pages)))
    problems = []
    for page, reader in seen.items():
        name = page.relative_to(site).as_posix()
        problems += _problems(name, reader)
        if reader.typeset != reader.formulas or reader.errors:
            problems.append(f"{name}: {reader.typeset} of {reader.formulas} formulas typeset, {reader.errors} MathJax errors")
    assert not problems, "\n".join(problems[:40]) + (f"\n(+{len(problems) - 40} more)" if len(problems) > 40 else "")
    for name, least in MATH_PAGES.items():
        assert seen[site / name].typeset >= least, f"{name}: only {seen[site / name].typeset} typeset formulas"


def test_api_navigation_is_by_room_without_internals():
    summary = docs_pages.api_pages()["reference/SUMMARY.md"]
    rooms = [line for line in summary.splitlines() if not line.startswith(" ") and "](" in line]
    for title, room in docs_pages.ROOMS:
        assert any(line.startswith(f"* [{title}](") for line in rooms), title
        importlib.import_module(room)
    for module in docs_pages.INTERNAL_MODULES:
        importlib.import_module(module)  # the list names modules that exist
        assert module not in docs_pages.public_modules() and module.rsplit(".", 1)[-1] + ".md" not in summary, module
    assert "/_" not in summary
