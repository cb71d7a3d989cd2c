"""Write and read the SQLite store.

Raw bytes are stored first, in their own transaction, before any parsing; a document (its row,
metadata candidates and source) is then written in one transaction, so a crash leaves either
the whole document or none of it. Connections use WAL so readers never block the ingest.
Every write transaction is ``BEGIN IMMEDIATE`` (it takes the write lock before it reads), and
a writer waits up to ``BUSY_TIMEOUT`` seconds for another: two processes ingesting into one
store interleave their documents and fuse one after the other.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from frontwatch.errors import AmbiguousDocumentId, StoreError
from frontwatch.model import Doc, Rejection
from frontwatch.store.schema import migrate
from frontwatch.store.texts import with_quotes

# Fault injection for the crash-safety test: "kill-in-document:N" kills the process with
# SIGKILL inside the transaction of the N-th document this process writes, after its rows
# are inserted and before the commit. Unset in normal use.
_FAULT_ENV = "FRONTWATCH_FAULT"
# Raw bytes are stored zlib-compressed when that saves at least this share; news text
# compresses to about a third, already-compressed payloads are kept as they are.
_MIN_SAVING = 0.1
# How long a write waits for another process's transaction. The longest is a whole
# `frontwatch fuse` (about 1 s on the 650-document dev corpus; an ingest's fusion is less):
# ample room before a concurrent ingest gives up with "database is locked".
BUSY_TIMEOUT = 300


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A frontwatch database file."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None,
                                        timeout=BUSY_TIMEOUT)
            self.conn.row_factory = sqlite3.Row
            self._prepare()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc}); is it a "
                             "frontwatch database?") from exc
        self._documents_written = 0
        self._fault = os.environ.get(_FAULT_ENV, "")

    def _prepare(self) -> None:
        """Switch to WAL and migrate. Two processes opening one new file at once can meet
        SQLite's "database is locked" without its busy handler (switching the journal mode,
        or a read lock meeting the other's migration): wait and try again, within the same
        budget the busy handler has."""
        deadline = time.monotonic() + BUSY_TIMEOUT
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.conn.execute("PRAGMA foreign_keys=ON")
                migrate(self.conn, self.path)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one write transaction; roll back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- runs -----------------------------------------------------------------------------

    def start_run(self, code_version: str, settings: dict, inputs: list[str]) -> int:
        """Record a new run; first mark "interrupted" every run still "running" whose process
        is gone (killed, or the machine stopped), so no run stays "running" forever."""
        with self.atomic() as conn:
            stale = [run_id for run_id, pid in conn.execute(
                "SELECT id, pid FROM runs WHERE status = 'running'") if not _alive(pid)]
            conn.executemany(
                "UPDATE runs SET status = 'interrupted', error = ? WHERE id = ?",
                [("its process ended before the run finished (killed or crashed); the documents "
                  "it stored are kept, run the same ingest again to finish", run_id)
                 for run_id in stale])
            cursor = conn.execute(
                "INSERT INTO runs (started_at, status, code_version, settings, inputs, pid) "
                "VALUES (?, 'running', ?, ?, ?, ?)",
                (_now(), code_version, json.dumps(settings), json.dumps(inputs), os.getpid()))
            return cursor.lastrowid

    def finish_run(self, run_id: int, status: str, n_new: int, n_known: int,
                   n_rejected: int, error: str | None = None) -> None:
        """Record how a run ended; ``error`` says why a failed run failed."""
        with self.atomic() as conn:
            conn.execute("UPDATE runs SET finished_at=?, status=?, n_new=?, n_known=?, "
                         "n_rejected=?, error=? WHERE id=?",
                         (_now(), status, n_new, n_known, n_rejected, error, run_id))

    # -- writes ---------------------------------------------------------------------------

    def has_document(self, sha256: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id=?", (sha256,)).fetchone() \
            is not None

    def put_blob(self, sha256: str, data: bytes) -> None:
        """Store raw bytes under their hash; storing the same bytes again does nothing."""
        packed = zlib.compress(data, 6)
        codec, stored = ("zlib", packed) if len(packed) < (1 - _MIN_SAVING) * len(data) \
            else ("identity", data)
        with self.atomic() as conn:
            conn.execute("INSERT OR IGNORE INTO blobs (sha256, size, codec, data, stored_at) "
                         "VALUES (?, ?, ?, ?, ?)", (sha256, len(data), codec, stored, _now()))

    def add_source(self, doc_id: str, source: str, locator: str, url: str | None,
                   run_id: int) -> None:
        """Record one more place a known document was found (no-op if already recorded)."""
        with self.atomic() as conn:
            conn.execute("INSERT OR IGNORE INTO document_sources VALUES (?, ?, ?, ?, ?)",
                         (doc_id, source, locator, url, run_id))

    def save_document(self, doc: Doc, run_id: int) -> bool:
        """Write a processed document with its metadata and source in one transaction.

        Returns False, recording only the source, when the document is already stored (a
        concurrent ingest stored the same bytes since this one looked).
        """
        chosen = {m.field: m.value for m in doc.meta if m.chosen}
        declared = doc.declared
        extra = json.dumps({k: json.loads(v) for k, v in declared.extra}, ensure_ascii=False) \
            if declared and declared.extra else None
        url = doc.raw.url or (declared.url if declared else None)
        with self.atomic() as conn:
            if conn.execute("SELECT 1 FROM documents WHERE id=?", (doc.sha256,)).fetchone():
                conn.execute("INSERT OR IGNORE INTO document_sources VALUES (?, ?, ?, ?, ?)",
                             (doc.sha256, doc.raw.source, doc.raw.locator, url, run_id))
                return False
            conn.execute(
                "INSERT INTO documents (id, format, encoding, encoding_confidence, external_id, "
                "url, title, outlet, author, language, published, clean_text, offset_map, "
                "offset_coverage, extra, pipeline, run_id, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.sha256, doc.raw.format.value, doc.encoding, doc.encoding_confidence,
                 declared.external_id if declared else None, url, chosen.get("title"),
                 chosen.get("outlet"), chosen.get("author"), chosen.get("language"),
                 chosen.get("published"), doc.clean_text, doc.offsets.to_bytes(),
                 doc.offset_coverage, extra, json.dumps(doc.versions), run_id, _now()))
            conn.executemany(
                "INSERT INTO document_meta VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(doc.sha256, m.field, m.value, m.method, m.evidence, m.raw_start, m.raw_end,
                  m.confidence, int(m.chosen)) for m in doc.meta])
            conn.execute("INSERT OR IGNORE INTO document_sources VALUES (?, ?, ?, ?, ?)",
                         (doc.sha256, doc.raw.source, doc.raw.locator, url, run_id))
            _write_entities(conn, doc.sha256, doc.places, doc.actors, doc.weapons)
            _write_events(conn, doc.sha256, doc.events)
            self._documents_written += 1
            self._maybe_crash()
        return True

    def save_rejection(self, rejection: Rejection, run_id: int) -> bool:
        """Record a rejection; return False when the same one was recorded before."""
        with self.atomic() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO rejections (run_id, input, locator, stage, code, message, "
                "blob_sha, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, rejection.input, rejection.locator, rejection.stage, rejection.code,
                 rejection.message, rejection.blob_sha, _now()))
            return cursor.rowcount == 1

    def _maybe_crash(self) -> None:
        if self._fault.startswith("kill-in-document:") and \
                self._documents_written == int(self._fault.split(":", 1)[1]):
            os.kill(os.getpid(), signal.SIGKILL)

    # -- reads ----------------------------------------------------------------------------

    def resolve_document_id(self, key: str) -> str | None:
        """Return the full id for a document id, a unique id prefix, or an input's own id.

        Raises:
            AmbiguousDocumentId: the prefix matches several documents.
        """
        row = self.conn.execute("SELECT id FROM documents WHERE id=? OR external_id=? LIMIT 2",
                                (key, key)).fetchall()
        if len(row) == 1:
            return row[0]["id"]
        rows = []
        if len(key) >= 4 and all(c in "0123456789abcdef" for c in key.lower()):
            rows = self.conn.execute("SELECT id FROM documents WHERE id >= ? AND id < ? LIMIT 2",
                                     (key.lower(), key.lower() + "g")).fetchall()
        if not rows:  # a file name, or the start of one ("show 001" for 001_....txt)
            rows = self.conn.execute(
                "SELECT DISTINCT doc_id AS id FROM document_sources WHERE source = ? "
                "OR source LIKE ? ESCAPE '\\' LIMIT 2",
                (key, "%/" + key.replace("%", "\\%").replace("_", "\\_") + "%")).fetchall()
        if len(rows) > 1:
            raise AmbiguousDocumentId(f"'{key}' matches several documents; give more of the id "
                                      "or the file name")
        return rows[0]["id"] if rows else None

    def save_text_annotations(self, doc: Doc) -> None:
        """Replace a stored document's entities and events after the text stages re-ran."""
        with self.atomic() as conn:
            _write_entities(conn, doc.sha256, doc.places, doc.actors, doc.weapons)
            _write_events(conn, doc.sha256, doc.events)
            conn.execute("UPDATE documents SET pipeline=? WHERE id=?",
                         (json.dumps(doc.versions), doc.sha256))

    def documents_for_reprocess(self) -> Iterator[sqlite3.Row]:
        """Every stored document's id, text, publication date and stage versions."""
        yield from self.conn.execute(
            "SELECT id, clean_text, published, pipeline FROM documents ORDER BY id").fetchall()

    def event_mentions(self, doc_id: str | None = None, types: list[str] | None = None,
                       place_ids: list[str] | None = None, place_text: str | None = None,
                       date_from: str | None = None, date_to: str | None = None,
                       ) -> list[dict]:
        """Event mentions with their sentence (``quote``) and document, in document order.

        A place filter keeps mentions resolved to one of ``place_ids`` or spelled
        ``place_text`` (any case). A date window keeps mentions whose date overlaps it, so
        unresolved dates are left out.
        """
        where, args = [], []
        if doc_id is not None:
            where.append("e.doc_id = ?")
            args.append(doc_id)
        if types:
            where.append(f"e.type IN ({','.join('?' * len(types))})")
            args.extend(types)
        if place_ids is not None or place_text is not None:
            ids = list(place_ids or [])
            where.append(f"(e.place_id IN ({','.join('?' * len(ids))}) "
                         "OR e.place_text = ? COLLATE NOCASE)")
            args.extend([*ids, place_text or ""])
        if date_from is not None:  # an open range ("since X") runs on
            where.append("COALESCE(e.date_last, '9999') >= ? AND e.date_first IS NOT NULL")
            args.append(date_from)
        if date_to is not None:
            where.append("e.date_first <= ?")
            args.append(date_to)
        return with_quotes(self.conn, self.conn.execute(
            "SELECT e.*, "
            "d.external_id, d.outlet, d.published, d.url, (SELECT source FROM document_sources s "
            "WHERE s.doc_id = d.id ORDER BY source, locator LIMIT 1) AS source, "
            "m.event_id, m.date_first AS repaired_first, m.date_last AS repaired_last, "
            "m.repair_reason "
            "FROM event_mentions e "
            "JOIN documents d ON d.id = e.doc_id "
            "LEFT JOIN event_members m ON m.doc_id = e.doc_id AND m.seq = e.seq "
            + ("WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY d.published IS NULL, d.published, e.doc_id, e.seq", args))

    def place_mentions(self, doc_id: str) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM place_mentions WHERE doc_id=? ORDER BY start",
                                 (doc_id,)).fetchall()

    def document(self, doc_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()

    def document_meta(self, doc_id: str) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM document_meta WHERE doc_id=? "
                                 "ORDER BY field, chosen DESC, confidence DESC",
                                 (doc_id,)).fetchall()

    def document_sources(self, doc_id: str) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM document_sources WHERE doc_id=? "
                                 "ORDER BY source, locator", (doc_id,)).fetchall()

    def raw_bytes(self, sha256: str) -> bytes | None:
        row = self.conn.execute("SELECT codec, data FROM blobs WHERE sha256=?",
                                (sha256,)).fetchone()
        if row is None:
            return None
        return zlib.decompress(row["data"]) if row["codec"] == "zlib" else bytes(row["data"])

    def list_documents(self, limit: int | None = None) -> list[sqlite3.Row]:
        """Documents with their first source and the evidence of their publication date."""
        return self.conn.execute(
            "SELECT d.id, d.external_id, d.title, d.outlet, d.published, d.language, d.format, "
            "(SELECT source || CASE WHEN locator != '' THEN ':' || locator ELSE '' END "
            " FROM document_sources s WHERE s.doc_id = d.id ORDER BY source, locator LIMIT 1) "
            " AS source, "
            "(SELECT method || ': ' || evidence FROM document_meta m WHERE m.doc_id = d.id "
            " AND m.field = 'published' AND m.chosen = 1) AS published_evidence "
            "FROM documents d ORDER BY d.published IS NULL, d.published, source "
            "LIMIT ?", (-1 if limit is None else limit,)).fetchall()

    def list_rejections(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM rejections ORDER BY id").fetchall()

    def list_runs(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM runs ORDER BY id").fetchall()

    def has_unfused_documents(self) -> bool:
        """Whether a stored document was never committed by a fusion (a run whose fusion
        failed or was killed left it): fusion signs each document it sees."""
        return self.conn.execute("SELECT 1 FROM documents WHERE id NOT IN "
                                 "(SELECT doc_id FROM doc_signatures) LIMIT 1").fetchone() \
            is not None

    def count_documents(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def _alive(pid: int | None) -> bool:
    """Whether a process with this id runs on this machine (a run's process may be alive)."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _write_entities(conn: sqlite3.Connection, doc_id: str, places, actors, weapons) -> None:
    for table in ("place_mentions", "actor_mentions", "weapon_mentions"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id=?", (doc_id,))
    # rows as generators: a long document's mentions are not copied into lists of rows
    conn.executemany("INSERT INTO place_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     ((doc_id, m.start, m.end, m.text, m.place_id, json.dumps(m.candidates),
                       m.confidence, m.reason, m.method) for m in places))
    conn.executemany("INSERT INTO actor_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     ((doc_id, m.start, m.end, m.text, m.actor_id, m.side, m.via, m.reason)
                      for m in actors))
    conn.executemany("INSERT INTO weapon_mentions VALUES (?, ?, ?, ?, ?, ?)",
                     ((doc_id, m.start, m.end, m.text, m.weapon_id, m.category)
                      for m in weapons))


def _write_events(conn: sqlite3.Connection, doc_id: str, events) -> None:
    conn.execute("DELETE FROM event_mentions WHERE doc_id=?", (doc_id,))
    conn.executemany(f"INSERT INTO event_mentions VALUES ({', '.join('?' * 41)})",
                     (_event_row(doc_id, seq, e) for seq, e in enumerate(events)))


def _event_row(doc_id: str, seq: int, e) -> tuple:
    place, quantity, when, claim = e.place, e.quantity, e.date, e.claim
    return (
        doc_id, seq, e.type, e.start, e.end, e.trigger_start, e.trigger_end, e.trigger,
        e.action, *((place.start, place.end, place.text, place.place_id) if place
                    else (None,) * 4),
        e.controller, e.side, *(quantity if quantity else (None,) * 5),
        when.first, when.last, when.granularity, when.type, when.reason, when.start,
        when.end, claim.claimant, claim.actor_id, claim.side, claim.start, claim.end,
        claim.stance, int(claim.hedged), int(e.background), e.reason, when.provenance,
        e.confidence, *((e.weapon[2], e.weapon[0], e.weapon[1]) if e.weapon
                        else (None,) * 3))


def default_db_path() -> Path:
    """The database used when none is given: $FRONTWATCH_DB, else ./frontwatch.db."""
    return Path(os.environ.get("FRONTWATCH_DB", "frontwatch.db"))
