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


def test_schema_migration_another_process_finished_meanwhile_is_not_run_twice(db):
    """Two processes open one new file: the second read version 0 before the first migrated
    it; inside its write transaction it sees the new version and runs nothing again."""
    from frontwatch.store.schema import migrate

    with Store(db):
        pass
    conn = sqlite3.connect(db, isolation_level=None)

    class StaleFirstRead:
        """The connection as the second process saw it before the first one's commit."""

        reads = 0

        def execute(self, sql, *args):
            if sql == "PRAGMA user_version" and not self.reads:
                self.reads += 1
                return conn.execute("SELECT 0")
            return conn.execute(sql, *args)

    migrate(StaleFirstRead(), str(db))  # would fail with "table runs already exists"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_schema_runs_record_why_a_run_failed(store):
    run = store.start_run("test", {}, [])
    store.finish_run(run, "failed", 0, 0, 0, "run 1: fusion failed (RuntimeError: boom)")
    (row,) = store.list_runs()
    assert (row["status"], row["error"]) == ("failed", "run 1: fusion failed (RuntimeError: boom)")
