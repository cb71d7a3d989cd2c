"""Event mentions through the store and the CLI: `events`, `export mentions`, `reprocess`."""

import json
import sqlite3

from frontwatch.store import Store
from frontwatch.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import write

KHERSON = ("Ukrainian troops entered Kherson on November 11, officials said. "
           "The Russian Defence Ministry said on Wednesday that its forces had withdrawn from "
           "Kherson. A missile strike hit Mykolaiv on November 9, killing 7 people.\n")


def _ingest(tmp_path, cli):
    path = write(tmp_path / "k.jsonl", json.dumps({
        "id": "k1", "outlet": "Steppe Wire", "published": "2022-11-11", "text": KHERSON}) + "\n")
    assert cli("ingest", str(path)).exit_code == 0


def test_ingest_stores_event_mentions_with_their_quote_and_offsets(tmp_path, cli):
    _ingest(tmp_path, cli)
    records = [json.loads(line) for line in
               cli("export", "mentions", "--format", "jsonl").output.splitlines()]
    kherson = [r for r in records if r["type"] == "control"]
    assert [(r["place"]["name"], r["controller"]) for r in kherson] == [
        ("Kherson", "contested"), ("Kherson", "UA")]
    first = kherson[0]
    assert first["quote"] == KHERSON[first["start"]:first["end"]]
    assert KHERSON[first["trigger"]["start"]:first["trigger"]["end"]] == "entered"
    assert first["date"] == {"start": "2022-11-11", "end": "2022-11-11", "granularity": "day",
                             "type": "exact", "reason": first["date"]["reason"],
                             "text_start": first["date"]["text_start"],
                             "text_end": first["date"]["text_end"],
                             "provenance": "yearless"}  # "on November 11": year not written
    assert first["place"]["admin1"] and first["place"]["lat"] > 46
    withdrawal = kherson[1]
    assert withdrawal["claimant"]["name"] == "Russian Ministry of Defence"
    assert (withdrawal["claimant"]["side"], withdrawal["stance"]) == ("RU", "claims")
    assert withdrawal["date"]["start"] == "2022-11-09"  # "on Wednesday" before 11 November
    strike = [r for r in records if r["type"] == "strike"]
    assert [r["place"]["name"] for r in strike] == ["Mykolaiv"]


def test_events_filters_by_type_place_and_dates(tmp_path, cli):
    _ingest(tmp_path, cli)

    def listed(*args):
        result = cli("events", "--format", "jsonl", *args)
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines()]

    assert {r["type"] for r in listed("--type", "strike")} == {"strike"}
    assert {r["place"]["name"] for r in listed("--place", "Херсон")} == {"Kherson"}
    assert {r["place"]["name"] for r in listed("--type", "control", "--to", "2022-11-10")} \
        == {"Kherson"}
    assert listed("--from", "2023-01-01") == []
    assert listed("--doc", "k1")
    table = cli("events", "--place", "Mykolaiv")
    assert "Mykolaiv" in table.output and "strike" in table.output


def test_events_rejects_a_bad_type_or_day_as_a_usage_error(tmp_path, cli):
    _ingest(tmp_path, cli)
    bad_type = cli("events", "--type", "battle")
    assert bad_type.exit_code == 2 and "not an event type" in bad_type.output
    bad_day = cli("events", "--from", "11/11/2022")
    assert bad_day.exit_code == 2 and "YYYY-MM-DD" in bad_day.output


def test_reprocess_refills_events_of_documents_from_an_older_stage_version(tmp_path, cli, db):
    _ingest(tmp_path, cli)
    with Store(db) as store:
        before = len(store.event_mentions())
        store.conn.execute("DELETE FROM event_mentions")
        store.conn.execute("UPDATE documents SET pipeline = json_set(pipeline, '$.events', "
                           "'events.v0')")
    result = cli("reprocess")
    assert result.exit_code == 0 and "1 documents" in result.output
    assert "0 documents" in cli("reprocess").output  # now up to date
    with Store(db) as store:
        assert len(store.event_mentions()) == before > 0


def test_a_version_2_database_gains_the_event_table(db):
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0] + MIGRATIONS[1] + "PRAGMA user_version = 2;")
    conn.close()
    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.event_mentions() == []


def test_export_mentions_carries_each_mentions_confidence(tmp_path, cli):
    _ingest(tmp_path, cli)
    records = [json.loads(line) for line in
               cli("export", "mentions", "--format", "jsonl").output.splitlines()]
    assert records and all(0.0 < r["confidence"] < 1.0 for r in records)
