"""One Aho–Corasick automaton over every name of the theatre: places, actors, role titles and
weapons, matched in a single pass over the folded text.

Keys are padded with a space on each side and the text is folded (``names.fold``: same length,
non-alphanumerics as spaces) and padded too, so a key can only match whole words and offsets
in the folded text are offsets in the original. Case is checked afterwards on the original
words: a name written with a capital must be capitalised in the text ("Lyman", not "lyman"),
an acronym must be written exactly ("DPR", not "dpr").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import ahocorasick

from frontwatch.cache import cache_dir, read_pickle, write_pickle
from frontwatch.places.gazetteer import Gazetteer
from frontwatch.places.names import fold, fold_key
from frontwatch.theatres import Theatre

ACRONYM_MAX = 6  # an all-capitals alias this short must match exactly ("DPR", "HIMARS")


@dataclass(frozen=True, slots=True)
class Entry:
    """What one key names. Place indices use the gazetteer's encoding (negative = alternate)."""

    places: tuple[int, ...] = ()
    actors: tuple[int, ...] = ()
    titles: tuple[int, ...] = ()
    weapons: tuple[int, ...] = ()
    exact: frozenset[str] = frozenset()  # surface forms that must match case-exactly
    capitalised: bool = True  # the first letter must be upper case in the text


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    entry: Entry


class Lexicon:
    """The automaton with its entries; build once per process (``load_lexicon``).

    The automaton stores an int per key (its position in ``keys``), which builds in a tenth
    of a second for the whole gazetteer; the ``Entry`` of a key is made the first time the
    text names it. Gazetteer spellings need nothing more than the gazetteer's own index; the
    pack's actors, titles and weapons, a few thousand keys, carry their fields in ``extra``.
    """

    def __init__(self, theatre: Theatre, gazetteer: Gazetteer,
                 built: tuple[dict, list[str], ahocorasick.Automaton] | None = None) -> None:
        self.theatre = theatre
        self.gazetteer = gazetteer
        self.extra, self.keys, self.automaton = built or _build(theatre, gazetteer)
        self._entries: dict[int, Entry] = {}

    def entry(self, position: int) -> Entry:
        found = self._entries.get(position)
        if found is None:
            key = self.keys[position]
            slot = self.extra.get(key)
            places = tuple(self.gazetteer.keys.get(key, ()))
            if slot is None:
                found = Entry(places)
            else:
                found = Entry(places, tuple(slot["actors"]), tuple(slot["titles"]),
                              tuple(slot["weapons"]), frozenset(slot["exact"]),
                              capitalised=not slot["lower"])
            self._entries[position] = found
        return found

    def scan(self, text: str) -> list[Hit]:
        """Every whole-word match in ``text`` that passes the case checks, overlaps included."""
        folded = f" {fold(text)} "
        hits = []
        for last, position in self.automaton.iter(folded):
            # ``last`` is the trailing pad space; the name ends just before it. The folded text
            # has one leading pad, so its offsets are one more than the original's.
            end = last - 1
            start = end - len(self.keys[position])
            entry = self.entry(position)
            if _case_ok(text, start, end, entry):
                hits.append(Hit(start, end, entry))
        return hits


def _build(theatre: Theatre, gazetteer: Gazetteer) -> tuple[dict, list[str],
                                                            ahocorasick.Automaton]:
    """The pack's keys with their fields, every key in automaton order, and the automaton."""
    extra: dict[str, dict] = {}

    def add(key: str, field: str, value: int, surface: str) -> None:
        slot = extra.setdefault(key, {"actors": [], "titles": [], "weapons": [],
                                      "exact": set(), "lower": False})
        slot[field].append(value)
        if _is_acronym(surface):
            slot["exact"].add(surface)
        elif not surface[:1].isupper():
            slot["lower"] = True

    for index, actor in enumerate(theatre.actors):
        for alias in {actor.name, *actor.aliases}:
            add(fold_key(alias), "actors", index, alias)
        for title in actor.titles:
            add(fold_key(title), "titles", index, title.lower())
    for index, weapon in enumerate(theatre.weapons):
        for alias in {weapon.name, *weapon.aliases}:
            key = fold_key(alias)
            add(key, "weapons", index, alias)
            if " " in key:
                # a quoted name before its class ('"Dot" ballistic missiles'): the
                # closing quote folds to a second space
                add(key.replace(" ", "  ", 1), "weapons", index, alias)

    keys = [key for key in gazetteer.keys if key]
    keys += [key for key in extra if key and key not in gazetteer.keys]
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for position, key in enumerate(keys):
        automaton.add_word(f" {key} ", position)
    automaton.make_automaton()
    return extra, keys, automaton


def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and len(surface) <= ACRONYM_MAX and all(c.isupper() for c in letters)


def _case_ok(text: str, start: int, end: int, entry: Entry) -> bool:
    if entry.exact and text[start:end] in entry.exact:
        return True
    if entry.exact and not (entry.places or not entry.capitalised):
        # only acronym readings, and the text writes it differently ("Dpr", "dpr")
        return False
    return not entry.capitalised or text[start].isupper()


def longest_first(hits: list[Hit]) -> list[Hit]:
    """Leftmost-longest hits without overlaps ("Luhansk Oblast" over "Luhansk")."""
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, h.start - h.end)):
        if not chosen or hit.start >= chosen[-1].end:
            chosen.append(hit)
    return chosen


_CACHE: dict[tuple[str, str], Lexicon] = {}


def load_lexicon(theatre: Theatre, gazetteer: Gazetteer) -> Lexicon:
    """The theatre's lexicon, once per process: from the on-disk cache when it was built from
    the same pack, gazetteer, code and automaton library (a pickled automaton loads in a
    fifth of the time it takes to build), else built and cached."""
    key = (theatre.digest, gazetteer.digest)
    if key not in _CACHE:
        digest = hashlib.sha256("\0".join((
            theatre.digest, gazetteer.digest, version("pyahocorasick"),
            Path(__file__).read_text(encoding="utf-8"))).encode()).hexdigest()
        path = cache_dir() / f"lexicon-{theatre.id}-{digest[:16]}.pickle"
        built = read_pickle(path, tuple)
        if built is None:
            built = _build(theatre, gazetteer)
            write_pickle(path, built, stale=f"lexicon-{theatre.id}-*.pickle")
        _CACHE[key] = Lexicon(theatre, gazetteer, built)
    return _CACHE[key]
