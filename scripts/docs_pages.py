"""The generated pages of the documentation site (run by mkdocs-gen-files through ``scripts/gen_docs.py``).

Nothing here is a copy kept by hand: the codebook page is built from
``codebook/codebook.md`` and ``codebook.toml``, the CLI reference from the
argument parser, the API reference from the package's modules (rendered by
mkdocstrings), the citation page from ``stance cite``, the changelog from
``CHANGELOG.md``, and the replication pages from ``replication/README.md``
and a fresh run of ``stance replicate``. The tests import this module to
check that every command and every public name is covered.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Width of the CLI help text (argparse wraps to the terminal; fixed so the page does not depend on it).
HELP_COLUMNS = "80"
#: Folder of the replication results inside the site.
RESULTS_DIR = "replication/results"
#: Where the site serves MathJax from (mkdocs.yml ``extra_javascript`` names this file).
MATHJAX_FILE = "javascripts/mathjax/tex-svg-full.js"


#: Modules that serve other modules of the package, not its users: no reference page, not in the navigation.
#: (Modules and packages whose name starts with ``_`` are private too.) A test checks that each exists.
INTERNAL_MODULES = (
    "stance.data.coerce",          # types source CSVs by the schemas, for the build
    "stance.coding.date_hints",    # date hints written into coding sheets
    "stance.coding.layout",        # column layout of the coding sheets
    "stance.coding.xlsx_write",    # low-level XLSX writing for the sheets
)
#: The rooms of the API reference, in the order of the navigation: (title, modules it holds).
ROOMS = (
    ("Data", "stance.data"),
    ("Coding", "stance.coding"),
    ("Agreement", "stance.agreement"),
    ("Balance", "stance.balance"),
    ("UN General Assembly", "stance.unga"),
    ("Replication", "stance.replication"),
)


def public_modules() -> list[str]:
    """Every module of the package whose dotted name has no part starting with ``_`` and that is not internal, sorted."""
    import stance

    names = ["stance"]
    for info in pkgutil.walk_packages(stance.__path__, "stance."):
        if not any(part.startswith("_") for part in info.name.split(".")) and not _internal(info.name):
            names.append(info.name)
    return sorted(names)


def _internal(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in INTERNAL_MODULES)


def reference_path(module: str) -> str:
    """Site path of a module's reference page: packages get ``.../index.md``."""
    parts = module.split(".")
    is_package = hasattr(importlib.import_module(module), "__path__")
    return "reference/" + "/".join(parts) + ("/index.md" if is_package else ".md")


def _top_level_page() -> str:
    import stance

    lines = ["# `stance`", "", "::: stance", "    options:", "      members: [__version__]", "      show_root_heading: false", "",
             "## Top-level names", "", "`import stance` stays light: these names load their module on first use.", "", "| name | defined in |", "| --- | --- |"]
    for name in stance.__all__:
        obj = getattr(stance, name)
        if callable(obj):
            target = f"{obj.__module__}.{obj.__qualname__}"
            page = reference_path(obj.__module__)
            rel = os.path.relpath(page, "reference/stance").replace(os.sep, "/")
            lines.append(f"| `stance.{name}` | [`{target}`]({rel}#{target}) |")
        else:
            lines.append(f"| `stance.{name}` | `{obj!r}` |")
    return "\n".join(lines) + "\n"


def api_pages() -> dict[str, str | bytes]:
    """One reference page per public module (``::: module`` for mkdocstrings) and the literate-nav ``SUMMARY.md``, by room."""
    pages: dict[str, str | bytes] = {}
    modules = public_modules()
    for module in modules:
        path = reference_path(module)
        pages[path] = _top_level_page() if module == "stance" else f"# `{module}`\n\n::: {module}\n"

    def link(module: str, title: str | None = None) -> str:
        return f"[{title or module}]({reference_path(module).removeprefix('reference/')})"

    in_rooms = {m for _, room in ROOMS for m in modules if m == room or m.startswith(room + ".")}
    summary = [f"* {link('stance', 'stance (top level)')}"]
    summary += [f"* {link(m)}" for m in modules if m != "stance" and m not in in_rooms]  # build, report, cli, errors
    for title, room in ROOMS:
        summary.append(f"* [{title}]({reference_path(room).removeprefix('reference/')})")
        summary += [f"    * {link(m, m.removeprefix(room + '.'))}" for m in modules if m.startswith(room + ".")]
    pages["reference/SUMMARY.md"] = "\n".join(summary) + "\n"
    return pages


def _subparsers() -> dict[str, object]:
    import argparse

    from stance.cli import build_parser

    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {"": parser, **action.choices}
    return {"": parser}


def cli_page() -> str:
    """The command-line reference: ``stance --help`` and every command's ``--help``, in registration order."""
    from stance.cli import COMMANDS

    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_COLUMNS
    try:
        parsers = _subparsers()
        lines = ["# Command line", "", "Generated from the argument parser (`stance COMMAND --help`). Exit codes: 0 success, "
                 "1 invalid content, 2 a file that cannot be read or a wrong call, 3 an internal error.", "",
                 "| command | what it does |", "| --- | --- |"]
        lines += [f"| [`stance {name}`](#stance-{name}) | {help_text} |" for name, (_, help_text, _) in COMMANDS.items()]
        lines += ["", "## `stance`", "", "```text", parsers[""].format_help().rstrip(), "```", ""]  # type: ignore[attr-defined]
        for name in COMMANDS:
            lines += [f"## `stance {name}` {{#stance-{name}}}", "", "```text", parsers[name].format_help().rstrip(), "```", ""]  # type: ignore[attr-defined]
    finally:
        if old is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = old
    return "\n".join(lines)


def cite_page() -> str:
    """How to cite: the output of ``stance cite`` for the installed data, and CITATION.cff."""
    from stance.data.citation import bibtex, plain_text
    from stance.data.loading import data_version

    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    return "\n".join([
        "# How to cite", "",
        f"Cite the data version you used (this site was built with data version {data_version()}); `stance info` prints the "
        "installed versions and `stance cite` prints the text below for them. The package version and the data version are "
        "distinct: the data version changes whenever a shipped table changes (see the changelog).", "",
        "## Plain text (`stance cite --format text`)", "", "```text", plain_text(), "```", "",
        "## BibTeX (`stance cite --format bibtex`)", "", "```bibtex", bibtex(), "```", "",
        "## CITATION.cff", "", "The repository's `CITATION.cff` (read by GitHub and Zenodo); a test checks that it names the "
        "installed data version and the same upstream references.", "", "```yaml", cff.rstrip(), "```", ""])


def codebook_page() -> str:
    """The codebook, from ``codebook/codebook.md``, followed by its machine-readable twin ``codebook.toml``."""
    from stance.data._paths import codebook_dir

    folder = codebook_dir()
    text = (folder / "codebook.md").read_text(encoding="utf-8").rstrip()
    toml = (folder / "codebook.toml").read_text(encoding="utf-8").rstrip()
    return "\n".join([text, "", "## Machine-readable codebook (`codebook.toml`)", "",
                      "The only definition of the categories the package reads (`stance.load_codebook()`):", "",
                      "```toml", toml, "```", ""])


def changelog_page() -> str:
    """``CHANGELOG.md`` as it is."""
    return (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def replication_pages() -> dict[str, str | bytes]:
    """``replication.md`` from ``replication/README.md``, and the results of a fresh ``stance replicate`` under :data:`RESULTS_DIR`."""
    from stance.replication import replicate

    readme = (ROOT / "replication" / "README.md").read_text(encoding="utf-8").rstrip()
    pages: dict[str, str | bytes] = {
        "replication.md": readme + f"\n\nThe outputs of this version, regenerated when this site was built: [Replication results]({RESULTS_DIR}/index.md).\n"}
    with tempfile.TemporaryDirectory() as tmp:
        replicate(tmp)
        for path in sorted(Path(tmp).iterdir()):
            pages[f"{RESULTS_DIR}/{path.name}"] = path.read_bytes()
    return pages


def mathjax_assets() -> dict[str, bytes]:
    """MathJax for the site's formulas, copied from the installed ``django-static-mathjax`` package (the ``docs`` extra).

    The site serves the one file it needs (``tex-svg-full.js``: TeX input with
    every extension, SVG output, so no web fonts) and MathJax's licence from
    its own folder: no page fetches anything from another host.
    """
    import importlib.util

    spec = importlib.util.find_spec("mathjax")
    folders = [Path(p) / "static" / "mathjax" for p in (spec.submodule_search_locations or [])] if spec else []
    for folder in folders:
        script = folder / "es5" / "tex-svg-full.js"
        if script.is_file():
            return {MATHJAX_FILE: script.read_bytes(), str(Path(MATHJAX_FILE).parent / "LICENSE"): (folder / "LICENSE").read_bytes()}
    raise RuntimeError("MathJax is not installed (no mathjax/static/mathjax/es5/tex-svg-full.js); install the docs extra: pip install -e \".[docs]\"")


def all_pages() -> dict[str, str | bytes]:
    """Every generated page and file of the site, by its path in the site."""
    pages: dict[str, str | bytes] = {
        "codebook.md": codebook_page(),
        "cli.md": cli_page(),
        "cite.md": cite_page(),
        "changelog.md": changelog_page(),
    }
    pages.update(api_pages())
    pages.update(replication_pages())
    pages.update(mathjax_assets())
    return pages
