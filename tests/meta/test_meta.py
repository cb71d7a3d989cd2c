"""Metadata with evidence on the seeds and on structured inputs."""

import json

import pytest

from frontwatch.pipeline import ingest
from tests.conftest import needs_shared, seed, write


def meta_of(store, doc_id):
    return {(m["field"], bool(m["chosen"])): dict(m) for m in store.document_meta(doc_id)}


def only_doc(store):
    [doc] = store.list_documents()
    return doc


@needs_shared()
def test_meta_seed_001_dated_by_its_dateline(store):
    ingest([str(seed("001"))], store)
    doc = only_doc(store)
    assert doc["published"] == "2022-07-04"
    published = meta_of(store, doc["id"])[("published", True)]
    assert published["evidence"] == "date 2022-07-04"
    raw = store.raw_bytes(doc["id"]).decode("utf-8")
    assert raw[published["raw_start"]:published["raw_end"]] == "date 2022-07-04"


@needs_shared()
@pytest.mark.parametrize("prefix, seen", [("000", "2024-05-25T21:53:32"), ("003", "2024-07-23"),
                                          ("002", None), ("004", None)])
def test_meta_seeds_without_publication_date_say_unknown(store, prefix, seen):
    ingest([str(seed(prefix))], store)
    doc = only_doc(store)
    assert doc["published"] is None
    fields = meta_of(store, doc["id"])
    assert ("published", True) not in fields
    if seen:
        assert fields[("seen", False)]["value"] == seen


@needs_shared()
def test_meta_seed_titles_outlets_authors(store):
    ingest([str(seed(p)) for p in ("000", "002", "003")], store)
    by_source = {d["source"].rsplit("/", 1)[1][:3]: d for d in store.list_documents()}
    assert by_source["000"]["title"] == ("Russian Defense Minister Says He Has Complete Control "
                                         "of Lisichansk")
    assert by_source["000"]["outlet"] == "DayDayNews"
    assert by_source["003"]["title"].startswith("Russian soldiers flee for their lives")
    author = meta_of(store, by_source["002"]["id"])[("author", True)]
    assert (author["value"], author["evidence"]) == ("Antonio Palma", "Author: Antonio Palma")


def test_meta_published_field_wins_over_the_text(tmp_path, store):
    text = "date 2022-07-04 Lysychansk fell.\nTuesday, July 23, 2024\nMore text here."
    path = write(tmp_path / "a.jsonl", json.dumps({"id": "x", "published": "2022-07-05T08:00:00Z",
                                                   "text": text}) + "\n")
    ingest([str(path)], store)
    doc = only_doc(store)
    assert doc["published"] == "2022-07-05"
    fields = meta_of(store, doc["id"])
    assert fields[("published", True)]["method"] == "input field"
    assert fields[("published", False)]["value"] == "2022-07-04"


def test_meta_language_detected(tmp_path, store):
    path = write(tmp_path / "ru.txt", "Российские войска покинули Лиман после окружения города. "
                 "Министерство обороны назвало это перегруппировкой.".encode("cp1251"))
    ingest([str(path)], store)
    assert only_doc(store)["language"] == "ru"
