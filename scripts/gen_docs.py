"""mkdocs-gen-files entry point: write the generated pages of ``scripts/docs_pages.py`` into the site."""

from __future__ import annotations

import sys
from pathlib import Path

import mkdocs_gen_files

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docs_pages import all_pages  # noqa: E402

for site_path, content in all_pages().items():
    with mkdocs_gen_files.open(site_path, "wb" if isinstance(content, bytes) else "w") as handle:
        handle.write(content)
