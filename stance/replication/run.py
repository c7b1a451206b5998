"""``stance replicate``: regenerate every table and figure the documentation shows, with a manifest.

[`replicate`][stance.replication.run.replicate] checks the shipped data against their recorded sha256
([`stance.verify`][stance.data.loading.verify]), optionally checks that the installed data version
is the one the replicator pinned, computes the five outputs, writes them to
one folder (tables as CSV and Markdown, figures as PNG, the reliability
report as Markdown, an ``index.md`` that shows them all) and writes
``manifest.json``: package, data and codebook versions, the sha256 of every
input table, the library versions, the parameters, and every output with its
sha256. Nothing in the outputs depends on the date or the folder, so two
runs with the same installation give byte-identical tables.

Examples
--------
>>> import tempfile
>>> from stance.replication import replicate
>>> manifest = replicate(tempfile.mkdtemp())  # doctest: +SKIP
>>> manifest["data_version"]  # doctest: +SKIP
'1.1.0'
"""

from __future__ import annotations

import json
import platform
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from stance.errors import StanceError

#: Tables each output reads (their sha256 go into the manifest).
INPUT_TABLES = ("events", "stances", "codings", "coders", "periods", "sources", "actors", "unga_votes", "unga_rollcalls", "unga_alignment", "unga_ideal_points",
                "countries")
#: Libraries whose versions go into the manifest.
LIBRARIES = ("pandas", "numpy", "pyarrow", "pandera", "scikit-learn", "matplotlib")


@dataclass(frozen=True)
class Output:
    """One file of the replication folder: its name, kind (table, figure, report) and caption."""

    path: str
    kind: str
    caption: str


def _require_matplotlib() -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise StanceError("`stance replicate` draws figures, which needs matplotlib; it is not installed, and nothing was written.",
                          remedy="pip install 'stance-coding[plot]'") from None


def check_data_version(expected: str | None) -> str:
    """The installed data version; raise [`StanceError`][stance.errors.StanceError] when it differs from ``expected``."""
    from stance.data.loading import data_version

    installed = data_version()
    if expected is not None and expected != installed:
        raise StanceError(f"The installed data version is {installed}, not the {expected} you pinned; nothing was written.",
                          remedy=f"Install the stance-coding release that ships data {expected} (CHANGELOG.md lists them), or point "
                                 f"STANCE_DATA_DIR at a folder built from that version (`stance build --out DIR` in a checkout of it).")
    return installed


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


class _Writer:
    """Writes outputs into one folder and remembers them for the manifest and the index."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.outputs: list[Output] = []

    def text(self, name: str, kind: str, caption: str, text: str) -> Path:
        from stance.replication._output import write_text

        self.outputs.append(Output(name, kind, caption))
        return write_text(self.folder / name, text)

    def figure(self, name: str, caption: str, draw: Callable[[Path], Path]) -> Path:
        self.outputs.append(Output(name, "figure", caption))
        return draw(self.folder / name)


#: Section titles of ``index.md``, one per output of the issue's list.
TITLES = {
    "1": "Comparative event table, 1991-2021",
    "2": "Kazakhstan's balancing indices by period (coded events)",
    "3": "Kazakhstan and Central Asia in the UN General Assembly, 1992-2019 (votes) and 1992-2024 (ideal points)",
    "4": "Post-Soviet states ranked by equidistance, per decade (UN votes)",
    "5": "Reliability of the coded data",
}

CAPTIONS = {
    "1": "The events of 1991-2021 after Tables 1 and 2 of Fedorova (c. 2024), with the adjudicated stances of Kazakhstan, "
         "the USA, Russia and China side by side (— = not coded: no source gives evidence; never neutral).",
    "2": "Kazakhstan's alignment with each pole and its balancing indices, overall and by period, from the coded events "
         "(95% bootstrap intervals over events).",
    "2f": "Figure: Kazakhstan's alignment with each pole by period, from the coded events: agreement with the pole's own stances (left) "
          "and mean stance toward the events the pole leads (right); bands are 95% bootstrap intervals over events.",
    "3a": "Kazakhstan's yearly UN General Assembly voting agreement with the USA, Russia and China, 1992-2019, "
          "with the number of roll calls both voted on.",
    "3f": "Figure: Kazakhstan's yearly UN General Assembly voting agreement with the USA, Russia and China, 1992-2019.",
    "3b": "The Central Asian states' UN General Assembly voting agreement with the USA, Russia and China over all roll calls "
          "of 1992-2019, with equidistance and tilt (95% bootstrap intervals over roll calls).",
    "3c": "Kazakhstan's yearly ideal-point distance to the USA, Russia and China, 1992-2024, with conservative 90% intervals (Bailey, Strezhnev and Voeten ideal points).",
    "4b": "The post-Soviet states ranked by USA-Russia equidistance in 2010-2019 on three measures: agreement rate, Häge's kappa and ideal-point distance.",
    "3bf": "Figure: yearly UN General Assembly voting agreement of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan "
           "with the USA (left), Russia (middle) and China (right), 1992-2019.",
    "4": "The post-Soviet states (Russia, a pole, excepted) ranked per decade by UN voting equidistance between the USA and "
         "Russia, with the equidistance between the USA and China and its rank (agreement rate; 95% bootstrap intervals over roll calls).",
    "5": "The reliability of the coded data: agreement coefficients with bootstrap intervals, pass against pass, per-category "
         "agreement, and the check of the adjudicated stances against the UN votes.",
}

NOTES = {
    "3c": "Distance |theta_KAZ - theta_pole| on the final-passage ideal points; [ci_low, ci_high] is the range of the distance over the "
          "5-95% posterior intervals of both ideal points (docs/unga.md). `thin`: fewer than 10 votes behind an estimate (left out of "
          "period means and figures).",
    "4b": "Generated by stance.unga.checks (the same table as docs/unga.md, where the differences between the measures are explained).",
    "1": "Events are those of the `events` table that start in 1991-2021, by start date; dates are as precise as the sources give them. "
         "Russia's column shows the USSR's stance (coded `SUN`) where the event predates the Russian Federation, marked (USSR). "
         "Left out: {left_out}.",
    "2": "Sense 1 (agreement): share of agreement with the pole's own stance on the events both coded, a hedge against a side counting half. "
         "Sense 2 (lead stance): mean stance (support +1, hedge 0, oppose -1) toward the events the pole leads. "
         "Equidistance and tilt are between the USA and Russia; the k-pole equidistance uses the poles with a defined alignment (listed). "
         "`n` is the number of events behind a figure: most periods rest on a handful of events, and the intervals say so. "
         "Formulas: docs/balance.md.",
    "3a": "From the shipped `unga_alignment` table (Voeten's agreement rate: same vote 1, one abstention 1/2, yes against no 0; absences "
          "are not votes).",
    "3b": "Pooled over every roll call of 1992-2019 each pair of states voted on (not an average of yearly values). "
          "Equidistance = 1 - |a_P1 - a_P2| (1 = equally close to both poles, whatever the level); tilt = a_USA - a_RUS "
          "(negative = closer to Russia); equidistance over 3 poles = 1 - (max - min) of the three agreements.",
    "4": "Poles and measure: equidistance E = 1 - |a_USA - a_RUS| (ranked; 1 = most equidistant) and E = 1 - |a_USA - a_CHN|, where a_P "
         "is the agreement rate with pole P pooled over the roll calls of the decade. Decades: 1990s = 1992-1999 (after the USSR's "
         "dissolution), 2000s = 2000-2009, 2010s = 2010-2019. States: Armenia, Azerbaijan, Belarus, Estonia, Georgia, Kazakhstan, "
         "Kyrgyzstan, Latvia, Lithuania, Moldova, Tajikistan, Turkmenistan, Ukraine, Uzbekistan. Equidistance says how evenly a state "
         "sits between two poles, not how close it is to them: read it with the agreement rates.",
}


def replicate(out: str | Path, *, data_version: str | None = None, n_boot: int | None = None, seed: int | None = None) -> dict[str, Any]:
    """Regenerate every replication output into the folder ``out`` and return the manifest.

    Parameters
    ----------
    out : str or Path
        Output folder (created if missing; files of the same names are replaced, other files are left alone).
    data_version : str, optional
        The data version the replicator pinned; the run stops before writing anything if the installed data differ.
    n_boot, seed : int, optional
        Bootstrap resamples and seed of every interval (default 1000 and 1, as in the docs).

    Returns
    -------
    dict
        The manifest written to ``out/manifest.json``.

    Raises
    ------
    StanceError
        Another data version than ``data_version``; matplotlib missing; a shipped file that fails [`stance.verify`][stance.data.loading.verify].
    """
    import stance
    from stance._version import __version__
    from stance.data.loading import datapackage
    from stance.replication import events as ev
    from stance.replication import figures, unga
    from stance.replication._output import csv_text, sha256

    installed = check_data_version(data_version)
    _require_matplotlib()
    stance.verify()
    n_boot = unga.N_BOOT if n_boot is None else n_boot
    seed = unga.SEED if seed is None else seed
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StanceError(f"Cannot create the output folder {folder}: {exc.strerror}.", remedy="Give a writable folder with -o.") from None
    w = _Writer(folder)
    sections: list[str] = []

    table = ev.event_table()
    left = ev.events_left_out()
    left_text = "; ".join(f"`{r.event_id}` ({r.reason})" for r in left.itertuples(index=False)) or "none"
    md1 = ev.event_table_markdown(table)
    w.text("1_event_table.csv", "table", CAPTIONS["1"], csv_text(table))
    w.text("1_event_table.md", "table", CAPTIONS["1"], md1)
    sections += [f"## 1. {TITLES['1']}", "", f"**{CAPTIONS['1']}**", "", NOTES["1"].format(left_out=left_text), "", md1]

    bal = ev.kazakhstan_balance(n_boot=n_boot, seed=seed)
    md2 = ev.kazakhstan_balance_markdown(bal)
    w.text("2_kaz_alignment_by_period.csv", "table", CAPTIONS["2"], csv_text(bal["alignment"]))
    w.text("2_kaz_indices_by_period.csv", "table", CAPTIONS["2"], csv_text(bal["indices"]))
    w.text("2_kaz_balance_by_period.md", "table", CAPTIONS["2"], md2)
    w.figure("2_kaz_balance_by_period.png", CAPTIONS["2f"], lambda p: figures.plot_kazakhstan_balance(p, n_boot=n_boot, seed=seed))
    sections += [f"## 2. {TITLES['2']}", "", f"**{CAPTIONS['2']}**", "", NOTES["2"], "", md2, f"![{CAPTIONS['2f']}](2_kaz_balance_by_period.png)", "", f"*{CAPTIONS['2f']}*", ""]

    yearly = unga.yearly_alignment("KAZ")
    md3 = unga.yearly_markdown(yearly)
    w.text("3_kaz_unga_agreement_by_year.csv", "table", CAPTIONS["3a"], csv_text(yearly))
    w.text("3_kaz_unga_agreement_by_year.md", "table", CAPTIONS["3a"], md3)
    w.figure("3_kaz_unga_agreement_1992_2019.png", CAPTIONS["3f"], figures.plot_kazakhstan_unga)
    ca = unga.central_asia_comparison(n_boot=n_boot, seed=seed)
    md3b = unga.central_asia_markdown(ca)
    w.text("3_central_asia_unga_1992_2019.csv", "table", CAPTIONS["3b"], csv_text(ca))
    w.text("3_central_asia_unga_1992_2019.md", "table", CAPTIONS["3b"], md3b)
    w.figure("3_central_asia_unga_by_year.png", CAPTIONS["3bf"], figures.plot_central_asia)
    sections += [f"## 3. {TITLES['3']}", "",
                 f"![{CAPTIONS['3f']}](3_kaz_unga_agreement_1992_2019.png)", "", f"*{CAPTIONS['3f']}*", "",
                 f"**{CAPTIONS['3a']}** {NOTES['3a']}", "", md3,
                 f"**{CAPTIONS['3b']}** {NOTES['3b']}", "", md3b,
                 f"![{CAPTIONS['3bf']}](3_central_asia_unga_by_year.png)", "", f"*{CAPTIONS['3bf']}*", ""]

    from stance.unga.checks import post_soviet_measures, render_post_soviet
    from stance.unga.ip_alignment import ideal_point_distances

    ip = ideal_point_distances("KAZ", years=(1992, 2024))
    ip = ip.assign(year=ip["year"].astype(int), n_votes=ip["n_votes"].astype("Int64"), n_votes_pole=ip["n_votes_pole"].astype("Int64"))
    w.text("3_kaz_unga_ideal_point_distance_1992_2024.csv", "table", CAPTIONS["3c"], csv_text(ip))
    sections += [f"**{CAPTIONS['3c']}** {NOTES['3c']} Table: [3_kaz_unga_ideal_point_distance_1992_2024.csv](3_kaz_unga_ideal_point_distance_1992_2024.csv).", ""]

    ranking = unga.post_soviet_ranking(n_boot=n_boot, seed=seed)
    md4 = unga.ranking_markdown(ranking)
    w.text("4_post_soviet_equidistance_by_decade.csv", "table", CAPTIONS["4"], csv_text(ranking))
    w.text("4_post_soviet_equidistance_by_decade.md", "table", CAPTIONS["4"], md4)
    sections += [f"## 4. {TITLES['4']}", "", f"**{CAPTIONS['4']}**", "", NOTES["4"], "", md4]
    measures = post_soviet_measures()
    w.text("4_post_soviet_2010s_three_measures.csv", "table", CAPTIONS["4b"], csv_text(measures))
    md4b = render_post_soviet() + "\n"
    w.text("4_post_soviet_2010s_three_measures.md", "table", CAPTIONS["4b"], md4b)
    sections += [f"**{CAPTIONS['4b']}** {NOTES['4b']}", "", md4b]

    from stance.coding.reliability import render_markdown

    w.text("5_reliability.md", "report", CAPTIONS["5"], render_markdown().rstrip("\n") + "\n")
    sections += [f"## 5. {TITLES['5']}", "", f"{CAPTIONS['5']} The full report: [5_reliability.md](5_reliability.md).", ""]

    pkg = datapackage()
    codebook_version = stance.load_codebook().version
    header = ["# Replication outputs", "",
              f"Generated by `stance replicate` with stance-coding {__version__}, data version {installed}, codebook version "
              f"{codebook_version}; bootstrap intervals with {n_boot} resamples, seed {seed}. `manifest.json` lists every file with "
              "its sha256 and the versions used.", ""]
    files = ["## Files", "", "| file | kind | caption |", "| --- | --- | --- |"]
    files += [f"| [{o.path}]({o.path}) | {o.kind} | {o.caption} |" for o in w.outputs]
    files += ["| [index.md](index.md) | report | This page: every output with its caption. |",
              "| [manifest.json](manifest.json) | manifest | Versions (package, data, codebook, libraries), input table hashes, parameters, every file's sha256. |"]
    w.text("index.md", "report", "Every output with its caption, on one page.", "\n".join(header + sections + files).rstrip("\n") + "\n")

    resources = {r["name"]: r for r in pkg["resources"]}
    manifest = {
        "command": "stance replicate",
        "package": {"name": "stance-coding", "version": __version__},
        "data_version": installed,
        "data_released": pkg.get("created"),
        "codebook_version": codebook_version,
        "inputs": {name: resources[name]["hash"] for name in INPUT_TABLES if name in resources},
        "parameters": {"n_boot": n_boot, "seed": seed, "conf_level": 0.95},
        "environment": _versions(),
        "outputs": [{"path": o.path, "kind": o.kind, "caption": o.caption, "sha256": sha256(folder / o.path)} for o in w.outputs],
    }
    (folder / "manifest.json").write_bytes((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return manifest
