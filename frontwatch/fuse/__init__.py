"""Fuse event mentions from many documents into one record per real event.

Mentions are grouped by (type, place): only mentions that agree on those can be the same real
event. Inside a group they are ordered by date and clustered around leaders: a day-dated
mention joins a recent cluster whose first day is at most ``DAY_WINDOW`` days earlier and
whose controller is compatible (the same, or one of them unknown); mentions dated by a week,
month or range join the one day-cluster their range holds, else cluster among themselves;
undated mentions take the date of the cluster their document can be about, with the reason;
in a document with no publication date that fusion dated from its year-less dates, the others
take that day (as undated sentences of a dated report take its publication day) unless they
recall earlier events; the rest stay honestly unresolved. Each group is sorted once and
scanned once (a mention looks only at the clusters of the last few days), so fusion is
O(n log n) in mentions, and groups are independent: fusion can be partitioned by place.

Mentions with no place are not fused: without a place two reports cannot be told to be the
same event. They stay listed as mentions.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
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
    date_text: str | None = None  # the words of an unresolved date ("July 3" with no year)
    dated_by_fusion: bool = False  # ``published`` is a reference day fusion found, not metadata
    sentence: int | None = None  # its sentence's start: claimants of one sentence are one report
    background: bool = False  # a recalled event, not the news of its document's day

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


_ACRONYM = re.compile(r"\s*\([A-Z][A-Z/]+\)$")


def outlet_unit(outlet: str | None, origin_id: str) -> str:
    """The outlet credited with a document: its copy-group origin's outlet, spelled one way
    ("Institute for the Study of War (ISW)" is "Institute for the Study of War")."""
    return _ACRONYM.sub("", outlet) if outlet else "document " + origin_id[:12]


def source_of(actor_id: str | None, claimant: str | None, outlet: str) -> tuple[str, str]:
    """(key, name) of who makes a statement: the claimant's actor, the claimant's own words,
    or the outlet speaking in its own voice."""
    if actor_id:
        return "actor:" + actor_id, claimant or actor_id
    if claimant:
        return "claimant:" + claimant.lower(), claimant
    return "outlet:" + outlet, outlet


def role_of(stance: str) -> str:
    if stance in SUPPORTING:
        return "supports"
    return "denies" if stance == "denies" else "neutral"


def group_key(m: Mention) -> tuple[str, str]:
    return m.type, m.place_key


def compatible(a: str | None, b: str | None) -> bool:
    """Controllers that can be one event's: equal, or one unknown and the other a side.

    An unknown controller comes from a change of hands whose side the sentence does not name
    ("has fallen", a withdrawal, a denial): it can be RU's or UA's event, not a state of
    fighting, so it never joins "contested".
    """
    if a is None or b is None:
        return (a or b) != "contested"
    return a == b


# Reads year-less words ("July 3") against a reference day: (first, last) or None.
Reread = Callable[[str, date], tuple[date, date] | None]


def resolve_events(mentions: Iterable[Mention], reread: Reread | None = None,
                   ) -> list[FusedEvent]:
    """Fuse mentions into events; every mention lands in exactly one event.

    Two passes: the first repairs year-less dates from the events they name; a document with
    no publication date then takes as its reference day the day of the best-attested event
    its year-less dates named (most sources; a month-only date also fits lesser events),
    and the second pass repairs its undated mentions against that day.
    """
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[group_key(m)].append(m)
    events = {key: resolve_group(groups[key], reread) for key in groups}
    best: dict[str, tuple[int, date]] = {}
    for group in events.values():
        for event in group:
            attested = len({x.mention.source for x in event.members})
            for member in event.members:
                m = member.mention
                if m.published is None and member.repair_reason and m.date_text:
                    best[m.doc_id] = max(best.get(m.doc_id, (0, date.min)),
                                         (attested, member.last))
    reference = {doc_id: day for doc_id, (_, day) in best.items()}
    for key, group in groups.items():
        if any(m.first is None and m.doc_id in reference for m in group):
            events[key] = resolve_group(
                [replace(m, published=reference[m.doc_id], dated_by_fusion=True)
                 if m.first is None and m.doc_id in reference else m for m in group], reread)
    return [event for key in sorted(events) for event in events[key]]


def resolve_group(mentions: list[Mention], reread: Reread | None = None) -> list[FusedEvent]:
    """Fuse the mentions of one (type, place) group.

    A cluster's controller is its first known one; a mention joins only a cluster with a
    compatible controller, preferring the same controller over an unknown one.
    """
    ordered = sorted(mentions, key=lambda m: (m.first or date.max, m.last or date.max,
                                              m.doc_id, m.seq))
    day_clusters: list[_Cluster] = []
    coarse, undated = [], []
    for m in ordered:
        if m.first is None:
            undated.append(m)
        elif m.is_single_day:
            recent = []
            for c in reversed(day_clusters):  # sorted by anchor: stop at the window's edge
                if (m.first - c.anchor).days > DAY_WINDOW:
                    break
                if compatible(c.controller, m.controller):
                    recent.append(c)
            if recent:
                _best_fit(recent, m).add(m)
            else:
                day_clusters.append(_Cluster(m))
    for m in ordered:
        if m.first is not None and not m.is_single_day:
            coarse.append(m)
    ranges: list[_Cluster] = []
    for m in coarse:
        inside = [c for c in day_clusters if m.first <= c.anchor <= m.last
                  and compatible(c.controller, m.controller)]
        overlapping = [c for c in ranges if m.first <= c.anchor_last and c.anchor <= m.last
                       and compatible(c.controller, m.controller)]
        if len(inside) == 1:
            inside[0].add(m)
        elif overlapping:
            _best_fit(overlapping, m).add(m)
        else:
            ranges.append(_Cluster(m))
    clusters = day_clusters + ranges
    leftovers: dict[tuple[str, str | None], _Cluster] = {}
    for m in undated:
        fitting = [c for c in clusters if compatible(c.controller, m.controller)]
        target, reason = _repair_target(m, fitting, reread)
        if target is not None:
            target.add(m, reason)
            continue
        dated = _reference_date(m, reread) if m.dated_by_fusion and not m.background \
            else None
        key = (m.doc_id, m.controller, dated[:2] if dated else None)
        if key in leftovers:
            leftovers[key].add(m, dated[2] if dated else None)
        else:
            leftovers[key] = _Cluster(m, dated)
    return [c.freeze() for c in clusters + list(leftovers.values())]


def _best_fit(clusters: list[_Cluster], m: Mention) -> _Cluster:
    """The cluster with the same controller if there is one, else the first given."""
    return next((c for c in clusters if c.controller == m.controller), clusters[0])


def _repair_target(m: Mention, clusters: list[_Cluster], reread: Reread | None,
                   ) -> tuple[_Cluster | None, str]:
    """The dated cluster an undated mention is about, and why; else (None, "").

    - Year-less words ("July 3", "in July") take the event they name in some year: the one
      cluster they fit when read against its day, or the best attested of several.
    - Otherwise, in a dated document (or one fusion dated), the latest event of this kind
      at this place in the ``REPAIR_WINDOW`` days up to its date: reports tell the news.
    - Otherwise, the only dated event of this kind at this place, if there is one.
    """
    dated = [c for c in clusters if c.anchor is not None]
    if reread is not None and m.date_text and _YEARLESS.search(m.date_text) \
            and not _YEAR.search(m.date_text):
        fits = [c for c in dated if _fits(reread(m.date_text, c.anchor), c.anchor)]
        if fits:
            fits.sort(key=lambda c: -len({x.source for x in c.mentions}))
            if len(fits) == 1 or len({x.source for x in fits[0].mentions}) > \
                    len({x.source for x in fits[1].mentions}):
                return fits[0], (f"'{m.date_text}' has no year; read in {fits[0].anchor.year} "
                                 f"it names this event's day" + (
                                     f" (the best attested of {len(fits)} that fit)"
                                     if len(fits) > 1 else ""))
    if m.published is not None:
        # by the day the event gets (its mentions' vote), not its earliest mention's
        window = [c for c in dated if m.published - timedelta(days=REPAIR_WINDOW)
                  <= c.voted_day() <= m.published]
        if window:
            which = "only event" if len(window) == 1 else f"latest of {len(window)} events"
            since = ("dated by fusion from its year-less dates" if m.dated_by_fusion
                     else "published")
            return max(window, key=lambda c: c.voted_day()), (
                f"undated in its document ({since} {m.published}); the {which} of this kind "
                f"here in the {REPAIR_WINDOW} days before")
        return None, ""
    if len(dated) == 1:
        return dated[0], ("undated in a document with no publication date; the only dated "
                          "event of this kind at this place")
    return None, ""


_YEARLESS = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _reference_date(m: Mention, reread: Reread | None) -> tuple[date, date, str]:
    """The date of an undated mention no event took, in a document fusion dated: its own
    year-less words read against the document's reference day, else that day itself (a report
    tells the news of its day, as an undated sentence of a dated report takes its
    publication date)."""
    day = m.published
    if reread is not None and m.date_text:
        read = reread(m.date_text, day)
        if read is not None:
            return read[0], read[1], (f"'{m.date_text}' has no year; read against its "
                                      f"document's reference day {day} (dated by fusion "
                                      f"from its year-less dates)")
    return day, day, (f"undated in a document with no publication date; fusion dated the "
                      f"document to {day} from its year-less dates, and its undated "
                      f"sentences tell that day's news")


def _fits(read: tuple[date, date] | None, anchor: date) -> bool:
    return read is not None and read[0] - timedelta(days=DAY_WINDOW) <= anchor <= read[1]


class _Cluster:
    """Mentions gathered around a leader (the earliest-dated one)."""

    __slots__ = ("leader", "anchor", "anchor_last", "mentions", "repairs", "controller",
                 "_voted")

    def __init__(self, leader: Mention, dated: tuple[date, date, str] | None = None) -> None:
        """``dated``: the repaired date of an undated leader, with the reason."""
        self.leader = leader
        self.controller = leader.controller
        self.anchor, self.anchor_last = dated[:2] if dated else (leader.first, leader.last)
        self.mentions: list[Mention] = [leader]
        self.repairs: dict[tuple[str, int], str] = {}
        self._voted: date | None = None
        if dated:
            self.repairs[(leader.doc_id, leader.seq)] = dated[2]

    def add(self, m: Mention, repair_reason: str | None = None) -> None:
        self.mentions.append(m)
        if self.controller is None:
            self.controller = m.controller
        if repair_reason:
            self.repairs[(m.doc_id, m.seq)] = repair_reason

    def voted_day(self) -> date:
        """The first day the event will get; asked only once every dated mention is in (the
        repaired ones it gains after that do not vote)."""
        if self._voted is None:
            self._voted = self._date()[0] or self.anchor
        return self._voted

    def freeze(self) -> FusedEvent:
        first, last, granularity, date_type, date_reason = self._date()
        members = []
        for m in self.mentions:
            reason = self.repairs.get((m.doc_id, m.seq))
            members.append(Member(m, role_of(m.stance), first if reason else m.first,
                                  last if reason else m.last, reason))
        status, status_reason, sides = judge_status(members, self.controller,
                                                    self.leader.type)
        supporting = [x.mention for x in members if x.role == "supports"]
        actions = tuple(a for a, _ in Counter(m.action for m in supporting).most_common())
        lead = self.leader
        return FusedEvent(
            id=_event_id(lead), type=lead.type, place_key=lead.place_key,
            place_id=lead.place_id, place_text=_common_spelling(self.mentions),
            controller=self.controller, first=first, last=last, granularity=granularity,
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
        if lead.first is None and self.anchor is not None:
            granularity = "day" if self.anchor == self.anchor_last else lead.granularity
            return self.anchor, self.anchor_last, granularity, "approximate", \
                self.repairs[(lead.doc_id, lead.seq)]
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
