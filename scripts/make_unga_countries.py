"""Write data/src/unga_countries.csv: the UN vote data's countries mapped to actor ids.

Development script (needs ``pycountry``); the build reads only the CSV it
writes. Run from the repository root::

    python scripts/make_unga_countries.py

Rules (documented in codebook/codebook.md, section "UN General Assembly votes"):

* ISO 3166-1 alpha-2 -> alpha-3 for current states (``basis = iso3166-1``).
* Former states keep their ISO 3166-3 alpha-3 code (``basis = iso3166-3``);
  ``CS`` is ambiguous in ISO 3166-3 (Czechoslovakia and Serbia and
  Montenegro) and is resolved by the country name.
* The three states without a code in the source get Correlates of War state
  abbreviations, which ISO 3166 does not assign (``basis = cow``).
* ``RU`` is the USSR and the Russian Federation (kept as one series, RUS);
  ``YU`` runs from the SFR Yugoslavia to Serbia (votes up to 2020) and is
  split by date by the build (``data/src/unga_id_rules.csv``: YUG, SCG,
  SRB), as are the 1990 votes of West Germany and North Yemen; ``TW`` is the
  Republic of China, which held China's seat until October 1971.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
VOTES = ROOT / "data" / "raw" / "unga" / "un_votes.csv.gz"
OUT = ROOT / "data" / "src" / "unga_countries.csv"

#: Countries the source gives no code: Correlates of War state abbreviations (and COW numbers).
NO_CODE = {
    "Federal Republic of Germany": ("GFR", "No alpha-2 code in the source. COW abbreviation GFR (COW 260). Votes 1973-1990; the votes filed here after unification (November-December 1990) are united Germany's (DEU, data/src/unga_id_rules.csv)."),
    "Yemen Arab Republic": ("YAR", "No alpha-2 code in the source. COW abbreviation YAR (COW 678). Votes 1947-1990; the votes filed here after unification (November-December 1990) are united Yemen's (YEM, data/src/unga_id_rules.csv)."),
    "Zanzibar": ("ZAN", "No alpha-2 code in the source. COW abbreviation ZAN (COW 511). Two votes in December 1963, before the union with Tanganyika."),
}
#: ISO 3166-3 codes by country name (the alpha-2 code alone is ambiguous for CS).
FORMER = {"Czechoslovakia": "CSK", "German Democratic Republic": "DDR", "Yemen People's Republic": "YMD", "Yugoslavia": "YUG"}
NOTES = {
    "RU": "The source records the USSR and the Russian Federation as one country (RU, 'Russia') for 1946-2020; the UN layer follows it: RUS throughout (the Russian Federation continued the USSR's seat). The events layer codes the USSR separately (SUN), whose actors row carries no UN code.",
    "YU": "The source records one series 'Yugoslavia' from 1946 to 2020: the SFR Yugoslavia, then the FR Yugoslavia / Serbia and Montenegro, then Serbia. Split by date into YUG, SCG and SRB (data/src/unga_id_rules.csv).",
    "TW": "Votes 1946-1971: the Republic of China, which held China's seat until resolution 2758 (October 1971). CHN votes from November 1971.",
    "CS": "ISO 3166-3 CSK (the alpha-2 code CS was later reused for Serbia and Montenegro).",
}


def main() -> None:
    with gzip.open(VOTES, "rt", encoding="utf-8", newline="") as fh:
        pairs = sorted({(r["country"], r["country_code"]) for r in csv.DictReader(fh)})
    rows = []
    for name, code in pairs:
        if not code:
            actor_id, note = NO_CODE[name]
            rows.append({"unga_country": name, "unga_country_code": "", "actor_id": actor_id, "basis": "cow", "note": note})
            continue
        if name in FORMER:
            rows.append({"unga_country": name, "unga_country_code": code, "actor_id": FORMER[name], "basis": "iso3166-3", "note": NOTES.get(code, "")})
            continue
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            raise SystemExit(f"{name} ({code}): not an ISO 3166-1 code; add it to FORMER or NO_CODE.")
        rows.append({"unga_country": name, "unga_country_code": code, "actor_id": country.alpha_3, "basis": "iso3166-1", "note": NOTES.get(code, "")})
    ids = [r["actor_id"] for r in rows]
    if len(set(ids)) != len(ids):
        raise SystemExit("Two countries map to the same actor id.")
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["unga_country", "unga_country_code", "actor_id", "basis", "note"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {OUT} ({len(rows)} countries)")


if __name__ == "__main__":
    main()
