"""Explain a date that is not written as YYYY-MM-DD, without ever converting it.

Coders' spreadsheets write dates in many ways: Excel serial numbers, day
first, month first, with month names, with a time of day. The validator
never guesses which date was meant; it reports the value, and this module
says what the value could mean so the coder can write it properly: one
reading when only one is possible, both when day and month could be
swapped, none when the year has two digits.

Examples
--------
>>> from stance.coding.date_hints import date_hint
>>> date_hint("24.11.2026")
"'24.11.2026' is not a date in YYYY-MM-DD form: if it means 24 November 2026, write 2026-11-24 (dates are never guessed)"
>>> date_hint("03/04/2026")
"'03/04/2026' is not a date in YYYY-MM-DD form and could mean 3 April 2026 or 4 March 2026: write the one you mean as YYYY-MM-DD (dates are never guessed)"
>>> date_hint("46350")
"'46350' looks like an Excel date serial number (2026-11-24): format the cell as text and write 2026-11-24 (dates are never guessed)"
"""

from __future__ import annotations

import datetime as dt
import re

EXCEL_EPOCH = dt.date(1899, 12, 30)
GENERIC = "'{value}' is not a date in YYYY-MM-DD form: write e.g. 2014-03-27 (dates are never guessed)"
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_NUMERIC = re.compile(r"(\d{1,4})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{1,4})")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]+)\.?,?\s+(\d{2,4})")
_MONTH_NAME_DAY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2,4})")
_WITH_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?")
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")


def _month(name: str) -> int | None:
    name = name.lower()
    for i, full in enumerate(_MONTHS, start=1):
        if len(name) >= 3 and full.startswith(name):
            return i
    return None


def _valid(year: int, month: int | None, day: int) -> dt.date | None:
    if month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _spoken(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1].capitalize()} {day.year}"


def _readings(value: str) -> tuple[list[dt.date], bool]:
    """Possible dates, and whether the year had only two digits."""
    m = _NUMERIC.fullmatch(value)
    if m:
        a, _, b, c = m.groups()
        if len(a) == 4:
            return [d for d in [_valid(int(a), int(b), int(c))] if d], False
        if len(c) != 4:
            return [], True
        found = [_valid(int(c), int(b), int(a)), _valid(int(c), int(a), int(b))]
        return list(dict.fromkeys(d for d in found if d)), False
    for pattern, order in ((_DAY_MONTH_NAME, "dmy"), (_MONTH_NAME_DAY, "mdy")):
        m = pattern.fullmatch(value)
        if m:
            parts = dict(zip(order, m.groups()))
            if len(parts["y"]) != 4:
                return [], True
            d = _valid(int(parts["y"]), _month(parts["m"]), int(parts["d"]))
            return ([d] if d else []), False
    return [], False


def date_hint(value: str) -> str:
    """The problem text for a value that is not a YYYY-MM-DD date (see the module examples)."""
    text = value.strip()
    if _SERIAL.fullmatch(text):
        day = EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
        return f"'{value}' looks like an Excel date serial number ({day.isoformat()}): format the cell as text and write {day.isoformat()} (dates are never guessed)"
    m = _WITH_TIME.fullmatch(text)
    if m:
        return f"'{value}' has a time of day: write the date alone, {m.group(1)}"
    readings, two_digit_year = _readings(text)
    if two_digit_year:
        return f"'{value}' is not a date in YYYY-MM-DD form and its year has two digits: write the full date as YYYY-MM-DD (dates are never guessed)"
    if len(readings) == 1:
        d = readings[0]
        return f"'{value}' is not a date in YYYY-MM-DD form: if it means {_spoken(d)}, write {d.isoformat()} (dates are never guessed)"
    if len(readings) == 2:
        first, second = readings
        return (f"'{value}' is not a date in YYYY-MM-DD form and could mean {_spoken(first)} or {_spoken(second)}: "
                "write the one you mean as YYYY-MM-DD (dates are never guessed)")
    return GENERIC.format(value=value)
