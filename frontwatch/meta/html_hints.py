"""Title, outlet and author an HTML page states about itself in its markup."""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import ParserError

from frontwatch.model import MetaValue

# Separators between a headline and the site name in a <title> element.
_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
_META_FIELDS = {
    "og:site_name": ("outlet", 0.9), "application-name": ("outlet", 0.6),
    "og:title": ("title", 0.8), "twitter:title": ("title", 0.75),
    "author": ("author", 0.85), "article:author": ("author", 0.8), "dc.creator": ("author", 0.8),
}


def parse_html(raw_html: str) -> lxml.html.HtmlElement | None:
    """Parse a page leniently; None when lxml finds no document in it."""
    try:
        return lxml.html.document_fromstring(raw_html.encode("utf-8"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ParserError, ValueError):
        return None


def html_candidates(raw_html: str) -> list[MetaValue]:
    """Return title, outlet and author candidates from the page's head and headline."""
    tree = parse_html(raw_html)
    if tree is None:
        return []
    out: list[MetaValue] = []
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key in _META_FIELDS and content and not content.startswith("http"):
            field, confidence = _META_FIELDS[key]
            out.append(_found(raw_html, field, content, f'<meta {key}>', confidence))
    site_names = [c.value for c in out if c.field == "outlet"]
    title = tree.findtext(".//title")
    if title and title.strip():
        out += _from_title_element(raw_html, " ".join(title.split()), site_names)
    heading = tree.find(".//h1")
    if heading is not None:
        text = " ".join(heading.text_content().split())
        if text:
            out.append(_found(raw_html, "title", text, "<h1> headline", 0.7))
    return out


def _from_title_element(raw_html: str, title: str, site_names: list[str]) -> list[MetaValue]:
    """Split "Headline | Site" into a title and an outlet candidate."""
    parts = _TITLE_SPLIT.split(title)
    if len(parts) < 2:
        return [_found(raw_html, "title", title, "<title> element", 0.75)]
    headline, site = " - ".join(parts[:-1]), parts[-1]
    confidence = 0.85 if site in site_names else 0.75
    return [_found(raw_html, "title", headline, "<title> element, site name removed", confidence),
            _found(raw_html, "outlet", site, "site name at the end of <title>", 0.7)]


def _found(raw_html: str, field: str, value: str, method: str, confidence: float) -> MetaValue:
    start = raw_html.find(value)
    if start < 0:
        return MetaValue(field, value, method, value, None, None, confidence)
    return MetaValue(field, value, method, value, start, start + len(value), confidence)
