"""Find time expressions in English text: where they are and what they literally say.

Nothing here knows a reference date; ``resolve`` reads the mentions found here.

Speed: the patterns of a family run only in short windows around its trigger words (capitalised
month and weekday names, four-digit years, relative keywords such as "day" or "ago", the
theatre's anchor words), which one literal scan or ``str.find`` locates; a page of ordinary
prose costs a few fast scans (about 1M words/s on the dev corpus when written).
Words before a match that change its meaning ("since", "early", "last", "late on") and the
count before a unit word ("just over a" week) are read afterwards, only around matches, by the
builders in ``builders``.

Spans leave out plain prepositions ("on", "in", "over", "from") and keep words that change the
meaning, so "on July 3" is the span "July 3" and "since September" the span "since September".
Month and weekday names match only capitalised: "march on Kyiv" and "forces may attack" are
not dates, and "May" needs a day, a year or a preposition beside it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from frontwatch.theatres import Anchor
from frontwatch.time import builders
from frontwatch.time.forms import (AnchorRef, CalendarDate, DayRange, Mention, Month, Offset,
                                   Period, Relation, Season, Weekday, Year)
from frontwatch.time.lexicon import (ABBREVIATED, BEFORE_RELATION, CONTEXT, DAY_FIRST,
                                     DAY_WORD, MONTH_ALONE, MONTH_FIRST, MONTH_YEAR, MONTHS,
                                     NUMERIC, PERIOD, RELATION_KEYS, RELATIONS, SEASON_YEAR,
                                     STRETCH,
                                     UNIT_WORD, URL, WEEKDAY_ALONE, WEEKDAYS, YEAR_ALONE,
                                     normal)


def find_mentions(text: str, anchors: tuple[Anchor, ...]) -> list[Mention]:
    """Every time expression of ``text`` as a span and a form, longest first on overlaps."""
    found: list[Mention] = []
    lowered = text.lower()
    for family in _families(anchors):
        if family.words:
            hits = _find_words(text, lowered, family.words, family.trigger)
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
    found = _with_relations(text, _with_year_words(text, found))
    urls = [(m.start(), m.end()) for m in URL.finditer(text)] if "/" in text else []
    return _longest_first(found, urls)


def _find_words(text: str, lowered: str, words: tuple[str, ...],
                any_case: re.Pattern) -> list[tuple[int, int]]:
    """Where the lower-case ``words`` occur in ``text`` (``lowered`` is ``text.lower()``), in
    any case, sorted.

    ``str.find`` on the lower-cased text is several times faster than a regex alternation.
    """
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


_YEAR_WORD_GAP = re.compile(r",?\s+(?:of\s+)?")


def _with_year_words(text: str, found: list[Mention]) -> list[Mention]:
    """Fold "this year"/"last year" after a year-less date into it: "June 4 this year" is one
    day of the publication year, not a day and a year."""
    years = {m.start: m for m in found
             if isinstance(m.form, Period) and m.form.unit == "year" and not m.form.modifier}
    if not years:
        return found
    out, folded = [], set()
    for mention in found:
        form = mention.form
        if isinstance(form, CalendarDate) and form.day.year is None:
            gap = _YEAR_WORD_GAP.match(text, mention.end)
            year = years.get(gap.end()) if gap else None
            if year is not None:
                day = replace(form.day, year_shift=year.form.shift)
                mention = Mention(mention.start, year.end, replace(form, day=day))
                folded.add(year.start)
        out.append(mention)
    return [m for m in out if not (m.start in folded and isinstance(m.form, Period))]


def _with_relations(text: str, found: list[Mention]) -> list[Mention]:
    """Fold "since"/"before"/"after"/"until" in front of a calendar expression into it."""
    out = []
    for mention in found:
        if isinstance(mention.form, (CalendarDate, DayRange, Month, Year, Season, Weekday)):
            before = BEFORE_RELATION.search(text, max(0, mention.start - 15), mention.start)
            if before:
                relation = RELATION_KEYS[normal(before["rel"])]
                mention = Mention(before.start(), mention.end, Relation(relation, mention.form))
        out.append(mention)
    return out


@dataclass(frozen=True, slots=True)
class _Family:
    """Patterns that only run in windows around a trigger word: scanning a whole page for a
    few literal words is many times faster than trying every pattern at every position."""

    trigger: re.Pattern
    before: int  # how far before its trigger word an expression of the family may start
    after: int  # how far after it it may end
    patterns: tuple
    words: tuple[str, ...] = ()  # lower-case trigger words, found with str.find instead


_CALENDAR = _Family(re.compile("(?:" + "|".join((*MONTHS, *ABBREVIATED)) + r")\b"), 40, 45,
                    ((MONTH_FIRST, builders.month_first), (DAY_FIRST, builders.day_first),
                     (MONTH_YEAR, builders.month_year), (MONTH_ALONE, builders.month_alone)))
_YEARS = _Family(re.compile(r"(?:19|20)\d\d"), 12, 18,
                 ((NUMERIC, builders.numeric), (YEAR_ALONE, builders.year_alone)))
_SEASONS = _Family(re.compile(r"(?i:spring|summer|fall|autumn|winter)"), 0, 40,
                   ((SEASON_YEAR, builders.season_year),),
                   words=("spring", "summer", "fall", "autumn", "winter"))
_WEEKDAYS = _Family(re.compile("|".join(WEEKDAYS)), 0, 20,
                    ((WEEKDAY_ALONE, builders.weekday),))
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
                       (*anchored, (STRETCH, builders.stretch), (PERIOD, builders.period),
                        (DAY_WORD, builders.day_word), (CONTEXT, builders.context)),
                       words=triggers)
    # Listed from most to least specific: on equal spans the earlier family wins.
    return (_YEARS, _CALENDAR, _SEASONS, relative, _WEEKDAYS)


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
            words.setdefault(normal(word), anchor.id)
            # "the start of the war" lets "after seven months of the war" count from it.
            lead = re.match(r"(?:the\s+)?(?:start|beginning|outbreak|onset)\s+of\s+(.+)$",
                            word.strip(), re.IGNORECASE)
            if lead:
                events.setdefault(normal(lead[1]), anchor.id)
    if not words:
        def counted_offset_only(text: str, match: re.Match) -> Mention | None:
            return builders.counted(text, match, None, None, {})

        return ((UNIT_WORD, counted_offset_only),), []
    names = _alternation(words)
    counted = _alternation({**words, **events})
    lookup = {**events, **words}
    relations = _alternation(RELATIONS)

    # "the" may stand before anchor words written without it ("the full-scale invasion");
    # anchor words that are a verb phrase may have their subject between ("24 hours after
    # Vladimir Putin tried to claim Donetsk"): a name of up to three capitalised words and
    # an auxiliary.
    after = re.compile(r"\s+(?P<rel>after|before|since|into|following|prior\s+to)\s+(?:the\s+)?"
                       r"(?:(?-i:[A-Z][\w'-]+\s+){1,3}(?:(?:tried|moved|sought|went|began|"
                       r"started)\s+to\s+|had\s+|has\s+|did\s+)?)?"
                       r"(?P<anchor>" + counted + r")(?!\w)", re.IGNORECASE)
    # "after seven months of the war": "after" comes before the count.
    of = re.compile(r"\s+of\s+(?:the\s+)?(?P<anchor>" + counted + r")(?!\w)", re.IGNORECASE)
    named = re.compile(r"(?P<anchor>" + names + r")(?!\w)", re.IGNORECASE)
    relation_before = re.compile(r"\b(?P<rel>" + relations + r"|the\s+eve\s+of|the\s+day\s+"
                                 r"(?:before|after|of))\s+(?:the\s+)?$", re.IGNORECASE)

    def counted_offset(text: str, match: re.Match) -> Mention | None:
        return builders.counted(text, match, after, of, lookup)

    def relation(text: str, match: re.Match) -> Mention | None:
        before = relation_before.search(text, max(0, match.start() - 34), match.start())
        if before is None:
            return None
        rel = normal(before["rel"])
        anchor = words[normal(match["anchor"])]
        if rel in ("the eve of", "the day before", "the day after", "the day of"):
            shift = {"the eve of": -1, "the day before": -1, "the day after": 1}.get(rel, 0)
            return Mention(before.start(), match.end(),
                           Offset(abs(shift), abs(shift), "day", shift or 1, "", anchor))
        return Mention(before.start(), match.end(),
                       Relation(RELATION_KEYS[rel], AnchorRef(anchor)))

    return ((UNIT_WORD, counted_offset), (named, relation)), list(words)


def _alternation(words) -> str:
    return "|".join(r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", word))
                    for word in sorted(words, key=len, reverse=True))
