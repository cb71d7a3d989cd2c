"""Recognise dates printed on their own in page furniture: datelines, stamps, header dates.

These are the only dates the clean stage looks at; dates inside sentences belong to the time
stage. What a cue means for the publication date is decided by the meta stage.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)"
_DATE = (rf"(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
         rf"|(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')}\s+(?P<year2>\d{{4}})"
         rf"|(?P<y3>\d{{4}})[-/.](?P<m3>\d{{1,2}})[-/.](?P<d3>\d{{1,2}})"
         rf"|(?P<d4>\d{{1,2}})\.(?P<m4>\d{{1,2}})\.(?P<y4>\d{{4}}))")

# A line that is nothing but a date, as page headers print today's date.
BARE_DATE_LINE = re.compile(rf"{_WEEKDAY}?{_DATE}{_TIME}?", re.IGNORECASE)
# A crawl or repost stamp: date and time, often glued together, at the start of a short line.
STAMP = re.compile(r"(?P<y>\d{4})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})\s*"
                   r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?")
# A date introduced by a label that says it is the article's date.
LABELLED_DATE = re.compile(
    rf"(?P<label>date|dated|published(?:\s+on)?|posted(?:\s+on)?|first\s+published"
    rf"|updated(?:\s+on)?|last\s+updated)\s*[:\-–]?\s*{_WEEKDAY}?{_DATE}{_TIME}?",
    re.IGNORECASE)
# Stamps are furniture only on short lines; a longer line is prose that happens to start so.
MAX_STAMP_LINE = 80


def parse_date_match(match: re.Match) -> date | None:
    """Return the calendar date a match of one of this module's patterns names, if valid."""
    groups = match.groupdict()
    try:
        if groups.get("year"):
            return date(int(groups["year"]), _month_number(groups["month"]), int(groups["day"]))
        if groups.get("year2"):
            return date(int(groups["year2"]), _month_number(groups["month2"]), int(groups["day2"]))
        if groups.get("y3"):
            return date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
        if groups.get("y4"):
            return date(int(groups["y4"]), int(groups["m4"]), int(groups["d4"]))
        if groups.get("y"):
            return date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    except ValueError:
        return None
    return None


def parse_stamp(match: re.Match) -> datetime | None:
    """Return the date and time of a STAMP match, if valid."""
    try:
        return datetime(int(match["y"]), int(match["m"]), int(match["d"]), int(match["H"]),
                        int(match["M"]), int(match["S"] or 0))
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept")
                   else name.lower()[:3]]
