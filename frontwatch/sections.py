"""Long documents in sections: the text stages run on one stretch of the clean text at a time.

A whole-text pass costs memory in proportion to the text (``str.lower`` of a non-ASCII text
briefly takes 12 bytes a character, a 50 MB dossier 600 MB); run section by section, what a
stage holds at once is bounded by the section, and the time stays linear. Sections end at a
paragraph break where there is one, else at a line break, else after a sentence, so a
sentence is never cut in two. Every mention a section yields is shifted by the section's
start: offsets are exact in the whole clean text.

A section is its own context for the rules that look around a mention (a namesake pinned by
an oblast named nearby, "the city" carried from the sentence before): in a text of a million
characters, what is a section away is not the context of a sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from frontwatch.model import (ActorMention, Claim, EventDate, EventMention, PlaceMention,
                              WeaponMention)

# Characters per section. Documents up to this size (all but long dossiers) run whole.
SECTION_CHARS = 500_000
# Where a section may end, best first: a paragraph, a line, a sentence.
_BREAKS = ("\n\n", "\n", ". ")


def sections(text: str, size: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans that cover ``text`` in order, each at most ``size`` (``SECTION_CHARS``)
    characters long; cut at ``size`` only when no break falls in a section's second half."""
    size = size or SECTION_CHARS
    start = 0
    while len(text) - start > size:
        limit = start + size
        end = limit
        for mark in _BREAKS:
            found = text.rfind(mark, start + size // 2, limit)
            if found >= 0:
                end = found + len(mark)
                break
        yield start, end
        start = end
    yield start, len(text)


def shift_place(m: PlaceMention, by: int) -> PlaceMention:
    return replace(m, start=m.start + by, end=m.end + by)


def shift_actor(m: ActorMention, by: int) -> ActorMention:
    return replace(m, start=m.start + by, end=m.end + by)


def shift_weapon(m: WeaponMention, by: int) -> WeaponMention:
    return replace(m, start=m.start + by, end=m.end + by)


def shift_event(e: EventMention, by: int) -> EventMention:
    """The event with every span it points at moved by ``by`` characters."""
    return replace(
        e, start=e.start + by, end=e.end + by,
        trigger_start=e.trigger_start + by, trigger_end=e.trigger_end + by,
        place=shift_place(e.place, by) if e.place else None,
        quantity=(e.quantity[0] + by, e.quantity[1] + by, *e.quantity[2:])
        if e.quantity else None,
        date=_shift_span(e.date, by), claim=_shift_span(e.claim, by),
        weapon=(e.weapon[0] + by, e.weapon[1] + by, e.weapon[2]) if e.weapon else None)


def _shift_span(value: EventDate | Claim, by: int):
    if value.start is None:
        return value
    return replace(value, start=value.start + by, end=value.end + by)


# How to move what each text-only stage writes (the ``Doc`` field) to whole-text offsets.
SHIFTS = {"places": shift_place, "actors": shift_actor, "weapons": shift_weapon,
          "events": shift_event}
