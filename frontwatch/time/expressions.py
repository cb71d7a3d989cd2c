"""Recognise time expressions in English text: where they are and what they literally say.

Nothing here knows a reference date; ``frontwatch.time`` resolves the forms built here.

Speed: the patterns of a family run only in short windows around its trigger words (capitalised
month and weekday names, four-digit years, relative keywords such as "day" or "ago", the
theatre's anchor words), which one literal scan or ``str.find`` locates; a page of ordinary
prose costs a few fast scans (about 1M words/s on the dev corpus when written).
Words before a match that change its meaning ("since", "early", "last", "late on") and the
count before a unit word ("just over a" week) are read afterwards, only around matches.

Spans leave out plain prepositions ("on", "in", "over", "from") and keep words that change the
meaning, so "on July 3" is the span "July 3" and "since September" the span "since September".
Month and weekday names match only capitalised: "march on Kyiv" and "forces may attack" are
not dates, and "May" needs a day, a year or a preposition beside it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from frontwatch.theatres import Anchor

MONTHS = {name: number for number, name in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), start=1)}
_ABBREVIATED = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
                "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = {word: number for number, word in enumerate(
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
     "twenty"), start=1)} | {"a": 1, "an": 1, "a single": 1, "a couple of": 2, "couple of": 2}
# Counts without a number: a low and a high reading, resolved as approximate.
VAGUE_COUNTS = {"a few": (2, 4), "few": (2, 4), "several": (3, 7)}
# Hedges before a count, by which way they move the day: "about" both ways, "over" further from
# the day counted from, "under" nearer to it.
HEDGES = {"about": "about", "around": "about", "roughly": "about", "approximately": "about",
          "some": "about", "circa": "about", "just over": "over", "a little over": "over",
          "a little more than": "over", "more than": "over", "over": "over", "at least": "over",
          "well over": "over", "nearly": "under", "almost": "under", "just under": "under",
          "less than": "under", "under": "under", "up to": "under", "not quite": "under"}


@dataclass(frozen=True, slots=True)
class Day:
    """A calendar day as written: the year is None when the text leaves it out."""

    month: int
    day: int
    year: int | None = None
    weekday: int | None = None  # 0 = Monday, when a weekday name stands beside the date


@dataclass(frozen=True, slots=True)
class CalendarDate:
    day: Day
    part: str = ""  # "late" for "late on July 3", "night" for "the night of July 3"


@dataclass(frozen=True, slots=True)
class DayRange:
    first: Day
    last: Day


@dataclass(frozen=True, slots=True)
class AmbiguousDate:
    """A numeric date whose day/month order cannot be told ("04/07/2022")."""

    year: int


@dataclass(frozen=True, slots=True)
class Month:
    month: int
    year: int | None = None
    part: str = ""  # "", "early", "mid", "late", "start", "end"
    which: str = ""  # "", "last", "this", "next"


@dataclass(frozen=True, slots=True)
class Year:
    first: int
    last: int
    part: str = ""


@dataclass(frozen=True, slots=True)
class Weekday:
    weekday: int  # 0 = Monday
    which: str = ""  # "", "last", "this", "next"
    part: str = ""  # "", "late", "night", "morning", ...


@dataclass(frozen=True, slots=True)
class DayWord:
    """today, yesterday, tomorrow, last night: a shift from the reference day."""

    shift: int
    part: str = ""


@dataclass(frozen=True, slots=True)
class Period:
    """last/this/next week, weekend, month or year, maybe "earlier"/"later" within it."""

    unit: str
    shift: int
    modifier: str = ""


@dataclass(frozen=True, slots=True)
class Stretch:
    """The past (or next) N units up to (or from) the reference day."""

    low: int
    high: int
    unit: str
    sign: int  # -1 past, +1 next
    vague: bool


@dataclass(frozen=True, slots=True)
class Offset:
    """N units before or after a day: the reference ("ago"), the day just mentioned
    ("later"), or a theatre anchor ("after the invasion")."""

    low: int
    high: int
    unit: str  # hour, day, week, month, year
    sign: int
    hedge: str  # "", "about", "over", "under"
    origin: str  # "reference", "context" or an anchor id


@dataclass(frozen=True, slots=True)
class Context:
    """A day told relative to the day just mentioned: "that night", "the next day"."""

    shift: int
    part: str = ""  # "night" crosses midnight, so it reads as approximate
    late: bool = False


@dataclass(frozen=True, slots=True)
class AnchorRef:
    anchor: str  # anchor id


@dataclass(frozen=True, slots=True)
class Relation:
    """An open or loose range around a target: since, after, before, until, soon after."""

    relation: str
    target: CalendarDate | DayRange | Month | Year | Weekday | AnchorRef


Form = (CalendarDate | DayRange | AmbiguousDate | Month | Year | Weekday | DayWord | Period
        | Stretch | Offset | Context | Relation)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    form: Form


# --- building blocks -----------------------------------------------------------------------

_MONTH = (r"(?-i:(?P<{0}>(?:" + "|".join(MONTHS) + r")\b|(?:"
          + "|".join(sorted(_ABBREVIATED, key=len, reverse=True)) + r")\b\.?))")
_WEEKDAY = r"(?-i:(?P<{0}>" + "|".join(WEEKDAYS) + r")\b)"
_DAY = r"(?P<{0}>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?!\d|[.,:]\d)"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)(?!\d|[.,]\d)"
_NUMBER = (r"(?P<{0}>\d{{1,3}}|" + "|".join(sorted(
    (*NUMBER_WORDS, *VAGUE_COUNTS), key=len, reverse=True)).replace(" ", r"\s+") + r")")
_HEDGE = (r"(?:(?P<hedge>" + "|".join(sorted(HEDGES, key=len, reverse=True)).replace(" ", r"\s+")
          + r")\s+)?")
_UNIT = r"(?P<unit>hours?|days?|weeks?|months?|years?)"
_PARTS = (r"(?P<part>early|mid|late|(?:the\s+|at\s+the\s+)?(?:end|beginning|start|middle)\s+of)")
_DASH = r"[-–—]"

# "Thursday, November 10", "July 3rd, 2022", "March 27-28", "March 31-April 1", "Feb. 24"
_MONTH_FIRST = re.compile(
    r"(?:" + _WEEKDAY.format("wd") + r"[,.]?\s+(?:the\s+)?)?" + _MONTH.format("mon") + r"\s+"
    + _DAY.format("d") + r"(?:\s*(?P<sep>" + _DASH + r"|to|through|until|till|and)\s*(?:"
    + _MONTH.format("mon2") + r"\s+)?" + _DAY.format("d2") + r")?(?:,?\s+" + _YEAR.format("y")
    + r")?")
# "3 July 2022", "27-28 March", "Sunday, 3rd of July"
_DAY_FIRST = re.compile(
    r"(?:" + _WEEKDAY.format("wd") + r"[,.]?\s+(?:the\s+)?)?(?<![\d.,/:])" + _DAY.format("d")
    + r"(?:\s*" + _DASH + r"\s*" + _DAY.format("d2") + r")?\s+(?:of\s+)?" + _MONTH.format("mon")
    + r"(?:,?\s+" + _YEAR.format("y") + r")?")
# "September 2022", "mid-September of 2022"
_MONTH_YEAR = re.compile(_MONTH.format("mon") + r"(?:\s+of)?,?\s+" + _YEAR.format("y"))
# "September", "in May": full names only; context is checked after the match.
_MONTH_ALONE = re.compile(r"(?P<mon>" + "|".join(MONTHS) + r")\b")
_YEAR_ALONE = re.compile(r"(?<![\w.,/-])" + _YEAR.format("y") + r"(?:\s*(?:" + _DASH
                         + r"|to|until|through|and)\s*" + _YEAR.format("y2") + r")?(?![\w/-])")
# ISO-like 2022-07-04 or 2022/07/04, and day-first 04.07.2022; slashes day/month unclear.
_NUMERIC = re.compile(
    r"(?<![\w./-])(?:(?P<iy>(?:19|20)\d\d)(?P<s>[-/.])(?P<im>0?[1-9]|1[0-2])(?P=s)"
    r"(?P<id>0?[1-9]|[12]\d|3[01])|(?P<a>\d{1,2})(?P<t>[./])(?P<b>\d{1,2})(?P=t)"
    r"(?P<ny>(?:19|20)\d\d))(?!\d)")
_WEEKDAY_ALONE = re.compile(_WEEKDAY.format("wd") + r"(?:\s+(?P<part>morning|"
                            r"afternoon|evening|night))?", re.IGNORECASE)
_DAY_WORD = re.compile(
    r"\b(?:the\s+day\s+(?P<pair>before\s+yesterday|after\s+tomorrow)|(?P<word>yesterday|today|"
    r"tonight|tomorrow)|this\s+(?P<this>morning|afternoon|evening)|last\s+(?P<last>night)|"
    r"(?:earlier|later)\s+(?P<today>today))\b(?:\s+(?P<part>morning|afternoon|evening|night))?",
    re.IGNORECASE)
_PERIOD = re.compile(r"\b(?P<which>last|this|next)\s+"
                     r"(?P<unit>week|weekend|month|year)\b|\b(?:over|at|during)\s+(?P<weekend>the\s+"
                     r"weekend)\b", re.IGNORECASE)
_STRETCH = re.compile(
    r"\b(?:over|in|during|within|for|throughout)\s+(?:(?P<the>the\s+(?P<which>past|last|previous"
    r"|next|coming)\s+(?:" + _NUMBER.format("n") + r"\s+)?" + _UNIT + r")|(?P<recent>recent\s+"
    r"(?P<runit>days|weeks|months)))\b", re.IGNORECASE)
# Counted expressions are found by their unit word; the count before it is read afterwards.
_UNIT_WORD = re.compile(r"\b" + _UNIT + r"\b", re.IGNORECASE)
_COUNT_BEFORE = re.compile(r"\b(?:(?P<after>after)\s+)?" + _HEDGE + _NUMBER.format("n") + r"\s+$",
                           re.IGNORECASE)
_COUNT_ENDS = frozenset(word.split()[-1] for word in (*NUMBER_WORDS, *VAGUE_COUNTS))
_TAIL = re.compile(r"\s+(?P<tail>ago|back|earlier|later|after\s+that|before\s+that)\b",
                   re.IGNORECASE)
_CONTEXT = re.compile(
    r"\b(?P<same>that|the\s+same)\s+(?P<p1>day|"
    r"night|evening|morning|afternoon)\b|\b(?:the\s+)?(?P<dir>next|following|previous|"
    r"preceding)\s+(?P<p2>day|morning|night|evening|afternoon)\b|\bthe\s+(?P<p3>day|night|"
    r"evening)\s+(?P<dir3>before|after)\b(?!\s+(?:yesterday|tomorrow))|\b(?P<overnight>"
    r"overnight)\b(?!\s+(?:on|of|into)\s+[A-Z\d])", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)\S+")

# Words before a match that belong to it, read on the text just before the match.
_BEFORE_DATE = re.compile(r"(?:\b(?P<late>late|early)\s+on\s+|\b(?:on\s+)?the\s+(?P<night>"
                          r"night)\s+of\s+)$", re.IGNORECASE)
_BEFORE_MONTH = re.compile(r"(?:\b" + _PARTS + r"[\s-]+|\b(?P<which>last|this|next)\s+)$",
                           re.IGNORECASE)
_BEFORE_YEAR = re.compile(r"(?:\b" + _PARTS + r"[\s-]+|\b(?P<prep>in|since|from|during|"
                          r"throughout|until|till|before|after|between|by)\s+(?:the\s+(?:year\s+)?)?)$",
                          re.IGNORECASE)
_BEFORE_WEEKDAY = re.compile(r"\b(?:(?P<which>last|this|next|this\s+past|this\s+coming)|"
                             r"(?P<late>late|early)(?:\s+on)?)\s+$", re.IGNORECASE)
_LATE = re.compile(r"\b(?P<late>late|early|later|earlier)\s+$", re.IGNORECASE)
_RELATION = re.compile(r"\b(?P<rel>since|before|after|until|till|prior\s+to)\s+$", re.IGNORECASE)
# "in May", "since May": the only ways a bare "May" is the month and not the modal verb.
_MAY_CONTEXT = re.compile(r"(?:\b(?:in|since|until|till|by|from|during|through|throughout|"
                          r"of|before|after|early|mid|late|last|this|next|to|between)[\s-]+|"
                          r"\b(?-i:April|March|June)\W+(?:and\s+|or\s+)?)$", re.IGNORECASE)
_RELATIONS = {"since": "since", "before": "before", "after": "after", "until": "until",
              "till": "until", "prior to": "before", "following": "after", "ahead of": "before",
              "soon after": "soon-after", "shortly after": "soon-after", "just after": "soon-after",
              "right after": "soon-after", "immediately after": "soon-after",
              "shortly before": "soon-before", "just before": "soon-before",
              "in the run-up to": "soon-before"}

_RELATION_KEYS = {" ".join(key.replace("-", " ").split()): value
                  for key, value in _RELATIONS.items()}


def find_mentions(text: str, anchors: tuple[Anchor, ...]) -> list[Mention]:
    """Every time expression of ``text`` as a span and a form, longest first on overlaps."""
    found: list[Mention] = []
    for family in _families(anchors):
        if family.words:
            hits = _find_words(text, family.words, family.trigger)
        else:
            hits = ((hit.start(), hit.end()) for hit in family.trigger.finditer(text))
        for low, high in _windows(hits, family.before, family.after, len(text)):
            for pattern, build in family.patterns:
                for match in pattern.finditer(text, low, high):
                    if match.end() == high < len(text):
                        match = pattern.match(text, match.start())  # cut by the window
                    mention = build(text, match) if match else None
                    if mention is not None:
                        found.append(mention)
    found = _with_relations(text, found)
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)] if "/" in text else []
    return _longest_first(found, urls)


def _find_words(text: str, words: tuple[str, ...], any_case: re.Pattern) -> list[tuple[int, int]]:
    """Where the lower-case ``words`` occur in ``text``, in any case, sorted.

    ``str.find`` on the lower-cased text is several times faster than a regex alternation.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # lower-casing "İ" adds a character: offsets would shift
        return [(hit.start(), hit.end()) for hit in any_case.finditer(text)]
    hits = []
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            hits.append((at, at + len(word)))
            at = lowered.find(word, at + 1)
    hits.sort()
    return hits


def _windows(hits, before: int, after: int, length: int):
    """Merge the stretches of text around trigger words where expressions may lie."""
    low = high = -1
    for hit_start, hit_end in hits:
        start, end = max(0, hit_start - before), min(length, hit_end + after)
        if start > high:
            if high > low:
                yield low, high
            low = start
        high = max(high, end)
    if high > low:
        yield low, high


def _longest_first(found: list[Mention], urls: list[tuple[int, int]]) -> list[Mention]:
    # A longer reading wins ("Thursday, November 10" over "Thursday"); ties go to the earlier
    # family, which is listed from most to least specific. Text inside a URL is no date.
    starts = [start for start, _ in urls]
    ends = [end for _, end in urls]
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda m: m.start - m.end):
        at = bisect_right(starts, mention.start)
        if (at and ends[at - 1] > mention.start) or (at < len(starts)
                                                     and starts[at] < mention.end):
            continue
        starts.insert(at, mention.start)
        ends.insert(at, mention.end)
        kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _with_relations(text: str, found: list[Mention]) -> list[Mention]:
    """Fold "since"/"before"/"after"/"until" in front of a calendar expression into it."""
    out = []
    for mention in found:
        if isinstance(mention.form, (CalendarDate, DayRange, Month, Year, Weekday)):
            before = _RELATION.search(text, max(0, mention.start - 15), mention.start)
            if before:
                relation = _RELATION_KEYS[_normal(before["rel"])]
                mention = Mention(before.start(), mention.end, Relation(relation, mention.form))
        out.append(mention)
    return out


# --- builders: a match to a mention, or None when the context says it is no date ------------

def _month_number(word: str) -> int:
    word = word.rstrip(".")
    return MONTHS.get(word) or _ABBREVIATED[word]


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
        before = _BEFORE_DATE.search(text, max(0, start - 20), start)
        if before:
            start, part = before.start(), (before["late"] or before["night"]).lower()
    return Mention(start, end, CalendarDate(first, part))


def _month_first(text: str, match: re.Match) -> Mention | None:
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


def _day_first(text: str, match: re.Match) -> Mention | None:
    month, year = _month_number(match["mon"]), match["y"] and int(match["y"])
    first = _day(month, int(match["d"]), year, match["wd"])
    last = _day(month, int(match["d2"]), year) if match["d2"] else None
    return _date_mention(text, match, first, last, match.end())


def _month_year(text: str, match: re.Match) -> Mention:
    start, part = _month_prefix(text, match.start())
    return Mention(start, match.end(), Month(_month_number(match["mon"]), int(match["y"]), part))


def _month_prefix(text: str, start: int) -> tuple[int, str]:
    before = _BEFORE_MONTH.search(text, max(0, start - 25), start)
    if before and before["part"]:
        return before.start(), _part_name(before["part"])
    return start, ""


def _part_name(words: str) -> str:
    word = words.lower().split()[-2] if " of" in words.lower() else words.lower()
    return {"beginning": "start", "middle": "mid"}.get(word, word)


def _month_alone(text: str, match: re.Match) -> Mention | None:
    start = match.start()
    before = _BEFORE_MONTH.search(text, max(0, start - 25), start)
    if match["mon"] == "May" and not before and not _MAY_CONTEXT.search(
            text, max(0, start - 12), start):
        return None
    part = which = ""
    if before:
        start = before.start()
        part = _part_name(before["part"]) if before["part"] else ""
        which = before["which"].lower() if before["which"] else ""
    return Mention(start, match.end(), Month(MONTHS[match["mon"]], None, part, which))


def _year_alone(text: str, match: re.Match) -> Mention | None:
    # A bare four-digit number is a year only after a word that takes a time ("in 2014",
    # "since 2014", "early 2022"): "2000 soldiers" is a count.
    start = match.start()
    before = _BEFORE_YEAR.search(text, max(0, start - 30), start)
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


def _numeric(text: str, match: re.Match) -> Mention | None:
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


def _weekday(text: str, match: re.Match) -> Mention:
    start, which, part = match.start(), "", (match["part"] or "").lower()
    before = _BEFORE_WEEKDAY.search(text, max(0, start - 20), start)
    if before:
        start = before.start()
        if before["which"]:
            which = {"this past": "last", "this coming": "next"}.get(
                " ".join(before["which"].lower().split()), before["which"].lower())
        else:
            part = before["late"].lower()
    return Mention(start, match.end(), Weekday(WEEKDAYS.index(match["wd"]), which, part))


def _day_word(text: str, match: re.Match) -> Mention | None:
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


def _period(text: str, match: re.Match) -> Mention | None:
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
    before = _LATE.search(text, max(0, start - 10), start)
    if before and before["late"].lower() in ("earlier", "later"):
        start, modifier = before.start(), before["late"].lower()
    return Mention(start, match.end(), Period(unit, shift, modifier))


def _count(words: str) -> tuple[int, int, bool]:
    words = " ".join(words.lower().split())
    if words.isdigit():
        return int(words), int(words), False
    if words in VAGUE_COUNTS:
        return (*VAGUE_COUNTS[words], True)
    return NUMBER_WORDS[words], NUMBER_WORDS[words], False


def _unit(words: str) -> str:
    return words.lower().rstrip("s")


def _stretch(text: str, match: re.Match) -> Mention:
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
    if not words or not (words[-1].isdigit() or words[-1].lower() in _COUNT_ENDS):
        return None  # most unit words have no count before them: skip the slower search
    return _COUNT_BEFORE.search(text, max(0, start - 48), start)


def _offset(count: re.Match, unit: str, sign: int, origin: str) -> Offset:
    low, high, _ = _count(count["n"])
    hedge = HEDGES[" ".join(count["hedge"].lower().split())] if count["hedge"] else ""
    return Offset(low, high, _unit(unit), sign, hedge, origin)


def _context(text: str, match: re.Match) -> Mention:
    if match["overnight"]:
        return Mention(match.start(), match.end(), Context(0, "night"))
    if match["p1"]:
        start, late = match.start(), False
        before = _LATE.search(text, max(0, start - 10), start)
        if before and before["late"].lower() != "earlier":
            start, late = before.start(), before["late"].lower() == "late"
        return Mention(start, match.end(), Context(0, match["p1"].lower(), late))
    if match["p2"]:
        shift = 1 if match["dir"].lower() in ("next", "following") else -1
        return Mention(match.start(), match.end(), Context(shift, match["p2"].lower()))
    shift = 1 if match["dir3"].lower() == "after" else -1
    return Mention(match.start(), match.end(), Context(shift, match["p3"].lower()))


@dataclass(frozen=True, slots=True)
class _Family:
    """Patterns that only run in windows around a trigger word: scanning a whole page for a
    few literal words is many times faster than trying every pattern at every position."""

    trigger: re.Pattern
    before: int  # how far before its trigger word an expression of the family may start
    after: int  # how far after it it may end
    patterns: tuple
    words: tuple[str, ...] = ()  # lower-case trigger words, found with str.find instead


_CALENDAR = _Family(re.compile("(?:" + "|".join((*MONTHS, *_ABBREVIATED)) + r")\b"), 40, 45,
                    ((_MONTH_FIRST, _month_first), (_DAY_FIRST, _day_first),
                     (_MONTH_YEAR, _month_year), (_MONTH_ALONE, _month_alone)))
_YEARS = _Family(re.compile(r"(?:19|20)\d\d"), 12, 18,
                 ((_NUMERIC, _numeric), (_YEAR_ALONE, _year_alone)))
_WEEKDAYS = _Family(re.compile("|".join(WEEKDAYS)), 0, 20, ((_WEEKDAY_ALONE, _weekday),))
# Every relative expression holds one of these ("yesterday" holds "day", "tonight" "night").
_RELATIVE_WORDS = ("hour", "day", "week", "month", "year", "night", "evening", "morning",
                   "afternoon", "tomorrow", "ago")


@lru_cache(maxsize=8)
def _families(anchors: tuple[Anchor, ...]) -> tuple[_Family, ...]:
    anchored, words = _anchor_patterns(anchors)
    # An anchored expression is found by the longest word of its anchor ("invasion", "start"):
    # hyphens and spacing between the words may vary, and short words ("war") are everywhere.
    # Counted ones ("seven months of the war") hold a unit word already.
    triggers = tuple(sorted({*_RELATIVE_WORDS, *(max(word.split(), key=len) for word in words)}))
    longest = max(map(len, words), default=0)
    any_case = re.compile("|".join(map(re.escape, triggers)), re.IGNORECASE)
    relative = _Family(any_case, 60, longest + 25,
                       (*anchored, (_STRETCH, _stretch), (_PERIOD, _period),
                        (_DAY_WORD, _day_word), (_CONTEXT, _context)),
                       words=triggers)
    # Listed from most to least specific: on equal spans the earlier family wins.
    return (_YEARS, _CALENDAR, relative, _WEEKDAYS)


# --- theatre anchors -----------------------------------------------------------------------

def _anchor_patterns(anchors: tuple[Anchor, ...]) -> tuple[tuple, list[str]]:
    """Patterns for "three days after the invasion", "since the annexation", built from the
    pack's anchor words (matched in any case)."""
    words: dict[str, str] = {}
    events: dict[str, str] = {}
    for anchor in anchors:
        for word in anchor.words:
            # A bare year is read by the year pattern ("since 2014" is a year, not a day).
            if word.strip().isdigit():
                continue
            words.setdefault(_normal(word), anchor.id)
            # "the start of the war" lets "after seven months of the war" count from it.
            lead = re.match(r"(?:the\s+)?(?:start|beginning|outbreak|onset)\s+of\s+(.+)$",
                            word.strip(), re.IGNORECASE)
            if lead:
                events.setdefault(_normal(lead[1]), anchor.id)
    if not words:
        return ((_UNIT_WORD, lambda text, match: _counted(text, match, None, None, {})),), []
    names = _alternation(words)
    counted = _alternation({**words, **events})
    lookup = {**events, **words}
    relations = _alternation(_RELATIONS)

    # "the" may stand before anchor words written without it ("the full-scale invasion").
    after = re.compile(r"\s+(?P<rel>after|before|since|into|following|prior\s+to)\s+(?:the\s+)?"
                       r"(?P<anchor>" + counted + r")(?!\w)", re.IGNORECASE)
    # "after seven months of the war": "after" comes before the count.
    of = re.compile(r"\s+of\s+(?:the\s+)?(?P<anchor>" + counted + r")(?!\w)", re.IGNORECASE)
    named = re.compile(r"(?P<anchor>" + names + r")(?!\w)", re.IGNORECASE)
    relation_before = re.compile(r"\b(?P<rel>" + relations + r"|the\s+eve\s+of|the\s+day\s+"
                                 r"(?:before|after|of))\s+(?:the\s+)?$", re.IGNORECASE)

    def counted_offset(text: str, match: re.Match) -> Mention | None:
        return _counted(text, match, after, of, lookup)

    def relation(text: str, match: re.Match) -> Mention | None:
        before = relation_before.search(text, max(0, match.start() - 34), match.start())
        if before is None:
            return None
        rel = _normal(before["rel"])
        anchor = words[_normal(match["anchor"])]
        if rel in ("the eve of", "the day before", "the day after", "the day of"):
            shift = {"the eve of": -1, "the day before": -1, "the day after": 1}.get(rel, 0)
            return Mention(before.start(), match.end(),
                           Offset(abs(shift), abs(shift), "day", shift or 1, "", anchor))
        return Mention(before.start(), match.end(),
                       Relation(_RELATION_KEYS[rel], AnchorRef(anchor)))

    return ((_UNIT_WORD, counted_offset), (named, relation)), list(words)


def _counted(text: str, match: re.Match, after: re.Pattern | None, of: re.Pattern | None,
             lookup: dict[str, str]) -> Mention | None:
    """A count before a unit word: "two days ago", "three days after the invasion", "after
    seven months of the war"; ``after``/``of`` read the anchor words after the unit."""
    count = _count_before(text, match.start())
    if count is None:
        return None
    start = count.start("hedge") if count["hedge"] else count.start("n")
    if (tail := _TAIL.match(text, match.end())) and not count["after"]:
        word = tail["tail"].lower()
        sign = -1 if word in ("ago", "back", "earlier") or word.startswith("before") else 1
        origin = "reference" if word in ("ago", "back") else "context"
        return Mention(start, tail.end(), _offset(count, match["unit"], sign, origin))
    if after is not None and (anchored := after.match(text, match.end())):
        sign = -1 if anchored["rel"].lower().startswith(("before", "prior")) else 1
        anchor = lookup[_normal(anchored["anchor"])]
        return Mention(start, anchored.end(), _offset(count, match["unit"], sign, anchor))
    if of is not None and count["after"] and (anchored := of.match(text, match.end())):
        anchor = lookup[_normal(anchored["anchor"])]
        return Mention(count.start(), anchored.end(), _offset(count, match["unit"], 1, anchor))
    return None


def _normal(words: str) -> str:
    return " ".join(words.casefold().replace("-", " ").split())


def _alternation(words) -> str:
    return "|".join(r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", word))
                    for word in sorted(words, key=len, reverse=True))
