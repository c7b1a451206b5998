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


def public_modules() -> list[str]:
    """Every module of the package whose dotted name has no part starting with ``_``, sorted."""
    import stance

    names = ["stance"]
    for info in pkgutil.walk_packages(stance.__path__, "stance."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return sorted(names)


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


def api_pages() -> dict[str, str]:
    """One reference page per public module (``::: module`` for mkdocstrings) and the literate-nav ``SUMMARY.md``."""
    pages: dict[str, str] = {}
    summary = []
    for module in public_modules():
        path = reference_path(module)
        if module == "stance":
            pages[path] = _top_level_page()
        else:
            pages[path] = f"# `{module}`\n\n::: {module}\n"
        depth = module.count(".")
        summary.append("    " * depth + f"* [{module.split('.')[-1] if depth else module}]({path.removeprefix('reference/')})")
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
    return pages
