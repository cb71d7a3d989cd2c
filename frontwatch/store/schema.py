"""Versioned schema: each migration moves the database up one ``PRAGMA user_version``.

Add a migration by appending to ``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3

from frontwatch.errors import SchemaTooNew

MIGRATIONS: tuple[str, ...] = (
    # 1: documents, their raw bytes, metadata candidates, sources, rejections, runs.
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,              -- running | finished | failed
        code_version TEXT NOT NULL,
        settings TEXT NOT NULL,            -- JSON
        inputs TEXT NOT NULL,              -- JSON list of paths
        pid INTEGER,
        n_new INTEGER NOT NULL DEFAULT 0,
        n_known INTEGER NOT NULL DEFAULT 0,
        n_rejected INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,           -- of the exact raw bytes
        size INTEGER NOT NULL,
        codec TEXT NOT NULL,               -- how data is stored: identity | zlib
        data BLOB NOT NULL,
        stored_at TEXT NOT NULL
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY REFERENCES blobs(sha256),
        format TEXT NOT NULL,              -- text | html | json-record | csv-record
        encoding TEXT,
        encoding_confidence REAL,
        external_id TEXT,                  -- the id a structured input gave
        url TEXT,
        title TEXT,
        outlet TEXT,
        author TEXT,
        language TEXT,
        published TEXT,                    -- ISO date, NULL when unknown
        clean_text TEXT NOT NULL,
        offset_map BLOB NOT NULL,          -- frontwatch.offsets.OffsetMap.to_bytes()
        offset_coverage REAL NOT NULL,
        extra TEXT,                        -- JSON object of unknown input fields
        pipeline TEXT NOT NULL,            -- JSON: stage -> implementation version
        run_id INTEGER REFERENCES runs(id),
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_external_id ON documents(external_id);
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE document_sources (
        doc_id TEXT NOT NULL REFERENCES documents(id),
        source TEXT NOT NULL,              -- path, "-" for stdin
        locator TEXT NOT NULL,             -- "line 12", "record 3", "" for a whole file
        url TEXT,
        run_id INTEGER REFERENCES runs(id),
        PRIMARY KEY (doc_id, source, locator)
    );
    CREATE TABLE document_meta (
        doc_id TEXT NOT NULL REFERENCES documents(id),
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        method TEXT NOT NULL,
        evidence TEXT NOT NULL,
        raw_start INTEGER,
        raw_end INTEGER,
        confidence REAL NOT NULL,
        chosen INTEGER NOT NULL
    );
    CREATE INDEX document_meta_doc ON document_meta(doc_id);
    CREATE TABLE rejections (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs(id),
        input TEXT NOT NULL,
        locator TEXT NOT NULL,
        stage TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        blob_sha TEXT REFERENCES blobs(sha256),
        created_at TEXT NOT NULL,
        UNIQUE (input, locator, stage, code)
    );
    """,
    # 2: places, actors and weapons named in each document, with offsets into clean_text.
    """
    CREATE TABLE place_mentions (
        doc_id TEXT NOT NULL REFERENCES documents(id),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        place_id TEXT,                     -- NULL when the mention stays ambiguous
        candidates TEXT NOT NULL,          -- JSON list of gazetteer ids considered
        confidence REAL NOT NULL,
        reason TEXT NOT NULL,
        method TEXT NOT NULL,              -- "exact" or "fuzzy"
        PRIMARY KEY (doc_id, start)
    );
    CREATE INDEX place_mentions_place ON place_mentions(place_id);
    CREATE TABLE actor_mentions (
        doc_id TEXT NOT NULL REFERENCES documents(id),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        actor_id TEXT,
        side TEXT NOT NULL,
        via TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (doc_id, start)
    );
    CREATE TABLE weapon_mentions (
        doc_id TEXT NOT NULL REFERENCES documents(id),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        weapon_id TEXT NOT NULL,
        category TEXT NOT NULL,
        PRIMARY KEY (doc_id, start)
    );
    """,
    # 3: event mentions with their claim and date; offsets into clean_text.
    """
    CREATE TABLE event_mentions (
        doc_id TEXT NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,              -- order in the document
        type TEXT NOT NULL,                -- control, strike, casualties, territory, ...
        start INTEGER NOT NULL,            -- the sentence
        end INTEGER NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        trigger TEXT NOT NULL,
        action TEXT NOT NULL,
        place_start INTEGER,
        place_end INTEGER,
        place_text TEXT,
        place_id TEXT,                     -- NULL: no place, or an ambiguous one
        controller TEXT,                   -- control events: RU, UA or contested
        side TEXT,                         -- the side that acted
        quantity_start INTEGER,
        quantity_end INTEGER,
        quantity_min REAL,
        quantity_max REAL,
        quantity_unit TEXT,
        date_first TEXT,                   -- ISO day, NULL when unresolved
        date_last TEXT,
        date_granularity TEXT NOT NULL,    -- day, week, month, year
        date_type TEXT NOT NULL,           -- exact, approximate, range, unresolved
        date_reason TEXT NOT NULL,
        date_start INTEGER,                -- the time expression's words
        date_end INTEGER,
        claimant TEXT,
        claimant_actor_id TEXT,
        claimant_side TEXT,
        claimant_start INTEGER,
        claimant_end INTEGER,
        stance TEXT NOT NULL,
        hedged INTEGER NOT NULL,
        background INTEGER NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (doc_id, seq)
    );
    CREATE INDEX event_mentions_type ON event_mentions(type, date_first);
    CREATE INDEX event_mentions_place ON event_mentions(place_id);
    """,
    # 4: fusion: copies of documents, fused events with their mentions, control timelines,
    # source reliability. All of it is derived and rewritten by `frontwatch fuse`.
    """
    CREATE TABLE doc_signatures (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id),
        signature BLOB NOT NULL            -- MinHash of the clean text's word shingles
    );
    CREATE TABLE doc_copies (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id),
        origin_id TEXT NOT NULL REFERENCES documents(id),  -- the earliest of its copy group
        similarity REAL NOT NULL           -- estimated Jaccard similarity with the origin
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        place_key TEXT NOT NULL,           -- place id, or "text:" + the spelling when unresolved
        place_id TEXT,
        place_text TEXT NOT NULL,
        controller TEXT,
        date_first TEXT,
        date_last TEXT,
        date_granularity TEXT NOT NULL,
        date_type TEXT NOT NULL,
        date_reason TEXT NOT NULL,
        status TEXT NOT NULL,              -- claimed, corroborated, confirmed, disputed, denied
        status_reason TEXT NOT NULL,
        n_mentions INTEGER NOT NULL,
        n_outlets INTEGER NOT NULL,        -- independent outlets (copies count once)
        sides TEXT NOT NULL,               -- claimant sides that support it, e.g. "RU,UA"
        support REAL,                      -- probability from truth discovery, NULL if untested
        contradicts TEXT NOT NULL          -- JSON list of event ids this one contradicts
    );
    CREATE INDEX events_place ON events(place_key, type);
    CREATE TABLE event_members (
        doc_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        role TEXT NOT NULL,                -- supports, denies, neutral
        date_first TEXT,                   -- the mention's date after repair from the event
        date_last TEXT,
        repair_reason TEXT,                -- why the date was repaired, NULL when it was not
        PRIMARY KEY (doc_id, seq)          -- the event mention
    );
    CREATE INDEX event_members_event ON event_members(event_id);
    CREATE TABLE control_intervals (
        place_id TEXT NOT NULL,
        basis TEXT NOT NULL,               -- assessed or claimed
        seq INTEGER NOT NULL,
        controller TEXT NOT NULL,
        date_from TEXT NOT NULL,
        date_to TEXT,                      -- NULL: still the latest state
        last_seen TEXT NOT NULL,           -- the latest evidence of this state
        change INTEGER NOT NULL,           -- 1 when the interval starts with a change of hands
        events TEXT NOT NULL,              -- JSON list of event ids
        explanation TEXT NOT NULL,
        PRIMARY KEY (place_id, basis, seq)
    );
    CREATE TABLE source_scores (
        source TEXT PRIMARY KEY,           -- "actor:ID", "claimant:NAME" or "outlet:NAME"
        kind TEXT NOT NULL,                -- claimant or outlet
        name TEXT NOT NULL,
        side TEXT,
        score REAL NOT NULL,
        n_tested INTEGER NOT NULL,         -- statements on contested facts (scored)
        agreement REAL NOT NULL,           -- expected number of them that were right
        n_statements INTEGER NOT NULL      -- all its statements
    );
    """,
    # 5: the assessed layer comes from the per-place state model (control.state): each
    # interval keeps its state's posterior and, as JSON lists of "doc_id:seq", the event
    # mentions for it and the strongest against it.
    """
    ALTER TABLE control_intervals ADD COLUMN probability REAL;
    ALTER TABLE control_intervals ADD COLUMN evidence TEXT;
    ALTER TABLE control_intervals ADD COLUMN against TEXT;
    """,
    # 6: why a run failed (its fusion, or the run itself), for `frontwatch runs`.
    """
    ALTER TABLE runs ADD COLUMN error TEXT;
    """,
    # 7: what an event date rests on ("yearless": the words leave out the year), so fusion
    # reads year-less words against another day without guessing from the words themselves.
    """
    ALTER TABLE event_mentions ADD COLUMN date_provenance TEXT NOT NULL DEFAULT '';
    """,
    # 8: P(the mention is right) from the calibrated model (frontwatch.events.confidence);
    # NULL for mentions stored before it, which the state model weighs by their cue.
    """
    ALTER TABLE event_mentions ADD COLUMN confidence REAL;
    """,
    # 9: the weapon a strike's sentence names (the pack's weapon id and its words).
    """
    ALTER TABLE event_mentions ADD COLUMN weapon_id TEXT;
    ALTER TABLE event_mentions ADD COLUMN weapon_start INTEGER;
    ALTER TABLE event_mentions ADD COLUMN weapon_end INTEGER;
    """,
    # 10: signatures are computed by frontwatch's own MinHash (fuse/copies.py), not
    # datasketch's; the old ones are not comparable with the new, so every document is
    # signed again by the next fusion (which then finds copies over all of them).
    """
    DELETE FROM doc_signatures;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, path: str) -> None:
    """Bring the database up to ``SCHEMA_VERSION``, one transaction per migration.

    Raises:
        SchemaTooNew: the database was written by a newer frontwatch.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"{path}: schema version {version} is newer than this frontwatch "
                           f"understands ({SCHEMA_VERSION}); upgrade frontwatch")
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # another process opening the same new file may have migrated it meanwhile
            if conn.execute("PRAGMA user_version").fetchone()[0] < number:
                for statement in MIGRATIONS[number - 1].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
