"""Labels for the confidence model (``frontwatch.events.confidence``) and its fit.

Two kinds of label:
- gold: every mention the rules find in a gold excerpt, right when gold has it (see
  ``EventsScore.labelled``);
- distant: a control mention in its document's own voice (no claimant: the writer asserts
  it), dated to a day, not recalled, at a place a truth file tracks, in documents published
  inside a window the caller gives (the dev period: never the blind months). It is right
  when a tracker's state at the place within ``DAYS`` of its day is its controller, wrong
  when every tracker that knows the state then says the other side. A claimant's statement
  gets no distant label: a claim the trackers contradict can be read right and still be
  false.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from frontwatch.entities import match_entities
from frontwatch.eval.control import _known_state, read_truth
from frontwatch.eval.events import evaluate_events
from frontwatch.events import extract_events
from frontwatch.events.confidence import Calibration, features, fit
from frontwatch.model import EventMention
from frontwatch.places.gazetteer import Gazetteer, load_gazetteer
from frontwatch.store import Store
from frontwatch.theatres import load_theatre

DAYS = 3
TRACKERS = ("wikipedia", "deepstate")


def gold_labels(store: Store, gold: list[Path]) -> list[tuple[EventMention, int]]:
    labelled = []
    for folder in gold:
        labelled.extend(evaluate_events(store, folder).labelled)
    return labelled


def distant_labels(store: Store, truth: Path, first: date, last: date,
                   gazetteer: Gazetteer | None = None) -> list[tuple[EventMention, int]]:
    theatre = load_theatre()
    gazetteer = gazetteer or load_gazetteer(theatre)
    _, records, _ = read_truth(truth, gazetteer)
    tracked = {place_id for _, place_id in records}
    labelled = []
    for event in _own_voice_control(store, first, last, theatre, gazetteer):
        if event.place.place_id not in tracked:
            continue
        day = date.fromisoformat(event.date.first)
        states = set()
        for source in TRACKERS:
            series = records.get((source, event.place.place_id))
            if series:
                states |= {_known_state(series, day + timedelta(days=k))
                           for k in range(-DAYS, DAYS + 1)}
        states.discard(None)
        if not states or "contested" in states:
            continue
        labelled.append((event, int(event.controller in states)))
    return labelled


def _own_voice_control(store: Store, first: date, last: date, theatre,
                       gazetteer: Gazetteer) -> Iterator[EventMention]:
    rows = store.conn.execute(
        "SELECT clean_text, published FROM documents WHERE published BETWEEN ? AND ? "
        "ORDER BY id", (first.isoformat(), last.isoformat() + "~")).fetchall()
    for text, published in rows:
        day = date.fromisoformat(published[:10])
        entities = match_entities(text, day, theatre, gazetteer)
        for event in extract_events(text, day, entities.places, entities.actors, theatre,
                                    gazetteer, weapons=entities.weapons):
            if event.type == "control" and event.claim.claimant is None \
                    and not event.background and event.place is not None \
                    and event.place.place_id is not None and event.date.first \
                    and event.date.granularity == "day" \
                    and event.controller in theatre.side_codes:
                yield event


def fit_labels(labelled: list[tuple[EventMention, int]], trained_on: str,
               l2: float = 1.0) -> Calibration:
    return fit([features(e) for e, _ in labelled], [y for _, y in labelled], l2, trained_on)
