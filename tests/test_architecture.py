"""The package's rooms and layers (issue 16): the tree, the import-linter contract, the deprecated paths."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).parent / "lint-imports"

#: What the top of ``stance/`` may hold (issue 16): the rooms, the orchestrators, and two small shared helpers.
ALLOWED_TOP = {"__init__.py", "__main__.py", "_version.py", "errors.py", "build.py", "report.py", "cli.py",
               "_format.py", "_moved.py", "py.typed",
               "data", "coding", "agreement", "balance", "unga", "replication"}


def _lint(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    if not LINT.is_file():
        pytest.fail(f"{LINT} is missing: install the test extra (import-linter)")
    env = {"PYTHONPATH": str(pythonpath), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1"}
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True)


def test_top_level_holds_only_rooms_and_orchestrators() -> None:
    present = {p.name for p in (ROOT / "stance").iterdir() if p.name != "__pycache__" and p.name != "_resources"}
    assert present <= ALLOWED_TOP, f"unexpected at the top of stance/: {sorted(present - ALLOWED_TOP)}"


def test_every_room_says_what_lives_there_and_what_it_may_import() -> None:
    for room in ("data", "coding", "agreement", "balance", "unga", "replication"):
        doc = importlib.import_module(f"stance.{room}").__doc__ or ""
        assert doc.strip(), f"stance.{room} has no module docstring"
    for room in ("data", "coding"):
        doc = importlib.import_module(f"stance.{room}").__doc__
        assert "may import" in doc, f"stance.{room}'s docstring does not say what it may import"


def test_layer_contract_is_kept() -> None:
    result = _lint(ROOT, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("lower, higher", [
    ("data/codebook.py", "stance.coding.merge"),
    ("agreement/kappa.py", "stance.balance"),
    ("coding/merge.py", "stance.unga.alignment"),
    ("unga/alignment.py", "stance.cli"),
])
def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path: Path, lower: str, higher: str) -> None:
    shutil.copytree(ROOT / "stance", tmp_path / "stance", ignore=shutil.ignore_patterns("__pycache__", "_resources"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "stance" / lower
    target.write_text(target.read_text(encoding="utf-8") + f"\nimport {higher}  # planted breach\n", encoding="utf-8")
    result = _lint(tmp_path, tmp_path)
    assert result.returncode != 0, f"import of {higher} in {lower} was not caught:\n{result.stdout}"
    assert "BROKEN" in result.stdout


def test_architecture_page_names_only_rooms_that_exist() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(stance(?:\.[a-z_]+)+)`", text))
    assert len(named) >= 8, "docs/architecture.md names too few modules to be a map"
    for name in sorted(named):
        path = ROOT / Path(*name.split("."))
        if path.is_dir() or path.with_suffix(".py").is_file():
            continue
        parent, _, attr = name.rpartition(".")  # a public name such as stance.load
        assert hasattr(importlib.import_module(parent), attr), f"docs/architecture.md names {name}, which does not exist"
    for room in ("data", "coding", "agreement", "balance", "unga", "replication"):
        assert f"`stance.{room}`" in text, f"docs/architecture.md does not describe stance.{room}"


@pytest.mark.parametrize("old, new", [("stance.codebook", "stance.data.codebook"), ("stance.loading", "stance.data.loading"),
                                      ("stance.validate", "stance.coding.validate"), ("stance.excerpts", "stance.coding.excerpts")])
def test_old_module_paths_still_import_with_a_deprecation_warning(old: str, new: str) -> None:
    sys.modules.pop(old, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(old)
    assert module is importlib.import_module(new)
    assert any(issubclass(w.category, DeprecationWarning) and new in str(w.message) for w in caught)


def test_from_old_path_import_name_still_works() -> None:
    sys.modules.pop("stance.loading", None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from stance.loading import load  # noqa: F401  (the 0.1 spelling)
    import stance
    assert load is stance.load
