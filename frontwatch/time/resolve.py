"""Resolve found time expressions to intervals of days, in text order.

What a resolution may lean on, most trusted first: the words themselves ("July 3, 2022"), a
theatre anchor ("three days after the invasion"), the publication date and, only when the
document has none, the latest full date written in the text (usually a dateline). Never a
crawl date or today's date: an expression that nothing fixes is "unresolved" with a reason
saying why. The year of a date written without one is chosen in ``years``.

Choices the words leave open, made once here:

- a bare weekday ("on Thursday") is the latest such day on or before the publication date: the
  publication day itself when it is that weekday (news of the day), else the one before it;
  "last Thursday" is strictly before, "next Thursday" strictly after;
- a date or month without a year: see ``years`` ("December 28" in January is the December
  before); "since September" is never after publication;
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
  from ("just over") or towards ("nearly") the day counted from (see ``counting``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import assert_never

from frontwatch.theatres import Anchor
from frontwatch.time.counting import add_months, offset_window, shift
from frontwatch.time.forms import (AmbiguousDate, AnchorRef, CalendarDate, Context, Day,
                                   DayRange, DayWord, Mention, Month, Offset, Period, Relation,
                                   Season, Stretch, Weekday, Year)
from frontwatch.time.lexicon import MONTH_NAMES, WEEKDAYS
from frontwatch.time.years import Years, spell

# "soon after the invasion", "shortly before": within two weeks of the day.
_SOON_DAYS = 14
_PART_DAYS = {"early": (1, 10), "start": (1, 10), "mid": (11, 20), "late": (21, 31),
              "end": (21, 31)}
_PART_MONTHS = {"early": (1, 4), "start": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (9, 12)}


@dataclass(frozen=True, slots=True)
class _Reading:
    """What a mention resolves to; ``TimeExpr`` without the span."""

    first: date | None
    last: date | None
    granularity: str
    type: str
    reason: str
    anchor: str = ""


class Resolver:
    """Resolve one document's mentions in text order, remembering the day last mentioned."""

    def __init__(self, text: str, mentions: list[Mention], published: date | None,
                 anchors: tuple[Anchor, ...]) -> None:
        self.text = text
        self.published = published
        self.anchors = {anchor.id: anchor for anchor in anchors}
        self.years = Years(text, mentions, published, anchors)
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
            case Season():
                return _season(form)
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
        text_date = self.years.text_date
        if text_date is not None:
            return (text_date, "text-date",
                    f"the latest full date in the text, {text_date} (no publication date)")
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
        found = self.years.of_day(day, mention)
        if isinstance(found, str):
            return _unresolved("day", found)
        year, anchor, why, sure = found
        when = date(year, day.month, day.day)
        return _Reading(when, when, "day", kind if sure else "approximate", why + note, anchor)

    def _day_range(self, form: DayRange, mention: Mention) -> _Reading:
        first, last = form.first, form.last
        anchor, why = "", "range as written"
        if first.year is None:
            found = self.years.of_day(first, mention)
            if isinstance(found, str):
                return _unresolved("day", found)
            year, anchor, why, _ = found
            first = Day(first.month, first.day, year)
            rolls = (last.month, last.day) < (first.month, first.day)
            last = Day(last.month, last.day, year + 1 if rolls else year)
        try:
            start = date(first.year, first.month, first.day)
            end = date(last.year, last.month, last.day)
        except ValueError:
            return _unresolved("day", f"{spell(first)} to {spell(last)} is no range of days")
        return _Reading(min(start, end), max(start, end), "day", "range", why, anchor)

    def _month(self, form: Month, past: bool = False) -> _Reading:
        name = MONTH_NAMES[form.month]
        if form.year is not None:
            year, anchor, why = form.year, "", "month as written"
        else:
            found = self.years.of_month(form, past)
            if isinstance(found, str):
                return _unresolved("month", found)
            year, anchor, why = found
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
            first = add_months(day.replace(day=1), form.shift)
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
        other = shift(day, form.sign * form.high, form.unit, ceiling=True)
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
        first, last, exact = offset_window(origin, form)
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


def _names_a_day(form) -> bool:
    return isinstance(form, (CalendarDate, Weekday, DayWord, Context)) or (
        isinstance(form, Offset) and form.unit in ("day", "hour"))


# Meteorological seasons of the northern hemisphere: (first month, last month); winter
# begins in the December before its year ("winter 2023": December 2022 to February 2023).
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "winter": (12, 2)}


def _season(form: Season) -> _Reading:
    low, _ = _SEASON_MONTHS[form.first]
    _, high = _SEASON_MONTHS[form.last]
    first = date(form.year - 1 if form.first == "winter" else form.year, low, 1)
    last = date(form.year, high, calendar.monthrange(form.year, high)[1])
    words = form.first if form.first == form.last else f"{form.first} to {form.last}"
    return _Reading(first, last, "year", "approximate",
                    f"{words} {form.year}: {first:%B %Y} to {last:%B %Y}")


def _year(form: Year) -> _Reading:
    first, last = date(form.first, 1, 1), date(form.last, 12, 31)
    if form.first != form.last:
        return _Reading(first, last, "year", "range", "years as written")
    if form.part:
        low, high = _PART_MONTHS[form.part]
        first = date(form.first, low, 1)
        last = date(form.first, high, calendar.monthrange(form.first, high)[1])
        return _Reading(first, last, "year", "approximate",
                        f"{form.part} {form.first}: {MONTH_NAMES[low]} to {MONTH_NAMES[high]}")
    return _Reading(first, last, "year", "exact", "year as written")
