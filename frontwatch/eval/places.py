"""``frontwatch eval places``: the places stage against hand-annotated gold excerpts.

Gold format: ``gold/places/README.md``. Each excerpt's document is read from the store and the
stage is re-run on its clean text, so the score is always the current code's. A gold mention is
*found* when a system place mention overlaps it, *found and resolved* when that mention also
names the gold place (name among the place's spellings, same kind, same oblast, same raion when
the gold gives one; for gold marked ambiguous, being found is enough). *Precision* is the share
of the system's resolved mentions inside the excerpts that overlap a gold mention of the same
place; *detection precision* ignores the resolution.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from frontwatch.entities import match_entities
from frontwatch.errors import FrontwatchError
from frontwatch.model import Place
from frontwatch.places.gazetteer import Gazetteer, load_gazetteer
from frontwatch.places.names import fold_key, same_raion
from frontwatch.store import Store
from frontwatch.theatres import Theatre, load_theatre


class GoldError(FrontwatchError):
    """A gold file is malformed or does not fit the stored documents."""


@dataclass(slots=True)
class PlacesScore:
    excerpts: int = 0
    gold_mentions: int = 0
    found: int = 0
    found_and_resolved: int = 0
    system_mentions: int = 0
    system_resolved: int = 0
    system_correct: int = 0
    system_on_gold: int = 0
    misses: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)
    by_kind: Counter = field(default_factory=Counter)
    by_kind_ok: Counter = field(default_factory=Counter)
    gold_digest: str = ""

    def metrics(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0
        return {
            "found": ratio(self.found, self.gold_mentions),
            "found_and_resolved": ratio(self.found_and_resolved, self.gold_mentions),
            "precision": ratio(self.system_correct, self.system_resolved),
            "detection_precision": ratio(self.system_on_gold, self.system_mentions),
        }


def read_gold(path: Path, items: str = "mentions") -> tuple[list[dict], str]:
    """Excerpts of every ``*.jsonl`` under ``path`` (or the file itself), and their digest;
    each excerpt must have ``doc``, ``excerpt`` and its list of ``items``."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise GoldError(f"no gold files (*.jsonl) in {path}")
    digest = hashlib.sha256()
    excerpts = []
    for file in files:
        data = file.read_bytes()
        digest.update(file.name.encode() + b"\0" + data)
        for line_number, line in enumerate(data.decode("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                excerpt = json.loads(line)
                excerpt["doc"], excerpt["excerpt"], excerpt[items]
            except (ValueError, KeyError, TypeError) as exc:
                raise GoldError(f"{file}:{line_number}: not a gold excerpt ({exc})") from exc
            excerpt["_where"] = f"{file.name}:{line_number}"
            excerpts.append(excerpt)
    return excerpts, digest.hexdigest()


def stored_text(store: Store, excerpt: dict) -> tuple[str, date | None]:
    """The clean text and publication date of the stored document a gold excerpt names."""
    doc_id = store.resolve_document_id(excerpt["doc"])
    if doc_id is None:
        raise GoldError(f"{excerpt['_where']}: document {excerpt['doc']!r} is not in the "
                        "store; ingest ../shared/corpus first")
    row = store.document(doc_id)
    published = date.fromisoformat(row["published"][:10]) if row["published"] else None
    return row["clean_text"], published


def evaluate_places(store: Store, gold_path: Path, theatre: Theatre | None = None) -> PlacesScore:
    theatre = theatre or load_theatre()
    gazetteer = load_gazetteer(theatre)
    spellings = _SpellingIndex(gazetteer)
    excerpts, digest = read_gold(gold_path)
    score = PlacesScore(gold_digest=digest)
    for excerpt in excerpts:
        text, published = stored_text(store, excerpt)
        found = match_entities(text, published, theatre, gazetteer).places
        _score_excerpt(score, excerpt, text, found, gazetteer, spellings, theatre)
    return score


def _score_excerpt(score, excerpt, text, found, gazetteer, spellings, theatre) -> None:
    lo, hi = excerpt["excerpt"]
    system = [m for m in found if m.start < hi and m.end > lo]
    score.excerpts += 1
    gold = excerpt["mentions"]
    for mention in gold:
        if text[mention["start"]:mention["end"]] != mention["text"]:
            raise GoldError(f"{excerpt['_where']}: {mention['text']!r} is not at "
                            f"{mention['start']}-{mention['end']} of {excerpt['doc']}; the "
                            "document's clean text changed, re-anchor the gold")
    used: set[int] = set()
    for mention in gold:
        score.gold_mentions += 1
        kind = mention["place"].get("kind", "settlement")
        score.by_kind[kind] += 1
        overlapping = [i for i, m in enumerate(system)
                       if m.start < mention["end"] and m.end > mention["start"] and i not in used]
        if not overlapping:
            score.misses.append({"doc": excerpt["doc"], "text": mention["text"],
                                 "start": mention["start"], "gold": mention["place"],
                                 "why": "not found"})
            continue
        index = overlapping[0]
        used.add(index)
        score.found += 1
        got = system[index]
        place = gazetteer.by_id(got.place_id) if got.place_id else None
        if mention.get("ambiguous") or (place and _same_place(mention["place"], place,
                                                              spellings, theatre)):
            score.found_and_resolved += 1
            score.by_kind_ok[kind] += 1
        else:
            score.misses.append({"doc": excerpt["doc"], "text": mention["text"],
                                 "start": mention["start"], "gold": mention["place"],
                                 "why": f"resolved to {_describe(place)}: {got.reason}"})
    for i, got in enumerate(system):
        score.system_mentions += 1
        on_gold = [g for g in gold if got.start < g["end"] and got.end > g["start"]]
        score.system_on_gold += bool(on_gold)
        if got.place_id is None:
            continue
        score.system_resolved += 1
        place = gazetteer.by_id(got.place_id)
        if any(g.get("ambiguous") or _same_place(g["place"], place, spellings, theatre)
               for g in on_gold):
            score.system_correct += 1
        else:
            score.wrong.append({"doc": excerpt["doc"], "text": got.text, "start": got.start,
                                "got": _describe(place),
                                "gold": on_gold[0]["place"] if on_gold else None,
                                "reason": got.reason})


def _describe(place: Place | None) -> str:
    if place is None:
        return "nothing (left ambiguous)"
    return f"{place.name} ({place.kind}, {place.admin1 or '-'}, {place.id})"


class _SpellingIndex:
    """Every folded spelling of each place, to compare a gold name with a system place."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._by_index: dict[int, set[str]] | None = None

    def of(self, place: Place) -> set[str]:
        if self._by_index is None:
            self._by_index = {}
            for key, indices in self.gazetteer.keys.items():
                for i in indices:
                    self._by_index.setdefault(i if i >= 0 else ~i, set()).add(key)
        index = self.gazetteer._ids()[place.id]
        return self._by_index.get(index, set()) | {fold_key(place.name)}


def _same_place(gold: dict, place: Place, spellings: _SpellingIndex, theatre: Theatre) -> bool:
    kind = gold.get("kind", "settlement")
    if kind != place.kind:
        return False
    if gold.get("country", "UA") != place.country:
        return False
    name = fold_key(gold["name"])
    if name not in spellings.of(place) and name.removesuffix(" oblast") not in \
            {fold_key(place.name).removesuffix(" oblast")}:
        return False
    if kind in ("settlement", "raion") and gold.get("admin1"):
        unit = theatre.admin_unit(gold["admin1"])
        if unit is None or unit.id != place.admin1:
            return False
    if gold.get("raion") and place.raion and _has_namesake(place, spellings):
        # The raion only tells namesakes in one oblast apart.
        if not same_raion(gold["raion"], place.raion):
            return False
    return True


def _has_namesake(place: Place, spellings: _SpellingIndex) -> bool:
    gazetteer = spellings.gazetteer
    return any(other.id != place.id and other.admin1 == place.admin1
               for other in gazetteer.lookup(place.name))
