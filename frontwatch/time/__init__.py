"""Time stage: temporal expressions in English text, resolved to intervals of days.

``expressions`` finds the spans and what they literally say; this module resolves them. What a
resolution may lean on, most trusted first: the words themselves ("July 3, 2022"), a theatre
anchor ("three days after the invasion"), the publication date and, only when the document has
none, the latest full date written in the text (usually a dateline). Never a crawl date or
today's date: an expression that nothing fixes is "unresolved" with a reason saying why.

``TimeExpr.anchor`` says what an interval was resolved against:

- ``""``: the words alone (a full date, a year);
- ``"published"``: the publication date;
- ``"text-date"``: the latest full date written in the text (no publication date);
- ``"text-year"``: for a date without a year and no publication date, the year of a year-less
  date the text fixes by its weekday, else of the latest full date written in the text;
- ``"weekday"``: the weekday written beside a year-less date picked its year;
- ``"context"``: the day mentioned just before ("that night", "two days later");
- an anchor id of the theatre pack ("full_scale_invasion").

``type`` is "exact" (the day, week, month or year the words name), "approximate" (about that
interval: first..last is the likely span), "range" (first to last; either end is None when the
range is open: "before the invasion", "since the invasion" without a publication date) or
"unresolved" (first and last None).

Choices the words leave open, made once here:

- a bare weekday ("on Thursday") is the latest such day on or before the publication date: the
  publication day itself when it is that weekday (news of the day), else the one before it;
  "last Thursday" is strictly before, "next Thursday" strictly after;
- a date or month without a year takes the publication year, or the year before when that
  would put it more than ``FUTURE_DAYS`` after publication ("December 28" in January);
  "since September" is never after publication. Before any of that, a theatre anchor or a full
  date naming the same day beside it gives its year ("the invasion on Feb. 24");
- a weekday beside a year-less date ("Thursday, November 10") picks the year where it fits,
  within a year of publication, or from the theatre's earliest anchor year to ``LATEST_YEAR``
  (the year nearest a year written in the text, else the latest) when there is no publication
  date;
- "since X" and "after X" run to the publication date (open without one); "before X" and
  "until X" are open at the start; "soon after X" is the two weeks after it, approximate;
- "last week", "this week" are Monday to Sunday (range); "last month", "this year" are the
  calendar month or year (exact); "the past 24 hours" runs up to the publication day;
- "that night", "the next day", "two days later" count from the day mentioned last before
  them; when that day is unresolved so are they; "that night"/"overnight" with no day before
  them is the publication day, approximate;
- "early/mid/late September" is the first, middle or last ten days, approximate; "early
  2022" the first, middle or last four months;
- "a week ago", "a month after the invasion" are approximate: about a day either side for
  weeks, a week for months, a month for years; hedges widen that ("about") or push it away
  from ("just over") or towards ("nearly") the day counted from.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import assert_never

from frontwatch.theatres import Anchor, Theatre
from frontwatch.time.expressions import (AmbiguousDate, AnchorRef, CalendarDate, Context, Day,
                                         DayRange, DayWord, Mention, Month, Offset, Period,
                                         Relation, Stretch, Weekday, Year, find_mentions,
                                         WEEKDAYS)

__all__ = ["TimeExpr", "find_time_expressions", "VERSION"]

VERSION = "time.v1"

# A year-less day or month more than this far after the reference day is read in the year
# before ("December 28" in a January report). Two months, from the issue; re-run
# `frontwatch eval` (dates) after changing it.
FUTURE_DAYS = 62
# Without any reference date, a weekday beside a year-less date ("Thursday, November 10") is
# matched in the years from the theatre's earliest anchor up to this one; a fixed bound keeps
# results reproducible, which "this year" would not.
LATEST_YEAR = 2030
# Spread of an unhedged count ("a week ago") and of "about"/"over"/"under" counts, in days.
_NEAR = {"day": 0, "week": 1, "month": 7, "year": 30}
_WIDE = {"day": 1, "week": 3, "month": 15, "year": 60}
# "soon after the invasion", "shortly before": within two weeks of the day.
_SOON_DAYS = 14
# How far around a year-less date a same-day anchor word or full date may stand.
_NEIGHBOURHOOD = 100
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_PART_DAYS = {"early": (1, 10), "start": (1, 10), "mid": (11, 20), "late": (21, 31),
              "end": (21, 31)}
_PART_MONTHS = {"early": (1, 4), "start": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (9, 12)}


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression: its span in the text and the interval of days it names."""

    start: int  # char offsets into the text, end exclusive; text[start:end] == text
    end: int
    text: str
    first: date | None  # first day of the interval (None when unresolved or open)
    last: date | None  # last day (== first for one day)
    granularity: str  # "day" | "week" | "month" | "year"
    type: str  # "exact" | "approximate" | "range" | "unresolved"
    reason: str
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class _Reading:
    first: date | None
    last: date | None
    granularity: str
    type: str
    reason: str
    anchor: str = ""


def find_time_expressions(text: str, published: date | None, theatre: Theatre) -> list[TimeExpr]:
    """All time expressions in text, resolved, sorted by start."""
    if isinstance(published, datetime):
        published = published.date()  # a datetime does not compare with the dates made here
    mentions = find_mentions(text, theatre.anchors)
    if not mentions:
        return []
    resolver = _Resolver(text, mentions, published, theatre.anchors)
    out = []
    for mention in mentions:
        reading = resolver.read(mention)
        out.append(TimeExpr(mention.start, mention.end, text[mention.start:mention.end],
                            reading.first, reading.last, reading.granularity, reading.type,
                            reading.reason, reading.anchor))
    return out


class _Resolver:
    """Resolve one document's mentions in text order, remembering the day last mentioned."""

    def __init__(self, text: str, mentions: list[Mention], published: date | None,
                 anchors: tuple[Anchor, ...]) -> None:
        self.text = text
        self.mentions = mentions
        self.published = published
        self.anchors = {anchor.id: anchor for anchor in anchors}
        self.earliest_year = min((a.date.year for a in anchors), default=LATEST_YEAR - 30)
        self.text_date, self.text_year = _written_reference(mentions)
        self.weekday_date = self._latest_weekday_date()
        # Days mentioned so far, for "that night": (day or None when unresolved, type, words).
        self.days: list[tuple[date | None, str, str]] = []

    def read(self, mention: Mention) -> _Reading:
        try:
            reading = self._read(mention.form, mention)
        except (OverflowError, ValueError):  # counted past year 1 or 9999
            reading = _unresolved("day", "falls outside the calendar")
        words = self.text[mention.start:mention.end]
        if reading.first is not None and reading.first == reading.last \
                and reading.granularity == "day":
            self.days.append((reading.first, reading.type, words))
        elif reading.type == "unresolved" and _names_a_day(mention.form):
            self.days.append((None, "unresolved", words))
        return reading

    def _read(self, form, mention: Mention, past: bool = False) -> _Reading:
        match form:
            case CalendarDate():
                return self._calendar_date(form, mention)
            case DayRange():
                return self._day_range(form, mention)
            case AmbiguousDate():
                return _unresolved("day", f"day and month order unclear in "
                                          f"{self.text[mention.start:mention.end]!r}")
            case Month():
                return self._month(form, past)
            case Year():
                return _year(form)
            case Weekday():
                return self._weekday(form)
            case DayWord():
                return self._day_word(form, mention)
            case Period():
                return self._period(form, mention)
            case Stretch():
                return self._stretch(form, mention)
            case Offset():
                return self._offset(form, mention)
            case Context():
                return self._context(form, mention)
            case Relation():
                return self._relation(form, mention)
            case AnchorRef():
                anchor = self.anchors[form.anchor]
                return _Reading(anchor.date, anchor.date, "day", "exact",
                                f"{anchor.id} ({anchor.date}) from the theatre pack", anchor.id)
        assert_never(form)

    # --- reference days --------------------------------------------------------------------

    def _reference(self) -> tuple[date, str, str] | None:
        if self.published is not None:
            return self.published, "published", f"the publication date {self.published}"
        if self.text_date is not None:
            return (self.text_date, "text-date",
                    f"the latest full date in the text, {self.text_date} (no publication date)")
        return None

    def _no_reference(self, mention: Mention, granularity: str) -> _Reading:
        words = self.text[mention.start:mention.end]
        return _unresolved(granularity, f"{words!r} needs a reference day; the document has no "
                                        "publication date and no full date")

    def _antecedent(self, words: str) -> tuple[date, str] | _Reading:
        """The day mentioned last before ``words``, or why there is none."""
        if not self.days:
            return _unresolved("day", f"{words!r} refers to a day mentioned before it, and none "
                                      "is")
        when, kind, said = self.days[-1]
        if when is None:
            return _unresolved("day", f"{words!r} refers to the day mentioned before it, "
                                      f"{said!r}, which is unresolved")
        return when, kind

    # --- calendar dates ----------------------------------------------------------------------

    def _calendar_date(self, form: CalendarDate, mention: Mention) -> _Reading:
        day = form.day
        kind = "approximate" if form.part else "exact"
        note = {"late": "; late in the day, the night may run past midnight",
                "night": "; a night runs past midnight"}.get(form.part, "")
        if day.year is not None:
            when = date(day.year, day.month, day.day)
            check = ""
            if day.weekday is not None and when.weekday() != day.weekday:
                check = f"; the text calls it a {WEEKDAYS[day.weekday]}, it was a " \
                        f"{WEEKDAYS[when.weekday()]}"
            return _Reading(when, when, "day", kind, f"date as written{check}{note}")
        found = self._year_of(day, mention)
        if isinstance(found, _Reading):
            return found
        year, anchor, why, sure = found
        when = date(year, day.month, day.day)
        return _Reading(when, when, "day", kind if sure else "approximate", why + note, anchor)

    def _day_range(self, form: DayRange, mention: Mention) -> _Reading:
        first, last = form.first, form.last
        anchor, why = "", "range as written"
        if first.year is None:
            found = self._year_of(first, mention)
            if isinstance(found, _Reading):
                return _unresolved("day", found.reason)
            year, anchor, why, _ = found
            first = Day(first.month, first.day, year)
            rolls = (last.month, last.day) < (first.month, first.day)
            last = Day(last.month, last.day, year + 1 if rolls else year)
        try:
            start = date(first.year, first.month, first.day)
            end = date(last.year, last.month, last.day)
        except ValueError:
            return _unresolved("day", f"{_spell(first)} to {_spell(last)} is no range of days")
        return _Reading(min(start, end), max(start, end), "day", "range", why, anchor)

    def _year_of(self, day: Day, mention: Mention) -> tuple[int, str, str, bool] | _Reading:
        """Pick the year of a date written without one: (year, anchor, reason, sure)."""
        spelled = _spell(day)
        near = self._same_day_nearby(day, mention)
        if near is not None:
            return near
        note, sure = "", True
        if day.weekday is not None:
            picked = self._year_by_weekday(day)
            if picked is not None:
                return picked
            note, sure = f"; no nearby year has {spelled} on a {WEEKDAYS[day.weekday]}", False
        for reference, anchor, label in self._year_references():
            year = reference.year
            if _safe_date(year, day.month, day.day) is None:
                return _unresolved("day", f"{spelled} is not a day of {year}")
            if date(year, day.month, day.day) > reference + timedelta(days=FUTURE_DAYS):
                year -= 1
                why = (f"{spelled} without a year: {year}, as {year + 1} would put it more than "
                       f"two months after {label}")
            else:
                why = f"{spelled} without a year: the year of {label}"
            if _safe_date(year, day.month, day.day) is None:
                return _unresolved("day", f"{spelled} is not a day of {year}")
            return year, anchor, why + note, sure
        if self.text_year is not None and _safe_date(self.text_year, day.month, day.day):
            return (self.text_year, "text-year",
                    f"{spelled} without a year: {self.text_year}, the latest year of a date "
                    f"written in the text{note}", sure)
        return _unresolved("day", f"{spelled} without a year; nothing in the document fixes it")

    def _year_references(self) -> list[tuple[date, str, str]]:
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
                            f"{_spell(day)} without a year beside {word!r}: {anchor.id} "
                            f"({anchor.date}) from the theatre pack", True)
        for other in self.mentions:
            if other is mention or other.end < lo or other.start > hi:
                continue
            when, anchor = self._fixed_day(other.form)
            if when is not None and (when.month, when.day) == (day.month, day.day):
                words = self.text[other.start:other.end]
                return (when.year, anchor or "text-year",
                        f"{_spell(day)} without a year; {words!r} beside it is {when}", True)
        return None

    def _fixed_day(self, form) -> tuple[date | None, str]:
        """The day a mention names with no reference at all, if it names one exactly."""
        if isinstance(form, CalendarDate) and form.day.year is not None:
            return date(form.day.year, form.day.month, form.day.day), ""
        if isinstance(form, Offset) and form.origin in self.anchors:
            reading = self._offset(form, None)
            if reading.type == "exact":
                return reading.first, form.origin
        return None, ""

    def _year_by_weekday(self, day: Day) -> tuple[int, str, str, bool] | None:
        if self.published is not None:
            years = range(self.published.year - 1, self.published.year + 2)
        else:
            years = range(self.earliest_year, LATEST_YEAR + 1)
        fits = [year for year in years if (when := _safe_date(year, day.month, day.day))
                and when.weekday() == day.weekday]
        if not fits:
            return None
        spelled, weekday = _spell(day), WEEKDAYS[day.weekday]
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

    def _month(self, form: Month, past: bool = False) -> _Reading:
        name = _MONTH_NAMES[form.month]
        if form.year is not None:
            year, anchor, why = form.year, "", "month as written"
        else:
            references = self._year_references()
            reference = references[0] if references else None
            if reference is None:
                if self.text_year is None:
                    return _unresolved("month", f"{name} without a year; nothing in the "
                                                "document fixes it")
                year, anchor = self.text_year, "text-year"
                why = f"{name} without a year: {year}, the latest year of a date in the text"
            else:
                day, anchor, label = reference
                year, why = _year_of_month(form, day, label, past)
        first = date(year, form.month, 1)
        last = date(year, form.month, calendar.monthrange(year, form.month)[1])
        if form.part:
            low, high = _PART_DAYS[form.part]
            first, last = first.replace(day=low), last.replace(day=min(high, last.day))
            return _Reading(first, last, "month", "approximate",
                            f"{why}; {form.part} {name}: days {low} to {last.day}", anchor)
        return _Reading(first, last, "month", "exact", why, anchor)

    # --- days relative to a reference ------------------------------------------------------

    def _weekday(self, form: Weekday) -> _Reading:
        name = WEEKDAYS[form.weekday]
        kind = "approximate" if form.part in ("late", "night") else "exact"
        reference = self._reference() if self.published is not None else None
        if reference is None and not form.which:
            for when, _, _ in reversed(self.days):
                if when is not None and when.weekday() == form.weekday:
                    return _Reading(when, when, "day", kind,
                                    f"{name}: the {name} {when} mentioned before it", "context")
        reference = reference or self._reference()
        if reference is None:
            return _unresolved("day", f"{name} with no publication date and no full date "
                                      "in the text")
        day, anchor, label = reference
        back = (day.weekday() - form.weekday) % 7
        if form.which == "last":
            when, how = day - timedelta(days=back or 7), f"the {name} before {label}"
        elif form.which == "next":
            when = day + timedelta(days=(form.weekday - day.weekday()) % 7 or 7)
            how = f"the {name} after {label}"
        elif back == 0:
            when, how = day, f"{label}, itself a {name}"
        else:
            when, how = day - timedelta(days=back), f"the latest {name} before {label}"
        return _Reading(when, when, "day", kind, f"weekday {name}: {how}", anchor)

    def _day_word(self, form: DayWord, mention: Mention) -> _Reading:
        reference = self._reference()
        if reference is None:
            return self._no_reference(mention, "day")
        day, anchor, label = reference
        when = day + timedelta(days=form.shift)
        word = self.text[mention.start:mention.end].lower()
        kind = "approximate" if form.part == "night" and form.shift else "exact"
        return _Reading(when, when, "day", kind, f"{word!r} against {label}", anchor)

    def _period(self, form: Period, mention: Mention) -> _Reading:
        reference = self._reference()
        if reference is None:
            return self._no_reference(mention, "week" if form.unit == "weekend" else form.unit)
        day, anchor, label = reference
        words = self.text[mention.start:mention.end].lower()
        if form.unit == "weekend":
            saturday = day - timedelta(days=(day.weekday() - 5) % 7)
            if form.shift > 0:
                saturday += timedelta(days=7)
            return _Reading(saturday, saturday + timedelta(days=1), "day", "range",
                            f"{words!r}: the weekend of {label}", anchor)
        if form.unit == "week":
            first = day - timedelta(days=day.weekday()) + timedelta(weeks=form.shift)
            last, kind = first + timedelta(days=6), "range"
        elif form.unit == "month":
            first = _add_months(day.replace(day=1), form.shift)
            last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
            kind = "exact"
        else:
            first = date(day.year + form.shift, 1, 1)
            last, kind = date(first.year, 12, 31), "exact"
        if form.modifier == "earlier" and first <= day <= last:
            last, kind = day, "range"
        elif form.modifier == "later" and first <= day <= last:
            first, kind = day, "range"
        return _Reading(first, last, form.unit, kind, f"{words!r} against {label}", anchor)

    def _stretch(self, form: Stretch, mention: Mention) -> _Reading:
        reference = self._reference()
        granularity = "day" if form.unit == "hour" else form.unit
        if reference is None:
            return self._no_reference(mention, granularity)
        day, anchor, label = reference
        other = _shift(day, form.sign * form.high, form.unit, ceiling=True)
        words = self.text[mention.start:mention.end].lower()
        why = f"{words!r}: up to {label}" if form.sign < 0 else f"{words!r}: from {label}"
        if form.vague:
            why += f", counted as {form.high} {form.unit}s"
        return _Reading(min(day, other), max(day, other), granularity,
                        "approximate" if form.vague else "range", why, anchor)

    def _offset(self, form: Offset, mention: Mention | None) -> _Reading:
        granularity = "day" if form.unit == "hour" else form.unit
        sure = True
        if form.origin == "reference":
            reference = self._reference()
            if reference is None:
                return self._no_reference(mention, granularity)
            origin, anchor, label = reference
        elif form.origin == "context":
            before = self._antecedent(self.text[mention.start:mention.end])
            if isinstance(before, _Reading):
                return before
            origin, anchor, label = before[0], "context", f"the day mentioned before, {before[0]}"
            sure = before[1] == "exact"
        else:
            found = self.anchors[form.origin]
            origin, anchor = found.date, found.id
            label = f"{found.id} ({found.date}) from the theatre pack"
        first, last, exact = _offset_window(origin, form)
        kind = "exact" if exact and sure else "approximate"
        words = self.text[mention.start:mention.end] if mention else ""
        return _Reading(first, last, granularity, kind, f"{words!r} counted from {label}",
                        anchor)

    def _context(self, form: Context, mention: Mention) -> _Reading:
        words = self.text[mention.start:mention.end]
        before = self._antecedent(words)
        loose = form.part == "night" or form.late
        if not isinstance(before, _Reading):
            when = before[0] + timedelta(days=form.shift)
            kind = "approximate" if loose or before[1] != "exact" else "exact"
            return _Reading(when, when, "day", kind,
                            f"{words!r}: the day mentioned before it, {before[0]}", "context")
        reference = self._reference()
        if self.days or form.shift or reference is None:
            return before
        day, anchor, label = reference
        return _Reading(day, day, "day", "approximate",
                        f"{words!r}: no day mentioned before it; {label}", anchor)

    def _relation(self, form: Relation, mention: Mention) -> _Reading:
        past = form.relation in ("since", "after")
        target = self._read(form.target, mention, past=past)
        if target.type == "unresolved":
            return target
        words = self.text[mention.start:mention.end]
        reference = self._reference()
        now = reference[0] if reference else None
        first = last = None
        kind, granularity = "range", target.granularity
        match form.relation:
            case "since":
                first = target.first
            case "after":
                first = target.last + timedelta(days=1)
            case "before":
                last = target.first - timedelta(days=1)
            case "until":
                last = target.last
            case "soon-after":
                first, last = target.last, target.last + timedelta(days=_SOON_DAYS)
                kind, granularity = "approximate", "week"
            case "soon-before":
                first, last = target.first - timedelta(days=_SOON_DAYS), target.first
                kind, granularity = "approximate", "week"
        if form.relation in ("since", "after") and now is not None and now >= first:
            last = now
        ends = f"from {first or 'open'} to {last or 'open'}"
        return _Reading(first, last, granularity, kind, f"{words!r}: {ends}; {target.reason}",
                        target.anchor)


# --- pure helpers -----------------------------------------------------------------------------

def _unresolved(granularity: str, reason: str) -> _Reading:
    return _Reading(None, None, granularity, "unresolved", reason)


def _spell(day: Day) -> str:
    return f"{_MONTH_NAMES[day.month]} {day.day}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _names_a_day(form) -> bool:
    return isinstance(form, (CalendarDate, Weekday, DayWord, Context)) or (
        isinstance(form, Offset) and form.unit in ("day", "hour"))


def _written_reference(mentions: list[Mention]) -> tuple[date | None, int | None]:
    """The latest full date and the latest year written in dates of the text."""
    days: list[date | None] = []
    years: list[int] = []
    for mention in mentions:
        form = mention.form.target if isinstance(mention.form, Relation) else mention.form
        if isinstance(form, CalendarDate) and form.day.year is not None:
            days.append(_safe_date(form.day.year, form.day.month, form.day.day))
        elif isinstance(form, DayRange) and form.last.year is not None:
            days.append(_safe_date(form.last.year, form.last.month, form.last.day))
        elif isinstance(form, Month) and form.year is not None:
            years.append(form.year)
    known = [day for day in days if day is not None]
    years += [day.year for day in known]
    return (max(known) if known else None), (max(years) if years else None)


def _year_of_month(form: Month, day: date, label: str, past: bool) -> tuple[int, str]:
    name = _MONTH_NAMES[form.month]
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


def _year(form: Year) -> _Reading:
    first, last = date(form.first, 1, 1), date(form.last, 12, 31)
    if form.first != form.last:
        return _Reading(first, last, "year", "range", "years as written")
    if form.part:
        low, high = _PART_MONTHS[form.part]
        first = date(form.first, low, 1)
        last = date(form.first, high, calendar.monthrange(form.first, high)[1])
        return _Reading(first, last, "year", "approximate",
                        f"{form.part} {form.first}: {_MONTH_NAMES[low]} to {_MONTH_NAMES[high]}")
    return _Reading(first, last, "year", "exact", "year as written")


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return day.replace(year=year, month=month + 1,
                       day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: date, count: int, unit: str, ceiling: bool = False) -> date:
    if unit == "hour":
        days = -(-abs(count) // 24) if ceiling else abs(count) // 24
        return day + timedelta(days=days if count >= 0 else -days)
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    if unit == "month":
        return _add_months(day, count)
    return _add_months(day, 12 * count)


def _offset_window(origin: date, form: Offset) -> tuple[date, date, bool]:
    """The days N units from origin may mean, and whether that is one exact day."""
    unit = "day" if form.unit == "hour" else form.unit
    points = []
    whole = True
    for count in {form.low, form.high}:
        if form.unit == "hour":
            whole = whole and count % 24 == 0
            points += [_shift(origin, form.sign * count, "hour"),
                       _shift(origin, form.sign * count, "hour", ceiling=True)]
        else:
            points.append(_shift(origin, form.sign * count, form.unit))
    near, wide = timedelta(days=_NEAR[unit]), timedelta(days=_WIDE[unit])
    away = timedelta(days=form.sign * _WIDE[unit])  # further from the origin
    if form.hedge == "about":
        spans = [(p - wide, p + wide) for p in points]
    elif form.hedge == "over":
        spans = [(p, p + away) for p in points]
    elif form.hedge == "under":
        spans = [(p - away, p) for p in points]
    else:
        spans = [(p - near, p + near) for p in points]
    first = min(min(pair) for pair in spans)
    last = max(max(pair) for pair in spans)
    exact = not form.hedge and whole and form.low == form.high and first == last
    return first, last, exact
