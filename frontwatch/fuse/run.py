"""Run fusion over a store: copies → events → reliability → control timelines.

``fuse_store(store)`` redoes everything; ``fuse_store(store, doc_ids)`` (what ingest calls)
re-fuses only the places that can change — those the mentions of the new documents name, of
documents no fusion has committed yet (a failed or killed run's), and of documents whose
copy origin changed (their mentions are credited to another outlet), closed over documents
fusion dates from their year-less words (``tables.places_to_refuse``) — then re-scores
sources and rebuilds the timelines, which read the fused events (far fewer than mentions).
Event ids are functions of the events' content, so the result equals a whole re-fuse of the
same documents whatever order they arrived in. It all runs in one write transaction
(``BEGIN IMMEDIATE``): concurrent ingests fuse one after the other, and a failure leaves
the fused tables as they were.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from frontwatch.control import Interval, assessed_timelines, claimed_timelines, observe
from frontwatch.control.state import assess_places
from frontwatch.fuse import Reread, ResolveMany, contradictions, resolve_events, resolve_group
from frontwatch.fuse.copies import find_copies, text_signature
from frontwatch.model import FusedEvent, Mention, statement_source
from frontwatch.reliability import Vote, discover_truth
from frontwatch.store import Store
from frontwatch.theatres import Theatre, load_theatre
from frontwatch.time import find_time_expressions
from frontwatch.store import control as control_tables
from frontwatch.store import fusion as tables

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FuseSummary:
    copies: int
    mentions: int
    events: int
    statuses: dict[str, int]
    sources: int
    intervals: int
    places: int | None  # places re-fused; None when everything was


def fuse_store(store: Store, doc_ids: Iterable[str] | None = None, engine=None) -> FuseSummary:
    """Fuse the whole store, or only the places that ``doc_ids`` (and the documents no
    fusion has seen yet) can change; see the module docstring. With an ``engine`` that has
    workers (``frontwatch.engines``), the events of each place are fused on them, places
    partitioned across the workers; the store is written here either way."""
    conn = store.conn
    with store.atomic():
        unseen = _sign_unseen(conn)
        copies = find_copies(*tables.signatures_and_order(conn))
        recredited = tables.replace_copies(conn, copies)
        place_keys = None if doc_ids is None else tables.places_to_refuse(
            conn, {*doc_ids, *unseen, *recredited})
        mentions = tables.load_mentions(conn, place_keys)
        events = resolve_events(mentions, _reread_in(load_theatre()), _on(engine))
        tables.replace_events(conn, place_keys, events, contradictions(events))
        sources = _score_sources(conn)
        intervals = _timelines(conn, load_theatre())
        control_tables.replace_intervals(conn, intervals)
    return FuseSummary(len(copies), len(mentions), len(events),
                       dict(Counter(e.status for e in events)), sources, len(intervals),
                       None if place_keys is None else len(place_keys))


def _timelines(conn, theatre: Theatre) -> list[Interval]:
    """Every layer of every place's timeline: the claimed ones from the fused events (all
    sources, and each side's claimants), the assessed one from the state model over every
    control statement."""
    from frontwatch.places.gazetteer import load_gazetteer
    rows = tables.control_events(conn)
    observations = [(observe(row["id"], row["place_id"], row["controller"],
                             date.fromisoformat(row["date_first"]),
                             date.fromisoformat(row["date_last"]), row["date_granularity"],
                             tuple((row["actions"] or "").split(",")), row["status"],
                             row["support"]), set((row["sides"] or "").split(",")))
                    for row in rows]
    claimed = claimed_timelines(o for o, _ in observations)
    for side in theatre.side_codes:  # what each side says: events its claimants support
        claimed += claimed_timelines((o for o, sides in observations if side in sides),
                                     f"claimed:{side}")
    statements = control_tables.control_statements(conn)
    if not statements:
        return claimed
    prior, gazetteer = theatre.control, load_gazetteer(theatre)
    start = prior.start if prior else min(s.day for s in statements)
    sides: dict[str, str | None] = {}
    for place_id in {s.place_id for s in statements}:
        place = gazetteer.by_id(place_id)
        sides[place_id] = prior.side_at_start(place.country, place.admin1, place.lat, place.lon) \
            if prior and place else None
    assessed = assessed_timelines(assess_places(statements, start, sides, theatre.side_codes),
                                  sides, start)
    return sorted(claimed + assessed, key=lambda i: (i.place_id, i.basis, i.seq))


def _sign_unseen(conn) -> list[str]:
    """Sign the documents no fusion has seen (an empty signature for one without words, so
    it counts as seen); return their ids."""
    signed = [(doc_id, text_signature(text) or b"")
              for doc_id, text in tables.documents_without_signature(conn)]
    tables.save_signatures(conn, signed)
    return [doc_id for doc_id, _ in signed]


def _on(engine) -> ResolveMany | None:
    """Fuse groups of mentions in partitions on the engine's workers; None (here) without."""
    count = getattr(engine, "partitions", 1)
    if count <= 1:
        return None

    def resolve_many(groups: list[list[Mention]]) -> list[list[FusedEvent]]:
        parts = _partition(groups, count)
        return [events for part in engine.map_partitions(resolve_partition, parts)
                for events in part]
    return resolve_many


def _partition(groups: list[list[Mention]], count: int) -> list[list[list[Mention]]]:
    """Consecutive runs of groups with about the same number of mentions each (order kept)."""
    total = sum(map(len, groups))
    parts: list[list[list[Mention]]] = [[]]
    done = 0
    for group in groups:
        if parts[-1] and done >= total * len(parts) / count:
            parts.append([])
        parts[-1].append(group)
        done += len(group)
    return parts


def resolve_partition(groups: list[list[Mention]]) -> list[list[FusedEvent]]:
    """Fuse each group of one partition (runs on a worker, or here)."""
    reread = _process_reread(load_theatre().digest)
    return [resolve_group(group, reread) for group in groups]


@lru_cache(maxsize=2)
def _process_reread(theatre_digest: str) -> Reread:
    """One reader per process and pack (the digest is the cache key): its own cache of
    readings then serves every partition the process fuses."""
    return _reread_in(load_theatre())


def _reread_in(theatre: Theatre) -> Reread:
    """Read a date's words against a reference day with the theatre's time resolver."""
    @lru_cache(maxsize=4096)
    def reread(words: str, reference: date) -> tuple[date, date] | None:
        for found in find_time_expressions(words, reference, theatre):
            if found.first is not None:
                return found.first, found.last
        return None
    return reread


def _score_sources(conn) -> int:
    """Truth discovery over every fused event; writes source scores and event support, and
    returns the number of sources scored. The state model weighs statements by these."""
    votes, values, names = [], {}, {}
    rows = tables.load_votes(conn)
    component = _contradiction_components(rows)
    for row in rows:
        if row["role"] == "neutral":
            continue
        source, name, _ = statement_source(row)
        names.setdefault(source, (name, row["claimant_side"]))
        obj = component.get(row["id"], row["id"])
        value = row["controller"] or "happened"
        values.setdefault(obj, set()).add(value)
        votes.append(Vote(obj, value, row["role"] == "supports", source))
    found = discover_truth(votes, {obj: tuple(sorted(v)) for obj, v in values.items()})
    support = {}
    for row in rows:
        obj = component.get(row["id"], row["id"])
        if obj in found.posteriors:
            support[row["id"]] = found.posteriors[obj].get(row["controller"] or "happened", 0.0)
    tables.save_reliability(conn, found.scores, names, support)
    return len(found.scores)


def _contradiction_components(rows) -> dict[str, str]:
    """Event id -> the smallest id of its group of mutually contradicting events."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for event_id, contradicts in {row["id"]: row["contradicts"] for row in rows}.items():
        for other in json.loads(contradicts):
            a, b = sorted((root(event_id), root(other)))
            parent[b] = a
    return {event_id: root(event_id) for event_id in parent}
