"""What a time expression literally says, before anything resolves it.

``find`` turns a span of text into a ``Mention``: its offsets and a form from here ("July 3"
is a ``CalendarDate`` without a year, "three days after the invasion" an ``Offset`` from an
anchor id). Forms hold no reference date; ``resolve`` reads them against one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Day:
    """A calendar day as written: the year is None when the text leaves it out."""

    month: int
    day: int
    year: int | None = None
    weekday: int | None = None  # 0 = Monday, when a weekday name stands beside the date
    year_shift: int | None = None  # "June 4 this year" 0, "last year" -1, "next year" 1


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
class Season:
    """"spring 2023", "the fall of 2022", "winter and spring 2023" (first to last season)."""

    first: str  # spring, summer, fall, winter
    last: str
    year: int


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
    target: CalendarDate | DayRange | Month | Year | Season | Weekday | AnchorRef


Form = (CalendarDate | DayRange | AmbiguousDate | Month | Year | Season | Weekday | DayWord
        | Period | Stretch | Offset | Context | Relation)

YEARLESS = "yearless"  # a date or month written without its year ("July 3", "since May")
RELATIVE = "relative"  # counted from the reference day ("Sunday", "yesterday", "last week")


def provenance(form: Form) -> str:
    """What a reading rests on, for what fusion may re-read against another day: ``YEARLESS``
    for a date or month whose year the text leaves out, ``RELATIVE`` for a day counted from
    the reference day; "" when the words fix the day themselves (a full date, an anchor)."""
    if isinstance(form, Relation):
        form = form.target
    if isinstance(form, (Weekday, DayWord, Period, Stretch)) or (
            isinstance(form, Offset) and form.origin == "reference"):
        return RELATIVE
    if isinstance(form, CalendarDate):
        return YEARLESS if form.day.year is None and form.day.year_shift is None else ""
    if isinstance(form, DayRange):
        return YEARLESS if form.last.year is None and form.last.year_shift is None else ""
    if isinstance(form, Month):
        return YEARLESS if form.year is None and not form.which else ""
    return ""


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    form: Form
