"""The status of a fused event, from who supports and who denies it, with the reasoning.

Statuses, checked in this order:
- ``denied``: only denials.
- ``confirmed``: the other side supports it — for a control event the side that lost the
  place (Ukraine's General Staff confirming a withdrawal), for other events both sides. A
  confirmation by the other side outweighs earlier denials, which stay in the reasoning.
- ``disputed``: supported and denied.
- ``corroborated``: supported by at least two independent sources (claimants, or outlets in
  their own voice; copies and relays of the same claimant count once, and so do claimants
  named together in one sentence: "local media and social media users reported" is one
  report), not all of them claimants of one side: belligerents echoing each other
  corroborate nothing.
- ``claimed``: one source, or one side's claimants only.
``cannot_confirm`` statements neither support nor deny; the reasoning names them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontwatch.theatres import load_theatre

if TYPE_CHECKING:
    from frontwatch.model import Member
    from frontwatch.theatres import Theatre

SUPPORTING = frozenset({"asserts", "claims", "confirms", "acknowledges"})
STATUSES = ("confirmed", "corroborated", "claimed", "disputed", "denied")


def judge_status(members: list[Member], controller: str | None, event_type: str,
                 theatre: Theatre | None = None) -> tuple[str, str, tuple[str, ...]]:
    """Return (status, reasoning, claimant sides supporting the event); the sides and
    their opposites are the theatre's (the default pack's when none is given)."""
    theatre = theatre or load_theatre()
    support = [m.mention for m in members if m.role == "supports"]
    deny = [m.mention for m in members if m.role == "denies"]
    neutral = [m.mention for m in members if m.role == "neutral"]
    sides = tuple(sorted({m.claimant_side for m in support if m.claimant_side}))
    sources = sorted({m.source for m in support})
    parts = []
    if support:
        parts.append(f"supported by {_names(support)}")
    if deny:
        parts.append(f"denied by {_names(deny)}")
    if neutral:
        parts.append(f"{_names(neutral)} cannot confirm")
    reasoning = "; ".join(parts)
    if not support:
        return "denied", reasoning or "no supporting statement", sides
    other = theatre.opposite(controller) if event_type == "control" else None
    if other and other in sides:
        return "confirmed", f"the other side ({other}) supports it: " + reasoning, sides
    if other is None and set(theatre.side_codes) <= set(sides):
        return "confirmed", "both sides support it: " + reasoning, sides
    if deny:
        return "disputed", reasoning, sides
    independent = _independent_sources(support)
    if independent >= 2 and len(sides) == 1 and all(m.claimant_side for m in support):
        return "claimed", (f"{independent} sources, all on the {sides[0]} side: "
                           + reasoning), sides
    if independent >= 2:
        return "corroborated", f"{independent} independent sources: " + reasoning, sides
    if len(sources) >= 2:
        return "claimed", "one report naming several sources: " + reasoning, sides
    return "claimed", "one source: " + reasoning, sides


def _independent_sources(support) -> int:
    """Distinct sources, where sources named together in one sentence count as one report."""
    parent = {m.source: m.source for m in support}

    def root(source: str) -> str:
        while parent[source] != source:
            parent[source] = parent[parent[source]]
            source = parent[source]
        return source

    first_in: dict[tuple[str, int], str] = {}
    for m in support:
        if m.sentence is None:
            continue
        key = (m.doc_id, m.sentence)
        if key in first_in:
            parent[root(m.source)] = root(first_in[key])
        else:
            first_in[key] = m.source
    return len({root(source) for source in parent})


def _names(mentions) -> str:
    """'Sergei Shoigu [RU], ISW' — each source once, in order of appearance."""
    seen: dict[str, str] = {}
    for m in mentions:
        if m.source not in seen:
            name = m.source_name
            seen[m.source] = f"{name} [{m.claimant_side}]" if m.claimant_side else name
    return ", ".join(seen.values())
