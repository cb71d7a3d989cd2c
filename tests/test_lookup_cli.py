"""Looking things up from the command line: `event`, `place`, and place and oblast values
that the gazetteer does not know (an error with suggestions, never an empty answer)."""

import json

from tests.conftest import write

TEXT = ("Russian forces captured Lysychansk on July 3, the Russian Defence Ministry said. "
        "Ukraine's General Staff confirmed on July 3 that its troops had withdrawn from "
        "Lysychansk. A missile strike hit Kramatorsk on July 4, killing 3 people.\n")


def _ingest(tmp_path, cli):
    path = write(tmp_path / "in.jsonl", json.dumps({
        "id": "a1", "outlet": "Steppe Wire", "published": "2022-07-04", "text": TEXT}) + "\n")
    assert cli("ingest", str(path)).exit_code == 0


def test_event_shows_its_sources_side_by_side(tmp_path, cli):
    _ingest(tmp_path, cli)
    events = [json.loads(line) for line in cli("export", "events").output.splitlines()]
    control = next(e for e in events if e["type"] == "control")
    shown = cli("event", control["id"][:8])
    assert shown.exit_code == 0, shown.output
    assert control["id"] in shown.output and "Lysychansk" in shown.output
    assert "Russian Ministry of Defence" in shown.output and "confirms" in shown.output
    as_json = json.loads(cli("event", control["id"], "--format", "json").output)
    assert as_json[0]["id"] == control["id"] and len(as_json[0]["sources"]) == 2


def test_event_unknown_id_is_an_error(tmp_path, cli):
    _ingest(tmp_path, cli)
    result = cli("event", "ev-nothing")
    assert result.exit_code == 1 and "names no fused events" in result.output


def test_place_shows_where_it_is_who_held_it_and_what_happened(tmp_path, cli):
    _ingest(tmp_path, cli)
    for spelling in ("Lysychansk", "Лисичанськ", "Lisichansk"):
        shown = cli("place", spelling)
        assert shown.exit_code == 0, shown.output
        assert "Lysychansk (UA" in shown.output and "RU" in shown.output
        assert "control at Lysychansk" in shown.output


def test_unknown_place_is_an_error_with_suggestions(tmp_path, cli):
    _ingest(tmp_path, cli)
    for command in (("events", "--place", "Lysychanks"), ("place", "Lysychanks"),
                    ("control", "Lysychanks")):
        result = cli(*command)
        assert result.exit_code == 1, command
        assert "not a place the gazetteer knows" in result.output
        assert "did you mean Lysychansk" in result.output
    assert "no known spelling is close" in cli("place", "Qwzxq").output


def test_timeline_oblast_takes_the_bare_name_and_the_code_and_refuses_unknown_ones(
        tmp_path, cli):
    _ingest(tmp_path, cli)
    rows = [cli("timeline", "--oblast", name, "--basis", "claimed", "--format", "json").output
            for name in ("Luhansk", "Luhansk Oblast", "UA-09")]
    assert rows[0] == rows[1] == rows[2] and "Lysychansk" in rows[0]
    result = cli("timeline", "--oblast", "Luhanks")
    assert result.exit_code == 1 and "did you mean Luhansk Oblast" in result.output


def test_reversed_windows_are_usage_errors(tmp_path, cli):
    _ingest(tmp_path, cli)
    for command in ("events", "timeline", "brief"):
        result = cli(command, "--from", "2022-08-01", "--to", "2022-07-01")
        assert result.exit_code == 2 and "ends before it starts" in result.output, command
