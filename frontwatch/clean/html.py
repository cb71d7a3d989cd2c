"""Clean HTML: trafilatura finds the article; we locate each of its words in the raw page.

trafilatura returns text without offsets, so the cleaner builds the page's visible text with
the raw position of every character (``html_text.visible_text``) and finds each extracted line
there, in order. Words that cannot be found (trafilatura rewrote them) stay unmapped; the share
of mapped characters is reported as the document's offset coverage.

trafilatura's de-duplication cache is process-wide by default and silently drops paragraphs of
later documents that resemble earlier ones; every call gets a fresh cache of its own.
"""

from __future__ import annotations

import logging
import re


from frontwatch.clean.html_text import VisibleText, visible_text
from frontwatch.clean.lines import Cleaned, LineJudge
from frontwatch.errors import NoText
from frontwatch.model import DateCue, RemovedLine
from frontwatch.offsets import OffsetMapBuilder

log = logging.getLogger(__name__)
_TOKEN = re.compile(r"\S+")
# trafilatura prefixes list items with a marker that is not in the page.
_LIST_MARKERS = frozenset({"-", "*", "•"})
# How far past the previous line a token may be found when the whole line is not found
# verbatim; farther matches of a common word are more likely wrong than right.
_TOKEN_WINDOW = 400
# Paragraph cache size per document; a news page has far fewer paragraphs.
_DEDUP_CACHE = 4096


def clean_html(raw_html: str, where: str) -> Cleaned:
    """Return the article text of an HTML page with a map back to the page's characters.

    Raises:
        NoText: neither trafilatura nor the page's visible text holds any words.
    """
    page = visible_text(raw_html)
    try:
        import trafilatura  # here, not at start-up: only HTML pages need it
        from trafilatura.deduplication import LRUCache
        extracted = trafilatura.extract(
            raw_html, include_comments=False, include_tables=False, with_metadata=False,
            deduplicate=LRUCache(maxsize=_DEDUP_CACHE))
    except Exception as exc:  # trafilatura's parser errors have no common base class
        log.warning("%s: trafilatura failed (%s); using the page's visible text", where, exc)
        extracted = None
    lines = (extracted or page.text).splitlines()
    return _assemble(lines, page, where)


def _assemble(lines: list[str], page: VisibleText, where: str) -> Cleaned:
    judge = LineJudge()
    builder = OffsetMapBuilder()
    parts: list[str] = []
    length = 0
    mapped = total = 0
    removed: list[RemovedLine] = []
    cues: list[DateCue] = []
    cursor = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        runs, cursor = _locate(stripped, page, cursor)
        line_raw_start = runs[0][2] if runs else None
        reason, cue = judge.judge(stripped, line_raw_start)
        if cue is not None:
            cues.append(cue)
        if reason:
            if runs:
                removed.append(RemovedLine(runs[0][2], runs[-1][3], reason))
            continue
        if parts:
            parts.append("\n")
            length += 1
        for line_start, line_end, raw_start, raw_end in runs:
            builder.add(length + line_start, length + line_end, raw_start, raw_end)
            mapped += line_end - line_start
        total += sum(len(t.group()) for t in _words(stripped))
        parts.append(stripped)
        length += len(stripped)
    if not parts:
        raise NoText(f"{where}: the page has no article text", stage="clean")
    coverage = round(mapped / total, 4) if total else 1.0
    return Cleaned("".join(parts), builder.build(), coverage, tuple(removed), tuple(cues))


def _locate(line: str, page: VisibleText,
            cursor: int) -> tuple[list[tuple[int, int, int, int]], int]:
    """Find the words of ``line`` in the page text from ``cursor`` on.

    Returns runs (line_start, line_end, raw_start, raw_end) and the new cursor.
    """
    text = page.text
    tokens = _words(line)
    whole = text.find(" ".join(t.group() for t in tokens), cursor)
    window = None if whole >= 0 else _TOKEN_WINDOW
    position = whole if whole >= 0 else cursor
    runs: list[tuple[int, int, int, int]] = []
    for token in tokens:
        found = text.find(token.group(), position)
        if found < 0 or (window is not None and runs and found - position > window):
            continue
        end = found + len(token.group())
        runs.append((token.start(), token.end(), page.raw_starts[found], page.raw_ends[end - 1]))
        position = end
    return runs, (position if runs else cursor)


def _words(line: str) -> list[re.Match]:
    tokens = list(_TOKEN.finditer(line))
    if tokens and tokens[0].group() in _LIST_MARKERS:
        del tokens[0]
    return tokens
