"""A readable brief of the fused record for the terminal: what changed hands when, on whose
word, and what is disputed or contradicted."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from rich.console import Console

from frontwatch.places.gazetteer import Gazetteer
from frontwatch.store import fusion as tables
from frontwatch.theatres import load_theatre


def write_brief(conn: sqlite3.Connection, gazetteer: Gazetteer, console: Console,
                limit: int = 15) -> None:
    theatre = load_theatre()
    events = {row["id"]: row for row in tables.fused_events(conn)}
    words = _who_says(conn, list(events))
    counts = conn.execute("SELECT (SELECT count(*) FROM documents), "
                          "(SELECT count(*) FROM doc_copies), "
                          "(SELECT count(*) FROM event_mentions)").fetchone()
    statuses = defaultdict(int)
    for row in events.values():
        statuses[row["status"]] += 1
    console.print(f"[bold]frontwatch brief[/bold] — {counts[0]:,} documents ({counts[1]:,} "
                  f"copies of others), {counts[2]:,} event mentions fused into "
                  f"{len(events):,} events: " + ", ".join(
                      f"{n:,} {s}" for s, n in sorted(statuses.items(), key=lambda x: -x[1])))
    intervals = tables.intervals_of(conn)
    for basis, title in (("assessed", "Changes of control, assessed (the weight of every "
                                      "statement about the place, posterior shown)"),
                         ("claimed", "Changes of control claimed but not assessed")):
        assessed = {(r["place_id"], r["controller"], r["date_from"]) for r in intervals
                    if r["basis"] == "assessed" and r["change"]}
        changes = [r for r in intervals if r["basis"] == basis and r["change"]
                   and (basis == "assessed"
                        or (r["place_id"], r["controller"], r["date_from"]) not in assessed)]
        changes.sort(key=lambda r: r["date_from"], reverse=True)
        shown = min(limit, len(changes))
        console.print(f"\n[bold]{title}[/bold] ({len(changes):,}; latest {shown})")
        for r in changes[:limit]:
            place = gazetteer.by_id(r["place_id"])
            opening = next(iter(json.loads(r["events"])), None)
            row = events.get(opening)
            posterior = f" (posterior {r['probability']:.2f})" if r["probability"] else ""
            console.print(f"  {r['date_from']}  {place.name if place else r['place_id']}: "
                          f"{theatre.side_adjective(r['controller'])}{posterior}"
                          + (f" — {row['status']}; {words.get(opening, '')}" if row else ""),
                          markup=False)
    disputed = [row for row in events.values()
                if row["status"] in ("disputed", "denied") or row["contradicts"] != "[]"]
    disputed.sort(key=lambda row: row["date_first"] or "", reverse=True)
    console.print(f"\n[bold]Disputed, denied or contradicted[/bold] ({len(disputed):,}; "
                  f"latest {min(limit, len(disputed))})")
    for row in disputed[:limit]:
        against = json.loads(row["contradicts"])
        console.print(f"  {row['date_first'] or 'undated'}  {row['type']} at "
                      f"{row['place_text']}" + (f" → {row['controller']}" if row["controller"]
                                                else "")
                      + f": {row['status']} — {row['status_reason']}"
                      + (f"; contradicted by {len(against)} event(s) naming the other side"
                         if against else ""), markup=False)


def _who_says(conn: sqlite3.Connection, event_ids: list[str]) -> dict[str, str]:
    """Event id -> "Sergei Shoigu (RU) claims; ISW asserts" — each speaker once."""
    said: dict[str, dict[str, str]] = defaultdict(dict)
    for s in tables.event_sources(conn, event_ids):
        who = s["claimant"] or s["outlet"] or "document " + s["doc_id"][:12]
        side = f" ({s['claimant_side']})" if s["claimant_side"] else ""
        said[s["event_id"]].setdefault(who + side, s["stance"])
    return {event_id: "; ".join(f"{who} {stance}" for who, stance in list(by.items())[:4])
            + (f"; +{len(by) - 4} more" if len(by) > 4 else "")
            for event_id, by in said.items()}
