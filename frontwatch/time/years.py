"""The year of a date written without one, and the days a document offers to fix it.

A date or month without a year ("July 3", "since September") takes, most trusted first:

- the year the words after it give: "June 4 this year", "March 3 last year" (from the
  publication date);
- the year of a theatre anchor or a full date naming the same day beside it ("the invasion
  on Feb. 24", "February 27, three days after the invasion");
- for a weekday beside it ("Thursday, November 10"), the year where that weekday fits: within
  a year of publication, or, with no publication date, from the theatre's earliest anchor year
  to ``LATEST_YEAR`` (the year nearest a year written in the text, else the latest);
- the publication year, or the year before when that would put it more than ``FUTURE_DAYS``
  after publication ("December 28" in January);
- with no publication date, the year of a year-less date the text fixes by its weekday, else
  of the latest full date written in the text; last, the latest year of a date in the text.

When nothing fixes the year, the caller gets the reason instead, as a string.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from frontwatch.theatres import Anchor
from frontwatch.time.counting import offset_window
from frontwatch.time.forms import (CalendarDate, Day, DayRange, Mention, Month, Offset, Relation,
                                   Year)
from frontwatch.time.lexicon import MONTH_NAMES, WEEKDAYS

# A year-less day or month more than this far after the reference day is read in the year
# before ("December 28" in a January report). Two months, from the issue; re-run
# `frontwatch eval` (dates) after changing it.
FUTURE_DAYS = 62
# Without any reference date, a weekday beside a year-less date ("Thursday, November 10") is
# matched in the years from the theatre's earliest anchor up to this one; a fixed bound keeps
# results reproducible, which "this year" would not.
LATEST_YEAR = 2030
# How far around a year-less date a same-day anchor word or full date may stand.
_NEIGHBOURHOOD = 100
# How far before a year-less date that would lie after publication a written year still sets
# the story's year: a timeline article writes "February 24, 2022" once and dates its chapters
# ("On April 21, ...") 2,700 characters later; 3,000 fixes those and changes nothing else on
# the gold. Re-run `frontwatch eval events` (dates) and `pytest tests/time` after changing it.
NARRATIVE_REACH = 3000


class Years:
    """Year choice for one document's year-less dates and months.

    Methods return ``(year, anchor, reason, ...)`` when the year is fixed, and a string saying
    why not otherwise: the caller turns that into an unresolved reading.
    """

    def __init__(self, text: str, mentions: list[Mention], published: date | None,
                 anchors: tuple[Anchor, ...]) -> None:
        self.text = text
        self.mentions = mentions  # in text order, not overlapping: starts and ends both sorted
        self.starts = [m.start for m in mentions]
        self.ends = [m.end for m in mentions]
        self.published = published
        self.anchors = {anchor.id: anchor for anchor in anchors}
        self.earliest_year = min((a.date.year for a in anchors), default=LATEST_YEAR - 30)
        self.text_date, self.text_year = _written_reference(mentions)
        self.weekday_date = self._latest_weekday_date()

    def of_day(self, day: Day, mention: Mention) -> tuple[int, str, str, bool] | str:
        """Pick the year of a date written without one: (year, anchor, reason, sure)."""
        spelled = spell(day)
        if day.year_shift is not None and self.published is not None:
            year = self.published.year + day.year_shift
            if safe_date(year, day.month, day.day) is None:
                return f"{spelled} is not a day of {year}"
            words, which = {-1: ("last year", "the year before"),
                            1: ("next year", "the year after")}.get(
                day.year_shift, ("this year", "the year of"))
            return (year, "published", f"{spelled} {words}: {year}, {which} the publication "
                    f"date {self.published}", True)
        near = self._same_day_nearby(day, mention)
        if near is not None:
            return near
        note, sure = "", True
        if day.weekday is not None:
            picked = self._year_by_weekday(day)
            if picked is not None:
                return picked
            note, sure = f"; no nearby year has {spelled} on a {WEEKDAYS[day.weekday]}", False
        for reference, anchor, label in self._references():
            year = reference.year
            if safe_date(year, day.month, day.day) is None:
                return f"{spelled} is not a day of {year}"
            if date(year, day.month, day.day) > reference + timedelta(days=FUTURE_DAYS):
                year -= 1
                why = (f"{spelled} without a year: {year}, as {year + 1} would put it more than "
                       f"two months after {label}")
            else:
                why = f"{spelled} without a year: the year of {label}"
            if safe_date(year, day.month, day.day) is None:
                return f"{spelled} is not a day of {year}"
            if anchor == "published" and date(year, day.month, day.day) > reference:
                told = self._narrative_year(day, mention)
                if told is not None:
                    return told[0], "text-year", f"{spelled} without a year: {told[1]}", sure
            return year, anchor, why + note, sure
        if self.text_year is not None and safe_date(self.text_year, day.month, day.day):
            return (self.text_year, "text-year",
                    f"{spelled} without a year: {self.text_year}, the latest year of a date "
                    f"written in the text{note}", sure)
        return f"{spelled} without a year; nothing in the document fixes it"

    def _narrative_year(self, day: Day, mention: Mention) -> tuple[int, str] | None:
        """"On February 20, 2014, Russia ... On the night of February 27, buildings were
        seized": a year-less date that would lie after publication in a text that wrote an
        earlier year shortly before it belongs to that year's story, not to a future day. The
        year must put the date before publication; the nearest year written within
        ``NARRATIVE_REACH`` characters before the date wins."""
        # only the mentions that end before this one, nearest first
        for earlier in reversed(self.mentions[:bisect_right(self.ends, mention.start)]):
            if mention.start - earlier.end > NARRATIVE_REACH:
                break
            year = _written_year(earlier.form)
            if year is None:
                continue
            if year >= self.published.year or safe_date(year, day.month, day.day) is None:
                return None
            words = self.text[earlier.start:earlier.end]
            return year, (f"{year}, the year written before it ({words!r}); the year of the "
                          f"publication date would put it after publication")
        return None

    def of_month(self, form: Month, past: bool = False) -> tuple[int, str, str] | str:
        """Pick the year of a month written without one: (year, anchor, reason).

        ``past`` ("since September") keeps the month from lying after the reference day.
        """
        name = MONTH_NAMES[form.month]
        references = self._references()
        if references:
            day, anchor, label = references[0]
            year, why = _month_year(form, day, label, past)
            return year, anchor, why
        if self.text_year is None:
            return f"{name} without a year; nothing in the document fixes it"
        year = self.text_year
        return (year, "text-year",
                f"{name} without a year: {year}, the latest year of a date in the text")

    def _references(self) -> list[tuple[date, str, str]]:
        """Days whose year a date written without one takes, most trusted first.

        Without a publication date, a year-less date whose weekday fixed its year ("Thursday.
        November 10") comes before the full dates of the text: dates are written without a year
        when they lie in the writer's own year, so it shows that year, while a full date may be
        a page header printed years later ("Tuesday, July 23, 2024" over 2022 news).
        """
        found = []
        if self.published is not None:
            found.append((self.published, "published", f"the publication date {self.published}"))
        if self.weekday_date is not None:
            day, words = self.weekday_date
            found.append((day, "text-year", f"{words!r} ({day}, its weekday fixes the year)"))
        if self.text_date is not None:
            found.append((self.text_date, "text-year",
                          f"the latest full date in the text, {self.text_date}"))
        return found

    def _latest_weekday_date(self) -> tuple[date, str] | None:
        """The latest year-less date of the text whose weekday fixes its year."""
        if self.published is not None:
            return None  # the publication date is the better evidence; no need to look
        found = []
        for mention in self.mentions:
            form = mention.form.target if isinstance(mention.form, Relation) else mention.form
            if isinstance(form, DayRange):
                day = form.first
            elif isinstance(form, CalendarDate):
                day = form.day
            else:
                continue
            if day.year is None and day.weekday is not None:
                picked = self._year_by_weekday(day)
                if picked is not None:
                    found.append((date(picked[0], day.month, day.day),
                                  self.text[mention.start:mention.end]))
        return max(found) if found else None

    def _same_day_nearby(self, day: Day, mention: Mention) -> tuple[int, str, str, bool] | None:
        """A theatre anchor or a full date naming the same day beside a year-less date
        ("the invasion on Feb. 24", "February 27, three days after the invasion")."""
        lo, hi = max(0, mention.start - _NEIGHBOURHOOD), mention.end + _NEIGHBOURHOOD
        around = None
        for anchor in self.anchors.values():
            if (anchor.date.month, anchor.date.day) != (day.month, day.day):
                continue
            around = around or self.text[lo:hi].casefold()
            for word in anchor.words:
                if not word.isdigit() and word.casefold() in around:
                    return (anchor.date.year, anchor.id,
                            f"{spell(day)} without a year beside {word!r}: {anchor.id} "
                            f"({anchor.date}) from the theatre pack", True)
        for other in self.mentions[bisect_left(self.ends, lo):bisect_right(self.starts, hi)]:
            if other is mention:
                continue
            when, anchor = self._fixed_day(other.form)
            if when is not None and (when.month, when.day) == (day.month, day.day):
                words = self.text[other.start:other.end]
                return (when.year, anchor or "text-year",
                        f"{spell(day)} without a year; {words!r} beside it is {when}", True)
        return None

    def _fixed_day(self, form) -> tuple[date | None, str]:
        """The day a mention names with no reference at all, if it names one exactly."""
        if isinstance(form, CalendarDate) and form.day.year is not None:
            return date(form.day.year, form.day.month, form.day.day), ""
        if isinstance(form, Offset) and form.origin in self.anchors:
            first, _, exact = offset_window(self.anchors[form.origin].date, form)
            if exact:
                return first, form.origin
        return None, ""

    def _year_by_weekday(self, day: Day) -> tuple[int, str, str, bool] | None:
        if self.published is not None:
            years = range(self.published.year - 1, self.published.year + 2)
        else:
            years = range(self.earliest_year, LATEST_YEAR + 1)
        fits = [year for year in years if (when := safe_date(year, day.month, day.day))
                and when.weekday() == day.weekday]
        if not fits:
            return None
        spelled, weekday = spell(day), WEEKDAYS[day.weekday]
        if len(fits) == 1:
            return fits[0], "weekday", f"{spelled} falls on a {weekday} in {fits[0]}", True
        # Within a year of publication only one year fits: several fit only without it.
        hint = self.text_year
        if hint is not None:
            year = min(fits, key=lambda y: (abs(y - hint), -y))
            why = f"nearest the year {hint} written in the text"
        else:
            year, why = fits[-1], "the latest"
        listed = ", ".join(map(str, fits))
        return (year, "weekday",
                f"{spelled} falls on a {weekday} in {listed}; {year} is {why}", True)


def spell(day: Day) -> str:
    """"July 3": a day as a reason names it."""
    return f"{MONTH_NAMES[day.month]} {day.day}"


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _written_year(form) -> int | None:
    """The year a mention writes out ("February 20, 2014", "in 2014", "May 2014"), or None."""
    form = form.target if isinstance(form, Relation) else form
    if isinstance(form, CalendarDate):
        return form.day.year
    if isinstance(form, DayRange):
        return form.last.year
    if isinstance(form, Month):
        return form.year
    if isinstance(form, Year):
        return form.last
    return None


def _written_reference(mentions: list[Mention]) -> tuple[date | None, int | None]:
    """The latest full date and the latest year written in dates of the text."""
    days: list[date | None] = []
    years: list[int] = []
    for mention in mentions:
        form = mention.form.target if isinstance(mention.form, Relation) else mention.form
        if isinstance(form, CalendarDate) and form.day.year is not None:
            days.append(safe_date(form.day.year, form.day.month, form.day.day))
        elif isinstance(form, DayRange) and form.last.year is not None:
            days.append(safe_date(form.last.year, form.last.month, form.last.day))
        elif isinstance(form, Month) and form.year is not None:
            years.append(form.year)
    known = [day for day in days if day is not None]
    years += [day.year for day in known]
    return (max(known) if known else None), (max(years) if years else None)


def _month_year(form: Month, day: date, label: str, past: bool) -> tuple[int, str]:
    name = MONTH_NAMES[form.month]
    if form.which == "last":
        year = day.year if form.month < day.month else day.year - 1
        return year, f"last {name}: the latest {name} before {label}"
    if form.which == "next":
        year = day.year if form.month > day.month else day.year + 1
        return year, f"next {name}: the first {name} after {label}"
    if form.which == "this":
        return day.year, f"this {name}: the year of {label}"
    year = day.year
    if past and form.month > day.month:
        return year - 1, f"{name} without a year: the latest {name} up to {label}"
    if date(year, form.month, 1) > day + timedelta(days=FUTURE_DAYS):
        return year - 1, (f"{name} without a year: {year - 1}, as {year} would put it more "
                          f"than two months after {label}")
    return year, f"{name} without a year: the year of {label}"
