"""Cleaning loses no article text: over the whole real corpus, every line of 120 characters or
more that is not an exact repeat of an earlier line survives in the clean text."""

import re

import pytest
import trafilatura
from trafilatura.deduplication import LRUCache

from frontwatch.clean import clean_document
from frontwatch.clean.lines import LineJudge
from frontwatch.ingest.decode import decode_document
from frontwatch.ingest.readers import IngestSettings, ReadProgress, iter_inputs, plan_inputs
from frontwatch.model import Doc, Format, RawInput
from tests.conftest import CORPUS, needs_shared

LONG_LINE = 120
# What makes two lines the same line: spacing, a list bullet, a site name appended to a
# repeated headline (" - DayDayNews").
_BULLET = re.compile(r"^[-*•·]\s*")
_SITE_NAME = re.compile(r"\s+[-|]\s+[\w .]{2,40}$")


def _same_line_key(line: str) -> str:
    return _SITE_NAME.sub("", _BULLET.sub("", " ".join(line.split())))


def _lost_lines(lines: list[str], clean_text: str) -> list[str]:
    clean = " ".join(clean_text.split())
    seen: set[str] = set()
    lost = []
    for line in lines:
        key = _same_line_key(line)
        if len(key) >= LONG_LINE and key not in seen and key not in clean:
            lost.append(key)
        seen.add(key)
    return lost


@needs_shared()
def test_cleaning_keeps_every_long_line_that_is_no_exact_repeat():
    progress = ReadProgress()
    lost: dict[str, list[str]] = {}
    checked = 0
    for item in iter_inputs(plan_inputs([str(CORPUS)], progress), IngestSettings(), progress):
        assert isinstance(item, RawInput), item
        doc = Doc(raw=item, sha256="")
        decode_document(doc)
        clean_document(doc)
        if item.format is Format.HTML:
            # the article's lines are what trafilatura finds; the judge must keep them all
            lines = trafilatura.extract(doc.raw_text, include_comments=False,
                                        include_tables=False, with_metadata=False,
                                        deduplicate=LRUCache(maxsize=4096)).splitlines()
        else:
            lines = doc.raw_text.splitlines()
        checked += sum(len(_same_line_key(line)) >= LONG_LINE for line in lines)
        missing = _lost_lines(lines, doc.clean_text)
        if missing:
            lost[f"{item.source} {item.locator}"] = missing
    assert checked > 10_000
    assert not lost, f"{sum(map(len, lost.values()))} lines lost in {len(lost)} documents: " \
                     f"{next(iter(lost.items()))}"


def test_a_paragraph_that_extends_an_earlier_line_is_kept():
    judge = LineJudge()
    takeaway = "Russian forces made marginal gains near Avdiivka on January 5."
    paragraph = takeaway + " A milblogger claimed that Russian forces recaptured Krynky."
    assert judge.judge(takeaway, None) == (None, None)
    assert judge.judge(paragraph, None) == (None, None)


def test_a_banner_cut_shorter_is_a_repeat():
    judge = LineJudge()
    banner = "Russian Defense Minister Says He Has Complete Control of Lisichansk after July"
    assert judge.judge(banner, None) == (None, None)
    assert judge.judge(banner[:60], None) == ("repeated", None)


@pytest.mark.parametrize("line", ["- The same words.", "The same words. - Site Name"])
def test_same_line_key_ignores_bullets_and_site_names(line):
    assert _same_line_key(line) == "The same words."
