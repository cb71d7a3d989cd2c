"""Fusion invariants over generated mentions (hypothesis): it never raises, every mention
lands in exactly one event, and the result never depends on the order of the input.

The mentions are well typed but otherwise anything the store can hold: open ranges ("since
X" with no last day), a last day alone, no date, dates in any year, unknown controllers,
places known only by their spelling, denials and "cannot confirm", recalled events, documents
with and without a publication date, year-less and full date words. Derandomized, so CI sees
the same examples on every run.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from frontwatch.fuse import contradictions, resolve_events
from frontwatch.model import Mention

# 1,500 + 400 + 300 examples: over the 2,000 the invariants are checked on.
MAIN = settings(max_examples=1500, derandomize=True, deadline=None)
EXTREME = settings(max_examples=400, derandomize=True, deadline=None)
REAL_READER = settings(max_examples=300, derandomize=True, deadline=None)

DOCS = [f"d{i}" for i in range(6)]
PLACES = [("P1", "P1", "Lyman"), ("P2", "P2", "Izium"), ("text:layman", None, "Layman")]
SOURCES = [("outlet:Wire", "Wire", None), ("actor:ru-mod", "Russian Ministry of Defence", "RU"),
           ("actor:ua-gs", "General Staff", "UA"), ("claimant:local media", "local media", None)]
STANCES = ["asserts", "claims", "confirms", "acknowledges", "denies", "cannot_confirm"]
DATE_WORDS = [None, "July 3", "since July 3", "in July", "July 3, 2022", "Feb 29", "yesterday",
              "3 July"]
NEAR = date(2022, 7, 1)


def days(low: date, high: date) -> st.SearchStrategy[date]:
    return st.dates(min_value=low, max_value=high)


# Mostly days a few apart, so mentions cluster, repair and contradict; some anywhere in
# 1990-2030.
CLOSE = st.builds(lambda n: NEAR + timedelta(days=n), st.integers(-12, 12))
WIDE = days(date(1990, 1, 1), date(2030, 12, 31))
ANY_DAY = st.one_of(CLOSE, CLOSE, WIDE)
# The calendar's edges too: date.min and date.max must not overflow any window.
EDGE_DAY = st.one_of(CLOSE, WIDE, st.sampled_from([date.min, date.max]), st.dates())


def date_pairs(day: st.SearchStrategy[date]) -> st.SearchStrategy[tuple]:
    """(first, last): one day, a closed range (sometimes backwards), open either side, none."""
    return st.one_of(
        day.map(lambda d: (d, d)),
        st.tuples(day, day),
        st.tuples(day, st.none()),
        st.tuples(st.none(), day),
        st.just((None, None)),
    )


def fields(day: st.SearchStrategy[date]) -> st.SearchStrategy[tuple]:
    """Everything of one mention but its document's publication day and outlet."""
    return st.tuples(
        st.sampled_from(DOCS), st.sampled_from(PLACES), date_pairs(day),
        st.sampled_from(SOURCES), st.sampled_from(["control", "strike"]),
        st.sampled_from([None, "RU", "UA", "contested"]),
        st.sampled_from(["captured", "liberated", "withdrew", "holds"]),
        st.sampled_from(["day", "week", "month", "year"]),
        st.sampled_from(["exact", "approximate", "range", "unresolved"]),
        st.sampled_from(STANCES), st.sampled_from(DATE_WORDS),
        st.sampled_from([None, 0, 40]), st.booleans())


def mention_lists(day: st.SearchStrategy[date] = ANY_DAY) -> st.SearchStrategy[list[Mention]]:
    """Up to 24 mentions over six documents; a document's mentions share its publication
    day (or its lack of one) and its outlet."""
    documents = st.tuples(st.tuples(*[st.one_of(st.none(), day)] * len(DOCS)),
                          st.tuples(*[st.sampled_from(["Wire", "Daily", "Local"])] * len(DOCS)))
    return st.builds(_mentions, documents, st.lists(fields(day), max_size=24))


def _mentions(documents: tuple, drawn: list[tuple]) -> list[Mention]:
    published, outlet = (dict(zip(DOCS, values)) for values in documents)
    seqs = dict.fromkeys(DOCS, 0)
    mentions = []
    for (doc, (key, place_id, place_text), (first, last), (source, name, side), type_,
         controller, action, granularity, date_type, stance, words, sentence,
         background) in drawn:
        mentions.append(Mention(
            doc_id=doc, seq=seqs[doc], type=type_, place_key=key, place_id=place_id,
            place_text=place_text, controller=controller, action=action, first=first,
            last=last, granularity=granularity, date_type=date_type, source=source,
            source_name=name, claimant_side=side, stance=stance, outlet=outlet[doc],
            published=published[doc], date_text=words, sentence=sentence,
            date_provenance="yearless" if words and not re.search(r"\d{4}", words) else "",
            background=background))
        seqs[doc] += 1
    return mentions


MENTIONS = mention_lists()
EDGE_MENTIONS = mention_lists(EDGE_DAY)


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def reread(words: str, reference: date) -> tuple[date | None, date | None] | None:
    """A small stand-in for the time resolver: 'July 3' is that day in the reference's year,
    'since July 3' the open range from it, 'in July' the month; a day the year lacks is None."""
    found = re.search(r"(\d+)?\s*\b([A-Z][a-z]+)\b\s*(\d+)?", words)
    if found is None or found[2][:3].lower() not in _MONTHS:
        return None
    month = _MONTHS.index(found[2][:3].lower()) + 1
    day = found[1] or found[3]
    try:
        if day is None:
            first = date(reference.year, month, 1)
            following = date(reference.year + month // 12, month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        first = date(reference.year, month, int(day))
    except (ValueError, OverflowError):
        return None
    return (first, None) if words.startswith("since") else (first, first)


@lru_cache(maxsize=1)
def real_reader():
    from frontwatch.fuse.run import _reread_in
    from frontwatch.theatres import load_theatre
    return _reread_in(load_theatre())


def canonical(events) -> list[tuple]:
    """Each event with its members, independent of list order."""
    return sorted(
        (e.id, e.type, e.place_key, e.controller, e.first, e.last, e.granularity, e.date_type,
         e.date_reason, e.status, e.status_reason,
         tuple(sorted((m.mention.doc_id, m.mention.seq, m.role, m.first, m.last,
                       m.repair_reason or "") for m in e.members)))
        for e in events)


def check_invariants(mentions: list[Mention], shuffled: list[Mention], reader) -> None:
    events = resolve_events(mentions, reader)
    found = contradictions(events)
    members = sorted((m.mention.doc_id, m.mention.seq) for e in events for m in e.members)
    assert members == sorted((m.doc_id, m.seq) for m in mentions)  # each lands exactly once
    ids = [e.id for e in events]
    assert len(set(ids)) == len(ids)
    for e in events:
        assert (e.first is None) == (e.last is None) and (e.first is None or e.first <= e.last)
    assert all(set(others) <= set(ids) and e in ids for e, others in found.items())
    assert all(e in found[o] for e, others in found.items() for o in others)  # symmetric
    again = resolve_events(shuffled, reader)
    assert canonical(again) == canonical(events)
    assert contradictions(again) == found


@MAIN
@given(st.data())
def test_fuse_properties_never_raise_place_every_mention_once_ignore_order(data):
    mentions = data.draw(MENTIONS)
    check_invariants(mentions, data.draw(st.permutations(mentions)), reread)


@EXTREME
@given(st.data())
def test_fuse_properties_hold_at_the_calendar_edges(data):
    mentions = data.draw(EDGE_MENTIONS)
    check_invariants(mentions, data.draw(st.permutations(mentions)), reread)


@REAL_READER
@given(st.data())
def test_fuse_properties_hold_with_the_theatre_time_resolver(data):
    mentions = data.draw(MENTIONS)
    check_invariants(mentions, data.draw(st.permutations(mentions)), real_reader())
