"""Fuse event mentions from many documents into one record per real event.

Mentions are grouped by (type, place, controller): only mentions that agree on those can be
the same real event. Inside a group they are ordered by date and clustered around a leader:
day-dated mentions join a cluster whose first day is at most ``DAY_WINDOW`` days earlier;
mentions dated by a week, month or range join the one day-cluster their range holds, else
cluster among themselves; undated mentions take the date of the one cluster their document
can be about, with the reason, or stay honestly unresolved. Each group is sorted once and
scanned once, so fusion is O(n log n) in mentions and groups are independent (fusion can be
partitioned by place).

Mentions with no place are not fused: without a place two reports cannot be told to be the
same event. They stay listed as mentions.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from frontwatch.fuse.status import SUPPORTING, judge_status

VERSION = "fuse.v1"

# Two day-dated reports of the same kind of event at the same place at most this many days
# apart are one event: "yesterday" in a report published after midnight, and wire copy
# dated a day late, put true duplicates one or two days apart. A wider window merges an
# ISW daily "continue to hold X" series into week-long blocks, which the timelines do not
# need. Re-run `frontwatch eval control` after changing it.
DAY_WINDOW = 2
# An undated mention is repaired from an event dated at most this many days before its
# document's publication: reports speak of the last few days.
REPAIR_WINDOW = 10


@dataclass(frozen=True, slots=True)
class Mention:
    """What fusion needs of one stored event mention."""

    doc_id: str
    seq: int
    type: str
    place_key: str  # the place id, or "text:" + the spelling when it stayed unresolved
    place_id: str | None
    place_text: str
    controller: str | None
    action: str
    first: date | None
    last: date | None
    granularity: str
    date_type: str
    source: str  # who makes the statement: "actor:ID", "claimant:NAME" or "outlet:NAME"
    source_name: str  # how to show it: the actor's or claimant's name, or the outlet
    claimant_side: str | None
    stance: str
    outlet: str  # the independence unit: the outlet of the document's copy-group origin
    published: date | None

    @property
    def is_single_day(self) -> bool:
        return self.first is not None and self.first == self.last


@dataclass(frozen=True, slots=True)
class Member:
    """A mention inside a fused event, with its date after repair."""

    mention: Mention
    role: str  # supports, denies, neutral
    first: date | None
    last: date | None
    repair_reason: str | None


@dataclass(frozen=True, slots=True)
class FusedEvent:
    id: str
    type: str
    place_key: str
    place_id: str | None
    place_text: str
    controller: str | None
    first: date | None
    last: date | None
    granularity: str
    date_type: str
    date_reason: str
    status: str
    status_reason: str
    members: tuple[Member, ...]
    n_outlets: int
    sides: tuple[str, ...]
    actions: tuple[str, ...]  # of the supporting mentions, most common first


def role_of(stance: str) -> str:
    if stance in SUPPORTING:
        return "supports"
    return "denies" if stance == "denies" else "neutral"


def group_key(m: Mention) -> tuple[str, str, str]:
    return m.type, m.place_key, m.controller or ""


def resolve_events(mentions: Iterable[Mention]) -> list[FusedEvent]:
    """Fuse mentions into events; every mention lands in exactly one event."""
    groups: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[group_key(m)].append(m)
    events: list[FusedEvent] = []
    for key in sorted(groups):
        events.extend(resolve_group(groups[key]))
    return events


def resolve_group(mentions: list[Mention]) -> list[FusedEvent]:
    """Fuse the mentions of one (type, place, controller) group."""
    ordered = sorted(mentions, key=lambda m: (m.first or date.max, m.last or date.max,
                                              m.doc_id, m.seq))
    clusters: list[_Cluster] = []
    coarse, undated = [], []
    for m in ordered:
        if m.first is None:
            undated.append(m)
        elif m.is_single_day:
            if clusters and (m.first - clusters[-1].anchor).days <= DAY_WINDOW:
                clusters[-1].add(m)
            else:
                clusters.append(_Cluster(m))
        else:
            coarse.append(m)
    day_clusters = list(clusters)
    ranges: list[_Cluster] = []
    for m in coarse:
        inside = [c for c in day_clusters if m.first <= c.anchor <= m.last]
        if len(inside) == 1:
            inside[0].add(m)
        elif ranges and m.first <= ranges[-1].anchor_last and ranges[-1].anchor <= m.last:
            ranges[-1].add(m)
        else:
            ranges.append(_Cluster(m))
    clusters = day_clusters + ranges
    by_document: dict[str, _Cluster] = {}
    for m in undated:
        target, reason = _repair_target(m, clusters)
        if target is not None:
            target.add(m, reason)
        elif m.doc_id in by_document:
            by_document[m.doc_id].add(m)
        else:
            by_document[m.doc_id] = _Cluster(m)
    return [c.freeze() for c in clusters + list(by_document.values())]


def _repair_target(m: Mention, clusters: list[_Cluster]) -> tuple[_Cluster | None, str]:
    """The one dated cluster an undated mention can be about, and why; else (None, "")."""
    dated = [c for c in clusters if c.anchor is not None]
    if m.published is not None:
        window = [c for c in dated
                  if m.published - timedelta(days=REPAIR_WINDOW) <= c.anchor <= m.published]
        if len(window) == 1:
            return window[0], (f"undated in its document (published {m.published}); the only "
                               f"event of this kind here in the {REPAIR_WINDOW} days before")
        return None, ""
    if len(dated) == 1:
        return dated[0], ("undated in a document with no publication date; the only dated "
                          "event of this kind at this place")
    return None, ""


class _Cluster:
    """Mentions gathered around a leader (the earliest-dated one)."""

    __slots__ = ("leader", "anchor", "anchor_last", "mentions", "repairs")

    def __init__(self, leader: Mention) -> None:
        self.leader = leader
        self.anchor, self.anchor_last = leader.first, leader.last
        self.mentions: list[Mention] = [leader]
        self.repairs: dict[tuple[str, int], str] = {}

    def add(self, m: Mention, repair_reason: str | None = None) -> None:
        self.mentions.append(m)
        if repair_reason:
            self.repairs[(m.doc_id, m.seq)] = repair_reason

    def freeze(self) -> FusedEvent:
        first, last, granularity, date_type, date_reason = self._date()
        members = []
        for m in self.mentions:
            reason = self.repairs.get((m.doc_id, m.seq))
            members.append(Member(m, role_of(m.stance), first if reason else m.first,
                                  last if reason else m.last, reason))
        status, status_reason, sides = judge_status(members, self.leader.controller,
                                                    self.leader.type)
        supporting = [x.mention for x in members if x.role == "supports"]
        actions = tuple(a for a, _ in Counter(m.action for m in supporting).most_common())
        lead = self.leader
        return FusedEvent(
            id=_event_id(lead), type=lead.type, place_key=lead.place_key,
            place_id=lead.place_id, place_text=_common_spelling(self.mentions),
            controller=lead.controller, first=first, last=last, granularity=granularity,
            date_type=date_type, date_reason=date_reason, status=status,
            status_reason=status_reason, members=tuple(members),
            n_outlets=len({m.outlet for m in supporting}), sides=sides, actions=actions)

    def _date(self) -> tuple[date | None, date | None, str, str, str]:
        days = Counter(m.first for m in self.mentions
                       if m.is_single_day and (m.doc_id, m.seq) not in self.repairs)
        if days:
            (day, agree), total = days.most_common(1)[0], sum(days.values())
            tied = [d for d, n in days.items() if n == agree]
            day = min(tied)
            others = ", ".join(str(d) for d in sorted(days) if d != day)
            reason = f"{agree} of {total} day-dated mentions give {day}"
            if others:
                reason += f" (others: {others})"
            return day, day, "day", "exact" if 2 * agree >= total else "approximate", reason
        lead = self.leader
        if lead.first is None:
            return None, None, lead.granularity, "unresolved", \
                "no mention of this event is dated"
        return lead.first, lead.last, lead.granularity, lead.date_type, \
            f"dated by its earliest mention's {lead.granularity} ({lead.first}..{lead.last})"


def _common_spelling(mentions: list[Mention]) -> str:
    return Counter(m.place_text for m in mentions).most_common(1)[0][0]


def _event_id(leader: Mention) -> str:
    """A deterministic id from the group and the leading mention; fusion keeps an existing
    event's id when the new cluster shares mentions with it (see ``fuse.run``)."""
    basis = "|".join((leader.type, leader.place_key, leader.controller or "",
                      str(leader.first), leader.doc_id, str(leader.seq)))
    return "ev-" + hashlib.sha1(basis.encode()).hexdigest()[:12]


def contradictions(events: list[FusedEvent]) -> dict[str, list[str]]:
    """Control events at one place, in overlapping days, that name opposite controllers.

    RU against UA only: "contested" overlaps both sides' claims by nature. Events are swept
    per place in date order, so the cost is the sort plus the overlaps found.
    """
    by_place: dict[str, list[FusedEvent]] = defaultdict(list)
    for e in events:
        if e.type == "control" and e.controller in ("RU", "UA") and e.first is not None \
                and e.status != "denied":
            by_place[e.place_key].append(e)
    found: dict[str, list[str]] = defaultdict(list)
    for group in by_place.values():
        group.sort(key=lambda e: (e.first, e.id))
        open_events: list[FusedEvent] = []
        for e in group:
            open_events = [o for o in open_events if o.last + timedelta(days=1) >= e.first]
            for o in open_events:
                if o.controller != e.controller:
                    found[e.id].append(o.id)
                    found[o.id].append(e.id)
            open_events.append(e)
    return found
