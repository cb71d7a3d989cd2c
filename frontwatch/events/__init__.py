"""Events and claims: typed event mentions, each argument a span, with the claim around them.

For each sentence that holds a trigger word (``triggers``):
1. the place arguments are the place mentions of the trigger's clause (after the trigger, or
   before it for "X was captured"), leaving out places that only locate another one
   ("10 km south of X") and oblasts that qualify a settlement ("X in Kharkiv Oblast"); a
   sentence that names no place but says "the city"/"it" carries the last place over;
2. the side that acted, and from it the controller of a control event (``claims.agent_side``);
3. the claims: claimant, stance, hedges (``claims.read_claims``), one mention per claim;
4. the date: the time expression of the sentence nearest the trigger; else the publication
   date (approximate: a report tells the day's news) unless the event is background; else
   unresolved;
5. background: recalled earlier events ("previously", "had captured", a date more than a
   week before publication).
Sentences are split only around triggers, with the same punctuation rule as spaCy's
sentencizer, so text without events costs one regex pass.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date, timedelta

from frontwatch.events import claims
from frontwatch.events.arguments import carried_place, place_arguments
from frontwatch.events.modality import modality
from frontwatch.events.quantities import Quantity, find_quantities
from frontwatch.events.triggers import ANY_TRIGGER, Trigger, find_triggers
from frontwatch.model import ActorMention, Doc, EventDate, EventMention, PlaceMention
from frontwatch.places.gazetteer import Gazetteer, load_gazetteer
from frontwatch.theatres import Theatre, load_theatre
from frontwatch.time import TimeExpr, find_time_expressions

VERSION = "events.v2"
EVENT_TYPES = ("control", "strike", "casualties", "territory", "annexation", "evacuation",
               "mobilization")

BACKGROUND_DAYS = 7  # an event dated this long before publication is recalled, not news
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*(?:\[\d+\])*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|\n")
_ABBREVIATION = re.compile(r"\b(?:[A-Z]|Gen|Lt|Col|Maj|Capt|Sgt|Mr|Mrs|Ms|Dr|St|U\.S|vs|No|Jr)\.$")
_BACKGROUND = re.compile(
    r"\b(?:previously|earlier|formerly|had (?:been |already )?(?:\w+ed|taken|seized)|"
    r"(?:occupied|held|controlled) since|since (?:the (?:start|beginning)|20\d\d)|in 2014)\b",
    re.IGNORECASE)
_OWN_FORCES = re.compile(r"\b(?:its|our|their)\s+(?:own\s+)?(?:forces|troops|units|army|"
                         r"soldiers|servicemen|defenders)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r",\s+(?:which|who|where|when|while|but|although|though)\b|;|\s[—–]\s")
_PLACE_NEEDED = {"control", "strike"}


def find_events(doc: Doc) -> None:
    """Stage: fill ``doc.events`` from the clean text, its places and actors."""
    doc.events = tuple(extract_events(doc.clean_text, doc.published_day(), doc.places,
                                      doc.actors))


def extract_events(text: str, published: date | None, places: tuple[PlaceMention, ...],
                   actors: tuple[ActorMention, ...], theatre: Theatre | None = None,
                   gazetteer: Gazetteer | None = None,
                   times: list[TimeExpr] | None = None) -> list[EventMention]:
    """Every event mention of one document, in text order."""
    theatre = theatre or load_theatre()
    gazetteer = gazetteer or load_gazetteer(theatre)
    if not ANY_TRIGGER.search(text):
        return []
    if times is None:
        times = find_time_expressions(text, published, theatre)
    place_starts = [p.start for p in places]
    events: list[EventMention] = []
    for start, end in _sentences_with_triggers(text):
        sentence_places = places[bisect_left(place_starts, start):bisect_left(place_starts, end)]
        sentence_actors = [a for a in actors if start <= a.start < end]
        told: set[tuple] = set()
        for trigger in find_triggers(text[start:end], start):
            for event in _events_of(text, start, end, trigger, sentence_places, places,
                                    sentence_actors, times, published, gazetteer, theatre):
                # "a missile strike hit X": two triggers, one event
                key = (event.type, event.place.start if event.place else None,
                       event.controller, event.quantity, event.claim)
                if key not in told:
                    told.add(key)
                    events.append(event)
    return events


def _sentences_with_triggers(text: str):
    """Sentence spans that contain a trigger word."""
    boundaries = [0]
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, max(0, match.start() - 6), match.start()):
            continue
        boundaries.append(match.end())
    boundaries.append(len(text))
    for start, end in zip(boundaries, boundaries[1:]):
        if end > start and ANY_TRIGGER.search(text, start, end):
            yield start, end


def _events_of(text, start, end, trigger: Trigger, sentence_places, all_places, actors,
               times, published, gazetteer, theatre) -> list[EventMention]:
    clause = claims.clause_start(text, start, trigger.start)
    told = modality(text, clause, trigger.start, text[trigger.start:trigger.end])
    if told == "irrealis":
        return []
    arguments = place_arguments(text, trigger, clause, start, sentence_places, all_places,
                                gazetteer)
    if not arguments and trigger.type in _PLACE_NEEDED:
        carried = carried_place(text, start, trigger, all_places)
        if carried is None:
            return []
        arguments = [carried]
    quantity = _quantity(text, start, end, trigger)
    if trigger.type == "casualties" and quantity is None:
        return []  # "killed" without a count is not a casualty figure
    side = claims.agent_side(text, clause, trigger.start, trigger.end, end, trigger.passive,
                             actors)
    told_by = claims.read_claims(text, start, end, trigger.start, actors, theatre)
    if told == "negated":
        if told_by[0].claimant is None:
            return []  # the writer says it did not happen
        # "Sak said X was not controlled by ...": a denial
        told_by = [replace(c, stance="denies") for c in told_by]
    if side is None and _OWN_FORCES.search(text, clause, trigger.start):
        side = told_by[0].side  # "the MoD said its forces had withdrawn": the claimant's side
    scope_end = _clause_end(text, trigger.end, end)
    when = _date(clause, scope_end, start, end, trigger, times, published)
    background = bool(_BACKGROUND.search(text, clause, scope_end)) or _is_old(when, published)
    if background and when.start is None:
        when = EventDate(None, None, "day", "unresolved",
                         "a recalled event the sentence does not date")
    controller = _controller(trigger, side)
    if trigger.type == "territory" or (
            trigger.type == "control" and quantity and quantity[4] in ("km2", "settlements")
            and clause <= quantity[0] and abs(quantity[0] - trigger.start) < 80):
        kind = "territory"
    else:
        kind = trigger.type
    reason = f"'{text[trigger.start:trigger.end]}'" + (f"; acted: {side}" if side else "")
    made = []
    for place in arguments or [None]:
        if kind == "territory" and place is not None:
            place = None
        for claim in told_by:
            made.append(EventMention(
                kind, start, end, trigger.start, trigger.end, text[trigger.start:trigger.end],
                place, controller if kind == "control" else None, trigger.action,
                side, quantity, when, claim, background, reason))
        if kind == "territory":
            break
    return made


def _quantity(text, start, end, trigger: Trigger):
    found: list[Quantity] = find_quantities(text[start:end])
    if not found:
        return None
    position = trigger.start - start
    nearest = min(found, key=lambda q: min(abs(q.end - position), abs(q.start - position)))
    return (start + nearest.start, start + nearest.end, nearest.min, nearest.max, nearest.unit)


def _clause_end(text: str, position: int, sentence_end: int) -> int:
    """Where the trigger's clause ends: before ", which ...", ";", " — " or the sentence end."""
    found = _CLAUSE_END.search(text, position, sentence_end)
    return found.start() if found else sentence_end


def _date(clause: int, scope_end: int, start: int, end: int, trigger: Trigger,
          times: list[TimeExpr], published) -> EventDate:
    """The date of the trigger's clause (the first expression after the trigger, else the
    last before it), else of its sentence, else the publication date."""
    inside = [t for t in times if clause <= t.start < scope_end] or \
        [t for t in times if start <= t.start < end]
    if inside:
        after = [t for t in inside if t.start >= trigger.end]
        chosen = after[0] if after else inside[-1]
        return EventDate(
            chosen.first.isoformat() if chosen.first else None,
            chosen.last.isoformat() if chosen.last else None,
            chosen.granularity, chosen.type, chosen.reason, chosen.start, chosen.end)
    if published is not None:
        return EventDate(published.isoformat(), published.isoformat(), "day", "approximate",
                         "no date in the sentence: the report's publication date")
    return EventDate(None, None, "day", "unresolved",
                     "no date in the sentence and the document has no publication date")


def _is_old(when: EventDate, published: date | None) -> bool:
    if when.last is None or published is None:
        return False
    return date.fromisoformat(when.last) < published - timedelta(days=BACKGROUND_DAYS)


def _controller(trigger: Trigger, side: str | None) -> str | None:
    if trigger.effect == "contested":
        return "contested"
    if trigger.effect == "agent":
        return side or ("UA" if trigger.action == "liberated" else None)
    if trigger.effect == "other" and side:
        return "RU" if side == "UA" else "UA"
    return None
