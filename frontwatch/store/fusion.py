"""Read and write the fusion tables: signatures, copies, events, timelines, source scores.

Everything here is derived from the event mentions and rewritten by fusion; the functions
take the store's connection and run inside the caller's transaction where they write. Reads
that feed fusion are ordered, so what fusion computes never depends on the order rows were
written in.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from frontwatch.model import FusedEvent, Mention, statement_source
from frontwatch.store.texts import with_quotes
from frontwatch.reliability import SourceScore

PLACE_KEY = "COALESCE(e.place_id, 'text:' || lower(e.place_text))"


def documents_without_signature(conn: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    """(id, clean text) of the documents no fusion has committed yet: a document gets its
    signature in the transaction of the first fusion that sees it."""
    yield from conn.execute("SELECT id, clean_text FROM documents WHERE id NOT IN "
                            "(SELECT doc_id FROM doc_signatures) ORDER BY id")


def save_signatures(conn: sqlite3.Connection, rows: list[tuple[str, bytes]]) -> None:
    """Store signatures; an empty one marks a document without words as seen."""
    conn.executemany("INSERT OR REPLACE INTO doc_signatures VALUES (?, ?)", rows)


def signatures_and_order(conn: sqlite3.Connection) -> tuple[dict[str, bytes], dict[str, tuple]]:
    signatures, order = {}, {}
    for doc_id, signature, published in conn.execute(
            "SELECT s.doc_id, s.signature, d.published FROM doc_signatures s "
            "JOIN documents d ON d.id = s.doc_id WHERE length(s.signature) > 0 "
            "ORDER BY s.doc_id"):
        signatures[doc_id] = signature
        order[doc_id] = (published or "9999", doc_id)
    return signatures, order


def replace_copies(conn: sqlite3.Connection, copies: dict[str, tuple[str, float]]) -> set[str]:
    """Replace the copy table; return the documents whose origin changed (a copy found, lost,
    or credited to another origin): their mentions now count for another outlet."""
    old = dict(conn.execute("SELECT doc_id, origin_id FROM doc_copies").fetchall())
    new = {doc: origin for doc, (origin, _) in copies.items()}
    conn.execute("DELETE FROM doc_copies")
    conn.executemany("INSERT INTO doc_copies VALUES (?, ?, ?)",
                     [(doc, origin, sim) for doc, (origin, sim) in sorted(copies.items())])
    return {doc for doc in old.keys() | new.keys() if old.get(doc) != new.get(doc)}


# Mentions with no day of their own (see ``Mention.span``), and of those the ones whose
# words fusion may read against another reference day (year-less or relative).
_UNDATED = "e.date_first IS NULL AND e.date_last IS NULL"
_REREADABLE = _UNDATED + " AND e.date_provenance IN ('yearless', 'relative')"


def places_to_refuse(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> set[str]:
    """The place keys to fuse again after these documents arrived or changed credit.

    Fusion is partitioned by place but for one link: a document with no publication date
    whose year-less words fusion reads takes a reference day from the events at those words'
    places, and its undated mentions elsewhere are dated by it (``resolve_events``). So the
    set is closed over such documents: when one of its undated mentions is at a place in the
    set, all its undated mentions' places join. Fusing that closure from scratch gives what
    fusing the whole store gives there, whatever the order documents came in.
    """
    keys: set[str] = set()
    ids = sorted(set(doc_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        keys.update(row[0] for row in conn.execute(
            f"SELECT DISTINCT {PLACE_KEY} FROM event_mentions e WHERE e.place_text IS NOT NULL "
            f"AND e.doc_id IN ({','.join('?' * len(chunk))})", chunk))
    places_of: dict[str, set[str]] = defaultdict(set)
    docs_at: dict[str, set[str]] = defaultdict(set)
    for doc_id, key in conn.execute(
            f"SELECT e.doc_id, {PLACE_KEY} FROM event_mentions e JOIN documents d "
            f"ON d.id = e.doc_id WHERE d.published IS NULL AND e.place_text IS NOT NULL "
            f"AND {_UNDATED} AND e.doc_id IN (SELECT e.doc_id FROM event_mentions e "
            f"WHERE e.place_text IS NOT NULL AND {_REREADABLE})"):
        places_of[doc_id].add(key)
        docs_at[key].add(doc_id)
    waiting = [key for key in keys if key in docs_at]
    while waiting:
        for doc_id in docs_at.pop(waiting.pop(), ()):
            for key in places_of.pop(doc_id, ()):
                keys.add(key)
                if key in docs_at:
                    waiting.append(key)
    return keys


def _touched_filter(conn: sqlite3.Connection, place_keys: set[str] | None) -> str:
    if place_keys is None:
        return ""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched (key TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM touched")
    conn.executemany("INSERT OR IGNORE INTO touched VALUES (?)", [(k,) for k in place_keys])
    return f" AND {PLACE_KEY} IN (SELECT key FROM touched)"


def load_mentions(conn: sqlite3.Connection, place_keys: set[str] | None) -> list[Mention]:
    """Event mentions with a place (of ``place_keys`` only, unless None), ready to fuse."""
    rows = conn.execute(
        f"SELECT e.doc_id, e.seq, e.type, {PLACE_KEY} AS place_key, e.place_id, e.place_text, "
        "e.controller, e.action, e.date_first, e.date_last, e.date_granularity, e.date_type, "
        "e.claimant, e.claimant_actor_id, e.claimant_side, e.stance, d.published, e.start, "
        "e.background, "
        "COALESCE(c.origin_id, e.doc_id) AS origin, o.outlet AS origin_outlet, "
        "o.title AS origin_title, "
        f"CASE WHEN {_REREADABLE} THEN e.date_start END AS date_start, e.date_end, "
        "e.date_provenance "
        "FROM event_mentions e JOIN documents d ON d.id = e.doc_id "
        "LEFT JOIN doc_copies c ON c.doc_id = e.doc_id "
        "JOIN documents o ON o.id = COALESCE(c.origin_id, e.doc_id) "
        "WHERE e.place_text IS NOT NULL" + _touched_filter(conn, place_keys)
        + " ORDER BY e.doc_id, e.seq")
    # the words of re-readable dates only (date_start is NULL for the others)
    return [_mention(row) for row in with_quotes(conn, rows, "date_text", "date_start",
                                                 "date_end")]


def _mention(row: dict) -> Mention:
    source, name, outlet = statement_source(row)
    return Mention(
        doc_id=row["doc_id"], seq=row["seq"], type=row["type"], place_key=row["place_key"],
        place_id=row["place_id"], place_text=row["place_text"], controller=row["controller"],
        action=row["action"], first=_day(row["date_first"]), last=_day(row["date_last"]),
        granularity=row["date_granularity"], date_type=row["date_type"], source=source,
        source_name=name, claimant_side=row["claimant_side"], stance=row["stance"],
        outlet=outlet, published=_day(row["published"]), date_text=row["date_text"],
        date_provenance=row["date_provenance"],
        sentence=row["start"], background=bool(row["background"]))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def replace_events(conn: sqlite3.Connection, place_keys: set[str] | None,
                   events: list[FusedEvent], contradicts: dict[str, list[str]]) -> None:
    if place_keys is None:
        conn.execute("DELETE FROM event_members")
        conn.execute("DELETE FROM events")
    else:
        conn.execute("DELETE FROM event_members WHERE event_id IN (SELECT id FROM events "
                     "WHERE place_key IN (SELECT key FROM touched))")
        conn.execute("DELETE FROM events WHERE place_key IN (SELECT key FROM touched)")
    conn.executemany(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
        [(e.id, e.type, e.place_key, e.place_id, e.place_text, e.controller, _iso(e.first),
          _iso(e.last), e.granularity, e.date_type, e.date_reason, e.status, e.status_reason,
          len(e.members), e.n_outlets, ",".join(e.sides),
          json.dumps(sorted(contradicts.get(e.id, ())))) for e in events])
    conn.executemany(
        "INSERT INTO event_members VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(m.mention.doc_id, m.mention.seq, e.id, m.role, _iso(m.first), _iso(m.last),
          m.repair_reason) for e in events for m in e.members])


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def load_votes(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every fused event member with what truth discovery needs."""
    return conn.execute(
        "SELECT ev.id, ev.type, ev.controller, ev.contradicts, m.role, "
        "em.claimant, em.claimant_actor_id, em.claimant_side, o.outlet AS origin_outlet, "
        "o.id AS origin, o.title AS origin_title "
        "FROM event_members m JOIN events ev ON ev.id = m.event_id "
        "JOIN event_mentions em ON em.doc_id = m.doc_id AND em.seq = m.seq "
        "LEFT JOIN doc_copies c ON c.doc_id = m.doc_id "
        "JOIN documents o ON o.id = COALESCE(c.origin_id, m.doc_id) "
        "ORDER BY ev.id, m.doc_id, m.seq").fetchall()


def save_reliability(conn: sqlite3.Connection, scores: dict[str, SourceScore],
                     names: dict[str, tuple[str, str | None]],
                     support: dict[str, float]) -> None:
    conn.execute("DELETE FROM source_scores")
    conn.executemany(
        "INSERT INTO source_scores VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(s.source, "outlet" if s.source.startswith("outlet:") else "claimant",
          names[s.source][0], names[s.source][1], s.score, s.n_tested, s.agreement,
          s.n_statements) for s in scores.values()])
    conn.execute("UPDATE events SET support = NULL")
    conn.executemany("UPDATE events SET support = ? WHERE id = ?",
                     [(round(p, 4), event_id) for event_id, p in support.items()])


def control_events(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Fused control events at resolved places with a date, in id order, and their supporting
    actions (each once, most common first, then by name).

    ``date_last`` is never NULL: an event with a first day and no last (fusion writes none,
    but a store may hold one) is read as that one day.
    """
    return conn.execute(
        "SELECT ev.id, ev.place_id, ev.controller, ev.date_first, "
        "COALESCE(ev.date_last, ev.date_first) AS date_last, "
        "ev.date_granularity, ev.status, ev.support, ev.sides, "
        "(SELECT group_concat(action) FROM (SELECT em.action, count(*) AS n "
        " FROM event_members m JOIN event_mentions em "
        " ON em.doc_id = m.doc_id AND em.seq = m.seq WHERE m.event_id = ev.id "
        " AND m.role = 'supports' GROUP BY em.action ORDER BY n DESC, em.action)) AS actions "
        "FROM events ev WHERE ev.type = 'control' AND ev.place_id IS NOT NULL "
        "AND ev.date_first IS NOT NULL AND ev.controller IS NOT NULL "
        "ORDER BY ev.id").fetchall()


def fused_events(conn: sqlite3.Connection, types: list[str] | None = None,
                 place_ids: list[str] | None = None, date_from: str | None = None,
                 date_to: str | None = None, id_prefix: str | None = None,
                 ) -> list[sqlite3.Row]:
    """Fused events in date order (undated last), filtered like the event mentions, or by
    the start of their id."""
    where, args = [], []
    if id_prefix is not None:
        where.append("id >= ? AND id < ?")
        args.extend([id_prefix, id_prefix + "\uffff"])
    if types:
        where.append(f"type IN ({','.join('?' * len(types))})")
        args.extend(types)
    if place_ids is not None:
        where.append(f"place_id IN ({','.join('?' * len(place_ids))})")
        args.extend(place_ids)
    if date_from is not None:  # an event open at its end runs on
        where.append("COALESCE(date_last, '9999') >= ? AND date_first IS NOT NULL")
        args.append(date_from)
    if date_to is not None:
        where.append("date_first <= ?")
        args.append(date_to)
    return conn.execute("SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where
                                                   else "")
                        + " ORDER BY date_first IS NULL, date_first, type, place_text, id",
                        args).fetchall()


def event_sources(conn: sqlite3.Connection, event_ids: list[str]) -> list[dict]:
    """The mentions of these events with their document, claim and quote."""
    rows: list[sqlite3.Row] = []
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i:i + 500]
        rows.extend(conn.execute(
            "SELECT m.event_id, m.role, m.date_first AS fused_first, m.date_last AS fused_last, "
            "m.repair_reason, e.*, "
            "d.outlet, d.title, d.published, d.external_id, c.origin_id AS copy_of "
            "FROM event_members m JOIN event_mentions e ON e.doc_id = m.doc_id "
            "AND e.seq = m.seq JOIN documents d ON d.id = m.doc_id "
            "LEFT JOIN doc_copies c ON c.doc_id = m.doc_id "
            f"WHERE m.event_id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY d.published IS NULL, d.published, m.doc_id, m.seq", chunk))
    return with_quotes(conn, rows)


def intervals_of(conn: sqlite3.Connection, place_ids: list[str] | None = None,
                 basis: str | None = None) -> list[sqlite3.Row]:
    where, args = [], []
    if place_ids is not None:
        where.append(f"place_id IN ({','.join('?' * len(place_ids))})")
        args.extend(place_ids)
    if basis is not None:
        where.append("basis = ?")
        args.append(basis)
    return conn.execute("SELECT * FROM control_intervals"
                        + (" WHERE " + " AND ".join(where) if where else "")
                        + " ORDER BY place_id, basis, seq", args).fetchall()


def source_scores(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM source_scores ORDER BY n_tested DESC, score DESC, "
                        "source").fetchall()


def copies(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT c.doc_id, c.origin_id, c.similarity, d.outlet, d.published, d.title, "
        "o.outlet AS origin_outlet, o.published AS origin_published FROM doc_copies c "
        "JOIN documents d ON d.id = c.doc_id JOIN documents o ON o.id = c.origin_id "
        "ORDER BY c.origin_id, c.doc_id").fetchall()
