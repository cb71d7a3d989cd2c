"""CLI messages and exit codes (0 ok, 1 fatal, 2 usage, 3 finished with rejections)."""

import json

from tests.conftest import EXAMPLES, GOLD, SEEDS, needs_shared, write

GOOD = "Ukrainian troops entered Kherson on November 11, officials said.\n"


def test_cli_ingest_summary_and_rerun(tmp_path, cli):
    path = write(tmp_path / "a.txt", GOOD)
    first = cli("ingest", str(path))
    assert first.exit_code == 0
    assert first.output == ("Run 1: 1 inputs: 1 new, 0 already known, 0 rejected.\n"
                            "Fused the new documents' places: 1 event mention(s) at 1 place(s) "
                            "make 1 event(s); 'frontwatch brief' summarises the record.\n")
    second = cli("ingest", str(path))
    assert second.exit_code == 0
    assert second.output == ("Run 2: 1 inputs: 0 new, 1 already known (nothing new to add), "
                             "0 rejected.\n")


def test_cli_ingest_with_rejections_exits_3_and_names_the_input(tmp_path, cli):
    bad = write(tmp_path / "in" / "empty.txt", b"")
    write(tmp_path / "in" / "good.txt", GOOD)
    result = cli("ingest", str(tmp_path / "in"))
    assert result.exit_code == 3
    assert f"rejected [empty] {bad}: the input is empty; nothing to ingest" in result.output
    listing = cli("rejections", "--format", "jsonl")
    assert [json.loads(line)["code"] for line in listing.output.splitlines()] == ["empty"]


def test_cli_missing_path_is_fatal(tmp_path, cli):
    result = cli("ingest", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "no such file or folder" in result.output


def test_cli_usage_error_exits_2(cli):
    assert cli("ingest").exit_code == 2
    assert cli("docs", "--format", "xml").exit_code == 2


def test_cli_listing_before_any_ingest_is_fatal_with_a_hint(cli, db):
    result = cli("docs")
    assert result.exit_code == 1
    assert "run 'frontwatch ingest PATH' first" in result.output


def test_cli_docs_and_show_formats(tmp_path, cli):
    path = write(tmp_path / "a.jsonl", json.dumps({
        "id": "k1", "outlet": "Steppe Wire", "published": "2022-11-11", "title": "Kherson",
        "text": GOOD}) + "\n")
    cli("ingest", str(path))
    rows = json.loads(cli("docs", "--format", "json").output)
    assert [(r["external_id"], r["outlet"], r["published"]) for r in rows] == [
        ("k1", "Steppe Wire", "2022-11-11")]
    assert rows[0]["published_evidence"] == 'input field: published: "2022-11-11"'
    assert "k1" in cli("docs").output or rows[0]["id"][:12] in cli("docs").output
    shown = json.loads(cli("show", "k1", "--format", "json").output)
    assert shown["clean_text"] == GOOD.strip()
    assert {m["field"] for m in shown["metadata"]} >= {"title", "outlet", "published"}
    text = cli("show", rows[0]["id"][:8])
    assert text.exit_code == 0 and "Kherson" in text.output


def test_cli_show_unknown_document(cli, tmp_path):
    cli("ingest", str(write(tmp_path / "a.txt", GOOD)))
    result = cli("show", "deadbeef")
    assert result.exit_code == 1
    assert "no document 'deadbeef'" in result.output


def test_cli_db_from_environment(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from frontwatch.cli import app

    monkeypatch.setenv("FRONTWATCH_DB", str(tmp_path / "env.db"))
    result = CliRunner().invoke(app, ["ingest", str(write(tmp_path / "a.txt", GOOD))])
    assert result.exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_cli_bundled_sample_corpus_ingests_cleanly(cli):
    result = cli("ingest", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    rows = json.loads(cli("docs", "--format", "json").output)
    assert len(rows) == 18
    encodings = {r["source"].rsplit("/", 1)[1]: r for r in rows}
    assert "11_ru_soledar_cp1251.txt" in encodings


@needs_shared()
def test_cli_eval_events_scores_several_golds_side_by_side(cli, tmp_path):
    assert cli("ingest", str(SEEDS)).exit_code == 0
    lines = (GOLD / "events" / "seeds-news-a.jsonl").read_text("utf-8").splitlines()
    seeds_only = "".join(line + "\n" for line in lines
                         if json.loads(line)["doc"][:3].isdigit())
    seeds_gold = write(tmp_path / "first" / "seeds-news-a.jsonl", seeds_only)
    copy = write(tmp_path / "second" / "seeds.jsonl", seeds_only)
    result = cli("eval", "events", str(seeds_gold), str(copy.parent))
    assert result.exit_code == 0, result.output
    summaries = [line for line in result.output.splitlines() if "gold events" in line]
    assert [line.split(":")[0] for line in summaries] == [str(seeds_gold), str(copy.parent)]
    row = next(line for line in result.output.splitlines() if "control_precision" in line)
    first, second = row.split()[1:]
    assert first == second  # the same gold twice scores the same
    as_json = json.loads(cli("eval", "events", str(seeds_gold), str(copy.parent),
                             "--format", "json").output)
    assert [r["gold"] for r in as_json] == [str(seeds_gold), str(copy.parent)]


def test_cli_a_missing_path_among_good_ones_is_a_rejection(tmp_path, cli):
    write(tmp_path / "in" / "good.txt", GOOD)
    result = cli("ingest", str(tmp_path / "nope.txt"), str(tmp_path / "in"))
    assert result.exit_code == 3
    assert "nope.txt: no such file or folder" in result.output
    listing = cli("rejections", "--format", "jsonl")
    assert [json.loads(line)["code"] for line in listing.output.splitlines()] == ["missing"]
    assert "1 new" in result.output


def test_eval_calibrate_needs_a_window_for_distant_labels(tmp_path, cli):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("")
    result = cli("eval", "calibrate", str(gold), "--truth", str(tmp_path))
    assert result.exit_code == 2 and "--from and --to" in result.output
