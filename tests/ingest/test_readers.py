"""Every reader, through the whole ingest: the documents that come out and where they came from."""

import gzip
import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontwatch.pipeline import ingest
from tests.conftest import write

ARTICLE = ("Ukrainian forces entered Izium on September 10, the General Staff said.\n\n"
           "Russia's defence ministry called the withdrawal a regrouping.\n")
HTML = ("<html><head><title>Izium retaken | Steppe Wire</title>"
        '<meta property="og:site_name" content="Steppe Wire">'
        '<meta property="article:published_time" content="2022-09-11T09:00:00Z"></head>'
        "<body><nav>Home | World | Europe</nav><article><h1>Izium retaken</h1>"
        "<p>Ukrainian forces entered Izium on September 10, the General Staff said after a "
        "week of fighting east of Balakliia.</p><p>Russia&rsquo;s defence ministry called the "
        "withdrawal a &ldquo;regrouping&rdquo; of its troops towards Donetsk.</p>"
        "</article></body></html>")


def record(**fields) -> str:
    base = {"id": "r1", "url": "https://wire.test/a", "outlet": "Steppe Wire",
            "published": "2022-09-11T09:00:00Z", "title": "Izium retaken", "text": ARTICLE}
    return json.dumps({**base, **fields})


def documents(store) -> list[dict]:
    rows = store.conn.execute(
        "SELECT d.*, s.source, s.locator FROM documents d JOIN document_sources s "
        "ON s.doc_id = d.id ORDER BY s.source, s.locator").fetchall()
    return [dict(r) for r in rows]


@pytest.mark.parametrize("gz", [False, True])
def test_readers_text_file(tmp_path, store, gz):
    path = write(tmp_path / ("a.txt.gz" if gz else "a.txt"), ARTICLE, gz=gz)
    summary = ingest([str(path)], store)
    assert (summary.new, summary.rejected) == (1, 0)
    [doc] = documents(store)
    assert doc["format"] == "text" and doc["source"] == str(path) and doc["locator"] == ""
    assert "entered Izium" in doc["clean_text"]


@pytest.mark.parametrize("gz", [False, True])
def test_readers_html_file(tmp_path, store, gz):
    path = write(tmp_path / ("a.html.gz" if gz else "a.htm"), HTML, gz=gz)
    ingest([str(path)], store)
    [doc] = documents(store)
    assert doc["format"] == "html"
    assert "Russia’s defence ministry called the withdrawal a “regrouping”" in doc["clean_text"]
    assert "Home | World" not in doc["clean_text"]
    assert (doc["title"], doc["outlet"], doc["published"]) == ("Izium retaken", "Steppe Wire",
                                                               "2022-09-11")


@pytest.mark.parametrize("gz", [False, True])
def test_readers_jsonl_keeps_fields_and_extras(tmp_path, store, gz):
    lines = [record(id="r1", section="world"), record(id="r2", text="Kherson: " + ARTICLE)]
    path = write(tmp_path / ("n.jsonl.gz" if gz else "n.jsonl"), "\n".join(lines) + "\n", gz=gz)
    ingest([str(path)], store)
    docs = documents(store)
    assert [d["locator"] for d in docs] == ["line 1", "line 2"]
    assert [d["external_id"] for d in docs] == ["r1", "r2"]
    assert docs[0]["url"] == "https://wire.test/a" and docs[0]["outlet"] == "Steppe Wire"
    assert json.loads(docs[0]["extra"]) == {"section": "world"}
    assert docs[0]["published"] == "2022-09-11"


def test_readers_json_array(tmp_path, store):
    path = write(tmp_path / "a.json", json.dumps([json.loads(record(id="a")),
                                                  json.loads(record(id="b", text="Other"))]))
    ingest([str(path)], store)
    assert [d["locator"] for d in documents(store)] == ["item 0", "item 1"]


def test_readers_csv_with_quoted_newlines(tmp_path, store):
    text = ('id,url,outlet,published,title,text\r\n'
            'c1,https://wire.test/1,Wire,2022-11-09,"Kherson, again",'
            '"Line one, with ""quotes"".\r\n'
            'Line two."\r\n'
            'c2,,Wire,2022-11-11,Second,Plain text row\r\n')
    path = write(tmp_path / "w.csv", text)
    ingest([str(path)], store)
    docs = documents(store)
    assert [d["external_id"] for d in docs] == ["c1", "c2"]
    assert docs[0]["clean_text"] == 'Line one, with "quotes".\nLine two.'
    assert [d["locator"] for d in docs] == ["line 2", "line 4"]


def warc_bytes(*pages: tuple[str, str, str]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers))
    return buffer.getvalue()


def test_readers_warc_keeps_html_responses_with_their_urls(tmp_path, store):
    data = warc_bytes(("https://wire.test/izium", "text/html; charset=utf-8", HTML),
                      ("https://wire.test/logo.png", "image/png", "not html"))
    path = write(tmp_path / "crawl.warc.gz", data)
    summary = ingest([str(path)], store)
    assert (summary.new, summary.rejected) == (1, 0)
    [doc] = documents(store)
    assert doc["url"] == "https://wire.test/izium" and doc["locator"] == "record 1"
    seen = store.conn.execute("SELECT value FROM document_meta WHERE field='seen'").fetchall()
    assert len(seen) == 1  # the WARC-Date, kept as when the page was seen


def test_readers_folder_recursive_skips_unknown_extensions(tmp_path, store):
    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "deep" / "b.html", HTML)
    write(tmp_path / "in" / "notes.md", "# not news")
    write(tmp_path / "in" / ".hidden.txt", "hidden")
    summary = ingest([str(tmp_path / "in")], store)
    assert summary.new == 2
    assert summary.skipped == [str(tmp_path / "in" / "notes.md")]


def test_readers_stdin_sniffs_the_layout(cli, store):
    result = cli("ingest", "-", input=(record(id="s1") + "\n" + record(id="s2", text="x y z")))
    assert result.exit_code == 0, result.output
    assert [d["source"] for d in documents(store)] == ["-", "-"]


def test_readers_stdin_gzipped_html(cli, store):
    result = cli("ingest", "-", input=gzip.compress(HTML.encode()))
    assert result.exit_code == 0, result.output
    assert documents(store)[0]["format"] == "html"


def test_readers_csv_bytes_the_sample_encoding_cannot_read_stay_in_the_record(tmp_path, store):
    """Found by the fuzz test: the encoding is guessed from the first 64 KB; a later byte it
    cannot read no longer aborts the batch (it stays in the record's bytes)."""
    head = "id,text\r\n" + "".join(f"r{i},Row {i} of plain text\r\n" for i in range(4000))
    path = write(tmp_path / "late.csv", head.encode("ascii") + b"r-last,caf\xe9 au lait\r\n")
    ingest([str(path)], store)
    assert len(documents(store)) == 4001 and store.list_rejections() == []


def test_readers_csv_record_with_a_bare_carriage_return_is_a_rejection(tmp_path, store):
    path = write(tmp_path / "cr.csv", b"id,text\r\nc1,first\rsecond\r\nc2,fine row\r\n")
    ingest([str(path)], store)
    assert [d["external_id"] for d in documents(store)] == ["c1", "c2"]
    [rejected] = store.list_rejections()
    assert (rejected["locator"], rejected["code"]) == ("line 3", "malformed-record")


def test_readers_truncated_utf16_csv_is_a_rejection_with_its_bytes(tmp_path, store):
    data = "id,text\nc1,hello\n".encode("utf-16-be") + b"\x00"
    path = write(tmp_path / "cut.csv", data)
    ingest([str(path)], store)
    assert [d["external_id"] for d in documents(store)] == ["c1"]
    [rejected] = store.list_rejections()
    assert rejected["code"] == "malformed-record" and "utf-16-be" in rejected["message"]
