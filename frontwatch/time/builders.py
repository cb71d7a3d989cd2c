"""Builders: one regular-expression match to a ``Mention``, or None when it is no date.

Each builder reads the match and the few words around it that change its meaning: "since",
"early", "last", "late on" before a date, the count before a unit word ("just over a" week),
"ago" or "after the invasion" after it. ``find`` decides which pattern runs where and pairs
each pattern with its builder here.
"""

from __future__ import annotations

import re
from datetime import date

from frontwatch.time.forms import (AmbiguousDate, CalendarDate, Context, Day, DayRange,
                                   DayWord, Mention, Month, Offset, Period, Season, Stretch,
                                   Weekday, Year)
from frontwatch.time.lexicon import (ABBREVIATED, BEFORE_DATE, BEFORE_LATE, BEFORE_MAY,
                                     BEFORE_MONTH, BEFORE_WEEKDAY, BEFORE_YEAR, COUNT_BEFORE,
                                     COUNT_ENDS, HEDGES, MONTHS, NUMBER_WORDS, TAIL,
                                     VAGUE_COUNTS, WEEKDAYS, normal)


# --- dates, months and years -----------------------------------------------------------------

def _month_number(word: str) -> int:
    word = word.rstrip(".")
    return MONTHS.get(word) or ABBREVIATED[word]


def _day(month: int, day: int, year: int | None, weekday: str | None = None) -> Day | None:
    # Checked in a leap year when the year is unknown, so "February 29" stays possible.
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    return Day(month, day, year, WEEKDAYS.index(weekday) if weekday else None)


def _date_mention(text: str, match: re.Match, first: Day | None, last: Day | None,
                  end: int) -> Mention | None:
    if first is None:
        return None
    start = match.start()
    if last is not None and last != first:
        return Mention(start, end, DayRange(first, last))
    part = ""
    if not match["wd"]:
        before = BEFORE_DATE.search(text, max(0, start - 20), start)
        if before:
            start, part = before.start(), (before["late"] or before["night"]).lower()
    return Mention(start, end, CalendarDate(first, part))


def month_first(text: str, match: re.Match) -> Mention | None:
    month, year = _month_number(match["mon"]), match["y"] and int(match["y"])
    end = match.end()
    if match["d2"]:
        month2 = _month_number(match["mon2"]) if match["mon2"] else month
        if not _is_range(text, match, month, month2):
            end, year = match.end("d"), None
        else:
            year2 = year
            first_year = year if year is None or month <= month2 else year - 1
            first = _day(month, int(match["d"]), first_year, match["wd"])
            return _date_mention(text, match, first, _day(month2, int(match["d2"]), year2), end)
    first = _day(month, int(match["d"]), year, match["wd"])
    return _date_mention(text, match, first, None, end)


def _is_range(text: str, match: re.Match, month: int, month2: int) -> bool:
    """Whether "March 3 <sep> 5" is one range of days."""
    separator = match["sep"].lower()
    if separator in ("-", "–", "—"):
        return True
    opened = re.search(r"\b(?:from|between)\s+$", text[max(0, match.start() - 10):match.start()],
                       re.IGNORECASE)
    if separator == "and":
        # "between July 11 and 12" is a range, and so are two days in a row ("March 6 and 7");
        # "April 2 and April 4" are two days.
        return bool(opened) or (month == month2 and int(match["d2"]) == int(match["d"]) + 1)
    # "March 3 to 5" needs its second month or a "from"/"between" before it: "on July 3 to 5
    # people" is a date and a count.
    return bool(opened or match["mon2"])


def day_first(text: str, match: re.Match) -> Mention | None:
    month, year = _month_number(match["mon"]), match["y"] and int(match["y"])
    first = _day(month, int(match["d"]), year, match["wd"])
    last = _day(month, int(match["d2"]), year) if match["d2"] else None
    return _date_mention(text, match, first, last, match.end())


def month_year(text: str, match: re.Match) -> Mention:
    start, part = _month_prefix(text, match.start())
    return Mention(start, match.end(), Month(_month_number(match["mon"]), int(match["y"]), part))


def _month_prefix(text: str, start: int) -> tuple[int, str]:
    before = BEFORE_MONTH.search(text, max(0, start - 25), start)
    if before and before["part"]:
        return before.start(), _part_name(before["part"])
    return start, ""


def _part_name(words: str) -> str:
    word = words.lower().split()[-2] if " of" in words.lower() else words.lower()
    return {"beginning": "start", "middle": "mid"}.get(word, word)


def month_alone(text: str, match: re.Match) -> Mention | None:
    start = match.start()
    before = BEFORE_MONTH.search(text, max(0, start - 25), start)
    if match["mon"] == "May" and not before and not BEFORE_MAY.search(
            text, max(0, start - 12), start):
        return None
    part = which = ""
    if before:
        start = before.start()
        part = _part_name(before["part"]) if before["part"] else ""
        which = before["which"].lower() if before["which"] else ""
    return Mention(start, match.end(), Month(MONTHS[match["mon"]], None, part, which))


def year_alone(text: str, match: re.Match) -> Mention | None:
    # A bare four-digit number is a year only after a word that takes a time ("in 2014",
    # "since 2014", "early 2022"): "2000 soldiers" is a count.
    start = match.start()
    before = BEFORE_YEAR.search(text, max(0, start - 30), start)
    if before is None:
        return None
    first = int(match["y"])
    last = int(match["y2"]) if match["y2"] else first
    if last < first:
        return None
    part = ""
    if before["part"]:
        start, part = before.start(), _part_name(before["part"])
    elif before["prep"].lower() == "between" and match["y2"]:
        start = before.start()
    return Mention(start, match.end(), Year(first, last, part))


def season_year(text: str, match: re.Match) -> Mention | None:
    first, last = _season_name(match["s1"]), _season_name(match["s2"] or match["s1"])
    if first == "fall" and match["s1"].islower() and \
            not _BEFORE_SEASON.search(text, max(0, match.start() - 12), match.start()):
        return None  # "the city could fall 2024": the verb
    return Mention(match.start(), match.end(), Season(first, last, int(match["y"])))


_BEFORE_SEASON = re.compile(r"\b(?:in|during|since|by|until|till|the|this|last|next|early|"
                            r"late|mid|from|through|of|and)[\s-]+$", re.IGNORECASE)


def _season_name(word: str) -> str:
    word = word.lower()
    return "fall" if word == "autumn" else word


def numeric(text: str, match: re.Match) -> Mention | None:
    if match["iy"]:
        day = _day(int(match["im"]), int(match["id"]), int(match["iy"]))
    else:
        a, b, year = int(match["a"]), int(match["b"]), int(match["ny"])
        if match["t"] == ".":
            day = _day(b, a, year)  # dotted dates are day-first wherever they are written
        elif a > 12 or b > 12:
            day = _day(b, a, year) if a > 12 else _day(a, b, year)
        elif a == b:
            day = _day(a, a, year)
        else:
            return Mention(match.start(), match.end(), AmbiguousDate(year))
    return Mention(match.start(), match.end(), CalendarDate(day)) if day else None


# --- weekdays and days named from today ------------------------------------------------------

def weekday(text: str, match: re.Match) -> Mention:
    start, which, part = match.start(), "", (match["part"] or "").lower()
    before = BEFORE_WEEKDAY.search(text, max(0, start - 20), start)
    if before:
        start = before.start()
        if before["which"]:
            which = {"this past": "last", "this coming": "next"}.get(
                " ".join(before["which"].lower().split()), before["which"].lower())
        else:
            part = before["late"].lower()
    return Mention(start, match.end(), Weekday(WEEKDAYS.index(match["wd"]), which, part))


def day_word(text: str, match: re.Match) -> Mention | None:
    word = (match["word"] or "").lower()
    if match["word"] == "Today" and _is_name_part(text, match.start()):
        return None  # "USA Today", "Russia Today": an outlet, not a day
    if match["pair"]:
        shift = -2 if match["pair"].lower().startswith("before") else 2
    else:
        shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    part = (match["part"] or "").lower()
    if match["last"]:
        shift, part = -1, "night"
    return Mention(match.start(), match.end(), DayWord(shift, part))


def _is_name_part(text: str, start: int) -> bool:
    return re.search(r"\b[A-Z][\w.]* $", text[max(0, start - 20):start]) is not None


def period(text: str, match: re.Match) -> Mention | None:
    if match["weekend"]:
        return Mention(match.start("weekend"), match.end(), Period("weekend", 0))
    if re.search(r"\bthe\s+$", text[max(0, match.start() - 6):match.start()], re.IGNORECASE):
        return None  # "the last year of the war" is a stretch of time, not last year
    if match["unit"][0].isupper():
        return None  # "Top 5 This Week": a title, not a date
    shift = {"last": -1, "this": 0, "next": 1}[match["which"].lower()]
    unit = match["unit"].lower()
    if unit == "weekend":
        shift = max(shift, 0)  # "last weekend" is the weekend just past, as "this weekend"
    start, modifier = match.start(), ""
    before = BEFORE_LATE.search(text, max(0, start - 10), start)
    if before and before["late"].lower() in ("earlier", "later"):
        start, modifier = before.start(), before["late"].lower()
    return Mention(start, match.end(), Period(unit, shift, modifier))


# --- counts of units: stretches and offsets --------------------------------------------------

def _count(words: str) -> tuple[int, int, bool]:
    words = " ".join(words.lower().split())
    if words.isdigit():
        return int(words), int(words), False
    if words in VAGUE_COUNTS:
        return (*VAGUE_COUNTS[words], True)
    return NUMBER_WORDS[words], NUMBER_WORDS[words], False


def _unit(words: str) -> str:
    return words.lower().rstrip("s")


def stretch(text: str, match: re.Match) -> Mention:
    if match["recent"]:
        # "in recent days/weeks/months": an open count, read as up to a week, six weeks, six
        # months before the reference day.
        unit = _unit(match["runit"])
        high = {"day": 7, "week": 6, "month": 6}[unit]
        return Mention(match.start("recent"), match.end(), Stretch(1, high, unit, -1, True))
    if match["n"]:
        low, high, vague = _count(match["n"])
    elif match["unit"].lower().endswith("s"):
        low, high, vague = (*VAGUE_COUNTS["a few"], True)  # "over the past weeks"
    else:
        low, high, vague = 1, 1, False
    sign = 1 if match["which"].lower() in ("next", "coming") else -1
    return Mention(match.start("the"), match.end(),
                   Stretch(low, high, _unit(match["unit"]), sign, vague))


def _count_before(text: str, start: int) -> re.Match | None:
    """The count (and hedge) written just before a unit word: "just over a" (week)."""
    words = text[max(0, start - 12):start].split()
    if not words or not (words[-1].isdigit() or words[-1].lower() in COUNT_ENDS):
        return None  # most unit words have no count before them: skip the slower search
    return COUNT_BEFORE.search(text, max(0, start - 48), start)


def _offset(count: re.Match, unit: str, sign: int, origin: str) -> Offset:
    low, high, _ = _count(count["n"])
    hedge = HEDGES[" ".join(count["hedge"].lower().split())] if count["hedge"] else ""
    return Offset(low, high, _unit(unit), sign, hedge, origin)


# --- days told from the day just mentioned ---------------------------------------------------

def context(text: str, match: re.Match) -> Mention:
    if match["overnight"]:
        return Mention(match.start(), match.end(), Context(0, "night"))
    if match["p1"]:
        start, late = match.start(), False
        before = BEFORE_LATE.search(text, max(0, start - 10), start)
        if before and before["late"].lower() != "earlier":
            start, late = before.start(), before["late"].lower() == "late"
        return Mention(start, match.end(), Context(0, match["p1"].lower(), late))
    if match["p2"]:
        shift = 1 if match["dir"].lower() in ("next", "following") else -1
        return Mention(match.start(), match.end(), Context(shift, match["p2"].lower()))
    shift = 1 if match["dir3"].lower() == "after" else -1
    return Mention(match.start(), match.end(), Context(shift, match["p3"].lower()))


def counted(text: str, match: re.Match, after: re.Pattern | None, of: re.Pattern | None,
            lookup: dict[str, str]) -> Mention | None:
    """A count before a unit word: "two days ago", "three days after the invasion", "after
    seven months of the war"; ``after``/``of`` read the anchor words after the unit."""
    count = _count_before(text, match.start())
    if count is None:
        return None
    start = count.start("hedge") if count["hedge"] else count.start("n")
    if (tail := TAIL.match(text, match.end())) and not count["after"]:
        word = tail["tail"].lower()
        sign = -1 if word in ("ago", "back", "earlier") or word.startswith("before") else 1
        origin = "reference" if word in ("ago", "back") else "context"
        return Mention(start, tail.end(), _offset(count, match["unit"], sign, origin))
    if after is not None and (anchored := after.match(text, match.end())):
        sign = -1 if anchored["rel"].lower().startswith(("before", "prior")) else 1
        anchor = lookup[normal(anchored["anchor"])]
        return Mention(start, anchored.end(), _offset(count, match["unit"], sign, anchor))
    if of is not None and count["after"] and (anchored := of.match(text, match.end())):
        anchor = lookup[normal(anchored["anchor"])]
        return Mention(count.start(), anchored.end(), _offset(count, match["unit"], 1, anchor))
    return None
