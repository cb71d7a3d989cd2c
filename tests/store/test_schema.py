import sqlite3

import pytest

from frontwatch.errors import SchemaTooNew, StoreError
from frontwatch.store import Store
from frontwatch.store.schema import SCHEMA_VERSION


def test_schema_new_database_is_at_the_current_version_in_wal_mode(db):
    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(db) as again:  # opening twice migrates nothing
        assert again.count_documents() == 0


def test_schema_refuses_a_database_from_a_newer_frontwatch(db):
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNew, match="upgrade frontwatch"):
        Store(db)


def test_schema_refuses_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite" * 100)
    with pytest.raises(StoreError, match="is it a frontwatch database"):
        Store(path)
