"""Which places an event is about: the place list a trigger governs.

"Russian forces captured Rivnopil, Zlatoustovka, and Blyzhnje north of Mariupol on March 15"
is about the three villages: the first contiguous list of places after the trigger, not
Mariupol (it only locates them) nor places in a later clause. Rules:
- the first place must follow the trigger closely, without a clause boundary or an object that
  is not ground ("took Russian prisoners near X", "captured several tanks") in between;
- adjectives ("Russian-held", "occupied") take only the place right after them;
- a passive trigger ("X and Y were liberated") takes the list right before it;
- "captured the city" takes the last settlement named before the trigger, in this sentence or
  the ones before ("Melitopol ... Russian forces claimed to have captured the city");
- a sentence with no place that says "it"/"the town" carries over the last place named.
"""

from __future__ import annotations

import re

from frontwatch.events.triggers import Trigger
from frontwatch.model import PlaceMention
from frontwatch.places.gazetteer import Gazetteer

MAX_LEAD = 70  # characters between a trigger and the first place it governs
CARRY_BACK = 600  # how far back "the city" may look for its place
_POSITIONAL = re.compile(
    r"(?:(?:\d+(?:\.\d+)?\s*(?:km|kilometers|kilometres|miles|mi)\s+)?(?:north|south|east|west)"
    r"(?:east|west)?(?:ern)?\s+(?:of|from)|direction of|toward|towards|axis of|near|outside|"
    r"between|from the)\s+(?:the\s+)?$", re.IGNORECASE)
_BOUNDARY = re.compile(r",\s+(?:but|while|although|though|which|where|as|after|before|and "
                       r"(?:then|later|also))\b|;|[—–]|\.\s|\b(?:but|while|before|after|because|"
                       r"which|where|when|in order)\b", re.IGNORECASE)
_HARD_BOUNDARY = re.compile(r";|\s[—–]\s|\.\s")
_DIRECTION = re.compile(r"(?:toward|towards|direction of|from)\s+(?:the\s+)?$", re.IGNORECASE)
_NOT_GROUND = re.compile(
    r"\b(?:prisoners?|POWs|tanks?|vehicles?|equipment|weapons?|ammunition|trophies|hostages?|"
    r"footage|videos?|photos?|images?|parade|referendum|votes?|elections?|talks|personnel|"
    r"highway|roads?|railway|GLOCs?|lines? of communication|efforts?|operations?|initiative|"
    r"measures?|shells?|missiles?|drones?|aircraft|helicopters?|ships?|boats?|diplomats?|"
    r"staff|embassy|embassies|bank|banks|company|companies|plant|station|power|form|meaning|"
    r"advantage|part in|responsibility|hands|notice)\b", re.IGNORECASE)
_LIST_GAP = re.compile(r"(?:\s*\([^)]{0,90}\))?\s*(?:,|,?\s+and|,?\s+or|/|-|–)\s*(?:the\s+)?"
                       r"(?:(?:(?:towns?|villages?|settlements?|cities|city|outskirts|parts?|"
                       r"most|rest|center|centre)\s+of\s+(?:the\s+)?))?", re.IGNORECASE)
_ADJECTIVE_GAP = re.compile(r"\s*(?:the\s+)?(?:(?:city|town|village|port|region|oblast|"
                            r"territor(?:y|ies)|areas?|parts?|settlement)\s+of\s+)?",
                            re.IGNORECASE)
_THE_CITY = re.compile(r"\s+(?:(?:of\s+)?(?:the|this|that)\s+(?:entire\s+|whole\s+|key\s+|"
                       r"strategic\s+)?(?:city|town|village|settlement)\b(?!\s+of\b)|it\b)",
                       re.IGNORECASE)
# "Russian-held X", "the occupied X": the trigger is an adjective, not a verb.
_BEFORE_ADJECTIVE = re.compile(r"(?:-|\b(?:the|in|of|into|to|from|and|temporarily|currently|"
                               r"still|newly|illegally|partially|already)\s+)$", re.IGNORECASE)
_FROM_END = re.compile(r"\bfrom\s+(?:around\s+|the\s+)*$", re.IGNORECASE)
_CARRY_OVER = re.compile(r"\b(?:the (?:city|town|village|settlement)|it)\b", re.IGNORECASE)
_PASSIVE_GAP = re.compile(r"\s*(?:,[^,]{0,40},\s*)?(?:has|have|had|was|were|is|are)?\s*"
                          r"(?:not\s+)?(?:been\s+)?(?:\w+ly\s+)?$", re.IGNORECASE)


def place_arguments(text: str, trigger: Trigger, clause: int, sentence_start: int,
                    sentence_places, all_places, gazetteer: Gazetteer) -> list[PlaceMention]:
    """The places the trigger at ``trigger`` is about (may be empty)."""
    word = text[trigger.start:trigger.end].lower()
    if _THE_CITY.match(text, trigger.end):
        earlier = [p for p in all_places if trigger.start - CARRY_BACK <= p.start < trigger.start
                   and _kind(p, gazetteer) == "settlement"]
        return earlier[-1:]
    after = [p for p in sentence_places if p.start >= trigger.end]
    if trigger.passive or not after:
        found = _list_before(text, trigger, clause, sentence_places)
        if found or trigger.passive:
            return _prefer(found, trigger, gazetteer)
    if not after:
        if trigger.type == "control":
            return []
        before = [p for p in sentence_places if clause <= p.start and p.end <= trigger.start]
        return _prefer(before[-1:], trigger, gazetteer)
    first = after[0]
    lead = text[trigger.end:first.start]
    adjective = word.endswith(("held", "controlled", "occupied")) and \
        bool(_BEFORE_ADJECTIVE.search(text, max(0, trigger.start - 16), trigger.start))
    if adjective and not _ADJECTIVE_GAP.fullmatch(lead):
        return []
    if trigger.type == "control":
        withdrawn_from = trigger.action == "withdrew" and _FROM_END.search(lead)
        if len(lead) > (2 * MAX_LEAD if withdrawn_from else MAX_LEAD) or \
                _BOUNDARY.search(lead) or \
                _POSITIONAL.search(text, max(0, first.start - 40), first.start) or \
                (not withdrawn_from and _NOT_GROUND.search(lead)):
            return []
    elif len(lead) > 2 * MAX_LEAD or _HARD_BOUNDARY.search(lead) or \
            _DIRECTION.search(text, max(0, first.start - 30), first.start):
        # a strike or a casualty count is located by "near X", "around X", "in X", or
        # before its trigger ("In Kharkiv, shelling killed ...")
        before = [p for p in sentence_places if clause <= p.start and p.end <= trigger.start]
        return _prefer(before[-1:], trigger, gazetteer)
    found = [first]
    for place in after[1:]:
        if text.rfind("(", found[-1].end, place.start) > text.rfind(")", found[-1].end,
                                                                     place.start):
            continue  # inside a parenthesis that locates the last one: "(20km west of X)"
        if not _LIST_GAP.fullmatch(text, found[-1].end, place.start):
            break
        found.append(place)
    return _prefer(found, trigger, gazetteer)


def carried_place(text: str, sentence_start: int, trigger: Trigger,
                  all_places) -> PlaceMention | None:
    """"The city ... It was ...": the last place named before this sentence."""
    if not _CARRY_OVER.search(text, sentence_start, trigger.end + 40):
        return None
    earlier = [p for p in all_places if sentence_start - 400 <= p.start < sentence_start]
    return earlier[-1] if earlier else None


def _list_before(text, trigger: Trigger, clause: int, sentence_places) -> list[PlaceMention]:
    before = [p for p in sentence_places if clause <= p.start and p.end <= trigger.start]
    if not before or not _PASSIVE_GAP.fullmatch(text, before[-1].end, trigger.start):
        return []
    found = [before[-1]]
    for place in reversed(before[:-1]):
        if not _LIST_GAP.fullmatch(text, place.end, found[0].start):
            break
        found.insert(0, place)
    return found


def _prefer(found: list[PlaceMention], trigger: Trigger,
            gazetteer: Gazetteer) -> list[PlaceMention]:
    """Settlements over the oblasts that qualify them; oblasts for annexations."""
    if trigger.type == "annexation":
        return [p for p in found if _kind(p, gazetteer) in ("oblast", "region")] or found
    return [p for p in found if _kind(p, gazetteer) == "settlement"] or found


def _kind(place: PlaceMention, gazetteer: Gazetteer) -> str:
    if place.place_id is None:
        return "settlement"  # ambiguous mentions are villages with namesakes
    found = gazetteer.by_id(place.place_id)
    return found.kind if found else "settlement"
