"""Write data/src/countries.csv: one row per state with its ISO, Correlates of War and Gleditsch-Ward codes.

Development script (needs the test/dev packages ``countrycode`` and
``pycountry``); the build and :func:`stance.country` read only the CSV it
writes, which is reviewed by hand and committed. Run from the repository
root::

    python scripts/make_countries.py

Sources, taken at development time:

* ISO 3166-1 alpha-3/alpha-2/numeric and ISO 3166-3 (former states):
  ``pycountry`` (the Debian iso-codes database).
* Correlates of War state numbers and abbreviations, Gleditsch-Ward numbers
  and abbreviations: the code list of ``countrycode`` (Arel-Bundock, Enevoldsen
  and Yetman 2018), which carries the COW state list (``cown``, ``cowc``) and
  the Gleditsch-Ward list (``gwn``, ``gwc``), historical states included.
* Where those lists disagree with the COW or Gleditsch-Ward state lists, or
  give no code for a state of the UN layer, :data:`OVERRIDES` sets the code
  and says why (every override is a reviewed decision).

The states are every id of the UN layer (``data/src/unga_countries.csv``
plus the ids the id rules in ``data/src/unga_id_rules.csv`` introduce) and
every state or former state of ``data/src/actors.csv``.
"""

from __future__ import annotations

import csv
import pickle
from pathlib import Path

import countrycode
import pycountry

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "data" / "src"
OUT = SRC / "countries.csv"
COLUMNS = ["actor_id", "name", "iso_alpha3", "iso_alpha2", "iso_numeric", "iso_part", "cow_code", "cow_abbr", "gw_code", "gw_abbr",
           "first_year", "last_year", "aliases", "note"]

#: Former states: the countrycode row to take COW/GW codes from (by COW abbreviation) and the years of the state.
HISTORICAL = {
    "CSK": ("CZE", 1918, 1992), "DDR": ("GDR", 1949, 1990), "YMD": ("YPR", 1967, 1990), "YUG": ("YUG", 1918, 1992),
    "SUN": ("RUS", 1922, 1991), "ZAN": ("ZAN", 1963, 1964), "YAR": ("YAR", 1918, 1990), "GFR": ("GMY", 1949, 1990),
    "SCG": ("YUG", 1992, 2006),
}
#: actor_id -> {column: (value, reason)}: reviewed departures from the code lists.
OVERRIDES: dict[str, dict[str, tuple[str, str]]] = {
    "GFR": {"cow_code": ("260", "COW 260 is the German Federal Republic 1955-1990 (COW 255 is Germany before 1945 and after 1990)."),
            "cow_abbr": ("GFR", "COW abbreviation of 260."),
            "gw_code": ("260", "Gleditsch-Ward 260 is West Germany and continuing Germany."), "gw_abbr": ("GFR", "Gleditsch-Ward abbreviation of 260."),
            "iso_alpha3": ("", "ISO 3166 never gave West Germany a code distinct from DEU; the project id is the COW abbreviation.")},
    "DEU": {"gw_code": ("260", "Gleditsch-Ward keep 260 for Germany after 1990 (West Germany continued)."), "gw_abbr": ("GFR", "Gleditsch-Ward abbreviation of 260.")},
    "YAR": {"cow_code": ("678", "COW 678, Yemen Arab Republic 1926-1990."), "cow_abbr": ("YAR", "COW abbreviation of 678."),
            "gw_code": ("678", "Gleditsch-Ward 678 (North Yemen, continued by united Yemen)."), "gw_abbr": ("YEM", "Gleditsch-Ward abbreviation of 678."),
            "iso_alpha3": ("", "ISO 3166-1 YEM was North Yemen's code and passed to united Yemen; the project id is the COW abbreviation YAR.")},
    "YEM": {"gw_code": ("678", "Gleditsch-Ward code united Yemen as the continuation of North Yemen (678); COW uses 679."),
            "gw_abbr": ("YEM", "Gleditsch-Ward abbreviation of 678.")},
    "ZAN": {"iso_alpha3": ("", "No ISO 3166 code; the project id is the COW abbreviation.")},
    "YUG": {"note": ("", "")},
    "SCG": {"cow_code": ("345", "COW 345 runs on from Yugoslavia through the FR Yugoslavia / Serbia and Montenegro to Serbia."), "cow_abbr": ("YUG", "COW abbreviation of 345."),
            "gw_code": ("345", "Gleditsch-Ward 345 (Yugoslavia) until June 2006."), "gw_abbr": ("YUG", "Gleditsch-Ward abbreviation of 345.")},
    "SRB": {"cow_code": ("345", "COW 345 runs on from Yugoslavia to Serbia (COW has no separate Serbia after 2006)."), "cow_abbr": ("YUG", "COW abbreviation of 345."),
            "gw_code": ("340", "Gleditsch-Ward 340, Serbia from June 2006."), "gw_abbr": ("SER", "Gleditsch-Ward abbreviation of 340.")},
    "VNM": {"gw_code": ("816", "Gleditsch-Ward 816 is Vietnam (Democratic Republic), 817 the Republic of Vietnam; the code list gives 817 for Vietnam.")},
    "SUN": {"note": ("", "")},
    "TWN": {},
}
#: Notes shown with a state (id rules are explained in data/src/unga_id_rules.csv).
NOTES = {
    "SUN": "The USSR. The UN layer keeps the USSR's votes and ideal points under RUS (the Russian Federation continued the USSR's seat; COW 365 and the ideal points do the same); SUN joins no UN row.",
    "RUS": "Russian Federation; in the UN tables RUS also carries the USSR's votes and ideal points before 1992 (continuator).",
    "YUG": "SFR Yugoslavia, UN votes to September 1992 (resolution 47/1).",
    "SCG": "FR Yugoslavia, admitted as a new UN member on 1 November 2000; Serbia and Montenegro from 2003 to June 2006.",
    "SRB": "Serbia, continuator of Serbia and Montenegro from 3 June 2006.",
    "GFR": "Federal Republic of Germany before unification (3 October 1990); votes after it are united Germany's (DEU).",
    "YAR": "Yemen Arab Republic (North Yemen) before unification (22 May 1990); votes after it are united Yemen's (YEM).",
    "TWN": "Republic of China, which held China's UN seat until October 1971 (resolution 2758).",
    "ZAN": "Zanzibar, a UN member from December 1963 until the union with Tanganyika (April 1964).",
}


def _codelist() -> list[dict[str, object]]:
    path = Path(countrycode.__file__).parent / "data" / "codelist.pickle"
    with path.open("rb") as fh:
        data = pickle.load(fh)
    keys = list(data)
    n = len(data[keys[0]])
    return [{k: data[k][i] for k in keys} for i in range(n)]


def _num(value: object) -> str:
    if value is None or value != value:  # NaN
        return ""
    return str(int(float(value)))  # type: ignore[arg-type]


def _str(value: object) -> str:
    return "" if value is None or value != value else str(value)


def main() -> None:
    rows_cl = _codelist()
    by_iso3 = {r["iso3c"]: r for r in rows_cl if _str(r["iso3c"])}
    by_cowc = {r["cowc"]: r for r in rows_cl if _str(r["cowc"])}
    with (SRC / "unga_countries.csv").open(encoding="utf-8") as fh:
        unga = list(csv.DictReader(fh))
    with (SRC / "actors.csv").open(encoding="utf-8") as fh:
        actors = [r for r in csv.DictReader(fh) if r["actor_type"] in ("state", "former_state")]
    names: dict[str, list[str]] = {}
    for r in unga:
        names.setdefault(r["actor_id"], []).append(r["unga_country"])
    for r in actors:
        names.setdefault(r["actor_id"], []).append(r["name"])
    for extra, label in (("SCG", "Serbia and Montenegro"), ("SRB", "Serbia")):
        names.setdefault(extra, []).append(label)
    names["SCG"].append("Federal Republic of Yugoslavia")
    rows = []
    for actor_id in sorted(names):
        aliases = list(dict.fromkeys(names[actor_id]))
        row = dict.fromkeys(COLUMNS, "")
        row["actor_id"] = actor_id
        if actor_id in HISTORICAL:
            cowc, first, last = HISTORICAL[actor_id]
            cl = by_cowc[cowc]
            iso = pycountry.historic_countries.get(alpha_3=actor_id)
            row["first_year"], row["last_year"] = str(first), str(last)
            if iso is not None:
                row.update(iso_alpha3=iso.alpha_3, iso_alpha2=iso.alpha_2, iso_numeric=iso.numeric, iso_part="3166-3")
                aliases.append(iso.name)
            row["name"] = aliases[0]
        else:
            iso = pycountry.countries.get(alpha_3=actor_id)
            if iso is None:
                raise SystemExit(f"{actor_id}: not an ISO 3166-1 alpha-3 code; add it to HISTORICAL.")
            cl = by_iso3[actor_id]
            row.update(iso_alpha3=iso.alpha_3, iso_alpha2=iso.alpha_2, iso_numeric=iso.numeric, iso_part="3166-1")
            row["name"] = str(cl["country.name.en"])
            aliases += [iso.name, getattr(iso, "common_name", ""), getattr(iso, "official_name", "")]
        row.update(cow_code=_num(cl["cown"]), cow_abbr=_str(cl["cowc"]), gw_code=_num(cl["gwn"]), gw_abbr=_str(cl["gwc"]))
        reasons = []
        for column, (value, reason) in OVERRIDES.get(actor_id, {}).items():
            if column == "note":
                continue
            row[column] = value
            reasons.append(f"{column}: {reason}")
        row["note"] = " ".join(filter(None, [NOTES.get(actor_id, "")] + reasons))
        row["aliases"] = ";".join(a for a in dict.fromkeys(aliases) if a and a != row["name"])
        rows.append(row)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {OUT} ({len(rows)} states)")


if __name__ == "__main__":
    main()
