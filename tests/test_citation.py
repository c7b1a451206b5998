"""`stance cite`, CITATION.cff, `stance info` and datapackage.json agree on the versions, the title and the upstream references."""

from __future__ import annotations

import pytest

import stance
from stance._version import __version__
from stance.data.citation import UNGA_VOTES, UPSTREAM, bibtex, plain_text
from stance.cli import main
from stance.data.loading import data_version, datapackage

from conftest import ROOT

yaml = pytest.importorskip("yaml")


@pytest.fixture(scope="module")
def cff() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_names_the_installed_data_version_and_title(cff):
    pkg = datapackage()
    assert cff["version"] == data_version() == pkg["version"]
    assert cff["title"] == pkg["title"]
    assert str(cff["date-released"]) == pkg["created"]
    assert f"package version {__version__}" in cff["abstract"]
    assert f"codebook version {stance.load_codebook().version}" in cff["abstract"]


def test_citation_cff_references_are_the_upstream_data_cite_prints(cff):
    refs = cff["references"]
    assert [r["title"] for r in refs] == [u.title for u in UPSTREAM]
    for ref, up in zip(refs, UPSTREAM):
        assert [(a["family-names"], a["given-names"]) for a in ref["authors"]] == list(up.authors)
        assert [i["value"] for i in ref["identifiers"]] == [up.identifier]
        assert ref["license"] == up.license
        assert ref["publisher"]["name"] == up.publisher


def test_upstream_reference_matches_the_shipped_sources_table():
    sources = stance.load("sources").set_index("source_id")
    text = str(sources.loc["unga-voeten", "citation"])
    for family, given in UNGA_VOTES.authors:
        assert f"{family}, {given}" in text
    assert UNGA_VOTES.identifier in text and UNGA_VOTES.title in text


def test_cite_prints_plain_text_and_bibtex_for_the_installed_versions(capsys, cff):
    code = main(["cite"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith(datapackage()["citation"].rstrip("."))
    assert f"Data version {data_version()}" in out and f"stance-coding {__version__}" in out
    assert cff["title"] in out
    for ref in UPSTREAM:
        assert ref.title in out and ref.identifier in out and f"@misc{{{ref.key}," in out
    assert f"version = {{{data_version()}}}" in out
    for citation in stance.load("sources").query("kind != 'dataset'")["citation"]:
        assert str(citation) in out


def test_cite_formats(capsys):
    assert main(["cite", "--format", "bibtex"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == bibtex().strip() and out.count("@misc{") == 1 + len(UPSTREAM)
    assert main(["cite", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == plain_text().strip() and "@misc" not in out


def test_bibtex_entries_are_balanced():
    for entry in bibtex().split("\n\n"):
        assert entry.count("{") == entry.count("}"), entry


def test_info_reports_package_and_data_versions_separately(capsys):
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert f"stance-coding {__version__}" in out
    assert f"data version {data_version()}" in out and f"codebook version {stance.load_codebook().version}" in out
    assert datapackage()["built_with"]["stance-coding"] == __version__
