"""Fuzzy recovery of misspelt place names ("Lischichansk", "Layman").

Only a capitalised word the automaton did not match is tried, only when the words before it
say a place follows ("in", "near", "the city of"), and only when it is not a common English
word (wordfreq). It is compared (rapidfuzz ratio) with the spellings of places large or curated
enough to be worth naming in war news, starting with the same letter: typos keep the first
letter, and the restriction keeps a village's odd spelling from swallowing an English word.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from rapidfuzz import fuzz, process

from frontwatch.places.gazetteer import Gazetteer
from frontwatch.places.names import fold_key, is_common_english

# Tuned on the seeds and the dev gold (frontwatch eval places gold/places): 85 accepts one
# dropped or swapped letter in a 6+ letter name and rejects most different words.
MIN_SCORE = 85.0
MIN_LENGTH = 5
ENGLISH_ZIPF = 3.0  # same guard as the gazetteer's generated spellings
TARGET_POPULATION = 5_000  # places smaller than this are only targets when curated

_WORD = re.compile(r"[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’]{%d,}" % (MIN_LENGTH - 1))
_PLACE_CONTEXT = re.compile(
    r"(?:\b(?:in|near|outside|around|into|from|towards?|to|of)|(?:city|town|village|"
    r"settlement|outskirts|vicinity|direction) of|(?:liberated|captured|shelled|entered|"
    r"took|seized))\s+(?:the\s+)?$", re.IGNORECASE)


_TARGETS: dict[str, dict[str, list[str]]] = {}


def _targets(gazetteer: Gazetteer) -> dict[str, list[str]]:
    if gazetteer.digest in _TARGETS:
        return _TARGETS[gazetteer.digest]
    by_letter: dict[str, list[str]] = _TARGETS.setdefault(gazetteer.digest, {})
    for key, indices in gazetteer.keys.items():
        if " " in key or len(key) < MIN_LENGTH:
            continue
        places = [gazetteer.places[i] for i in Gazetteer.primary(indices)]
        if any(p.population >= TARGET_POPULATION or "pack" in p.sources or p.rank >= 3
               for p in places):
            by_letter.setdefault(key[0], []).append(key)
    return by_letter


_UNSEEN = object()
_SCREENED: dict[str, dict[str, str | None]] = {}  # gazetteer digest -> word -> key or None
_MAX_SCREENED = 200_000  # words remembered per gazetteer; forgotten all at once beyond this


def _screened(gazetteer: Gazetteer) -> dict[str, str | None]:
    screened = _SCREENED.setdefault(gazetteer.digest, {})
    if len(screened) > _MAX_SCREENED:
        screened.clear()
    return screened


def _screen(word: str, gazetteer: Gazetteer) -> str | None:
    """The word's key when it may be a misspelt place: not a known spelling, not English."""
    key = fold_key(word)
    if key in gazetteer.keys or is_common_english(key, ENGLISH_ZIPF):
        return None
    return key


def fuzzy_candidates(text: str, covered: list[tuple[int, int]], gazetteer: Gazetteer):
    """Yield (start, end, key, score) for unmatched capitalised words in place context.
    The targets are indexed the first time a word needs them (most short texts never do)."""
    targets = None
    taken = sorted(covered)
    starts = [a for a, _ in taken]
    reach = list(accumulate((b for _, b in taken), max))  # furthest end among spans so far
    screened = _screened(gazetteer)
    for match in _WORD.finditer(text):
        # The word test first: one lookup, remembered per word, that leaves about one word in
        # seven for the span test and the context regex, which tries every position of its
        # window. The tests are pure, so their order does not change what is yielded.
        word = match.group()
        key = screened.get(word, _UNSEEN)
        if key is _UNSEEN:
            key = screened[word] = _screen(word, gazetteer)
        if key is None:
            continue
        start, end = match.span()
        before = bisect_left(starts, end)  # spans starting before this word ends
        if before and reach[before - 1] > start:
            continue  # inside or overlapping a matched name
        if not _PLACE_CONTEXT.search(text[max(0, start - 40):start]):
            continue
        targets = targets if targets is not None else _targets(gazetteer)
        found = process.extractOne(key, targets.get(key[0], ()), scorer=fuzz.ratio,
                                   score_cutoff=MIN_SCORE)
        if found is not None:
            yield start, end, found[0], found[1] / 100
