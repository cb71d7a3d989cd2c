"""The whole real corpus in ../shared: every document in, nothing twice."""

import json

import pytest

from frontwatch.pipeline import ingest
from tests.conftest import CORPUS, needs_shared

pytestmark = needs_shared()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    from frontwatch.store import Store

    store = Store(tmp_path_factory.mktemp("shared") / "shared.db")
    first = ingest([str(CORPUS)], store)
    second = ingest([str(CORPUS)], store)
    yield store, first, second
    store.close()


def test_shared_corpus_takes_in_every_document(ingested):
    store, first, _ = ingested
    jsonl = sum(1 for line in open(CORPUS / "dev" / "news.jsonl", encoding="utf-8") if line.strip())
    html = len(list((CORPUS / "dev" / "isw_html").glob("*.html.gz")))
    seeds = len(list((CORPUS / "seeds").glob("*.txt")))
    dev2024 = sum(1 for line in open(CORPUS / "dev2024" / "isw_toplines_2024.jsonl",
                                     encoding="utf-8") if line.strip())
    assert (jsonl, html, seeds, dev2024) == (606, 16, 5, 116)
    assert (first.new, first.rejected) == (743, 0)
    assert store.count_documents() == 743


def test_shared_corpus_second_run_adds_nothing(ingested):
    store, _, second = ingested
    assert (second.new, second.known, second.rejected) == (0, 743, 0)
    assert store.count_documents() == 743


def test_shared_corpus_published_fields_kept_and_isw_html_dated(ingested):
    store, _, _ = ingested
    rows = store.conn.execute("SELECT published, external_id, format FROM documents").fetchall()
    by_id = {r["external_id"]: r["published"] for r in rows if r["external_id"]}
    with open(CORPUS / "dev" / "news.jsonl", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            assert by_id[record["id"]] == record["published"][:10]
    html_dates = [r["published"] for r in rows if r["format"] == "html"]
    assert len(html_dates) == 16 and all(d and d.startswith("2022-") for d in html_dates)


def test_shared_corpus_no_document_dated_from_a_crawl_stamp(ingested):
    store, _, _ = ingested
    dated_2024 = store.conn.execute(
        "SELECT count(*) FROM documents d JOIN document_meta m ON m.doc_id = d.id "
        "WHERE m.field = 'published' AND m.chosen = 1 AND m.method != 'input field' "
        "AND d.published >= '2024'").fetchone()[0]
    assert dated_2024 == 0
