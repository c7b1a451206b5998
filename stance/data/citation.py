"""How to cite the installed data version: plain text and BibTeX, with the upstream sources.

The citation of the dataset comes from the shipped ``datapackage.json``
(title, data version, release date, codebook version: written by the build
from ``data/src/release.toml``), so it always names the data actually
installed. The upstream UN vote data (Voeten, Strezhnev and Bailey) must be
cited as well when the ``unga_*`` tables are used; the coded events and
stances rest on the source texts of the ``sources`` table. ``CITATION.cff``
at the top of the repository says the same (a test compares them).

Examples
--------
>>> from stance.data.citation import bibtex, plain_text
>>> from stance.data.loading import data_version
>>> f"Data version {data_version()}" in plain_text()
True
>>> bibtex().startswith("@misc{stance_data_")
True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reference:
    """An upstream data set the shipped tables are built from."""

    key: str
    authors: tuple[tuple[str, str], ...]  # (family, given)
    title: str
    publisher: str
    identifier: str
    license: str
    note: str
    used_for: str

    def author_text(self) -> str:
        """Authors as 'Family, Given, Given Family and Given Family'."""
        names = [f"{self.authors[0][0]}, {self.authors[0][1]}"] + [f"{given} {family}" for family, given in self.authors[1:]]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


#: The UN General Assembly vote data (source ``unga-voeten`` of the ``sources`` table).
UNGA_VOTES = Reference(
    key="voeten_unga",
    authors=(("Voeten", "Erik"), ("Strezhnev", "Anton"), ("Bailey", "Michael")),
    title="United Nations General Assembly Voting Data",
    publisher="Harvard Dataverse",
    identifier="hdl:1902.1/12379",
    license="CC0-1.0",
    note="Files as distributed with the R package unvotes (February 2021 build); roll calls 1946-2019.",
    used_for="unga_votes, unga_rollcalls, unga_issues, unga_alignment",
)

#: The Bailey-Strezhnev-Voeten ideal points (data/raw/unga-idealpoints).
UNGA_IDEAL_POINTS = Reference(
    key="bailey_unga_ideal_points",
    authors=(("Bailey", "Michael A."), ("Strezhnev", "Anton"), ("Voeten", "Erik")),
    title="Estimating Dynamic State Preferences from United Nations Voting Data",
    publisher="Journal of Conflict Resolution 61(2), 430-456 (2017); data: Harvard Dataverse",
    identifier="doi:10.7910/DVN/LEJUQZ",
    license="CC0-1.0",
    note="Ideal points by year, July 2025 release (1946-2024; votes after 2019 from Fjelstul, Hug and Kilby's UNGA-DM); issue-specific estimates by session, April 2020 release (sessions 1-74).",
    used_for="unga_ideal_points, unga_ideal_points_issue",
)

#: Every upstream data set the shipped tables are built from.
UPSTREAM = (UNGA_VOTES, UNGA_IDEAL_POINTS)

AUTHOR = "The stance developers"


def _package() -> dict[str, object]:
    from stance.data.loading import datapackage

    return datapackage()


def dataset_citation() -> str:
    """The plain-text citation of the installed data version (as recorded in ``datapackage.json``), with the package version."""
    from stance._version import __version__

    pkg = _package()
    text = str(pkg.get("citation") or f"{AUTHOR} ({str(pkg['created'])[:4]}). {pkg['title']}. Data version {pkg['version']}, codebook version {pkg['codebook_version']}.")
    return f"{text.rstrip('.')}; package stance-coding {__version__}."


def plain_text() -> str:
    """The full plain-text citation: the dataset, the upstream data, and the source texts of the coded data.

    Returns
    -------
    str
        Several paragraphs, ready to paste.
    """
    import stance

    lines = [dataset_citation(), ""]
    for ref in UPSTREAM:
        lines += [f"When you use {ref.used_for}, also cite:",
                  f"{ref.author_text()}. \"{ref.title}\". {ref.publisher}, {ref.identifier}. {ref.license}. {ref.note}", ""]
    sources = stance.load("sources")
    texts = sources[sources["kind"].astype(str) != "dataset"]
    lines.append(f"The coded events and stances rest on these {len(texts)} source texts (stance.load(\"sources\")); cite those you rely on:")
    lines += [f"- {c}" for c in texts["citation"].astype(str)]
    return "\n".join(lines)


def _bib_escape(text: str) -> str:
    return text.replace("&", r"\&").replace("%", r"\%").replace("_", r"\_")


def bibtex() -> str:
    """BibTeX entries: the installed data version first, then each upstream data set.

    Returns
    -------
    str
        ``@misc`` entries separated by blank lines.
    """
    from stance._version import __version__

    pkg = _package()
    version = str(pkg["version"])
    entries = [
        "\n".join([
            f"@misc{{stance_data_{version.replace('.', '_')},",
            f"  author = {{{{{AUTHOR}}}}},",
            f"  title = {{{{{_bib_escape(str(pkg['title']))}}}}},",
            f"  year = {{{str(pkg['created'])[:4]}}},",
            f"  version = {{{version}}},",
            f"  note = {{Data version {version}, codebook version {pkg['codebook_version']}, released {pkg['created']}; package stance-coding {__version__}}},",
            "}",
        ])
    ]
    for ref in UPSTREAM:
        authors = " and ".join(f"{family}, {given}" for family, given in ref.authors)
        entries.append("\n".join([
            f"@misc{{{ref.key},",
            f"  author = {{{authors}}},",
            f"  title = {{{{{_bib_escape(ref.title)}}}}},",
            f"  publisher = {{{ref.publisher}}},",
            f"  howpublished = {{{ref.identifier}}},",
            f"  note = {{{_bib_escape(ref.note)} Licence {ref.license}.}},",
            "}",
        ]))
    return "\n\n".join(entries)
