"""Fusion on the shared seeds (issue 5's done-when), and the fusion commands end to end."""

import json

import pytest

from frontwatch.pipeline import ingest
from frontwatch.store import Store
from tests.conftest import CORPUS, write

SEEDS = CORPUS / "seeds"


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the shared seeds are not beside this checkout")
    store = Store(tmp_path_factory.mktemp("seeds") / "seeds.db")
    ingest([str(SEEDS)], store)
    yield store
    store.close()


def _events_with_sources(store, place_text_like):
    rows = store.conn.execute(
        "SELECT ev.id, ev.controller, ev.date_first, ev.status, group_concat(s.source) AS src "
        "FROM events ev JOIN event_members m ON m.event_id = ev.id "
        "JOIN document_sources s ON s.doc_id = m.doc_id "
        "WHERE ev.type = 'control' AND ev.place_text LIKE ? GROUP BY ev.id",
        (place_text_like,)).fetchall()
    return [dict(r) for r in rows]


def test_fuse_seeds_lysychansk_is_one_event_from_000_and_001_confirmed(seeds_store):
    events = [e for e in _events_with_sources(seeds_store, "L%s%chansk")
              if e["controller"] == "RU" and e["date_first"] == "2022-07-03"]
    assert len(events) == 1
    (event,) = events
    assert "/000_" in event["src"] and "/001_" in event["src"]
    assert event["status"] == "confirmed"


def test_fuse_seeds_no_event_is_dated_2024(seeds_store):
    dated = seeds_store.conn.execute(
        "SELECT count(*) FROM events WHERE date_first >= '2024' OR date_last >= '2024'")
    assert dated.fetchone()[0] == 0


def test_fuse_seeds_000_mentions_carry_the_day_fusion_gives_them(seeds_store):
    """000 has no publication date and names no year: its stored mentions stay honestly
    unresolved, and fusion adds the repaired day with its reason, for the Lysychansk claims
    (which join the event 001 dates) and the Belgorod strike alike."""
    from frontwatch.events.records import mention_record
    from frontwatch.places.gazetteer import load_gazetteer
    gazetteer = load_gazetteer()
    records = [mention_record(row, gazetteer) for row in seeds_store.event_mentions()]
    seed = [r for r in records if "/000_" in r["source"]]
    assert seed and all(r["date"]["start"] is None for r in seed)
    repaired = {(r["type"], r["place"]["text"]): r["date"]["repaired"] for r in seed
                if r["date"].get("repaired")}
    assert repaired[("control", "Lisichansk")]["start"] == "2022-07-03"
    assert repaired[("strike", "Belgorod")]["start"] == "2022-07-03"
    assert "fusion dated the document" in repaired[("strike", "Belgorod")]["reason"]
    assert all(r["event_id"] for r in seed)


NEWS = {
    "a.jsonl": {"id": "a1", "outlet": "Wire One", "published": "2022-10-02",
                "text": "Ukrainian forces liberated Lyman on October 1, the Ukrainian General "
                        "Staff said. Russian troops withdrew from the town."},
    "b.jsonl": {"id": "b1", "outlet": "Daily Two", "published": "2022-10-01",
                "text": "Russia's defence ministry said on Saturday that its troops had "
                        "withdrawn from Lyman to more advantageous lines."},
}


def test_fuse_commands_end_to_end(tmp_path, cli):
    for name, record in NEWS.items():
        write(tmp_path / "in" / name, json.dumps(record) + "\n")
    assert cli("ingest", str(tmp_path / "in")).exit_code == 0
    events = [json.loads(line) for line in cli("export", "events").output.splitlines()]
    lyman = [e for e in events if e["type"] == "control" and e["place"]["name"] == "Lyman"
             and e["controller"] == "UA" and e["date"]["start"] == "2022-10-01"]
    assert len(lyman) == 1
    assert {s["external_id"] for s in lyman[0]["sources"]} == {"a1", "b1"}
    assert lyman[0]["status"] == "confirmed"  # Russia's ministry concedes the withdrawal
    control = cli("control", "Lyman", "--at", "2022-10-05", "--format", "jsonl")
    states = [json.loads(line) for line in control.output.splitlines()]
    # what each side says: Russia's ministry concedes what Ukraine's General Staff claims
    assert {(s["basis"], s["controller"]) for s in states} == {
        ("assessed", "UA"), ("claimed", "UA"), ("claimed:RU", "UA"), ("claimed:UA", "UA")}
    by_russia = cli("control", "Lyman", "--basis", "claimed", "--side", "RU", "--format",
                    "jsonl").output.splitlines()
    assert {json.loads(line)["basis"] for line in by_russia} == {"claimed:RU"}
    assert cli("control", "Lyman", "--side", "XX").exit_code == 2
    assert cli("control", "Lyman", "--basis", "assessed", "--side", "RU").exit_code == 2
    timeline = cli("timeline", "--from", "2022-09-01", "--oblast", "Donetsk Oblast",
                   "--format", "jsonl").output.splitlines()
    assert [json.loads(line)["place"]["name"] for line in timeline] == ["Lyman"]
    assert "Lyman" in cli("brief").output
    csv_lines = cli("export", "control", "--format", "csv").output.splitlines()
    assert csv_lines[0].startswith("place_id,place_name")
    geo = json.loads(cli("export", "events", "--format", "geojson").output)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    assert cli("control", "Atlantis").exit_code == 1
    assert cli("timeline", "--from", "yesterday").exit_code == 2


def test_fuse_ingest_is_incremental_and_keeps_event_ids(tmp_path, cli):
    """A second ingest re-fuses the places it touches: the event gains a source, keeps its
    id, and matches what a full `frontwatch fuse` gives."""
    def lyman(output):
        return [e for e in map(json.loads, output.splitlines())
                if e["type"] == "control" and e["place"]["name"] == "Lyman"
                and e["controller"] == "UA"]

    write(tmp_path / "one" / "a.jsonl", json.dumps(NEWS["a.jsonl"]) + "\n")
    write(tmp_path / "two" / "b.jsonl", json.dumps(NEWS["b.jsonl"]) + "\n")
    assert cli("ingest", str(tmp_path / "one")).exit_code == 0
    (before,) = lyman(cli("export", "events").output)
    assert cli("ingest", str(tmp_path / "two")).exit_code == 0
    (after,) = lyman(cli("export", "events").output)
    assert after["id"] == before["id"] and len(after["sources"]) > len(before["sources"])
    assert cli("fuse").exit_code == 0
    (refused,) = lyman(cli("export", "events").output)
    assert refused == after


def test_fuse_an_open_range_after_publication_ingests_and_shows_control(tmp_path, cli):
    """'since May 20, 2022' in a report published May 1 has a first day and no last: ingest
    fuses it and `frontwatch control` shows the place."""
    record = {"id": "m1", "url": "https://example.org/m1", "outlet": "Example",
              "published": "2022-05-01", "title": "Mariupol",
              "text": "Russian forces captured Mariupol on April 20, 2022. Russian forces have "
                      "occupied Mariupol since May 20, 2022."}
    write(tmp_path / "in" / "m.jsonl", json.dumps(record) + "\n")
    result = cli("ingest", str(tmp_path / "in"))
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in cli("export", "events").output.splitlines()]
    assert events and all(e["date"]["end"] is not None for e in events)
    control = cli("control", "Mariupol", "--format", "jsonl")
    assert control.exit_code == 0, control.output
    assert {json.loads(line)["controller"] for line in control.output.splitlines()} == {"RU"}
