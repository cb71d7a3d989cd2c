"""Events and claims: typed event mentions, each argument a span, with the claim around them.

For each sentence that holds a trigger word (``triggers``), unless the word is used in
another sense (``senses``: "a referendum was held", "footage captured by") or the clause
plans, conditions or supposes it (``modality``):
1. the place arguments are the place mentions of the trigger's clause (after the trigger, or
   before it for "X was captured"), leaving out places that only locate another one
   ("10 km south of X") and oblasts that qualify a settlement ("X in Kharkiv Oblast"); a
   sentence that names no place but says "the city"/"it" carries the last place over;
2. the side that acted, and from it the controller of a control event (``sides.agent_side``);
3. the claims: claimant, stance, hedges (``claims.read_claims``), one mention per claim;
4. the date: the time expression of the trigger's clause, else of its sentence (not for a
   state in the present tense, nor a day that dates an earlier event: "following the
   withdrawal on June 24"); "the past 24 hours" is the report's day; a place described as it
   stands ("a city which is under Russian occupation") and a sentence without a date take the
   publication date (approximate: a report tells the day's news) unless background; else,
   for a report without one, the day it names most often (``_news_day``); else unresolved;
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

from frontwatch.control import CHANGE_ACTIONS
from frontwatch.events import claims, sides
from frontwatch.events.arguments import carried_place, is_adjective, place_arguments
from frontwatch.events.confidence import load_calibration
from frontwatch.events.modality import modality
from frontwatch.events.quantities import Quantity, find_quantities
from frontwatch.events.senses import is_other_sense
from frontwatch.events.triggers import ANY_TRIGGER, Trigger, find_triggers, may_have_trigger
from frontwatch.model import (ActorMention, Doc, EventDate, EventMention, PlaceMention,
                              WeaponMention)
from frontwatch.places.gazetteer import Gazetteer, load_gazetteer
from frontwatch.theatres import Theatre, load_theatre
from frontwatch.time import TimeExpr, find_time_expressions
from frontwatch.time.lexicon import MONTHS

VERSION = "events.v6"
EVENT_TYPES = ("control", "strike", "casualties", "territory", "annexation", "evacuation",
               "mobilization")

BACKGROUND_DAYS = 7  # an event dated this long before publication is recalled, not news
# A sentence ends at a stop followed by space and a capital, at a line break, or at a stop
# glued to the next sentence's first word ("operations.Select": paragraphs joined without a
# newline). The glued stop needs a lower-case word or a number before it and a capitalised
# word after it, which keeps "U.S.Army", "bbc.co.uk" and decimals whole.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*(?:\[\d+\])*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|\n"
                           r"|(?<=[a-z0-9][a-z0-9][.!?])(?:\[\d+\])*(?=[A-Z][a-z])")
_ABBREVIATION = re.compile(r"\b(?:[A-Z]|Gen|Lt|Col|Maj|Capt|Sgt|Mr|Mrs|Ms|Dr|St|U\.S|vs|No|Jr)\.$")
_BACKGROUND = re.compile(
    r"\b(?:previously|earlier|formerly|had (?:been |already )?(?:\w+ed|taken|seized)|"
    r"(?:occupied|held|controlled) since|since (?:the (?:start|beginning)|20\d\d)|in 2014)\b",
    re.IGNORECASE)
# "came little more than a week after Ukrainian units left X": the trigger tells an event a
# stated time before the one the sentence reports.
# "After heavy fighting for X, the defenders withdrew": a fronted "after" clause tells what
# came before the sentence's news.
_AFTER_CLAUSE = re.compile(r"[\W\d]*(?:After|Following)\s[^,;]*$")
_EARLIER_BY = re.compile(r"\b(?:days?|weeks?|months?|years?)\s+after\s+(?:[\w’'-]+\s+){0,4}$",
                         re.IGNORECASE)
# "Since the start of the offensive in", "since": an open period that reaches the present.
_SINCE = re.compile(r"\bsince\b[^.;]*$", re.IGNORECASE)
_OWN_FORCES = re.compile(r"\b(?:its|our|their)\s+(?:own\s+)?(?:forces|troops|units|army|"
                         r"soldiers|servicemen|defenders)\b", re.IGNORECASE)
# A phrase after the trigger that dates another, earlier event: "following the completion of
# the withdrawal on June 24", "after the fall of X on May 3".
_SEQUENCE = re.compile(r"\b(?:following|after|since|prior to)\s+the\s+\w+\s+of\b",
                       re.IGNORECASE)
_PRESENT_STATE = re.compile(r"(?:still |continue to |continues to )?(?:hold|holds|retain|"
                            r"retains|control|controls|remains? under .*)", re.IGNORECASE)
_STANDING = re.compile(r"\b(?:which|that)\s+(?:is|are|remains?)\s+(?:still\s+)?$")
_HOURS = re.compile(r"\bhours\b", re.IGNORECASE)
# A part of a place, not the place: "portions of", "the eastern outskirts of", "a quarter of
# the city", "a foothold in eastern X", "two-thirds of", "75% of", "almost all of" — the rest
# is still fought over; and a partial hold told by the verb ("partially control X").
_PARTITIVE = re.compile(r"(?:\b(?:portions?|parts?|outskirts|quarters?|thirds?|half|areas?|"
                        r"districts?|neighbou?rhoods?|bank|sections?|streets?|foothold|most|"
                        r"much|majority|bulk|(?:almost|nearly|virtually)\s+all)"
                        r"|\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent))[”\"]?\s+(?:of|in)\s+(?:the\s+)?(?:[\w()’'-]+\s+){0,2}$",
                        re.IGNORECASE)
_PARTIAL_HOLD = re.compile(r"\bpartial(?:ly)?\b", re.IGNORECASE)
_ALTERNATIVE = re.compile(r"\bor\b", re.IGNORECASE)
# Where a trigger's clause ends: a relative or contrasting clause, also after an appositive
# (", an industrial town that Ukraine had held since 2014": that date is the town's, not the
# capture's), a semicolon or a dash.
_CLAUSE_END = re.compile(r",\s+(?:(?:an?|the)\s+[^,;.]{1,60}?\s+)?(?:which|who|where|when|while|"
                         r"but|although|though|that)\b|;|\s[—–]\s")
_PLACE_NEEDED = {"control", "strike"}
_CHANGES = frozenset({"captured", "liberated"})
# Events that are campaigns: trying to mobilize people is mobilizing them, while trying to
# capture a town is not capturing it.
_CAMPAIGNS = {"mobilization", "evacuation"}
_EFFORT = re.compile(r"\b(?:attempt(?:s|ed|ing)?|tr(?:y|ies|ied|ying)|efforts?|"
                     r"continu(?:e|es|ed|ing)|began|begun|begin(?:s|ning)?|start(?:s|ed|ing)?)"
                     r"\s+(?:efforts?\s+)?to\s+$", re.IGNORECASE)


def find_events(doc: Doc) -> None:
    """Stage: fill ``doc.events`` from the clean text, its places and actors."""
    doc.events = tuple(extract_events(doc.clean_text, doc.published_day(), doc.places,
                                      doc.actors, weapons=doc.weapons))


def extract_events(text: str, published: date | None, places: tuple[PlaceMention, ...],
                   actors: tuple[ActorMention, ...], theatre: Theatre | None = None,
                   gazetteer: Gazetteer | None = None,
                   times: list[TimeExpr] | None = None,
                   weapons: tuple[WeaponMention, ...] = ()) -> list[EventMention]:
    """Every event mention of one document, in text order; a strike carries the weapon its
    sentence names nearest its trigger."""
    theatre = theatre or load_theatre()
    gazetteer = gazetteer or load_gazetteer(theatre)
    if not ANY_TRIGGER.search(text):
        return []
    if times is None:
        times = find_time_expressions(text, published, theatre)
    place_starts = [p.start for p in places]
    actors = tuple(sorted(actors, key=lambda a: a.start))
    actor_starts = [a.start for a in actors]
    news_day = _news_day(text, times) if published is None else None
    if published is not None:
        # a time that begins after the report cannot date what the report tells as done or
        # under way ("crypto-mobilization ahead of the expected summer 2024 offensive")
        times = [t for t in times if t.first is None or t.first <= published]
    times = _Times(times)
    events: list[EventMention] = []
    for start, end in _sentences_with_triggers(text):
        sentence_places = places[bisect_left(place_starts, start):bisect_left(place_starts, end)]
        sentence_actors = list(
            actors[bisect_left(actor_starts, start):bisect_left(actor_starts, end)])
        told: dict[tuple, EventMention] = {}
        for trigger in find_triggers(text[start:end], start):
            for event in _events_of(text, start, end, trigger, sentence_places, places,
                                    sentence_actors, times, published, gazetteer, theatre,
                                    news_day):
                # "a missile strike hit X": two triggers, one event
                key = (event.type, event.place.start if event.place else None,
                       event.controller, event.quantity, event.claim)
                if key not in told or _is_another_event(text, told[key], event):
                    told[key] = event
                    events.append(event)
    calibration = load_calibration()
    strike_triggers = _strike_triggers(events)
    return [replace(e, confidence=calibration.probability(e),
                    weapon=_weapon(e, weapons, strike_triggers[e.start])
                    if e.type == "strike" else None)
            for e in events]


def _unit_a_change_can_name(place: PlaceMention, held_by: str | None, when: EventDate,
                            gazetteer: Gazetteer, theatre: Theatre) -> PlaceMention:
    """A city its captor held against its country when the timelines start (an area the pack
    lists as held) is not told as changing hands to it; its namesake oblast is ("full
    control of X" months into the war, where city X was held years before it and oblast X
    was not). Only then is the bare name read as the oblast. A city its own country held at
    the start can be lost and retaken ("liberated X"): it keeps its reading."""
    prior = theatre.control
    city = gazetteer.by_id(place.place_id) if place.place_id else None
    # an undated change in a report is read as news of the war the timelines follow; a
    # recalled one names its year ("seized X in 2014") and keeps the city
    if prior is None or city is None or city.kind != "settlement" or (
            when.first is not None and date.fromisoformat(when.first) < prior.start):
        return place
    holder = prior.held_against_country(city.admin1, city.lat, city.lon)
    if holder is None or holder != held_by:
        return place
    oblasts = [p for p in gazetteer.lookup(f"{place.text} Oblast")
               if p.kind == "oblast" and p.admin1 == city.admin1]
    if not oblasts:
        return place
    return replace(place, place_id=oblasts[0].id, candidates=(oblasts[0].id,),
                   reason=f"{place.reason}; the city was held by {held_by} before "
                          f"{prior.start}, so its change of hands is the oblast's")


def _strike_triggers(events: list[EventMention]) -> dict[int, list[tuple[int, int]]]:
    """The strike triggers of each sentence (by its start), in text order."""
    triggers: dict[int, list[tuple[int, int]]] = {}
    for e in events:
        if e.type == "strike":
            triggers.setdefault(e.start, []).append((e.trigger_start, e.trigger_end))
    return triggers


def _distance(start: int, end: int, other_start: int, other_end: int) -> int:
    return max(start - other_end, other_start - end, 0)


def _weapon(event: EventMention, weapons: tuple[WeaponMention, ...],
            sentence_triggers: list[tuple[int, int]]):
    """The weapon named in the strike's sentence, or None. A weapon belongs to the strike
    trigger nearest it ("drones struck X ..., and S-300 missiles struck Y": X gets no
    S-300); of its trigger's weapons, a strike takes the one nearest its place ("struck X
    with S-300 missiles and Y with an Iskander-M")."""
    own = (event.trigger_start, event.trigger_end)
    inside = [w for w in weapons if event.start <= w.start < event.end
              and min(sentence_triggers, key=lambda t: _distance(w.start, w.end, *t)) == own]
    if not inside:
        return None
    anchor = (event.place.start, event.place.end) if event.place else own
    nearest = min(inside, key=lambda w: _distance(w.start, w.end, *anchor))
    return nearest.start, nearest.end, nearest.weapon_id


def _is_another_event(text: str, earlier: EventMention, event: EventMention) -> bool:
    """"withdrew from X, resulting in the seizure of the city": two control events told by
    different actions; "either recaptured or withdrew from X" is one, told two ways."""
    if event.type != "control" or event.action == earlier.action:
        return False
    return not _ALTERNATIVE.search(text, earlier.trigger_end, event.trigger_start)


def _sentences_with_triggers(text: str):
    """Sentence spans that contain a trigger word."""
    boundaries = [0]
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, max(0, match.start() - 6), match.start()):
            continue
        boundaries.append(match.end())
    boundaries.append(len(text))
    for start, end in zip(boundaries, boundaries[1:]):
        # The word prefilter passes every sentence ANY_TRIGGER matches, at a fraction of the
        # cost; a sentence it lets through without a trigger gets none from find_triggers.
        if end > start and may_have_trigger(text[start:end]):
            yield start, end


def _events_of(text, start, end, trigger: Trigger, sentence_places, all_places, actors,
               times, published, gazetteer, theatre, news_day=None) -> list[EventMention]:
    clause = sides.clause_start(text, start, trigger.start)
    told = modality(text, clause, trigger.start, text[trigger.start:trigger.end])
    scope_end = _clause_end(text, trigger.end, end)
    if told == "irrealis" and trigger.type in _CAMPAIGNS and \
            _EFFORT.search(text, max(clause, trigger.start - 40), trigger.start):
        told = ""  # "continue efforts to mobilize citizens": the campaign is under way
    if told == "irrealis" or is_other_sense(text, clause, scope_end, trigger):
        return []
    arguments = place_arguments(text, trigger, clause, start, sentence_places, all_places,
                                gazetteer)
    if not arguments and trigger.type in _PLACE_NEEDED:
        carried = carried_place(text, start, trigger, all_places, gazetteer)
        if carried is None:
            return []
        arguments = [carried]
    quantity = _quantity(text, start, end, trigger)
    if trigger.type == "casualties" and quantity is None:
        return []  # "killed" without a count is not a casualty figure
    adjective = is_adjective(text, trigger)
    if adjective or sides.names_side(text, trigger.start, trigger.end):
        # "the occupied X", "Kremlin-controlled X", "under Russian occupation": only the
        # words of the trigger or joined to it say who holds it, not the clause's subject
        side = sides.names_side(text, trigger.start, trigger.end) or \
            sides.side_joined(text, trigger.start)
    else:
        # "under the control of Ukrainian forces": the side follows, as after a passive
        passive = trigger.passive or " under " in f" {text[trigger.start:trigger.end].lower()}" \
            or sides.agent_follows(text, trigger.end)
        side = sides.agent_side(text, clause, trigger.start, trigger.end, end, passive, actors)
    told_by = claims.read_claims(text, start, end, trigger.start, actors, theatre)
    if adjective and claims.is_before_report(text, start, end, trigger.start):
        # "leaders in Russian-occupied X told ...": the writer's own description of the place
        told_by = [replace(told_by[0], claimant=None, actor_id=None, side=None,
                           stance="asserts", start=None, end=None)]
    if told == "negated":
        if told_by[0].claimant is None:
            return []  # the writer says it did not happen
        # "Sak said X was not controlled by ...": a denial
        told_by = [replace(c, stance="denies") for c in told_by]
    if side is None and _OWN_FORCES.search(text, clause, trigger.start):
        side = told_by[0].side  # "the MoD said its forces had withdrawn": the claimant's side
    attacker_inferred = None
    if side is None and trigger.type == "strike" and arguments:
        # "the Ukrainian-held city of X came under shelling": a side strikes what the other
        # holds, so the place's named holder tells the attacker
        holder = sides.holder_named_before(text, arguments[0].start)
        side = attacker_inferred = theatre.opposite(holder)
    when = _date(text, clause, scope_end, start, end, trigger, times, published, news_day)
    if when.type == "unresolved" and when.provenance == "relative" and news_day is not None \
            and published is None:
        # "in the last two weeks" with no day to count from: the report's own present (a
        # year-less "in late May" names another time; fusion reads it against a day)
        words = text[when.start:when.end]
        when = _undated(None, news_day)
        when = replace(when, reason=f"'{words}' needs a reference day; " + when.reason)
    background = bool(_BACKGROUND.search(text, clause, scope_end)) or _is_old(when, published) \
        or bool(_EARLIER_BY.search(text, max(start, trigger.start - 70), trigger.start)) \
        or bool(_AFTER_CLAUSE.fullmatch(text, start, trigger.start))
    if background and (when.start is None or not start <= when.start < end):
        when = EventDate(None, None, "day", "unresolved",
                         "a recalled event the sentence does not date")
    controller = _controller(trigger, side)
    if trigger.type == "territory" or (
            trigger.type == "control" and quantity and quantity[4] in ("km2", "settlements")
            and clause <= quantity[0] and abs(quantity[0] - trigger.start) < 80):
        kind = "territory"
    else:
        kind = trigger.type
    reason = f"'{text[trigger.start:trigger.end]}'" + (
        f"; acted: {side}" + (" (the other side of the place's named holder)"
                              if attacker_inferred else "") if side else "")
    # "occupied X", "the liberated city": the participle describes who holds the place, not
    # a change of hands told as news
    action = "holds" if adjective and trigger.action in _CHANGES else trigger.action
    made = []
    for place in arguments or [None]:
        if kind == "territory" and place is not None:
            place = None
        told = reason
        if kind == "control" and place is not None and action in CHANGE_ACTIONS:
            unit = _unit_a_change_can_name(place, held_by=controller, when=when,
                                           gazetteer=gazetteer, theatre=theatre)
            if unit is not place:
                place, told = unit, f"{reason}; {unit.reason.rsplit('; ', 1)[-1]}"
        held = controller
        if place is not None and controller in sides.side_words().codes and not adjective and (
                _PARTITIVE.search(text, max(trigger.end, place.start - 60), place.start)
                or _PARTIAL_HOLD.search(text[max(start, trigger.start - 20):trigger.end])):
            held = "contested"  # "captured the eastern outskirts of X": X is split
        for claim in told_by:
            made.append(EventMention(
                kind, start, end, trigger.start, trigger.end, text[trigger.start:trigger.end],
                place, held if kind == "control" else None, action,
                side, quantity, when, claim, background, told))
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


def _date(text: str, clause: int, scope_end: int, start: int, end: int, trigger: Trigger,
          times: list[TimeExpr], published, news_day: TimeExpr | None = None) -> EventDate:
    """The date of the trigger's clause (the first expression after the trigger, else the
    last before it), else of its sentence, else the publication date, else the report's news
    day (``_news_day``)."""
    if _STANDING.search(text, max(0, trigger.start - 24), trigger.start):
        # "Melitopol, a city which is under Russian occupation": the writer describes the
        # place as it stands now; "On Wednesday" elsewhere in the sentence dates the news
        return _undated(published, news_day)
    inside = times.between(clause, scope_end)
    if not inside and not _PRESENT_STATE.fullmatch(text, trigger.start, trigger.end):
        # a state in the present tense ("Ukrainian forces retain a foothold") holds now: a
        # date elsewhere in the sentence dates something else. Nor does a date in a clause
        # that follows the trigger's own ("liberated Kupiansk, which had been occupied on
        # February 27"): that clause tells its own event
        inside = times.between(start, scope_end)
    if inside:
        after = [t for t in inside if t.start >= trigger.end]
        chosen = after[0] if after else inside[-1]
        if chosen in after and _SEQUENCE.search(text, trigger.end, chosen.start):
            # "consolidating positions in X following the withdrawal from X on June 24": the
            # day dates the other event; this one comes after it
            others = [t for t in inside if t.end <= trigger.start]
            if not others:
                return _undated(published, news_day)
            chosen = others[-1]
        if chosen.type == "range" and chosen.last == published and \
                _HOURS.search(chosen.text) and chosen.last - chosen.first <= timedelta(days=2):
            # "in the past 24 hours": the news of the report's own day
            day = published.isoformat()
            return EventDate(day, day, "day", "approximate",
                             f"{chosen.reason}; the report's day within it",
                             chosen.start, chosen.end)
        return EventDate(
            chosen.first.isoformat() if chosen.first else None,
            chosen.last.isoformat() if chosen.last else None,
            chosen.granularity, chosen.type, chosen.reason, chosen.start, chosen.end,
            chosen.provenance)
    return _undated(published, news_day)


def _undated(published: date | None, news_day: TimeExpr | None) -> EventDate:
    """The date of an event its sentence does not date: the publication day, else the
    report's news day, else unresolved."""
    if published is not None:
        return EventDate(published.isoformat(), published.isoformat(), "day", "approximate",
                         "no date in the sentence: the report's publication date")
    if news_day is not None and news_day.granularity == "month":
        return EventDate(news_day.first.isoformat(), news_day.last.isoformat(), "month",
                         "approximate", "no date in the sentence and no publication date: "
                         + news_day.reason, news_day.start, news_day.end)
    if news_day is not None:
        day = news_day.first.isoformat()
        return EventDate(day, day, "day", "approximate",
                         "no date in the sentence and no publication date: the day the report "
                         f"names most often, '{news_day.text}' ({day})",
                         news_day.start, news_day.end)
    return EventDate(None, None, "day", "unresolved",
                     "no date in the sentence and the document has no publication date")


class _Times(list):
    """The document's time expressions in text order, with a window look-up: a trigger reads
    the expressions of its clause without scanning the whole document."""

    def __init__(self, times) -> None:
        super().__init__(sorted(times, key=lambda t: t.start))
        self.starts = [t.start for t in self]

    def between(self, low: int, high: int) -> list[TimeExpr]:
        return self[bisect_left(self.starts, low):bisect_left(self.starts, high)]


def _news_day(text: str, times: list[TimeExpr]) -> TimeExpr | None:
    """The day a report without a publication date tells the news of: the one day its
    resolved expressions name most often (ties: the later day), at its first mention. A
    report reads as the news of one day; its undated sentences belong to it as the undated
    sentences of a dated report belong to its publication day. A day named in a recalled
    clause ("which had been occupied on February 27") is not news."""
    days = [t for t in times if t.granularity == "day" and t.first is not None
            and t.first == t.last and t.type in ("exact", "approximate")
            and not _BACKGROUND.search(text[max(0, t.start - 120):t.start].split(". ")[-1])]
    if not days:
        return _news_month(text, times)
    counts: dict[date, int] = {}
    for t in days:
        counts[t.first] = counts.get(t.first, 0) + 1
    best = max(counts, key=lambda d: (counts[d], d))
    return next(t for t in days if t.first == best)


def _news_month(text: str, times: list[TimeExpr]) -> TimeExpr | None:
    """For a report without a publication date that names no news day: the month its
    present runs from ("Since the start of the offensive in September, troops retook ..."),
    a year-less month read as the first such month after every day the report fixes (what a
    report recalls comes before it)."""
    fixed = [t.last for t in times if t.last is not None]
    for t in times:
        month = MONTHS.get(t.text.strip().capitalize())
        if t.first is not None or t.granularity != "month" or month is None or not fixed or \
                not _SINCE.search(text, max(0, t.start - 60), t.start):
            continue
        latest = max(fixed)
        year = latest.year if month >= latest.month else latest.year + 1
        first = date(year, month, 1)
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
        return replace(t, first=first, last=last, type="approximate", reason=(
            f"the report's present runs since {t.text}, read as {first:%B %Y}: the first "
            f"{t.text} after the latest day it fixes ({latest})"))
    return None


def _is_old(when: EventDate, published: date | None) -> bool:
    if when.last is None or published is None:
        return False
    return date.fromisoformat(when.last) < published - timedelta(days=BACKGROUND_DAYS)


def _controller(trigger: Trigger, side: str | None) -> str | None:
    if trigger.effect == "contested":
        return "contested"
    if trigger.effect == "agent":
        return side or (sides.side_words().liberator if trigger.action == "liberated" else None)
    if trigger.effect == "other" and side:
        return sides.side_words().opposite(side)
    return None
