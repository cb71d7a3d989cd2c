"""The fused store depends on the documents, never on the order they came in: ingested one
file at a time in permuted orders, in one batch, re-fused whole, or by two ingests at once,
the fused tables hold the same rows."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from frontwatch.fuse.run import fuse_store
from frontwatch.pipeline import ingest
from frontwatch.store import Store
from tests.conftest import EXAMPLES, SEEDS, needs_shared

# Every fused table, every row, in a fixed order.
FUSED = {
    "events": "SELECT * FROM events ORDER BY id",
    "event_members": "SELECT * FROM event_members ORDER BY doc_id, seq",
    "control_intervals": "SELECT * FROM control_intervals ORDER BY place_id, basis, seq",
    "doc_copies": "SELECT * FROM doc_copies ORDER BY doc_id",
    "source_scores": "SELECT * FROM source_scores ORDER BY source",
}

pytestmark = needs_shared()


def corpus_files() -> list[Path]:
    """The five seeds (002 and 000 have no publication date, so fusion dates them) and the
    bundled examples, one input file each."""
    return sorted(SEEDS.glob("*.txt")) + sorted(p for p in EXAMPLES.iterdir()
                                                if p.suffix != ".md")


def fused_rows(store: Store) -> dict[str, list[tuple]]:
    return {table: [tuple(row) for row in store.conn.execute(query)]
            for table, query in FUSED.items()}


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> dict[str, list[tuple]]:
    """The store one batch ingest of every file makes; a whole re-fuse must not change it."""
    with Store(tmp_path_factory.mktemp("batch") / "batch.db") as store:
        ingest([str(path) for path in corpus_files()], store)
        rows = fused_rows(store)
        assert rows["events"] and rows["control_intervals"]
        fuse_store(store)
        assert fused_rows(store) == rows
    return rows


def assert_same_store(rows: dict[str, list[tuple]], expected: dict[str, list[tuple]]) -> None:
    for table in FUSED:  # table by table, so a failure names the table
        assert rows[table] == expected[table], table


def chunks() -> list[list[Path]]:
    """The files in four groups: seeds with a date, seeds without, two halves of examples."""
    files = corpus_files()
    seeds, examples = files[:5], files[5:]
    undated = [p for p in seeds if p.name[:3] in ("000", "002", "004")]
    return [undated, [p for p in seeds if p not in undated], examples[::2], examples[1::2]]


# A fixed fifth of the 24 orders of the four groups; every other one also reverses the files
# inside each group.
ORDERS = list(itertools.permutations(range(4)))[::5]


@pytest.mark.parametrize("order", ORDERS, ids=["".join(map(str, o)) for o in ORDERS])
def test_order_ingesting_one_file_at_a_time_in_any_order_gives_the_batch_store(
        tmp_path, batch, order):
    groups = chunks()
    flip = ORDERS.index(order) % 2 == 1
    with Store(tmp_path / "one-by-one.db") as store:
        for index in order:
            for path in (groups[index][::-1] if flip else groups[index]):
                ingest([str(path)], store)
        assert_same_store(fused_rows(store), batch)
        fuse_store(store)
        assert_same_store(fused_rows(store), batch)


def halves() -> tuple[list[str], list[str]]:
    files = [str(path) for path in corpus_files()]
    return files[::2], files[1::2]


def test_order_an_ingest_that_runs_between_anothers_documents_gives_the_batch_store(
        tmp_path, batch):
    """A second connection ingests and fuses all of its files while the first is between
    two of its documents; the first then fuses its own."""
    first, second = halves()
    db = tmp_path / "interleaved.db"
    with Store(db) as store, Store(db) as other:
        done = []

        def meanwhile(progress, summary):
            if not done:
                done.append(ingest(second, other))

        ingest(first, store, on_progress=meanwhile)
        assert done and done[0].fusion is not None
        assert_same_store(fused_rows(store), batch)


def test_order_an_ingest_that_fuses_anothers_unfused_documents_gives_the_batch_store(
        tmp_path, batch):
    """The second ingest runs whole after the first stored all its documents and before the
    first fuses them: its fusion sees documents no fusion has seen, and fuses them too."""
    first, second = halves()
    db = tmp_path / "overtaken.db"
    with Store(db) as store, Store(db) as other:
        stored = []

        def meanwhile(progress, summary):
            if summary.new + summary.known + summary.rejected == len(first) and not stored:
                stored.append(ingest(second, other))

        ingest(first, store, on_progress=meanwhile)
        assert stored
        assert_same_store(fused_rows(store), batch)


def test_order_two_ingest_processes_at_once_give_the_batch_store(tmp_path, batch):
    """Two `frontwatch ingest` processes on one new store: they interleave their documents,
    their fusions take the write lock one after the other, and the store is the batch's."""
    db = tmp_path / "concurrent.db"
    env = {**os.environ, "FRONTWATCH_FAULT": ""}
    runs = [subprocess.Popen([sys.executable, "-m", "frontwatch", "ingest", *files,
                              "--db", str(db)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for files in halves()]
    for run in runs:
        out, err = run.communicate()
        assert run.returncode == 0, err
    with Store(db) as store:
        assert [r["status"] for r in store.list_runs()] == ["finished", "finished"]
        assert_same_store(fused_rows(store), batch)


def test_order_the_same_files_ingested_by_two_connections_are_stored_once(tmp_path, batch):
    """Two ingests of the same files, one inside the other: each document is stored once,
    new to one run and known to the other."""
    files = [str(path) for path in corpus_files()]
    db = tmp_path / "twice.db"
    with Store(db) as store, Store(db) as other:
        inner = []

        def meanwhile(progress, summary):
            if not inner:
                inner.append(ingest(files, other))

        outer = ingest(files, store, on_progress=meanwhile)
        assert outer.new + inner[0].new == store.count_documents()
        assert outer.known + inner[0].known == store.count_documents()
        assert_same_store(fused_rows(store), batch)
