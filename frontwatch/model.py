"""Data types shared between pipeline stages.

Annotations are frozen slotted dataclasses; ``Doc`` is the one mutable container that flows
through the per-document stages (each stage fills the fields it declares in ``assigns``).
Offsets named ``raw_start``/``raw_end`` point into ``Doc.raw_text``; plain ``start``/``end``
point into ``Doc.clean_text``. The last section holds what fusion reads and writes across the
store: ``Mention``, ``Member``, ``FusedEvent`` and the keys of sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from frontwatch.offsets import OffsetMap


class Format(StrEnum):
    """How the raw bytes of one document are laid out."""

    TEXT = "text"
    HTML = "html"
    JSON_RECORD = "json-record"
    CSV_RECORD = "csv-record"


@dataclass(frozen=True, slots=True)
class RawInput:
    """The exact bytes of one document as read, with where they came from.

    ``locator`` says where inside ``source`` the bytes are ("line 12", "record 3"); it is
    empty for a whole file. ``columns`` is the CSV header for CSV records. ``charset`` is an
    encoding declared by the container (an HTTP header in a WARC record), ``seen`` a crawl
    timestamp given by the container.
    """

    source: str
    locator: str
    data: bytes
    format: Format
    url: str | None = None
    columns: tuple[str, ...] | None = None
    charset: str | None = None
    seen: str | None = None


@dataclass(frozen=True, slots=True)
class DeclaredFields:
    """Fields given explicitly by a structured input (JSONL/JSON/CSV record)."""

    external_id: str | None
    url: str | None
    outlet: str | None
    published: str | None
    title: str | None
    author: str | None
    language: str | None
    text: str
    extra: tuple[tuple[str, str], ...]  # unknown fields: (name, JSON-encoded value)


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line of the raw text left out of the clean text, and why."""

    raw_start: int
    raw_end: int
    reason: str  # "chrome", "repeated", "stamp", "date-line"


@dataclass(frozen=True, slots=True)
class DateCue:
    """A date printed on the page, before deciding what it means.

    ``kind`` is "dateline" (labelled as the article's date), "stamp" (a crawl or repost
    timestamp), "page-date" (a bare date line in the page header or footer) or
    "markup" (a machine-readable date in HTML metadata).
    """

    kind: str
    value: str  # ISO date or datetime
    raw_start: int | None
    raw_end: int | None
    evidence: str


@dataclass(frozen=True, slots=True)
class HtmlHints:
    """Metadata an HTML page states about itself (title element, meta tags, markup)."""

    title: str | None
    site_name: str | None
    author: str | None
    heading: str | None


@dataclass(frozen=True, slots=True)
class MetaValue:
    """One candidate value of a metadata field, with the evidence it came from.

    ``method`` says how it was found, ``evidence`` quotes the words, ``raw_start``/``raw_end``
    locate them in the raw text when they are in it (not for fields given by a JSONL record).
    ``chosen`` marks the candidate the document uses.
    """

    field: str  # "title", "outlet", "author", "language", "published", "seen"
    value: str
    method: str
    evidence: str
    raw_start: int | None
    raw_end: int | None
    confidence: float
    chosen: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry.

    ``id`` is stable across rebuilds: the KATOTTG code for Ukrainian settlements and raions,
    ``gn:<geonameid>`` for other GeoNames places, ``admin:<ISO 3166-2>`` for oblasts,
    ``pack:<slug>`` for curated places. ``coord_precision`` is "point" for surveyed
    coordinates, "raion" when only the raion's centre is known, "" without coordinates.
    """

    id: str
    name: str
    kind: str  # settlement, raion, oblast, region, river
    country: str
    admin1: str | None  # admin unit id ("UA-63")
    raion: str | None  # raion name ("Izium Raion")
    lat: float | None
    lon: float | None
    coord_precision: str
    population: int  # 0 when unknown
    rank: int  # settlement size class from the register: 3 city, 2 town, 1 village, 0 unknown
    sources: tuple[str, ...]  # "geonames", "katottg", "pack", "import:<file>"


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """Words naming a place, and which place they name.

    ``place_id`` is None when the mention stays ambiguous; ``candidates`` then lists the
    namesakes considered. ``method`` is "exact" (a known spelling) or "fuzzy".
    """

    start: int
    end: int
    text: str
    place_id: str | None
    candidates: tuple[str, ...]
    confidence: float
    reason: str
    method: str


@dataclass(frozen=True, slots=True)
class ActorMention:
    """Words naming an actor: by name or alias ("alias"), or by a role ("title")."""

    start: int
    end: int
    text: str
    actor_id: str | None
    side: str  # "RU", "UA" or "-"
    via: str  # "alias" or "title"
    reason: str


@dataclass(frozen=True, slots=True)
class WeaponMention:
    start: int
    end: int
    text: str
    weapon_id: str
    category: str


@dataclass(slots=True)
class Doc:
    """The container one document's stages read and write, in pipeline order."""

    raw: RawInput
    sha256: str
    # the decoded text; ``Pipeline.process`` empties it once its readers ran (the store keeps
    # the raw bytes, and a long document's text is its largest object)
    raw_text: str = ""
    encoding: str | None = None
    encoding_confidence: float | None = None
    declared: DeclaredFields | None = None
    clean_text: str = ""
    offsets: OffsetMap | None = None
    offset_coverage: float = 1.0
    removed: tuple[RemovedLine, ...] = ()
    date_cues: tuple[DateCue, ...] = ()
    html_hints: HtmlHints | None = None
    meta: tuple[MetaValue, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    weapons: tuple[WeaponMention, ...] = ()
    events: tuple[EventMention, ...] = ()
    versions: dict[str, str] = field(default_factory=dict)

    def chosen(self, field_name: str) -> MetaValue | None:
        """Return the chosen candidate of a metadata field, or None when unknown."""
        for value in self.meta:
            if value.field == field_name and value.chosen:
                return value
        return None

    def published_day(self) -> date | None:
        """The chosen publication date as a day, or None when unknown."""
        published = self.chosen("published")
        try:
            return date.fromisoformat(published.value[:10]) if published else None
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened: an interval of days with its granularity and how sure.

    ``type`` is exact, approximate, range or unresolved (``first``/``last`` None). ``start``/
    ``end`` point at the time expression it came from; None when it was not read from words
    (the report date of a dated document, or nothing).
    """

    first: str | None  # ISO date
    last: str | None
    granularity: str  # day, week, month, year
    type: str
    reason: str
    start: int | None = None
    end: int | None = None
    # what the reading rests on: "yearless" when the words leave out the year (fusion may
    # read them against another reference day), else ""
    provenance: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """Who asserts an event and how. ``claimant`` None is the document's own voice."""

    claimant: str | None  # the actor's name in the pack, or the words that name them
    actor_id: str | None
    side: str | None  # RU, UA, or None when unknown or neither
    stance: str  # asserts, claims, confirms, acknowledges, denies, cannot_confirm
    hedged: bool
    start: int | None = None  # the claimant's words
    end: int | None = None


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event told in one sentence, every argument a span of the clean text.

    ``controller`` is set for control events (RU, UA or contested: who holds the place after
    the event); ``side`` is the attacker of a strike, the side that gained territory, the side
    that evacuates, annexes or mobilises. ``quantity`` is (start, end, min, max, unit).
    """

    type: str
    start: int  # the sentence
    end: int
    trigger_start: int
    trigger_end: int
    trigger: str
    place: PlaceMention | None
    controller: str | None
    action: str
    side: str | None
    quantity: tuple[int, int, float | None, float | None, str] | None
    date: EventDate
    claim: Claim
    background: bool
    reason: str
    # P(the mention is right), from the cues above (``frontwatch.events.confidence``)
    confidence: float | None = None
    # a strike's weapon named in its sentence: (start, end, the pack's weapon id)
    weapon: tuple[int, int, str] | None = None


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that did not become a document, with the reason."""

    input: str
    locator: str
    stage: str
    code: str
    message: str
    blob_sha: str | None = None


# -- fusion: mentions as fusion reads them, fused events as the store keeps them -----------


@dataclass(frozen=True, slots=True)
class Mention:
    """What fusion needs of one stored event mention."""

    doc_id: str
    seq: int
    type: str
    place_key: str  # the place id, or "text:" + the spelling when it stayed unresolved
    place_id: str | None
    place_text: str
    controller: str | None
    action: str
    first: date | None
    last: date | None
    granularity: str
    date_type: str
    source: str  # who makes the statement: "actor:ID", "claimant:NAME" or "outlet:NAME"
    source_name: str  # how to show it: the actor's or claimant's name, or the outlet
    claimant_side: str | None
    stance: str
    outlet: str  # the independence unit: the outlet of the document's copy-group origin
    published: date | None
    date_text: str | None = None  # an undated mention's words counted from a reference day
    date_provenance: str = ""  # "yearless" ("July 3"), "relative" ("Sunday") or ""
    dated_by_fusion: bool = False  # ``published`` is a reference day fusion found, not metadata
    sentence: int | None = None  # its sentence's start: claimants of one sentence are one report
    background: bool = False  # a recalled event, not the news of its document's day

    @property
    def span(self) -> tuple[date, date] | None:
        """The days this mention covers for clustering (first <= last), None when undated.

        See ``frontwatch.fuse``: an open "since X" runs to the publication day when known
        and not before X, else is the day X; a last day alone is that day.
        """
        first, last = self.first, self.last
        if first is None:
            return None if last is None else (last, last)
        if last is None:
            published = self.published
            return first, published if published is not None and published > first else first
        return (first, last) if first <= last else (last, first)

    @property
    def is_single_day(self) -> bool:
        """Its span is one day (a day-dated mention, for clustering)."""
        span = self.span
        return span is not None and span[0] == span[1]


@dataclass(frozen=True, slots=True)
class Member:
    """A mention inside a fused event, with its date after repair."""

    mention: Mention
    role: str  # supports, denies, neutral
    first: date | None
    last: date | None
    repair_reason: str | None


@dataclass(frozen=True, slots=True)
class FusedEvent:
    id: str
    type: str
    place_key: str
    place_id: str | None
    place_text: str
    controller: str | None
    first: date | None
    last: date | None
    granularity: str
    date_type: str
    date_reason: str
    status: str
    status_reason: str
    members: tuple[Member, ...]
    n_outlets: int
    sides: tuple[str, ...]
    actions: tuple[str, ...]  # of the supporting mentions, most common first


_ACRONYM = re.compile(r"\s*\([A-Z][A-Z/]+\)$")


def outlet_unit(outlet: str | None, origin_id: str) -> str:
    """The outlet credited with a document: its copy-group origin's outlet, spelled one way
    ("Institute for the Study of War (ISW)" is "Institute for the Study of War")."""
    return _ACRONYM.sub("", outlet) if outlet else "document " + origin_id[:12]


def statement_source(row) -> tuple[str, str, str]:
    """(key, name, outlet unit) of who makes a stored statement, from a row with
    ``claimant_actor_id``, ``claimant``, ``origin_outlet``, ``origin`` and ``origin_title``
    (the document's copy-group origin). A document with no outlet is keyed by its hash and
    named by its title."""
    unit = outlet_unit(row["origin_outlet"], row["origin"])
    key, name = source_of(row["claimant_actor_id"], row["claimant"], unit)
    if name == unit and not row["origin_outlet"] and row["origin_title"]:
        name = title_label(row["origin_title"])
    return key, name, unit


def title_label(title: str, width: int = 60) -> str:
    """How a reader names a document with no outlet: its title in quotes, cut to ``width``."""
    title = " ".join(title.split())
    return f"“{title if len(title) <= width else title[:width - 1] + '…'}”"


def source_of(actor_id: str | None, claimant: str | None, outlet: str) -> tuple[str, str]:
    """(key, name) of who makes a statement: the claimant's actor, the claimant's own words,
    or the outlet speaking in its own voice."""
    if actor_id:
        return "actor:" + actor_id, claimant or actor_id
    if claimant:
        return "claimant:" + claimant.lower(), claimant
    return "outlet:" + outlet, outlet
