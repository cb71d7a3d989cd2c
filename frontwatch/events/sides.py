"""Which side a sentence names: demonyms and labels ("Ukrainian troops", "the occupiers"), the
actors the entities stage found, and the side that acted in a trigger's clause.

``agent_side`` gives the side that acted (the controller of a control event follows from it);
``side_joined`` and ``names_side`` read the side an adjectival or multi-word trigger names
itself ("Russian-held", "under Russian occupation"); ``clause_start`` says where a trigger's
clause begins, after the last "that", ";" or ":" before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frontwatch.events.triggers import is_fall
from frontwatch.model import ActorMention
from frontwatch.theatres import load_theatre

_BY_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)
_PARTICIPLE_AFTER_COMMA = re.compile(r",\s*$")
_CLAUSE_START = re.compile(r"\b(?:that|when|while|after|as|but|and|;)\s+|[;:—]\s*")


@dataclass(frozen=True, slots=True)
class _SideWords:
    """The pack's demonyms and labels of each side ("Ukrainian troops", "the occupiers") as
    patterns; group ``s<i>`` of a match says it names the pack's side ``i``."""

    any: re.Pattern  # a side word anywhere
    joined: re.Pattern  # a side word joined to what follows ("Russian-held")
    agent_after: re.Pattern  # "by ...", "of the <side word>" after a trigger
    codes: tuple[str, ...]
    occupier: str | None
    liberator: str | None

    def side(self, match: re.Match) -> str:
        return self.codes[int(match.lastgroup[1:])]

    def opposite(self, side: str | None) -> str | None:
        return load_theatre().opposite(side)  # the pack's, one place for it


@cache
def side_words() -> _SideWords:
    theatre = load_theatre()

    def alternation(words) -> str:  # longest first: "Russians" before "Russian"
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    body = "|".join(f"(?P<s{i}>{alternation(words)})"
                    for i, (_, words) in enumerate(theatre.side_words))
    every = alternation([w for _, words in theatre.side_words for w in words])
    return _SideWords(re.compile(rf"\b(?:{body})\b"), re.compile(rf"\b(?:{body})[-\s]$"),
                      re.compile(r"\s+(?:\w+ly\s+)?by\b|\s+of\s+(?:the\s+)?\b(?:"
                                 + every + r")\b"),
                      theatre.side_codes, theatre.occupier,
                      theatre.liberator)


_HOLDER_COMPOUND = re.compile(r"[-\s](?:held|controlled|occupied)\b", re.IGNORECASE)


def side_before(text: str, start: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
    """The side named last between ``start`` and ``end`` by a demonym, with the words
    ("Ukrainian officials"): the demonym and the noun after it."""
    words = side_words()
    last = None
    for match in words.any.finditer(text, start, end):
        holder = _HOLDER_COMPOUND.match(text, match.end())
        if holder is None or holder.end() > end:
            # "the Ukrainian-held city ... came under shelling": a compound naming who holds
            # a place is not who acted
            last = match
    if last is None:
        return None, None
    side = words.side(last)
    noun = re.match(r"\s+[A-Za-z-]+", text[last.end():end])
    return side, (last.start(), last.end() + (noun.end() if noun else 0))


def names_side(text: str, start: int, end: int) -> str | None:
    """The side a multi-word trigger names itself ("under Russian occupation"), or None."""
    words = side_words()
    match = words.any.search(text, start, end)
    return None if match is None else words.side(match)


# Between a holder compound and the place it describes: "the Ukrainian-held city of X",
# "Russian-occupied X".
_HOLDER_TO_PLACE = re.compile(r"\s+(?:(?:city|town|village|settlement|port|region|oblast|"
                              r"district|raion)\s+of\s+)?", re.IGNORECASE)


def holder_named_before(text: str, place_start: int) -> str | None:
    """The side a holder compound right before a place says holds it ("the Ukrainian-held
    city of Sloviansk": UA), or None."""
    words = side_words()
    window = max(0, place_start - 60)
    for match in reversed(list(words.any.finditer(text, window, place_start))):
        holder = _HOLDER_COMPOUND.match(text, match.end())
        if holder and _HOLDER_TO_PLACE.fullmatch(text, holder.end(), place_start):
            return words.side(match)
    return None


def side_joined(text: str, position: int) -> str | None:
    """The side named by the word joined to an adjective at ``position`` ("Russian-held",
    "Ukrainian controlled", a bare "occupied"), or None."""
    words = side_words()
    match = words.joined.search(text, max(0, position - 30), position)
    if match is not None:
        return words.side(match)
    if text.startswith("occupied", position):
        return words.occupier  # a bare "the occupied X": the pack says who occupies
    return None


def agent_side(text: str, clause_start: int, trigger_start: int, trigger_end: int,
               sentence_end: int, passive: bool, actors: list[ActorMention]) -> str | None:
    """The side that acted: after "by"/"to" for a passive trigger, else the nearest actor or
    demonym before the trigger in its clause ("The MoD claimed that Ukrainian forces withdrew":
    the clause after "that")."""
    if passive:
        window_end = min(sentence_end, trigger_end + 60)
        for actor in actors:
            if trigger_end <= actor.start < window_end and actor.side in side_words().codes:
                return actor.side
        side, _ = _first_side_after(text, trigger_end, window_end)
        if side or _BY_AFTER.match(text, trigger_end) or \
                is_fall(text[trigger_start:trigger_end]):
            return side  # "was occupied by the invaders": the subject suffered it, never acted
    if _PARTICIPLE_AFTER_COMMA.search(text, max(clause_start, trigger_start - 4), trigger_start) \
            and text[trigger_start:trigger_end].lower().endswith("ing"):
        # "Ukrainian forces pursued Russian forces, capturing X": the participle's subject is
        # the clause's subject, the first side named, not the nearest
        first = min((a for a in actors if clause_start <= a.start < trigger_start
                     and a.side in side_words().codes), key=lambda a: a.start, default=None)
        side, span = _first_side_after(text, clause_start, trigger_start)
        if span is not None and (first is None or span[0] < first.start):
            return side
        if first is not None:
            return first.side
    best, best_at = None, -1
    for actor in actors:
        if clause_start <= actor.start < trigger_start and actor.side in side_words().codes:
            if actor.start > best_at:
                best, best_at = actor.side, actor.start
    side, span = side_before(text, clause_start, trigger_start)
    if span is not None and span[0] > best_at:
        return side
    return best


def agent_follows(text: str, position: int) -> bool:
    """True when the side that acted is named after a trigger ending at ``position``: a reduced
    passive ("Crimea occupied by Russians", "mostly controlled by Russian forces") or a noun
    with its agent ("the withdrawal of the Ukrainian army from X")."""
    return bool(side_words().agent_after.match(text, position))


def clause_start(text: str, sentence_start: int, trigger_start: int) -> int:
    """Where the clause holding the trigger starts: after the last "that"/";" before it."""
    start = sentence_start
    for match in _CLAUSE_START.finditer(text, sentence_start, trigger_start):
        if match.group().strip().lower() in ("that", ";", ":", "—"):
            start = match.end()
    return start


def _first_side_after(text: str, start: int, end: int):
    words = side_words()
    match = words.any.search(text, start, end)
    if match is None:
        return None, None
    return words.side(match), match.span()
