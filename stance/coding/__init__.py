"""The coder's room: sheets, validation, templates, merging, adjudication, evidence checks and reliability.

What lives here: reading coding sheets (``sheets``, ``layout``,
``date_hints``), validating them (``validate``), writing templates and
spreadsheets (``template``, ``xlsx_write``), merging coders' files
(``merge``), adjudicating disagreements into stances (``adjudication``),
checking every excerpt and vote against its source (``excerpts``) and the
reliability report of the coder passes (``reliability``).

What it may import: ``stance.data``, ``stance.agreement`` (for the
reliability figures), ``stance.errors`` and the libraries. Not ``stance.unga``
(a sibling), nor ``build``, ``report``, ``replication`` or ``cli``, which
stand above it; the import-linter contract in ``pyproject.toml`` enforces this.

Examples
--------
>>> from stance.coding.excerpts import normalise
>>> normalise("  two\\n  words ")
'two words'
"""
