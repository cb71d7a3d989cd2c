"""HTML cleaning: trafilatura with a cache per document, offsets back into the page."""

import gzip
import re

import pytest

from frontwatch.clean.html import clean_html
from tests.conftest import CORPUS, needs_shared

PARAGRAPH = ("Russian forces withdrew from the west bank of the Dnipro and Ukrainian troops "
             "entered Kherson city on November 11, greeted by crowds in the central square.")


def page(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><nav><a>Home</a> | <a>World</a>"
            f"</nav><article><h1>{title}</h1>{body}</article><footer>© 2024 Wire</footer>"
            "</body></html>")


def test_html_a_paragraph_seen_in_an_earlier_document_is_not_dropped():
    other = "Officials in Kyiv said demining of the city would take weeks, if not months."
    first = clean_html(page("Kherson", PARAGRAPH, other), "a.html")
    second = clean_html(page("Kherson again", PARAGRAPH, other), "b.html")
    third = clean_html(page("Kherson a third time", PARAGRAPH, other), "c.html")
    for cleaned in (first, second, third):
        assert PARAGRAPH in cleaned.text


def test_html_repeated_paragraph_within_a_document_kept_once():
    cleaned = clean_html(page("Kherson", PARAGRAPH, PARAGRAPH, "A last, different line of text "
                              "about the city's power supply and water."), "a.html")
    assert cleaned.text.count(PARAGRAPH) == 1


def test_html_entities_and_inline_tags_map_back_to_the_raw_page():
    raw = page("Snake Island", "Russia&rsquo;s defence ministry called it a <em>&ldquo;goodwill "
               "gesture&rdquo;</em>, while <a href='#'>Ukraine</a> said its strikes drove the "
               "garrison off the island on June 30.")
    cleaned = clean_html(raw, "a.html")
    start = cleaned.text.index("“goodwill")
    raw_start, raw_end = cleaned.offsets.to_raw(start, start + len("“goodwill"))
    assert raw[raw_start:raw_end] == "&ldquo;goodwill"
    start = cleaned.text.index("Ukraine said")
    raw_start, raw_end = cleaned.offsets.to_raw(start, start + len("Ukraine"))
    assert raw[raw_start:raw_end] == "Ukraine"
    assert cleaned.coverage == 1.0


@needs_shared()
@pytest.mark.parametrize("name", ["2022-02-24", "2022-07-07", "2022-08-14"])
def test_html_isw_pages_every_word_located(name):
    raw = gzip.open(CORPUS / "dev" / "isw_html" / f"{name}.html.gz").read().decode("utf-8")
    cleaned = clean_html(raw, name)
    assert cleaned.coverage >= 0.99
    assert "Skip to main content" not in cleaned.text
    # A word inside a token that spans markup ("operation.</span>[1]") maps to the whole
    # token, so the raw span holds the word with the tags around it.
    located = 0
    words = list(re.finditer(r"[A-Za-z]{4,}", cleaned.text))
    for word in words:
        raw_start, raw_end = cleaned.offsets.to_raw(word.start(), word.end())
        located += word.group() in raw[raw_start:raw_end] and raw_end - raw_start < 300
    assert located / len(words) > 0.99
