"""Title, author and outlet of a plain-text page, read from its layout."""

from __future__ import annotations

import re

from frontwatch.model import Doc, Format, MetaValue

_HASHTAG_TITLE = re.compile(r"#([^#\n]{10,200})#")
_BYLINE = re.compile(r"^(?i:author|written by|by|posted by)\s*[:\-]?\s*"
                     r"(?P<name>[A-ZА-ЯІЇЄҐ][\w.'’-]+(?:[ \t]+[A-ZА-ЯІЇЄҐ][\w.'’-]+){0,3})[ \t]*$",
                     re.MULTILINE)
_SOURCE_LINE = re.compile(r"^(?i:source)\s*:\s*(?P<name>[^\n]{2,60}?)[ \t]*$", re.MULTILINE)
# A site name appended to a headline: "... - DayDayNews", "... | Site".
_SITE_SUFFIX = re.compile(r"\s[-|–—]\s(?P<name>[A-Z][\w .&'’]{1,38}?)\s*$", re.MULTILINE)
# A first line this short and without a final full stop reads as a headline.
_MAX_TITLE = 200


def text_candidates(doc: Doc) -> list[MetaValue]:
    """Return title, author and outlet candidates found in a plain-text document."""
    if doc.raw.format is not Format.TEXT and doc.declared is None:
        return []
    return [*_titles(doc), *_authors(doc), *_outlets(doc)]


def _titles(doc: Doc) -> list[MetaValue]:
    text = doc.clean_text
    first_line = text.split("\n", 1)[0].strip()
    hashtag = _HASHTAG_TITLE.match(first_line)
    if hashtag:
        return [_at(doc, "title", hashtag.group(1).strip(), "headline between # marks",
                    hashtag.start(1), hashtag.end(1), 0.7)]
    if first_line and len(first_line) <= _MAX_TITLE and not first_line.endswith((".", ":")):
        return [_at(doc, "title", first_line, "first line of the page", 0, len(first_line), 0.5)]
    return []


def _authors(doc: Doc) -> list[MetaValue]:
    found = _BYLINE.search(doc.clean_text)
    if not found:
        return []
    return [_at(doc, "author", found["name"], "byline", found.start(), found.end(), 0.85)]


def _outlets(doc: Doc) -> list[MetaValue]:
    out = []
    # A site name counts when the page repeats it: the cleaner removed repeated banners.
    raw = doc.raw_text
    for removed in doc.removed:
        if removed.reason != "repeated":
            continue
        suffix = _SITE_SUFFIX.search(raw, removed.raw_start, removed.raw_end)
        if suffix:
            out.append(MetaValue("outlet", suffix["name"], "site name after a repeated headline",
                                 suffix.group(0).strip(), suffix.start("name"),
                                 suffix.end("name"), 0.6))
            break
    source = _SOURCE_LINE.search(doc.clean_text)
    if source:
        # "Source:" may name the wire the text came from rather than the site; weak evidence.
        out.append(_at(doc, "outlet", source["name"], "'Source:' line", source.start(),
                       source.end(), 0.4))
    return out


def _at(doc: Doc, field: str, value: str, method: str, start: int, end: int,
        confidence: float) -> MetaValue:
    """Build a candidate whose evidence is ``clean_text[start:end]``, located in the raw text."""
    raw_start, raw_end = doc.offsets.to_raw(start, end) if doc.offsets else (None, None)
    return MetaValue(field, value, method, doc.clean_text[start:end], raw_start, raw_end,
                     confidence)
