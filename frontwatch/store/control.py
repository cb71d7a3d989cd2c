"""Read control statements for the state model and write the control intervals.

A statement is one control event mention at a resolved place — or a strike by a named side,
weak evidence that the side does not hold the place it strikes — with the day it speaks of
(its fused, repaired date when fusion dated it), the reliability truth discovery gave its
source, and its words. Run inside fusion's transaction, after the source scores are saved.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from frontwatch.control import Interval
from frontwatch.control.state import CHANGE_CUES, Statement, source_key, statement_weight
from frontwatch.model import statement_source
from frontwatch.store.texts import with_quotes

# Stances that state the place is held by the controller; a denial, or a writer who cannot
# confirm it, states that it is not (weakly: see ``control.state.CANNOT_CONFIRM``).
_POSITIVE = frozenset({"asserts", "claims", "confirms", "acknowledges"})
QUOTE_CHARS = 160


def control_statements(conn: sqlite3.Connection) -> list[Statement]:
    """Every control mention with a place, a controller and a day, and every strike with a
    place, an attacker and a day, as a weighted statement."""
    reliability = {row[0]: row[1] for row in conn.execute(
        "SELECT source, score FROM source_scores")}
    rows = conn.execute(
        "SELECT e.doc_id, e.seq, e.type, e.place_id, "
        "CASE e.type WHEN 'strike' THEN e.side ELSE e.controller END AS reading, "
        "e.action, e.stance, e.hedged, e.confidence, "
        "e.background, e.claimant, e.claimant_actor_id, e.claimant_side, "
        "e.date_granularity, COALESCE(m.date_first, e.date_first) AS first, "
        "COALESCE(m.date_last, e.date_last) AS last, m.event_id, d.published, "
        "COALESCE(c.origin_id, e.doc_id) AS origin, o.outlet AS origin_outlet, "
        "o.title AS origin_title, e.start, e.end, e.trigger_start, e.place_start, "
        "e.place_end "
        "FROM event_mentions e JOIN documents d ON d.id = e.doc_id "
        "LEFT JOIN event_members m ON m.doc_id = e.doc_id AND m.seq = e.seq "
        "LEFT JOIN doc_copies c ON c.doc_id = e.doc_id "
        "JOIN documents o ON o.id = COALESCE(c.origin_id, e.doc_id) "
        "WHERE e.place_id IS NOT NULL AND ("
        "(e.type = 'control' AND e.controller IS NOT NULL) OR "
        "(e.type = 'strike' AND e.side IN ('RU', 'UA'))) ORDER BY e.doc_id, e.seq")
    statements = []
    for row in with_quotes(conn, rows, name="sentence"):
        day = _statement_day(row)
        if day is None:
            continue
        source, name, _ = statement_source(row)
        strike = row["type"] == "strike"
        if strike and row["stance"] not in _POSITIVE:
            continue  # a denied strike says nothing of who holds the place
        negated = strike or row["stance"] not in _POSITIVE
        weight = statement_weight("strike" if strike else row["action"], row["stance"],
                                  bool(row["hedged"]), bool(row["background"]),
                                  row["claimant_side"], row["reading"], reliability.get(source),
                                  row["confidence"])
        statements.append(Statement(
            row["place_id"], day, row["reading"], negated, weight,
            f"{row['doc_id']}:{row['seq']}", row["event_id"],
            source_key(source, row["stance"], row["claimant_side"], row["reading"]), name,
            _quote(row), _day(row["published"]),
            change=not strike and not row["background"] and row["action"] in CHANGE_CUES))
    return statements


def _statement_day(row: sqlite3.Row) -> date | None:
    """The day a statement speaks of: a day-dated one's day, a week's or month's last day
    (by then the state held), an open range's first; an undated statement in a dated report
    speaks of the report's day, unless it recalls the past. Never after its publication."""
    first, last, published = _day(row["first"]), _day(row["last"]), _day(row["published"])
    if first is not None and (row["date_granularity"] == "day" or last is None):
        day = first
    elif last is not None:
        day = last
    elif published is not None and not row["background"]:
        day = published
    else:
        return None
    return min(day, published) if published is not None else day


def _quote(row: sqlite3.Row) -> str:
    """The sentence, cut around its trigger and place when it is long."""
    sentence = " ".join((row["sentence"] or "").split())
    if len(sentence) <= QUOTE_CHARS:
        return sentence
    raw = row["sentence"]
    focus = min(row["trigger_start"], row["place_start"] or row["trigger_start"]) - row["start"]
    begin = max(0, min(focus - 40, len(raw) - QUOTE_CHARS))
    piece = " ".join(raw[begin:begin + QUOTE_CHARS].split())
    return ("…" if begin else "") + piece + ("…" if begin + QUOTE_CHARS < len(raw) else "")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def replace_intervals(conn: sqlite3.Connection, intervals: list[Interval]) -> None:
    conn.execute("DELETE FROM control_intervals")
    conn.executemany(
        "INSERT INTO control_intervals (place_id, basis, seq, controller, date_from, date_to, "
        "last_seen, change, events, explanation, probability, evidence, against) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(i.place_id, i.basis, i.seq, i.controller, i.date_from.isoformat(),
          i.date_to.isoformat() if i.date_to else None, i.last_seen.isoformat(),
          int(i.change), json.dumps(i.events), i.explanation, i.probability,
          json.dumps(i.evidence), json.dumps(i.against)) for i in intervals])
