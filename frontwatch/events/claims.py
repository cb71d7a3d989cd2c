"""Who says so: the claimant and stance of an event, its hedges, and the side that acted.

A sentence is read around its trigger:
- a reporting verb before the trigger ("the Russian MoD claimed that ...", "according to
  the General Staff") makes its subject the claimant, with the verb's stance;
- "could not confirm", "not independently verified" give ``cannot_confirm``;
- without one, the document states the event in its own voice: claimant None, ``asserts``.
The reporter (the outlet, or ISW writing "ISW assesses") is never its own claimant.
Sides come from the actors the entities stage found, or from demonyms ("Ukrainian troops").
"""

from __future__ import annotations

import re

from frontwatch.model import ActorMention, Claim
from frontwatch.theatres import Theatre

_REPORTING = re.compile(
    r"\b(?P<verb>claim(?:ed|s|ing)?|said|says|stated|states|report(?:ed|s)|announc(?:ed|es)|"
    r"told|added|noted|declared|insisted|confirm(?:ed|s|ing)|acknowledg(?:ed|es)|admit(?:ted|s)|"
    r"conceded|den(?:ied|ies|y)|refuted|rejected|dismissed|according to)\b", re.IGNORECASE)
_STANCE = {"confirm": "confirms", "acknowledg": "acknowledges", "admit": "acknowledges",
           "conceded": "acknowledges", "den": "denies", "refuted": "denies",
           "rejected": "denies", "dismissed": "denies"}
_CANNOT_CONFIRM = re.compile(
    r"\b(?:cannot|can ?not|could not|couldn't|unable to|not able to)\s+(?:yet\s+)?"
    r"(?:independently\s+)?(?:confirm|verify)|\bnot\s+(?:been\s+)?(?:independently\s+)?"
    r"(?:confirmed|verified)\b|\bunconfirmed\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|likely|possibly|probably|may have|might have|"
                    r"apparently|purportedly|unconfirmed|unverified|seemingly|presumably)\b",
                    re.IGNORECASE)
_REPORTER = re.compile(r"\b(?:ISW|we|the Institute for the Study of War)\s*$", re.IGNORECASE)
# Demonyms and labels that name a side when no listed actor does ("Ukrainian troops").
_SIDE_WORDS = re.compile(
    r"\b(?P<ru>pro-Russian|Russian|Russia's|Russia|Moscow|Kremlin|DNR|LNR|DPR|LPR|Wagner|"
    r"Chechen|Kadyrovite|separatists?|occupiers|occupation)\b|"
    r"\b(?P<ua>Ukrainian|Ukraine's|Ukraine|Kyiv's|Kyiv|Kiev|ZSU|AFU)\b")
_CLAUSE_START = re.compile(r"\b(?:that|when|while|after|as|but|and|;)\s+|[;:—]\s*")


def read_claim(text: str, sentence_start: int, trigger_start: int,
               actors: list[ActorMention], theatre: Theatre) -> Claim:
    """The claim around a trigger at ``trigger_start`` in the sentence starting there."""
    before = text[sentence_start:trigger_start]
    hedged = bool(_HEDGE.search(before))
    verb = None
    for match in _REPORTING.finditer(before):
        verb = match  # the last reporting verb before the trigger governs it
    cannot = _CANNOT_CONFIRM.search(text, sentence_start, _sentence_end(text, trigger_start))
    if verb is None and cannot is None:
        return Claim(None, None, None, "asserts", hedged)
    if verb is not None:
        word = verb.group("verb").lower()
        stance = next((s for stem, s in _STANCE.items() if word.startswith(stem)), "claims")
        verb_at = sentence_start + verb.start()
        if word == "according to":
            who = _first_actor_after(actors, sentence_start + verb.end(), trigger_start)
        else:
            who = _last_actor_before(actors, sentence_start, verb_at)
        words = text[sentence_start:verb_at]
    else:
        stance, who, words = "cannot_confirm", None, before
    if cannot is not None and (verb is None or cannot.start() < trigger_start):
        stance = "cannot_confirm"
    if who is not None:
        actor = _actor(theatre, who.actor_id)
        name = actor.name if actor is not None else who.text
        side = who.side if who.side in ("RU", "UA") else None
        return Claim(name, who.actor_id, side, stance, hedged, who.start, who.end)
    if _REPORTER.search(words) or stance == "cannot_confirm":
        return Claim(None, None, None, stance if stance == "cannot_confirm" else "asserts",
                     hedged)
    side, words_span = side_before(text, sentence_start, sentence_start + len(words))
    if words_span is not None:
        start, end = words_span
        return Claim(text[start:end], None, side, stance, hedged, start, end)
    return Claim(None, None, None, stance, hedged)  # "it was reported that": unnamed source


def side_before(text: str, start: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
    """The side named last between ``start`` and ``end`` by a demonym, with the words
    ("Ukrainian officials"): the demonym and the noun after it."""
    last = None
    for match in _SIDE_WORDS.finditer(text, start, end):
        last = match
    if last is None:
        return None, None
    side = "RU" if last.group("ru") else "UA"
    noun = re.match(r"\s+[A-Za-z-]+", text[last.end():end])
    return side, (last.start(), last.end() + (noun.end() if noun else 0))


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
        if side:
            return side
    best, best_at = None, -1
    for actor in actors:
        if clause_start <= actor.start < trigger_start and actor.side in ("RU", "UA"):
            if actor.start > best_at:
                best, best_at = actor.side, actor.start
    side, span = side_before(text, clause_start, trigger_start)
    if span is not None and span[0] > best_at:
        return side
    return best


def clause_start(text: str, sentence_start: int, trigger_start: int) -> int:
    """Where the clause holding the trigger starts: after the last "that"/";" before it."""
    start = sentence_start
    for match in _CLAUSE_START.finditer(text, sentence_start, trigger_start):
        if match.group().strip().lower() in ("that", ";", ":", "—"):
            start = match.end()
    return start


def _first_side_after(text: str, start: int, end: int):
    match = _SIDE_WORDS.search(text, start, end)
    if match is None:
        return None, None
    return ("RU" if match.group("ru") else "UA"), match.span()


def _sentence_end(text: str, position: int) -> int:
    end = text.find(".", position)
    return len(text) if end < 0 else end


def _last_actor_before(actors: list[ActorMention], start: int, end: int) -> ActorMention | None:
    found = [a for a in actors if start <= a.start and a.end <= end]
    return found[-1] if found else None


def _first_actor_after(actors: list[ActorMention], start: int, end: int) -> ActorMention | None:
    found = [a for a in actors if start <= a.start < end]
    return found[0] if found else None


_BY_ID: dict[str, dict] = {}


def _actor(theatre: Theatre, actor_id: str | None):
    if actor_id is None:
        return None
    if theatre.digest not in _BY_ID:
        _BY_ID[theatre.digest] = {a.id: a for a in theatre.actors}
    return _BY_ID[theatre.digest].get(actor_id)
