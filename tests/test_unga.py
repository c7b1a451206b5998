"""The UN General Assembly layer: shipped tables, country ids, provenance, regeneration from the raw files."""

from __future__ import annotations

import gzip
import re
import shutil

import pandas as pd
import pytest

import stance
from stance.build import assemble_tables
from stance.errors import StanceError, ValidationFailed
from stance.unga.raw import RAW_FILES, read_raw

from conftest import ROOT, sha256, shared_dir

RAW = ROOT / "data" / "raw" / "unga"
SRC = ROOT / "data" / "src"


def test_row_counts_are_those_of_the_source():
    assert len(stance.load("unga_votes")) == 870_109
    assert len(stance.load("unga_rollcalls")) == 6_203
    assert len(stance.load("unga_issues")) == 5_745


def test_vote_counts_by_category_equal_the_raw_file():
    raw = pd.read_csv(RAW / RAW_FILES["votes"], dtype=str, keep_default_na=False)
    shipped = stance.load("unga_votes")["vote"].astype(str).value_counts().sort_index()
    assert shipped.to_dict() == raw["vote"].value_counts().sort_index().to_dict()


def test_kazakhstan_abstained_on_a_res_68_262_which_maps_to_hedge():
    rc = stance.load("unga_rollcalls")
    row = rc[rc["unres"] == "R/68/262"]
    assert len(row) == 1 and row["date"].iloc[0] == pd.Timestamp("2014-03-27")
    votes = stance.load("unga_votes")
    kaz = votes[(votes["rcid"] == row["rcid"].iloc[0]) & (votes["actor_id"] == "KAZ")]
    assert kaz[["vote", "stance"]].astype(str).values.tolist() == [["abstain", "hedge"]]


def test_stance_is_the_codebook_mapping_of_every_vote():
    votes = stance.load("unga_votes", columns=["vote", "stance"])
    mapping = {"yes": "support", "abstain": "hedge", "no": "oppose"}  # codebook section [unga], typed independently
    assert (votes["vote"].astype(str).map(mapping) == votes["stance"].astype(str)).all()
    assert stance.load_codebook().unga_mapping == mapping


def test_no_missing_vote_is_turned_into_a_stance():
    votes = stance.load("unga_votes", columns=["vote", "stance"])
    assert votes["vote"].notna().all() and votes["stance"].notna().all()
    assert "neutral" not in set(votes["stance"].astype(str))


def test_event_links_read_the_same_event_from_both_layers():
    links = stance.load("event_rollcalls").set_index("event_id")
    rc = stance.load("unga_rollcalls").set_index("rcid")
    crimea = links.loc["crimea-2014"]
    assert rc.loc[int(crimea["rcid"]), "unres"] == "R/68/262"
    events = stance.load("events").set_index("event_id")
    assert events.loc["crimea-2014", "unga_rcids"] == str(int(crimea["rcid"]))
    assert set(links["rcid"]) <= set(rc.index)


def test_issue_topics_are_the_six_of_the_source():
    issues = stance.load("unga_issues")
    assert issues["issue"].nunique() == 6 and not issues.duplicated(["rcid", "issue"]).any()


def test_actor_ids_follow_iso_3166_as_checked_by_pycountry():
    import pycountry  # test extra: the ISO 3166 oracle
    countries = pd.read_csv(SRC / "unga_countries.csv", dtype=str, keep_default_na=False, na_values=[""])
    assert len(countries) == 200 and countries["actor_id"].is_unique
    iso1 = countries[countries["basis"] == "iso3166-1"]
    for row in iso1.itertuples():
        assert pycountry.countries.get(alpha_2=row.unga_country_code).alpha_3 == row.actor_id, row.unga_country
    former = {h.alpha_3 for h in pycountry.historic_countries}
    assert set(countries.loc[countries["basis"] == "iso3166-3", "actor_id"]) <= former
    cow = countries[countries["basis"] == "cow"]
    assert sorted(cow["unga_country"]) == ["Federal Republic of Germany", "Yemen Arab Republic", "Zanzibar"]
    assert cow["unga_country_code"].isna().all()
    for code in cow["actor_id"]:  # the documented project ids collide with no ISO code, current or former
        assert pycountry.countries.get(alpha_3=code) is None and code not in former


def test_unga_ids_agree_with_the_actors_table():
    actors = stance.load("actors").dropna(subset=["unga_country_code"])
    countries = pd.read_csv(SRC / "unga_countries.csv", dtype=str, keep_default_na=False, na_values=[""])
    by_code = countries.dropna(subset=["unga_country_code"]).set_index("unga_country_code")["actor_id"]
    for actor in actors.itertuples():
        assert by_code[actor.unga_country_code] == actor.actor_id, actor.actor_id
    assert "SUN" not in set(actors["actor_id"])  # the USSR carries no UN code (data/src/unga_id_rules.csv, sun-actors)
    # the date rules add the FR Yugoslavia / Serbia and Montenegro and Serbia to the source's 200 countries
    assert set(stance.load("unga_votes")["actor_id"].cat.categories) == set(countries["actor_id"]) | {"SCG", "SRB"}


def test_raw_files_are_the_shared_files_with_the_recorded_checksums():
    shared = shared_dir("data-raw", "unga")
    readme = (shared / "README.md").read_text(encoding="utf-8")
    upstream = dict((name, digest) for digest, name in re.findall(r"^([0-9a-f]{64})\s+(\S+\.csv\.gz)$", readme, re.M))
    for name in RAW_FILES.values():
        assert upstream[name] == sha256(RAW / name) == sha256(shared / name), name


def test_raw_file_that_differs_from_its_checksum_is_refused(tmp_path):
    raw = tmp_path / "unga"
    shutil.copytree(RAW, raw)
    path = raw / RAW_FILES["issues"]
    path.chmod(0o644)
    path.write_bytes(path.read_bytes() + b"\n")
    with pytest.raises(StanceError, match=r"un_roll_call_issues\.csv\.gz: sha256 .* differs"):
        read_raw(raw)


def test_bad_raw_value_is_reported_with_file_line_and_column_and_nothing_is_built(tmp_path):
    raw = tmp_path / "raw" / "unga"
    shutil.copytree(RAW, raw)
    votes = raw / RAW_FILES["votes"]
    votes.chmod(0o644)
    with gzip.open(votes, "rt", encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    assert lines[3].endswith(",yes")
    lines[3] = lines[3][: -len("yes")] + "absent"
    with gzip.open(votes, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    (raw / "SHA256SUMS").write_text("".join(f"{sha256(raw / n)}  {n}\n" for n in RAW_FILES.values()))
    with pytest.raises(ValidationFailed) as err:
        assemble_tables(SRC, raw)
    problems = err.value.problems
    hit = problems[problems["table"] == "un_votes.csv.gz"]
    assert hit[["row", "column", "value"]].values.tolist() == [[4, "vote", "absent"]]


def _raw_kaz_dyads(pole_code: str) -> pd.DataFrame:
    """Kazakhstan's and a pole's recorded votes per roll call, read from the raw files with plain pandas."""
    votes = pd.read_csv(RAW / RAW_FILES["votes"], dtype=str, keep_default_na=False)
    calls = pd.read_csv(RAW / RAW_FILES["rollcalls"], dtype=str, keep_default_na=False)
    calls["year"] = calls["date"].str[:4].astype(int)
    kaz = votes[votes["country_code"] == "KZ"][["rcid", "vote"]]
    pole = votes[votes["country_code"] == pole_code][["rcid", "vote"]]
    both = kaz.merge(pole, on="rcid", suffixes=("_kaz", "_pole")).merge(calls[["rcid", "year"]], on="rcid")
    return both


@pytest.mark.parametrize("pole, code", [("RUS", "RU"), ("USA", "US")])
def test_kazakhstan_yearly_agreement_equals_a_plain_pandas_computation(pole, code):
    both = _raw_kaz_dyads(code)
    same = both["vote_kaz"] == both["vote_pole"]
    one_abstains = (both["vote_kaz"] == "abstain") != (both["vote_pole"] == "abstain")
    both["credit"] = same.astype(float) + 0.5 * one_abstains  # Voeten: identical = 1, one abstention = 1/2, yes vs no = 0
    expected = both.groupby("year")["credit"].agg(["mean", "size"])
    shipped = stance.load("unga_alignment")
    mine = shipped[(shipped["actor_id"] == "KAZ") & (shipped["pole"] == pole) & (shipped["measure"] == "agreement")].set_index("year")
    assert list(mine.index) == list(expected.index) and len(expected) == 29  # 1992-2020 (January 2020: the last votes of session 74)
    assert (mine["n_votes"].to_numpy() == expected["size"].to_numpy()).all()
    assert abs(mine["value"].to_numpy(dtype=float) - expected["mean"].to_numpy()).max() < 1e-12


def test_kazakhstan_yearly_kappa_equals_quadratic_weighted_cohen_kappa_from_sklearn():
    from sklearn.metrics import cohen_kappa_score

    both = _raw_kaz_dyads("CN")
    score = {"no": -1, "abstain": 0, "yes": 1}
    shipped = stance.load("unga_alignment")
    mine = shipped[(shipped["actor_id"] == "KAZ") & (shipped["pole"] == "CHN") & (shipped["measure"] == "kappa")].set_index("year")["value"]
    for year in (1995, 2003, 2014, 2019):
        rows = both[both["year"] == year]
        ref = cohen_kappa_score(rows["vote_kaz"].map(score), rows["vote_pole"].map(score), weights="quadratic", labels=[-1, 0, 1])
        assert mine[year] == pytest.approx(ref, abs=1e-12), year


def test_docs_yuneman_block_is_in_sync():
    from stance.unga.yuneman import render_markdown

    text = (ROOT / "docs" / "unga.md").read_text(encoding="utf-8")
    block = text.split("<!-- generated:yuneman:start -->\n")[1].split("<!-- generated:yuneman:end -->")[0]
    assert block.strip() == render_markdown().strip(), "docs/unga.md is stale: paste the output of `python -m stance.unga.yuneman` between the markers"


def test_yuneman_check_identical_vote_shares_equal_plain_pandas():
    from stance.unga.yuneman import yuneman_check

    table = yuneman_check(n_boot=0).set_index("pole")
    for pole, code in (("CHN", "CN"), ("RUS", "RU"), ("USA", "US")):
        both = _raw_kaz_dyads(code)
        both = both[both["year"].between(2007, 2019)]
        assert table.loc[pole, "n_votes"] == len(both)
        assert table.loc[pole, "identical"] == pytest.approx((both["vote_kaz"] == both["vote_pole"]).mean(), abs=1e-12)


def test_report_source_unga_prints_alignment_by_period(capsys):
    from stance.cli import main

    assert main(["report", "--actor", "KAZ", "--source", "unga"]) == 0
    out = capsys.readouterr().out
    assert "Kazakhstan (KAZ) in the UN General Assembly" in out
    for heading in ("agreement USA", "agreement RUS", "agreement CHN", "equidistance USA|RUS", "tilt USA|RUS"):
        assert heading in out
    for period in ("1991-1999", "2000-2007", "2008-2013", "2014-2022"):
        assert f"\n{period:>9} " in out or f"\n   {period}" in out or f" {period} " in out


def test_report_source_unga_refuses_a_non_voting_actor(capsys):
    from stance.cli import main

    assert main(["report", "--actor", "EU", "--source", "unga"]) == 2
    assert "No UN votes for actor 'EU'" in capsys.readouterr().err
