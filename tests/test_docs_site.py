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
import subprocess
import sys
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
