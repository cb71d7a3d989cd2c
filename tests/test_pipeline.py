"""Bad input becomes a rejection and the batch goes on; re-ingesting adds nothing; crashes are
safe."""

import gzip
import hashlib
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from frontwatch.errors import PipelineError
from frontwatch.pipeline import STAGES, Pipeline, ingest
from frontwatch.store import Store
from tests.conftest import write

GOOD = "Russian forces withdrew from Lyman on October 1, the defence ministry said.\n"


def rejections(store) -> list[tuple[str, str, str]]:
    return [(r["input"], r["locator"], r["code"]) for r in store.list_rejections()]


@pytest.mark.parametrize("name, data, code", [
    ("binary.txt", b"\x7fELF\x02\x01\x01" + bytes(200), "binary"),
    ("nul.txt", b"text\x00with\x00nul" * 10, "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.html", b"   \n\n", "empty"),
    ("cut.txt.gz", gzip.compress(GOOD.encode() * 50)[:-12], "truncated-gzip"),
    ("bad.txt.gz", b"\x1f\x8b\x08\x00garbage-not-deflate", "corrupt-gzip"),
])
def test_pipeline_bad_input_is_a_rejection_and_the_batch_goes_on(tmp_path, store, name, data,
                                                                  code):
    bad = write(tmp_path / "in" / name, data)
    write(tmp_path / "in" / "zz_good.txt", GOOD)
    summary = ingest([str(tmp_path / "in")], store)
    assert summary.new == 1
    assert rejections(store) == [(str(bad), "", code)]
    [rejection] = store.list_rejections()
    assert str(bad) in rejection["message"]


def test_pipeline_oversized_input_is_rejected(tmp_path, store):
    from frontwatch.ingest.readers import IngestSettings

    path = write(tmp_path / "big.txt", GOOD * 100)
    summary = ingest([str(path)], store, IngestSettings(max_document_bytes=1000))
    assert summary.new == 0 and rejections(store) == [(str(path), "", "oversized")]


def test_pipeline_malformed_jsonl_line_between_good_ones(tmp_path, store):
    good = json.dumps({"id": "a", "text": GOOD})
    path = write(tmp_path / "n.jsonl", "\n".join([
        good, '{"id": "b", "text": "unterminated', json.dumps({"id": "c", "text": GOOD + "!"}),
        json.dumps({"id": "d", "title": "no text field"}), "[1, 2]"]) + "\n")
    summary = ingest([str(path)], store)
    assert summary.new == 2
    assert rejections(store) == [(str(path), "line 2", "malformed-record"),
                                 (str(path), "line 4", "no-text"),
                                 (str(path), "line 5", "malformed-record")]
    message = store.list_rejections()[0]["message"]
    assert message.startswith(f"{path}, line 2: not valid JSON")
    # the rejected line's bytes are kept
    sha = store.list_rejections()[0]["blob_sha"]
    assert store.raw_bytes(sha) == b'{"id": "b", "text": "unterminated'


def test_pipeline_truncated_gzip_jsonl_keeps_the_lines_before_the_cut(tmp_path, store):
    lines = "".join(json.dumps({"id": str(i), "text": f"Report {i}: " + GOOD * 3}) + "\n"
                    for i in range(200))
    data = gzip.compress(lines.encode())
    path = write(tmp_path / "n.jsonl.gz", data[: len(data) * 2 // 3])
    summary = ingest([str(path)], store)
    assert 0 < summary.new < 200
    assert [r[2] for r in rejections(store)] == ["truncated-gzip"]


def test_pipeline_reingest_is_a_no_op_and_says_so(tmp_path, store):
    write(tmp_path / "in" / "a.txt", GOOD)
    write(tmp_path / "in" / "b.jsonl", json.dumps({"id": "b", "text": GOOD + "More."}) + "\n")
    write(tmp_path / "in" / "c.txt", b"")
    first = ingest([str(tmp_path / "in")], store)
    second = ingest([str(tmp_path / "in")], store)
    assert (first.new, first.known, first.rejected) == (2, 0, 1)
    assert (second.new, second.known, second.rejected, second.rejected_before) == (0, 2, 1, 1)
    assert store.count_documents() == 2 and len(store.list_rejections()) == 1


def test_pipeline_same_bytes_at_a_second_path_is_one_document_with_two_sources(tmp_path, store):
    first = write(tmp_path / "a.txt", GOOD)
    second = write(tmp_path / "copy" / "a.txt", GOOD)
    ingest([str(first), str(second)], store)
    [doc] = store.list_documents()
    assert [s["source"] for s in store.document_sources(doc["id"])] == [str(first), str(second)]


def test_pipeline_raw_bytes_are_kept_exactly(tmp_path, store):
    data = "Лиман\r\n".encode("cp1251") + b"Lyman was retaken on October 1, 2022.\r\n"
    path = write(tmp_path / "a.txt", data)
    ingest([str(path)], store)
    [doc] = store.list_documents()
    assert store.raw_bytes(doc["id"]) == data


def test_pipeline_refuses_stages_out_of_order():
    with pytest.raises(PipelineError, match="stage 'meta' reads"):
        Pipeline([STAGES[0], STAGES[2]])


def test_pipeline_crash_mid_run_leaves_no_half_document_and_rerun_completes(tmp_path):
    folder = tmp_path / "in"
    for i in range(8):
        write(folder / f"{i}.txt", f"Report {i}. " + GOOD)
    db = tmp_path / "crash.db"
    command = [sys.executable, "-m", "frontwatch", "ingest", str(folder), "--db", str(db)]
    env = {**os.environ, "FRONTWATCH_FAULT": "kill-in-document:4"}
    crashed = subprocess.run(command, env=env, capture_output=True)
    assert crashed.returncode == -9  # SIGKILL inside the 4th document's transaction

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
    orphans = conn.execute(
        "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_sources s "
        "WHERE s.doc_id = d.id) OR NOT EXISTS (SELECT 1 FROM document_meta m "
        "WHERE m.doc_id = d.id)").fetchone()[0]
    assert orphans == 0
    conn.close()

    env.pop("FRONTWATCH_FAULT")
    rerun = subprocess.run(command, env=env, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert "5 new, 3 already known" in rerun.stdout
    with Store(db) as store:
        assert store.count_documents() == 8


FUSED_TABLES = ("events", "event_members", "control_intervals", "doc_copies", "source_scores")
LYMAN = ("Ukrainian forces liberated Lyman on October 1, 2022, the General Staff said. "
         "Russia's defence ministry confirmed on October 1, 2022 that its troops withdrew "
         "from Lyman.\n")


def fused(store) -> dict[str, list[tuple]]:
    return {table: [tuple(r) for r in store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
            for table in FUSED_TABLES}


def break_fusion(monkeypatch) -> None:
    """Make fusion fail after it rewrote the events, before the timelines."""
    import frontwatch.fuse.run as run

    def broken(conn):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(run, "_score_sources", broken)


def test_pipeline_fusion_failure_keeps_documents_rolls_back_fusion_and_records_the_run(
        tmp_path, store, monkeypatch):
    from frontwatch.errors import FusionError
    from frontwatch.fuse.run import fuse_store

    ingest([str(write(tmp_path / "a.txt", GOOD))], store)
    before = fused(store)
    assert before["events"]
    break_fusion(monkeypatch)
    with pytest.raises(FusionError) as failed:
        ingest([str(write(tmp_path / "b.txt", LYMAN))], store)
    message = str(failed.value)
    assert message == ("run 2: fusion failed (RuntimeError: boom second line); the 1 new "
                       "document(s) are stored and the fused record is unchanged; run "
                       "'frontwatch fuse' after fixing the cause")
    assert store.count_documents() == 2  # each document was committed on its own
    assert fused(store) == before  # the fused tables rolled back as one
    runs = store.list_runs()
    assert [(r["status"], r["error"]) for r in runs] == [("finished", None),
                                                         ("failed", message)]
    assert runs[1]["n_new"] == 1

    monkeypatch.undo()  # the next ingest fuses what the failed one left, even with nothing new
    again = ingest([str(tmp_path / "b.txt")], store)
    assert (again.new, again.known) == (0, 1) and again.fusion is not None
    caught_up = fused(store)
    fuse_store(store)
    assert fused(store) == caught_up != before


def test_pipeline_fusion_failure_on_the_cli_is_one_line_and_exit_1(tmp_path, cli, monkeypatch):
    import json

    break_fusion(monkeypatch)
    result = cli("ingest", str(write(tmp_path / "b.txt", LYMAN)))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.strip().startswith("Error: run 1: fusion failed (RuntimeError: boom")
    assert result.output.strip().endswith("run 'frontwatch fuse' after fixing the cause")
    assert len(result.output.strip().splitlines()) == 1
    monkeypatch.undo()
    (run,) = json.loads(cli("runs", "--format", "json").output)
    assert run["status"] == "failed" and "fusion failed" in run["error"]
    assert cli("fuse").exit_code == 0


def test_pipeline_a_document_stored_meanwhile_by_another_ingest_is_known(tmp_path, db):
    """Two ingests of the same bytes that both looked before either stored them: the second
    to save records only its source."""
    from frontwatch.model import Format, RawInput

    data = GOOD.encode()
    sha = hashlib.sha256(data).hexdigest()
    with Store(db) as one, Store(db) as two:
        run_one, run_two = (s.start_run("test", {}, []) for s in (one, two))
        doc = Pipeline().process(RawInput("a.txt", "", data, Format.TEXT), sha)
        for s in (one, two):
            s.put_blob(sha, data)
        assert one.save_document(doc, run_one)
        later = Pipeline().process(RawInput("copy/a.txt", "", data, Format.TEXT), sha)
        assert not two.save_document(later, run_two)
        assert one.count_documents() == 1
        assert [s["source"] for s in one.document_sources(sha)] == ["a.txt", "copy/a.txt"]


def test_pipeline_a_text_that_is_no_string_says_so(tmp_path, store):
    path = write(tmp_path / "n.jsonl", json.dumps({"id": "a", "text": 42}) + "\n"
                 + json.dumps({"id": "b", "text": GOOD}) + "\n")
    assert ingest([str(path)], store).new == 1
    [rejection] = store.list_rejections()
    assert (rejection["code"], rejection["message"]) == (
        "malformed-record", f"{path}, line 1: the record's 'text' is int, not a string")


def test_pipeline_stray_nul_bytes_are_cleaned_not_a_binary_rejection(tmp_path, store):
    path = write(tmp_path / "nul.txt", "")
    article = "".join(f"{n}. {GOOD}" for n in range(20)).encode()  # about 1.6 kB
    path.write_bytes(article + b"\x00\x00\x00\x00" + article)
    summary = ingest([str(path)], store)
    assert (summary.new, summary.rejected) == (1, 0)
    text = store.conn.execute("SELECT clean_text FROM documents").fetchone()[0]
    assert "\x00" not in text
    # the NUL-prefixed line is new; the exact repeats after it go
    assert "    0. Russian forces withdrew from Lyman" in text and text.count("Lyman") == 21


def test_pipeline_a_killed_run_is_marked_interrupted_by_the_next(tmp_path, store):
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    store.conn.execute("INSERT INTO runs (started_at, status, code_version, settings, inputs, "
                       "pid) VALUES ('2026-01-01', 'running', 'x', '{}', '[]', ?)", (gone.pid,))
    store.conn.commit()
    ingest([str(write(tmp_path / "a.txt", GOOD))], store)
    status, error = store.conn.execute("SELECT status, error FROM runs ORDER BY id").fetchone()
    assert status == "interrupted" and "killed or crashed" in error


def test_pipeline_oversized_and_truncated_inputs_keep_their_bytes(tmp_path, store):
    from frontwatch.ingest.readers import IngestSettings

    big = write(tmp_path / "big.txt", GOOD * 100)
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress(GOOD.encode() * 10)[:-12])  # under the limit, cut short
    ingest([str(big), str(cut)], store, IngestSettings(max_document_bytes=1000))
    kept = {r["code"]: store.raw_bytes(r["blob_sha"]) for r in store.list_rejections()}
    assert kept == {"oversized": big.read_bytes(), "truncated-gzip": cut.read_bytes()}
