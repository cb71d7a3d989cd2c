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

Dates may be open or partial, in any year. A mention's span (``Mention.span``) is what
clustering uses: an open "since X" range is a standing state from X, running to its
document's publication day when that is known and not before X (a report says the state still
holds the day it is published), else the single day X; a range with only a last day ("until
X", "before X") is the single day X, the one day its words fix; a range written backwards is
put in order; a mention with neither day is undated. The fused event's dates are the span of
what dated it, so a fused event never has a first day without a last; a member keeps its
mention's own (possibly open) dates unless fusion repaired them.

Results depend only on the set of mentions, never on their order, and an event's id is a
function of its content (type, place, controller and dates; see ``_name_events``), so fusing
a place again from the same mentions gives the same events with the same ids however the
store was filled.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta

from frontwatch.fuse.status import SUPPORTING, judge_status
from frontwatch.model import FusedEvent, Member, Mention, outlet_unit, source_of
from frontwatch.theatres import load_theatre
from frontwatch.time.forms import YEARLESS

# The fused data types live in ``frontwatch.model``; the source keys are re-exported here for
# the callers that build mentions' sources from stored rows.
__all__ = ["DAY_WINDOW", "REPAIR_WINDOW", "VERSION", "FusedEvent", "Member", "Mention", "Reread",
           "compatible", "contradictions", "group_key", "outlet_unit", "resolve_events",
           "resolve_group", "role_of", "source_of"]

VERSION = "fuse.v2"  # v2: open ranges, ids from content, order-independent

# Two day-dated reports of the same kind of event at the same place at most this many days
# apart are one event: "yesterday" in a report published after midnight, and wire copy
# dated a day late, put true duplicates one or two days apart. A wider window merges an
# ISW daily "continue to hold X" series into week-long blocks, which the timelines do not
# need. Re-run `frontwatch eval control` after changing it.
DAY_WINDOW = 2
# An undated mention is repaired from an event dated at most this many days before its
# document's publication: reports speak of the last few days.
REPAIR_WINDOW = 10


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


# Fuses a list of (type, place) groups, each on its own: the groups' events, in order.
ResolveMany = Callable[[list[list[Mention]]], list[list[FusedEvent]]]


def resolve_events(mentions: Iterable[Mention], reread: Reread | None = None,
                   resolve_many: ResolveMany | None = None) -> list[FusedEvent]:
    """Fuse mentions into events; every mention lands in exactly one event.

    Two passes: the first repairs year-less dates from the events they name; a document with
    no publication date then takes as its reference day the day of the best-attested event
    its year-less dates named (most sources; a month-only date also fits lesser events),
    and the second pass repairs its undated mentions against that day. A group's events
    depend on its own mentions only, so ``resolve_many`` may fuse the groups of each pass
    anywhere (on a cluster, partitioned by place); by default they are fused here.
    """
    if resolve_many is None:
        def resolve_many(batch: list[list[Mention]]) -> list[list[FusedEvent]]:
            return [resolve_group(group, reread) for group in batch]

    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[group_key(m)].append(m)
    keys = sorted(groups)
    events = dict(zip(keys, resolve_many([groups[key] for key in keys])))
    best: dict[str, tuple[int, date]] = {}
    for group in events.values():
        for event in group:
            attested = len({x.mention.source for x in event.members})
            for member in event.members:
                m = member.mention
                day = member.last or member.first
                if m.published is None and member.repair_reason and m.date_text and day:
                    best[m.doc_id] = max(best.get(m.doc_id, (0, date.min)), (attested, day))
    reference = {doc_id: day for doc_id, (_, day) in best.items()}
    again = [key for key in keys
             if any(m.span is None and m.doc_id in reference for m in groups[key])]
    redated = [[replace(m, published=reference[m.doc_id], dated_by_fusion=True)
                if m.span is None and m.doc_id in reference else m for m in groups[key]]
               for key in again]
    events.update(zip(again, resolve_many(redated)))
    return [event for key in keys for event in events[key]]


def resolve_group(mentions: list[Mention], reread: Reread | None = None) -> list[FusedEvent]:
    """Fuse the mentions of one (type, place) group.

    A cluster's controller is its first known one; a mention joins only a cluster with a
    compatible controller, preferring the same controller over an unknown one.
    """
    ordered = sorted(mentions, key=_order)
    day_clusters: list[_Cluster] = []
    coarse, undated = [], []
    for m in ordered:
        span = m.span
        if span is None:
            undated.append(m)
        elif span[0] != span[1]:
            coarse.append(m)
        else:
            recent = []
            for c in reversed(day_clusters):  # sorted by anchor: stop at the window's edge
                if (span[0] - c.anchor).days > DAY_WINDOW:
                    break
                if compatible(c.controller, m.controller):
                    recent.append(c)
            if recent:
                _best_fit(recent, m).add(m)
            else:
                day_clusters.append(_Cluster(m))
    ranges: list[_Cluster] = []
    for m in coarse:
        first, last = m.span
        inside = [c for c in day_clusters if first <= c.anchor <= last
                  and compatible(c.controller, m.controller)]
        overlapping = [c for c in ranges if first <= c.anchor_last and c.anchor <= last
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
            and m.published is not None else None
        key = (m.doc_id, m.controller, dated[:2] if dated else None)
        if key in leftovers:
            leftovers[key].add(m, dated[2] if dated else None)
        else:
            leftovers[key] = _Cluster(m, dated)
    return _name_events([c.freeze() for c in clusters + list(leftovers.values())])


def _order(m: Mention) -> tuple:
    """Sort key: by span (undated last), then by the mention's own key, which is unique, so
    the order of the input never matters."""
    return (*(m.span or (date.max, date.max)), m.doc_id, m.seq)


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
    if reread is not None and m.date_text and m.date_provenance == YEARLESS:
        fits = [c for c in dated if _fits(_read(reread, m.date_text, c.anchor), c.anchor)]
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
        window = [c for c in dated if _shift(m.published, -REPAIR_WINDOW)
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


def _reference_date(m: Mention, reread: Reread | None) -> tuple[date, date, str]:
    """The date of an undated mention no event took, in a document fusion dated: its own
    year-less words read against the document's reference day, else that day itself (a report
    tells the news of its day, as an undated sentence of a dated report takes its
    publication date)."""
    day = m.published
    if reread is not None and m.date_text:
        read = _read(reread, m.date_text, day)
        if read is not None:
            return read[0], read[1], (f"'{m.date_text}' has no year; read against its "
                                      f"document's reference day {day} (dated by fusion "
                                      f"from its year-less dates)")
    return day, day, (f"undated in a document with no publication date; fusion dated the "
                      f"document to {day} from its year-less dates, and its undated "
                      f"sentences tell that day's news")


def _read(reread: Reread, words: str, day: date) -> tuple[date, date] | None:
    """Year-less words read against a day, as a closed span: an open reading ("since July 3")
    is its one known day, as for a mention (see ``Mention.span``)."""
    read = reread(words, day)
    if read is None:
        return None
    first, last = read
    first, last = first or last, last or first
    if first is None or last is None:
        return None
    return (first, last) if first <= last else (last, first)


def _fits(read: tuple[date, date] | None, anchor: date) -> bool:
    return read is not None and _shift(read[0], -DAY_WINDOW) <= anchor <= read[1]


def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, held inside the calendar (date.min and date.max stay)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


class _Cluster:
    """Mentions gathered around a leader (the earliest-dated one)."""

    __slots__ = ("leader", "anchor", "anchor_last", "mentions", "repairs", "controller",
                 "_voted")

    def __init__(self, leader: Mention, dated: tuple[date, date, str] | None = None) -> None:
        """``dated``: the repaired date of an undated leader, with the reason."""
        self.leader = leader
        self.controller = leader.controller
        self.anchor, self.anchor_last = dated[:2] if dated else (leader.span or (None, None))
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
            id="", type=lead.type, place_key=lead.place_key,
            place_id=lead.place_id, place_text=_common_spelling(self.mentions),
            controller=self.controller, first=first, last=last, granularity=granularity,
            date_type=date_type, date_reason=date_reason, status=status,
            status_reason=status_reason, members=tuple(members),
            n_outlets=len({m.outlet for m in supporting}), sides=sides, actions=actions)

    def _date(self) -> tuple[date | None, date | None, str, str, str]:
        days = Counter(m.span[0] for m in self.mentions
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
        span = lead.span
        if span is None and self.anchor is not None:
            granularity = "day" if self.anchor == self.anchor_last else lead.granularity
            return self.anchor, self.anchor_last, granularity, "approximate", \
                self.repairs[(lead.doc_id, lead.seq)]
        if span is None:
            return None, None, lead.granularity, "unresolved", \
                "no mention of this event is dated"
        first, last = span
        if lead.first is not None and lead.last is None:
            reason = (f"dated by its earliest mention, a standing state since {first}"
                      + (f", still reported on {last}" if last != first else
                         " (open: no later publication day says how long it held)"))
        elif lead.first is None:
            reason = f"dated by its earliest mention's last day ({last}; the start is open)"
        else:
            reason = f"dated by its earliest mention's {lead.granularity} ({first}..{last})"
        return first, last, lead.granularity, lead.date_type, reason


def _common_spelling(mentions: list[Mention]) -> str:
    return Counter(m.place_text for m in mentions).most_common(1)[0][0]


def _name_events(events: list[FusedEvent]) -> list[FusedEvent]:
    """Give each event of one (type, place) group its id, a function of its content.

    The id hashes the type, place, controller and dates, so an event keeps it while it gains
    or loses mentions that do not change those, and the same mentions give the same id however
    and in whatever order they were fused. An undated event is told apart by its smallest
    member (doc_id, seq); so is each event after the first (by smallest member) that shares
    another's type, place, controller and dates.
    """
    keys = []
    for e in events:
        basis = "|".join((e.type, e.place_key, e.controller or "", str(e.first), str(e.last)))
        keys.append((basis, min((m.mention.doc_id, m.mention.seq) for m in e.members)))
    ids: list[str] = [""] * len(events)
    seen: set[str] = set()
    for i in sorted(range(len(events)), key=keys.__getitem__):
        basis, (doc_id, seq) = keys[i]
        unique = basis if events[i].first is not None and basis not in seen \
            else f"{basis}|{doc_id}#{seq}"
        seen.add(basis)
        ids[i] = "ev-" + hashlib.sha1(unique.encode()).hexdigest()[:12]
    return [replace(e, id=new_id) for e, new_id in zip(events, ids)]


def contradictions(events: list[FusedEvent]) -> dict[str, list[str]]:
    """Control events at one place, in overlapping days, that name opposite controllers.

    One side against the other only (the theatre's two sides): "contested" overlaps both
    sides' claims by nature. Events are swept per place in date order, so the cost is the
    sort plus the overlaps found.
    """
    sides = load_theatre().side_codes
    by_place: dict[str, list[FusedEvent]] = defaultdict(list)
    for e in events:
        if e.type == "control" and e.controller in sides and e.first is not None \
                and e.status != "denied":
            by_place[e.place_key].append(e)
    found: dict[str, list[str]] = defaultdict(list)
    for group in by_place.values():
        group.sort(key=lambda e: (e.first, e.id))
        open_events: list[FusedEvent] = []
        for e in group:
            open_events = [o for o in open_events
                           if _shift(max(o.first, o.last or o.first), 1) >= e.first]
            for o in open_events:
                if o.controller != e.controller:
                    found[e.id].append(o.id)
                    found[o.id].append(e.id)
            open_events.append(e)
    return found
