"""Places/actors/weapons stage: one automaton pass, then fuzzy recovery and disambiguation.

``find_entities`` is the stage: compute (``match_entities``) then write to the ``Doc``.
``match_entities`` is a pure function of the clean text and the publication date, which is
what ``frontwatch places`` and ``frontwatch eval places`` call on stored documents.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from frontwatch.actors import resolve_actor, resolve_weapon
from frontwatch.entities.lexicon import Hit, Lexicon, load_lexicon, longest_first
from frontwatch.model import ActorMention, Doc, PlaceMention, WeaponMention
from frontwatch.places.context import read_context
from frontwatch.places.fuzzy import fuzzy_candidates
from frontwatch.places.gazetteer import Gazetteer, load_gazetteer
from frontwatch.places.resolve import Candidate, resolve_mentions
from frontwatch.theatres import Theatre, load_theatre

VERSION = "entities.v1"

# A name that is both an actor and a place ("DPR") is the actor when one of these follows it
# ("DPR forces") and the place after a locative preposition ("in the DPR").
_HEAD_WORDS = (r"forces|troops|militia|militias|army|fighters|units?|servicemen|soldiers|"
               r"conscripts|separatists|authorities|officials?|leader|leadership|head|"
               r"spokes(?:man|person|woman)|ombudsman|militants|corps|battalions?|brigades?|"
               r"regiments?|government|people's militia|commanders?|representatives?|media|"
               r"ambassador|minister|deputy|said|says|claimed|reported")
# "DNR forces", "DNR and LNR officials", "DNR/LNR forces", "LNR (Luhansk) militia",
# "Luhansk People's Republic 6th Cossack Regiment": the label names the actor.
_ACTOR_HEAD = re.compile(
    r"\s*(?:\([^)]{1,40}\)\s*)?(?:(?:and|/|,)\s*[A-Z][\w'’]*\s*)?(?:'s\s+)?"
    r"(?:\d+(?:st|nd|rd|th)\b|(?:" + _HEAD_WORDS + r")\b)", re.IGNORECASE)
# A place name before the head of a military formation's name is part of that name, not the
# place: "the <Name> Group of Forces", "the <Name> Operational-Strategic Group", "<Name>
# Brigade". Capitalised only: "<Name> units" or "<Name> direction" still say where.
_FORMATION_HEAD = re.compile(
    r"\s+(?:(?:Operational[- ](?:Strategic |Tactical )?)?Group(?: of Forces)?|Brigade|Battalion|"
    r"Regiment|Division|Corps|Fleet|Flotilla)\b")
_LOCATIVE = re.compile(r"\b(?:in|into|across|throughout|within|from|of|to|over|inside)\s+"
                       r"(?:the\s+)?(?:occupied\s+|so-called\s+)?$", re.IGNORECASE)
# "forces of the LNR", "head of the DPR": "of" after an actor word does not make a place
_ACTOR_OF = re.compile(r"\b(?:" + _HEAD_WORDS + r")\s+of\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Entities:
    places: tuple[PlaceMention, ...]
    actors: tuple[ActorMention, ...]
    weapons: tuple[WeaponMention, ...]


def find_entities(doc: Doc) -> None:
    """Stage: fill ``doc.places``, ``doc.actors``, ``doc.weapons``."""
    found = match_entities(doc.clean_text, doc.published_day())
    doc.places, doc.actors, doc.weapons = found.places, found.actors, found.weapons


def match_entities(text: str, published: date | None = None,
                   theatre: Theatre | None = None,
                   gazetteer: Gazetteer | None = None) -> Entities:
    theatre = theatre or load_theatre()
    gazetteer = gazetteer or load_gazetteer(theatre)
    lexicon = load_lexicon(theatre, gazetteer)
    hits = lexicon.scan(text)
    # Places, actors and weapons are chosen leftmost-longest each on their own: a place inside
    # an institution's name still names the place ("Luhansk Oblast Military Administration").
    place_hits = longest_first([h for h in hits if h.entry.places and text[h.start].isupper()])
    actor_hits = longest_first([h for h in hits if h.entry.actors or h.entry.titles])
    weapon_hits = longest_first([h for h in hits if h.entry.weapons])
    actor_spans = {(h.start, h.end): h for h in actor_hits}
    actor_starts = [h.start for h in actor_hits]
    kept_places, read_as_place = [], set()
    for hit in place_hits:
        same = actor_spans.get((hit.start, hit.end))
        if same is not None:
            if _reads_as_place(text, hit):
                kept_places.append(hit)
                read_as_place.add((hit.start, hit.end))
        elif not _inside_actor_name(hit, actor_hits, actor_starts, theatre) and \
                not _FORMATION_HEAD.match(text, hit.end):
            kept_places.append(hit)
    actor_hits = [h for h in actor_hits if (h.start, h.end) not in read_as_place]
    places = _places(text, kept_places, hits, lexicon)
    named = {i for hit in actor_hits for i in hit.entry.actors}
    actors = [resolve_actor(theatre, text, h.start, h.end, h.entry.actors, h.entry.titles,
                            named, published) for h in actor_hits]
    weapons = [resolve_weapon(theatre, text, h.start, h.end, h.entry.weapons)
               for h in weapon_hits]
    return Entities(tuple(places), tuple(actors), tuple(weapons))


def _inside_actor_name(hit: Hit, actor_hits: list[Hit], actor_starts: list[int],
                       theatre: Theatre) -> bool:
    """"Volodymyr" in "Volodymyr Zelensky" is a first name, not the town; "DNR" in "DNR
    forces" names the force. An oblast inside an administration's name still counts: the
    gold convention reads "Kharkiv Oblast Military Administration" as naming the oblast.

    ``actor_hits`` come from ``longest_first``: sorted and without overlaps, so the only one
    that can hold ``hit.start`` is the last one starting at or before it."""
    position = bisect_right(actor_starts, hit.start) - 1
    if position < 0:
        return False
    a = actor_hits[position]
    return bool(hit.start < a.end and hit.end <= a.end and a.entry.actors and
                theatre.actors[a.entry.actors[0]].kind in ("person", "proxy", "armed_forces"))


def _reads_as_place(text: str, hit: Hit) -> bool:
    if _ACTOR_HEAD.match(text, hit.end):
        return False
    before = text[max(0, hit.start - 40):hit.start]
    return bool(_LOCATIVE.search(before)) and not _ACTOR_OF.search(before)


def _places(text: str, place_hits: list[Hit], all_hits: list[Hit],
            lexicon: Lexicon) -> list[PlaceMention]:
    gazetteer = lexicon.gazetteer
    candidates = []
    for hit in place_hits:
        indices = Gazetteer.primary(hit.entry.places)
        via_alternate = all(i < 0 for i in hit.entry.places)
        candidates.append(Candidate(hit.start, hit.end, text[hit.start:hit.end], indices,
                                    "exact", via_alternate))
    covered = [(h.start, h.end) for h in all_hits]
    for start, end, key, score in fuzzy_candidates(text, covered, gazetteer):
        indices = Gazetteer.primary(gazetteer.keys[key])
        candidates.append(Candidate(start, end, text[start:end], indices, "fuzzy", False,
                                    score))
    candidates.sort(key=lambda c: c.start)
    candidates = read_context(text, candidates, gazetteer, lexicon.theatre)
    return resolve_mentions(candidates, gazetteer, lexicon.theatre)
