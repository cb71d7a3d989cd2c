"""Plain-text cleaning on the real seeds and on hand-made pages."""

import pytest

from frontwatch.clean.text import clean_plain_text
from tests.conftest import needs_shared, seed

BANNER = "#Russian Defense Minister Says He Has Complete Control of Lisichansk#"


@needs_shared()
def test_text_seed_000_banner_once_and_stamp_removed():
    raw = seed("000").read_text("utf-8")
    cleaned = clean_plain_text(raw)
    assert raw.count(BANNER) > 5
    assert cleaned.text.count(BANNER) == 1
    assert "2024/05/2521:53:32" not in cleaned.text
    assert "DayDayNews" not in cleaned.text
    assert "Category Latest News" not in cleaned.text
    assert "Yuri Sak, adviser to the Ukrainian Minister of Defense" in cleaned.text


@needs_shared()
@pytest.mark.parametrize("prefix, gone, kept", [
    ("003", ["Tuesday, July 23, 2024", "Top 5 This Week", "Related Posts", "Leave a Reply",
             "Popular Articles"], ["Valeriy Zaluzhny", "could not confirm or deny"]),
    ("004", ["Read More", "Be the first to comment", "Leave a Reply",
             "Your email address will not be published"], ["Serhii Cherevatyi", "Layman"]),
    ("002", [], ["Author: Antonio Palma", "Kupiansk", "Source: Fan Page IT"]),
])
def test_text_seed_chrome_removed_article_kept(prefix, gone, kept):
    cleaned = clean_plain_text(seed(prefix).read_text("utf-8"))
    for words in gone:
        assert words not in cleaned.text
    for words in kept:
        assert words in cleaned.text


@needs_shared()
def test_text_seed_002_repeated_title_collapsed_despite_spacing():
    cleaned = clean_plain_text(seed("002").read_text("utf-8"))
    assert cleaned.text.count("Ukrainian army breaks through Russian line") == 1
    assert cleaned.text.count("conflict in ukraine") == 1


@pytest.mark.parametrize("line", [
    "Leave a Reply", "Read More", "Related Posts", "Top 5 This Week", "Popular Articles",
    "Be the first to comment", "Your email address will not be published.",
    "Share this:", "Home | World | Europe | Defence", "Поделиться", "Комментарии (12)",
    "military Category Latest News",
])
def test_text_chrome_lines_removed(line):
    cleaned = clean_plain_text(f"Kherson was retaken on November 11.\n{line}\nThe end.")
    assert cleaned.text == "Kherson was retaken on November 11.\nThe end."
    assert [r.reason for r in cleaned.removed] == ["chrome"]


def test_text_prose_that_mentions_chrome_words_is_kept():
    text = "Read more about the battle for Bakhmut, which lasted from August 2022 to May 2023."
    assert clean_plain_text(text).text == text


def test_text_glued_stamp_is_cut_from_the_headline():
    raw = ("2024/04/1806:52:19 world 1407Moscow claims Lisichansk as Kyiv orders its troops "
           "out\nBody.")
    cleaned = clean_plain_text(raw)
    assert cleaned.text.startswith("Moscow claims Lisichansk")
    assert [c.kind for c in cleaned.date_cues] == ["stamp"]
