"""Meta stage: title, outlet, author, language, publication date, each with its evidence.

Every way of finding a field proposes a candidate with a confidence; the most confident one is
chosen and all are kept, so ``frontwatch show`` can say why a document has the date it has.
Confidence order, highest first: a field given by a structured input (1.0), machine-readable
HTML metadata (0.9), a labelled dateline or byline in the text (0.85), layout heuristics
(0.5-0.7). Dates printed as page furniture (crawl stamps, a header with today's date) are
kept as ``seen`` dates and never become the publication date.
"""

from __future__ import annotations

from dataclasses import replace

from frontwatch.meta.dates import date_candidates
from frontwatch.meta.html_hints import html_candidates
from frontwatch.meta.language import language_candidates
from frontwatch.meta.text_hints import text_candidates
from frontwatch.model import Doc, Format, MetaValue

VERSION = "meta.v1"
# Fields of which one value is chosen; "seen" dates are all kept, none chosen.
CHOSEN_FIELDS = ("title", "outlet", "author", "language", "published")


def extract_metadata(doc: Doc) -> None:
    """Fill ``doc.meta`` with every candidate, the chosen ones marked."""
    candidates: list[MetaValue] = list(_declared_candidates(doc))
    if doc.raw.format is Format.HTML:
        candidates += html_candidates(doc.raw_text)
    else:
        candidates += text_candidates(doc)
    candidates += date_candidates(doc)
    candidates += language_candidates(doc.clean_text)
    doc.meta = choose(candidates)


def choose(candidates: list[MetaValue]) -> tuple[MetaValue, ...]:
    """Mark the most confident candidate of each chosen field (the first one on ties)."""
    best: dict[str, int] = {}
    for index, candidate in enumerate(candidates):
        if candidate.field not in CHOSEN_FIELDS:
            continue
        current = best.get(candidate.field)
        if current is None or candidate.confidence > candidates[current].confidence:
            best[candidate.field] = index
    winners = set(best.values())
    return tuple(replace(c, chosen=True) if i in winners else c
                 for i, c in enumerate(candidates))


def _declared_candidates(doc: Doc) -> list[MetaValue]:
    declared = doc.declared
    if declared is None:
        return []
    given = (("title", declared.title), ("outlet", declared.outlet),
             ("author", declared.author), ("language", declared.language))
    return [MetaValue(name, value, "input field", f'{name}: "{value}"', None, None, 1.0)
            for name, value in given if value]
