"""Time stage: temporal expressions in English text, resolved to intervals of days.

Finding spans and resolving them are separate steps, one module each:

- ``lexicon``: month and weekday names, number words, hedges and the compiled patterns;
- ``forms``: what an expression literally says ("July 3" without a year), as dataclasses;
- ``find``: where the expressions are (``find_mentions``), with ``builders`` turning each
  pattern match into a form;
- ``resolve``: each form read against the words, a theatre anchor or a reference day;
- ``years``: the year of a date or month written without one;
- ``counting``: month arithmetic and the days "N units from X" may mean.

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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from frontwatch.theatres import Theatre
from frontwatch.time.find import find_mentions
from frontwatch.time.forms import provenance
from frontwatch.time.resolve import Resolver

__all__ = ["TimeExpr", "find_time_expressions", "VERSION"]

VERSION = "time.v2"


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
    provenance: str = ""  # ``forms.YEARLESS``: read against a reference day, year not written


def find_time_expressions(text: str, published: date | None, theatre: Theatre) -> list[TimeExpr]:
    """All time expressions in text, resolved, sorted by start."""
    if isinstance(published, datetime):
        published = published.date()  # a datetime does not compare with the dates made here
    mentions = find_mentions(text, theatre.anchors)
    if not mentions:
        return []
    resolver = Resolver(text, mentions, published, theatre.anchors)
    out = []
    for mention in mentions:
        reading = resolver.read(mention)
        out.append(TimeExpr(mention.start, mention.end, text[mention.start:mention.end],
                            reading.first, reading.last, reading.granularity, reading.type,
                            reading.reason, reading.anchor, provenance(mention.form)))
    return out
