"""Clean stage: keep the article's words, drop page chrome, remember where each word was.

``clean_document`` fills ``Doc.clean_text`` and ``Doc.offsets`` (clean → raw), the lines left
out and why (``Doc.removed``), and the dates printed on the page (``Doc.date_cues``), which
the meta stage interprets.
"""

from __future__ import annotations

from frontwatch.clean.html import clean_html
from frontwatch.clean.text import clean_plain_text
from frontwatch.model import Doc, Format

VERSION = "clean.v2"
_BLANK_CONTROLS = {code: " " for code in (*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F)}


def clean_document(doc: Doc) -> None:
    """Fill the clean text, offset map, removed lines and date cues of ``doc``."""
    if doc.raw.format is Format.HTML:
        cleaned = clean_html(doc.raw_text, doc.raw.source)
    else:
        cleaned = clean_plain_text(doc.raw_text)
    # stray control characters (a NUL in a scraped article) become spaces: one character for
    # one, so every offset stays exact
    doc.clean_text = cleaned.text.translate(_BLANK_CONTROLS)
    doc.offsets = cleaned.offsets
    doc.offset_coverage = cleaned.coverage
    doc.removed = cleaned.removed
    doc.date_cues = cleaned.date_cues
