"""The Dask engine: the per-document stages and fusion's places on a dask.distributed
LocalCluster give the same store as the local engine, row for row (wall-clock columns
aside)."""

import sqlite3

from frontwatch.engines import DaskEngine, LocalEngine
from frontwatch.pipeline import ingest
from frontwatch.store import Store
from tests.conftest import EXAMPLES, write

# Columns that record when, not what.
CLOCK = {"ingested_at", "stored_at", "started_at", "finished_at", "created_at", "pid"}


def _rows(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%'")]
    found = {}
    for table in tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                   if r[1] not in CLOCK]
        found[table] = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    conn.close()
    return found


def test_dask_engine_writes_the_same_store_as_local(tmp_path):
    bad = write(tmp_path / "in" / "bad.jsonl", '{"id": "x", "text": 5}\n{not json}\n')
    inputs = [str(EXAMPLES), str(bad), str(EXAMPLES / "news.jsonl")]  # repeats are "known"
    with Store(tmp_path / "local.db") as store:
        local = ingest(inputs, store)
    engine = DaskEngine(workers=2)
    try:
        with Store(tmp_path / "dask.db") as store:
            distributed = ingest(inputs, store, engine=engine)
    finally:
        engine.close()
    assert (distributed.new, distributed.known, distributed.rejected) == \
        (local.new, local.known, local.rejected) and local.new > 10 and local.rejected == 2
    local_rows, dask_rows = _rows(tmp_path / "local.db"), _rows(tmp_path / "dask.db")
    assert local_rows.keys() == dask_rows.keys()
    for table in local_rows:
        assert local_rows[table] == dask_rows[table], table


class _Partitioning(LocalEngine):
    """Fusion's places in five partitions, run here: what a cluster would be sent."""

    partitions = 5

    def __init__(self) -> None:
        self.sent: list[int] = []

    def map_partitions(self, function, parts):
        self.sent.append(len(parts))
        return super().map_partitions(function, parts)


def test_fusion_partitioned_by_place_writes_the_same_store(tmp_path):
    inputs = [str(EXAMPLES)]
    with Store(tmp_path / "local.db") as store:
        ingest(inputs, store)
    engine = _Partitioning()
    with Store(tmp_path / "parts.db") as store:
        ingest(inputs, store, engine=engine)
    assert engine.sent and max(engine.sent) > 1
    local_rows, part_rows = _rows(tmp_path / "local.db"), _rows(tmp_path / "parts.db")
    for table in local_rows:
        assert local_rows[table] == part_rows[table], table


def test_engine_options_are_checked(cli):
    result = cli("ingest", str(EXAMPLES), "--workers", "3")
    assert result.exit_code == 2 and "--engine dask" in result.output
