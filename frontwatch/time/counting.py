"""Count units from a day: month arithmetic and the days "N units from X" may mean.

Pure date arithmetic for ``resolve`` and ``years``: no text, no reference choice.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from frontwatch.time.forms import Offset

# Spread of an unhedged count ("a week ago") and of "about"/"over"/"under" counts, in days.
_NEAR = {"day": 0, "week": 1, "month": 7, "year": 30}
_WIDE = {"day": 1, "week": 3, "month": 15, "year": 60}


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return day.replace(year=year, month=month + 1,
                       day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: date, count: int, unit: str, ceiling: bool = False) -> date:
    if unit == "hour":
        days = -(-abs(count) // 24) if ceiling else abs(count) // 24
        return day + timedelta(days=days if count >= 0 else -days)
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    if unit == "month":
        return add_months(day, count)
    return add_months(day, 12 * count)


def offset_window(origin: date, form: Offset) -> tuple[date, date, bool]:
    """The days N units from origin may mean, and whether that is one exact day."""
    unit = "day" if form.unit == "hour" else form.unit
    points = []
    whole = True
    for count in {form.low, form.high}:
        if form.unit == "hour":
            whole = whole and count % 24 == 0
            points += [shift(origin, form.sign * count, "hour"),
                       shift(origin, form.sign * count, "hour", ceiling=True)]
        else:
            points.append(shift(origin, form.sign * count, form.unit))
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
