"""Which side a sentence names: demonyms and labels ("Ukrainian troops", "the occupiers"), the
actors the entities stage found, and the side that acted in a trigger's clause.

``agent_side`` gives the side that acted (the controller of a control event follows from it);
``side_joined`` and ``names_side`` read the side an adjectival or multi-word trigger names
itself ("Russian-held", "under Russian occupation"); ``clause_start`` says where a trigger's
clause begins, after the last "that", ";" or ":" before it.
"""

from __future__ import annotations

import re

from frontwatch.events.triggers import is_fall
from frontwatch.model import ActorMention

# Demonyms and labels that name a side when no listed actor does ("Ukrainian troops").
SIDE_WORDS = re.compile(
    r"\b(?P<ru>pro-Russians?|Russians?|Russia's|Russia|Moscow|Kremlin|DNR|LNR|DPR|LPR|Wagner|"
    r"Chechen|Kadyrovite|separatists?|rebels?|occupiers|occupation)\b|"
    r"\b(?P<ua>Ukrainians?|Ukraine's|Ukraine|Kyiv's|Kyiv|Kiev|ZSU|AFU)\b")
_JOINED_SIDE = re.compile(SIDE_WORDS.pattern.replace(r")\b|", r")[-\s]$|", 1)
                          .rstrip("|") + r"[-\s]$")
_BY_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)
_PARTICIPLE_AFTER_COMMA = re.compile(r",\s*$")
_AGENT_AFTER = re.compile(r"\s+(?:\w+ly\s+)?by\b|\s+of\s+(?:the\s+)?(?:" +
                          SIDE_WORDS.pattern.replace("?P<ru>", "").replace("?P<ua>", "") + ")")
_CLAUSE_START = re.compile(r"\b(?:that|when|while|after|as|but|and|;)\s+|[;:—]\s*")


def side_before(text: str, start: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
    """The side named last between ``start`` and ``end`` by a demonym, with the words
    ("Ukrainian officials"): the demonym and the noun after it."""
    last = None
    for match in SIDE_WORDS.finditer(text, start, end):
        last = match
    if last is None:
        return None, None
    side = "RU" if last.group("ru") else "UA"
    noun = re.match(r"\s+[A-Za-z-]+", text[last.end():end])
    return side, (last.start(), last.end() + (noun.end() if noun else 0))


def names_side(text: str, start: int, end: int) -> str | None:
    """The side a multi-word trigger names itself ("under Russian occupation"), or None."""
    match = SIDE_WORDS.search(text, start, end)
    if match is None:
        return None
    return "RU" if match.group("ru") else "UA"


def side_joined(text: str, position: int) -> str | None:
    """The side named by the word joined to an adjective at ``position`` ("Russian-held",
    "Ukrainian controlled", a bare "occupied"), or None."""
    match = _JOINED_SIDE.search(text, max(0, position - 30), position)
    if match is not None:
        return "RU" if match.group("ru") else "UA"
    if text.startswith("occupied", position):
        # a bare "the occupied X": the occupiers' side, as ``SIDE_WORDS`` reads
        # "occupiers"/"occupation" (the theatre convention; it belongs in the theatre pack)
        occupiers = SIDE_WORDS.match("occupiers")
        return "RU" if occupiers and occupiers.group("ru") else "UA"
    return None


def agent_side(text: str, clause_start: int, trigger_start: int, trigger_end: int,
               sentence_end: int, passive: bool, actors: list[ActorMention]) -> str | None:
    """The side that acted: after "by"/"to" for a passive trigger, else the nearest actor or
    demonym before the trigger in its clause ("The MoD claimed that Ukrainian forces withdrew":
    the clause after "that")."""
    if passive:
        window_end = min(sentence_end, trigger_end + 60)
        for actor in actors:
            if trigger_end <= actor.start < window_end and actor.side in ("RU", "UA"):
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
                     and a.side in ("RU", "UA")), key=lambda a: a.start, default=None)
        side, span = _first_side_after(text, clause_start, trigger_start)
        if span is not None and (first is None or span[0] < first.start):
            return side
        if first is not None:
            return first.side
    best, best_at = None, -1
    for actor in actors:
        if clause_start <= actor.start < trigger_start and actor.side in ("RU", "UA"):
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
    return bool(_AGENT_AFTER.match(text, position))


def clause_start(text: str, sentence_start: int, trigger_start: int) -> int:
    """Where the clause holding the trigger starts: after the last "that"/";" before it."""
    start = sentence_start
    for match in _CLAUSE_START.finditer(text, sentence_start, trigger_start):
        if match.group().strip().lower() in ("that", ";", ":", "—"):
            start = match.end()
    return start


def _first_side_after(text: str, start: int, end: int):
    match = SIDE_WORDS.search(text, start, end)
    if match is None:
        return None, None
    return ("RU" if match.group("ru") else "UA"), match.span()
