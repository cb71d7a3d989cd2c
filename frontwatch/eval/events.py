"""``frontwatch eval events``: event mentions against the team's gold (``gold/events``).

A gold event and a system mention match when they have the same type, the system's sentence
holds the gold trigger, and their place spans overlap (or neither has a place). Matching is
one-to-one, in text order. Reported:
- precision and recall per type (system mentions inside the annotated excerpts only);
- exact-day date accuracy: matched events whose gold date is one day (not unresolved) and whose
  system date starts that day; unresolved gold dates must come out unresolved (counted apart);
- claimant accuracy (same actor name, or both the document's own voice) and stance accuracy;
- controller accuracy of matched control events;
- exact-day accuracy after fusion: the same check on the date fusion gives the stored mention
  (its own, or the one repaired from the event it joined — see ``frontwatch.fuse``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from frontwatch.entities import match_entities
from frontwatch.eval.places import read_gold, stored_text
from frontwatch.events import EVENT_TYPES, extract_events
from frontwatch.events.confidence import reliability_table
from frontwatch.model import EventMention
from frontwatch.places.gazetteer import load_gazetteer
from frontwatch.places.names import fold_key
from frontwatch.store import Store
from frontwatch.theatres import load_theatre



@dataclass
class EventsScore:
    gold_digest: str
    gold: Counter = field(default_factory=Counter)
    system: Counter = field(default_factory=Counter)
    matched: Counter = field(default_factory=Counter)
    checks: Counter = field(default_factory=Counter)  # "<check>" and "<check>_ok"
    misses: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)  # system mentions matching no gold
    # every system mention in the excerpts, and whether it is right (matched, and for a
    # control event with gold's controller): what the confidence model is fitted and checked on
    labelled: list[tuple[EventMention, int]] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        def ratio(a: float, b: float) -> float:
            return round(a / b, 4) if b else 0.0
        result = {}
        for type_ in EVENT_TYPES:
            if self.gold[type_] or self.system[type_]:
                result[f"{type_}_precision"] = ratio(self.matched[type_], self.system[type_])
                result[f"{type_}_recall"] = ratio(self.matched[type_], self.gold[type_])
        for check in ("date_exact_day", "date_unresolved", "claimant", "stance", "controller",
                      "date_exact_day_after_fusion"):
            result[f"{check}_accuracy"] = ratio(self.checks[f"{check}_ok"], self.checks[check])
        return result

    def reliability(self) -> dict:
        """How well the mentions' confidences match how often they are right."""
        return reliability_table([(e.confidence or 0.0, y) for e, y in self.labelled])


def evaluate_events(store: Store, gold_path: Path) -> EventsScore:
    theatre = load_theatre()
    gazetteer = load_gazetteer(theatre)
    excerpts, digest = read_gold(gold_path, items="events")
    score = EventsScore(gold_digest=digest)
    for excerpt in excerpts:
        text, published = stored_text(store, excerpt)
        entities = match_entities(text, published, theatre, gazetteer)
        found = extract_events(text, published, entities.places, entities.actors, theatre,
                               gazetteer)
        _score_excerpt(score, excerpt, found, _fused_dates(store, excerpt["doc"]))
    return score


def _fused_dates(store: Store, doc: str) -> dict[tuple[str, int, int | None], str | None]:
    """(type, trigger start, place start) -> the stored mention's date after fusion."""
    doc_id = store.resolve_document_id(doc)
    return {(row[0], row[1], row[2]): row[3] for row in store.conn.execute(
        "SELECT e.type, e.trigger_start, e.place_start, COALESCE(m.date_first, e.date_first) "
        "FROM event_mentions e LEFT JOIN event_members m ON m.doc_id = e.doc_id "
        "AND m.seq = e.seq WHERE e.doc_id = ?", (doc_id,))}


def _score_excerpt(score: EventsScore, excerpt: dict, found: list[EventMention],
                   fused: dict | None = None) -> None:
    low, high = excerpt["excerpt"]
    system = [e for e in found if low <= e.trigger_start < high]
    for event in system:
        score.system[event.type] += 1
    used: set[int] = set()
    matched: dict[int, dict] = {}
    for gold in excerpt["events"]:
        score.gold[gold["type"]] += 1
        match = next((i for i, e in enumerate(system) if i not in used and _same(gold, e)), None)
        if match is None:
            score.misses.append({"doc": excerpt["doc"], "type": gold["type"],
                                 "trigger": gold["trigger"]["text"],
                                 "at": gold["trigger"]["start"],
                                 "place": (gold.get("place") or {}).get("text")})
            continue
        used.add(match)
        matched[match] = gold
        score.matched[gold["type"]] += 1
        _check_arguments(score, gold, system[match])
        when = gold.get("date") or {}
        if fused is not None and when.get("granularity") == "day" and when.get("start") \
                and when.get("type") != "unresolved":
            event = system[match]
            key = (event.type, event.trigger_start, event.place.start if event.place else None)
            score.checks["date_exact_day_after_fusion"] += 1
            score.checks["date_exact_day_after_fusion_ok"] += \
                fused.get(key, event.date.first) == when["start"]
    right = {i for i, gold in matched.items() if gold["type"] != "control"
             or gold.get("controller") == system[i].controller}
    score.labelled.extend((event, int(i in right)) for i, event in enumerate(system))
    for i, event in enumerate(system):
        if i not in used:
            score.spurious.append({"doc": excerpt["doc"], "type": event.type,
                                   "trigger": event.trigger, "at": event.trigger_start,
                                   "place": event.place.text if event.place else None,
                                   "controller": event.controller})


def _same(gold: dict, event: EventMention) -> bool:
    if gold["type"] != event.type or not event.start <= gold["trigger"]["start"] < event.end:
        return False
    place = gold.get("place")
    if not place or "start" not in place:
        return True
    return event.place is not None and event.place.start < place["end"] and \
        place["start"] < event.place.end


def _check_arguments(score: EventsScore, gold: dict, event: EventMention) -> None:
    when = gold.get("date") or {}
    if when.get("type") == "unresolved":
        score.checks["date_unresolved"] += 1
        score.checks["date_unresolved_ok"] += event.date.type == "unresolved"
    elif when.get("granularity") == "day" and when.get("start"):
        score.checks["date_exact_day"] += 1
        score.checks["date_exact_day_ok"] += event.date.first == when["start"]
    claimant = (gold.get("claimant") or {}).get("name")
    score.checks["claimant"] += 1
    score.checks["claimant_ok"] += _same_claimant(claimant, event.claim.claimant)
    score.checks["stance"] += 1
    score.checks["stance_ok"] += gold.get("stance") == event.claim.stance
    if gold["type"] == "control":
        score.checks["controller"] += 1
        score.checks["controller_ok"] += gold.get("controller") == event.controller


def _same_claimant(gold: str | None, system: str | None) -> bool:
    if gold is None or system is None:
        return gold is None and system is None
    return fold_key(gold) == fold_key(system)
