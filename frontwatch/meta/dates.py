"""Publication date and ``seen`` dates, each with the words or markup that say so.

A publication date comes only from evidence that names it as such: a ``published`` field of a
structured input, publication markup in HTML, or a labelled dateline ("date 2022-07-04"). A
crawl stamp, a page header that prints today's date, an "updated" line or a WARC capture time
says when the page was seen, not when the reported events happened, and is kept as ``seen``.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from frontwatch.meta.html_hints import parse_html
from frontwatch.model import Doc, Format, MetaValue

# Machine-readable publication markup, most specific first; value is the confidence.
_PUBLISHED_META = {
    "article:published_time": 0.9, "og:published_time": 0.9, "datepublished": 0.9,
    "pubdate": 0.85, "publishdate": 0.85, "publish-date": 0.85, "sailthru.date": 0.8,
    "parsely-pub-date": 0.85, "dc.date.issued": 0.85, "dcterms.created": 0.8, "dc.date": 0.8,
    "date": 0.7,
}
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_CUE_METHODS = {
    "dateline": ("published", "labelled dateline in the text", 0.85),
    "stamp": ("seen", "crawl or repost stamp (page furniture, not the article's date)", 0.9),
    "page-date": ("seen", "date printed alone in the page header/footer (page furniture)", 0.7),
    "updated": ("seen", "'updated' line (a later revision, not first publication)", 0.8),
}


def date_candidates(doc: Doc) -> list[MetaValue]:
    """Return publication-date and seen-date candidates for ``doc``."""
    out: list[MetaValue] = []
    declared = doc.declared
    if declared is not None and declared.published:
        day = parse_iso_date(declared.published)
        if day:
            out.append(MetaValue("published", day.isoformat(), "input field",
                                 f'published: "{declared.published}"', None, None, 1.0))
    if doc.raw.format is Format.HTML:
        out += _markup_dates(doc.raw_text)
    for cue in doc.date_cues:
        field, method, confidence = _CUE_METHODS[cue.kind]
        value = cue.value[:10] if field == "published" else cue.value
        out.append(MetaValue(field, value, method, cue.evidence, cue.raw_start, cue.raw_end,
                             confidence))
    if doc.raw.seen:
        out.append(MetaValue("seen", doc.raw.seen, "WARC-Date (when the crawler fetched it)",
                             f"WARC-Date: {doc.raw.seen}", None, None, 1.0))
    return out


def parse_iso_date(value: str) -> date | None:
    """Return the calendar date of an ISO 8601 date or timestamp, or None if it is not one."""
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return None


def _markup_dates(raw_html: str) -> list[MetaValue]:
    tree = parse_html(raw_html)
    if tree is None:
        return []
    out: list[MetaValue] = []
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop")
               or "").strip().lower()
        if key in _PUBLISHED_META:
            out += _markup_value(raw_html, element.get("content"), f"<meta {key}>",
                                 _PUBLISHED_META[key])
    for element in tree.xpath("//*[@itemprop='datePublished']"):
        out += _markup_value(raw_html, element.get("content") or element.get("datetime"),
                             "itemprop=datePublished", 0.9)
    # RDFa publication date (Drupal sites such as ISW's): property="dc:date dc:created".
    for element in tree.xpath("//*[contains(@property, 'dc:created')]"):
        out += _markup_value(raw_html, element.get("content"), "RDFa dc:created", 0.85)
    for match in _JSON_LD_PUBLISHED.finditer(raw_html):
        out += _markup_value(raw_html, match.group(1), "JSON-LD datePublished", 0.9)
    for element in tree.xpath("//time[@datetime][@pubdate or contains(@class, 'publish')]"):
        out += _markup_value(raw_html, element.get("datetime"), "<time> publication element",
                             0.8)
    return out


def _markup_value(raw_html: str, value: str | None, method: str,
                  confidence: float) -> list[MetaValue]:
    day = parse_iso_date(value) if value else None
    if day is None:
        return []
    start = raw_html.find(value)
    span = (start, start + len(value)) if start >= 0 else (None, None)
    return [MetaValue("published", day.isoformat(), method, value, *span, confidence)]
