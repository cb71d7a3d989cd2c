"""Theatre packs: everything the engine knows about one conflict, read from data files.

A pack is a folder under ``frontwatch/theatres/`` holding ``theatre.toml`` (scope, sides,
anchor dates, disambiguation settings), ``admin.tsv`` (first-level admin units),
``places.tsv`` (curated places: renamings, front-line villages, rivers, regions),
``actors.tsv`` and ``weapons.tsv``. No theatre fact lives in code.
"""

from __future__ import annotations

import csv
import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from frontwatch.errors import PackError

PACKS_DIR = Path(__file__).parent
DEFAULT_THEATRE = "ukraine"
PACK_FILES = ("theatre.toml", "admin.tsv", "places.tsv", "actors.tsv", "weapons.tsv")


@dataclass(frozen=True, slots=True)
class AdminUnit:
    """A first-level admin unit (oblast, republic, city with special status)."""

    id: str  # ISO 3166-2 code, e.g. "UA-63"
    name: str
    kind: str  # "oblast" or "city"
    country: str
    geonames_code: str  # GeoNames admin1 code within the country
    katottg_prefix: str  # first four characters of KATOTTG ids in the unit, "" outside UA
    uk: str  # official Ukrainian name ("Харківська", "Київ")
    base_uk: str  # Cyrillic base of "X Oblast" forms
    base_ru: str
    lat: float
    lon: float
    bases: tuple[str, ...]  # extra Latin bases ("Kharkov")
    aliases: tuple[str, ...]  # whole-name forms ("Kharkivshchyna", "LPR")


@dataclass(frozen=True, slots=True)
class CuratedPlace:
    """One row of places.tsv."""

    name: str
    kind: str
    country: str
    admin1: str  # admin unit name as written in the pack ("Kharkiv Oblast") or ""
    raion: str
    lat: float | None
    lon: float | None
    population: int | None
    uk: str
    ru: str
    aliases: tuple[str, ...]
    former: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One row of actors.tsv."""

    id: str
    name: str
    kind: str
    side: str  # "RU", "UA" or "-"
    role: str
    aliases: tuple[str, ...]
    titles: tuple[str, ...]  # role descriptions that point to this person
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class WeaponEntry:
    """One row of weapons.tsv."""

    id: str
    name: str
    category: str
    user: str
    origin: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Anchor:
    """A date the text can refer to without giving it ("after the invasion")."""

    id: str
    date: date
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ControlPrior:
    """Who held what when the control timelines start (the pack's ``[control]`` section)."""

    start: date
    country_sides: tuple[tuple[str, str], ...]  # (country, side) by default
    held_units: tuple[tuple[str, str], ...]  # (admin unit id, side) held against its country
    held_areas: tuple[tuple[str, tuple[tuple[float, float], ...]], ...]  # (side, polygon)

    def side_at_start(self, country: str, admin1: str | None, lat: float | None,
                      lon: float | None) -> str | None:
        """The side holding a place at ``start``; None when the pack does not say."""
        return self.held_against_country(admin1, lat, lon) or \
            dict(self.country_sides).get(country)

    def held_against_country(self, admin1: str | None, lat: float | None,
                             lon: float | None) -> str | None:
        """The side holding a place at ``start`` against its country (an area or unit the
        pack lists as held); None for a place its own country held."""
        if lat is not None and lon is not None:
            for side, polygon in self.held_areas:
                if _inside(lat, lon, polygon):
                    return side
        return dict(self.held_units).get(admin1)


def _inside(lat: float, lon: float, polygon: tuple[tuple[float, float], ...]) -> bool:
    """Ray casting: whether (lat, lon) lies inside the polygon of (lat, lon) vertices."""
    inside = False
    for (lat1, lon1), (lat2, lon2) in zip(polygon, polygon[1:] + polygon[:1]):
        if (lat1 > lat) != (lat2 > lat) and \
                lon < lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1):
            inside = not inside
    return inside


@dataclass(frozen=True, slots=True)
class Theatre:
    id: str
    name: str
    path: Path
    digest: str  # sha256 over the pack files: changes whenever the pack does
    countries: tuple[str, ...]
    scope_units: tuple[str, ...]  # admin unit ids in scope outside ``countries``
    sides: tuple[tuple[str, str], ...]
    side_adjectives: tuple[tuple[str, str], ...]  # (side, "Russian"): how the brief names it
    side_words: tuple[tuple[str, tuple[str, ...]], ...]  # (side, its demonyms and labels)
    occupier: str | None  # the side a bare "the occupied X" means
    liberator: str | None  # the side "liberated X" means when no side is named
    map_outlines: str  # admin-1 outlines (TopoJSON) for maps, a path under node_modules
    acled_government: str | None  # the side ACLED codes as the government of the country
    acled_actors: tuple[tuple[str, tuple[str, int]], ...]  # side -> (ACLED actor, inter code)
    anchors: tuple[Anchor, ...]
    front_line_units: frozenset[str]
    admin_suffixes: tuple[str, ...]
    raion_suffixes: tuple[str, ...]
    river_suffixes: tuple[str, ...]
    paired_oblasts: tuple[str, ...]  # bare names that name oblasts when joined to each other
    admin_units: tuple[AdminUnit, ...]
    places: tuple[CuratedPlace, ...]
    actors: tuple[ActorEntry, ...]
    weapons: tuple[WeaponEntry, ...]
    control: ControlPrior | None = None

    def admin_unit(self, name_or_id: str) -> AdminUnit | None:
        """Find an admin unit by id, name or a "<base> Oblast" style form."""
        wanted = name_or_id.casefold().strip()
        for unit in self.admin_units:
            forms = {unit.id.casefold(), unit.name.casefold()}
            for base in (unit.name.removesuffix(" Oblast"), *unit.bases):
                forms.update(f"{base} {suffix}".casefold() for suffix in self.admin_suffixes)
            if wanted in forms:
                return unit
        return None

    @property
    def side_codes(self) -> tuple[str, str]:
        """The theatre's two sides, in the pack's order."""
        return (self.sides[0][0], self.sides[1][0])

    def side_adjective(self, side: str) -> str:
        """How a reader names the side holding a place ("Russian"); the code when unknown."""
        return dict(self.side_adjectives).get(side, side)

    def opposite(self, side: str | None) -> str | None:
        """The other side; None for anything that is not one of the two."""
        codes = self.side_codes
        return codes[1 - codes.index(side)] if side in codes else None

    def is_in_scope(self, country: str, admin_id: str | None) -> bool:
        return country in self.countries or (admin_id is not None and admin_id in self.scope_units)


def _two_sides(path: Path, sides: dict) -> tuple[tuple[str, str], ...]:
    """The pack's ``[sides]``: exactly two, code = description (the engine weighs one side
    against the other)."""
    if len(sides) != 2:
        raise PackError(f"{path / 'theatre.toml'}: [sides] must name exactly two sides, "
                        f"not {len(sides)}")
    return tuple(sides.items())


def _side_words(path: Path, config: dict) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The pack's ``[side_words]`` in the order of its ``[sides]``: every side has its words."""
    section = config.get("side_words", {})
    missing = [side for side in config["sides"] if not section.get(side)]
    if missing:
        raise PackError(f"{path / 'theatre.toml'}: [side_words] gives no words for "
                        f"{', '.join(missing)}")
    return tuple((side, tuple(section[side])) for side in config["sides"])


@cache
def load_theatre(theatre_id: str = DEFAULT_THEATRE) -> Theatre:
    """Read and check one theatre pack; raise ``PackError`` naming the file and row."""
    path = PACKS_DIR / theatre_id
    if not (path / "theatre.toml").is_file():
        known = sorted(p.name for p in PACKS_DIR.iterdir() if (p / "theatre.toml").is_file())
        raise PackError(f"no theatre pack {theatre_id!r}; known packs: {', '.join(known)}")
    digest = hashlib.sha256()
    for name in PACK_FILES:
        digest.update(name.encode() + b"\0" + (path / name).read_bytes())
    try:
        config = tomllib.loads((path / "theatre.toml").read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path / 'theatre.toml'}: {exc}") from exc
    scope, places = config["scope"], config["places"]
    return Theatre(
        id=config["id"],
        name=config["name"],
        path=path,
        digest=digest.hexdigest(),
        countries=tuple(scope["countries"]),
        scope_units=tuple(scope["admin_units"]),
        sides=_two_sides(path, config["sides"]),
        side_adjectives=tuple(config.get("side_adjectives", {}).items()),
        side_words=_side_words(path, config),
        occupier=config.get("side_words", {}).get("occupier"),
        liberator=config.get("side_words", {}).get("liberator"),
        map_outlines=config.get("map", {}).get("outlines", ""),
        acled_government=config.get("acled", {}).get("government"),
        acled_actors=tuple((side, (value["name"], int(value["inter"]))) for side, value in
                           config.get("acled", {}).get("actors", {}).items()),
        anchors=tuple(Anchor(key, date.fromisoformat(value["date"]), tuple(value["words"]))
                      for key, value in config["anchors"].items()),
        front_line_units=frozenset(places["front_line_admin_units"]),
        admin_suffixes=tuple(places["admin_suffixes"]),
        raion_suffixes=tuple(places["raion_suffixes"]),
        river_suffixes=tuple(places["river_suffixes"]),
        paired_oblasts=tuple(places.get("paired_oblasts", ())),
        admin_units=tuple(_read_rows(path / "admin.tsv", _admin_unit)),
        places=tuple(_read_rows(path / "places.tsv", _curated_place)),
        actors=tuple(_read_rows(path / "actors.tsv", _actor)),
        weapons=tuple(_read_rows(path / "weapons.tsv", _weapon)),
        control=_control_prior(config["control"]) if "control" in config else None,
    )


def _control_prior(section: dict) -> ControlPrior:
    return ControlPrior(
        start=date.fromisoformat(section["start"]),
        country_sides=tuple(section.get("country_sides", {}).items()),
        held_units=tuple(section.get("held_units", {}).items()),
        held_areas=tuple((area["side"], tuple((float(a), float(b)) for a, b in area["polygon"]))
                         for area in section.get("held_areas", ())))


def _read_rows(path: Path, make):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for line, row in enumerate(reader, start=2):
            if None in row or any(value is None for value in row.values()):
                raise PackError(f"{path}:{line}: expected {len(reader.fieldnames)} "
                                "tab-separated columns")
            try:
                yield make({key: value.strip() for key, value in row.items()})
            except (KeyError, ValueError) as exc:
                raise PackError(f"{path}:{line}: {exc}") from exc


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _number(value: str, kind=float):
    return kind(value) if value else None


def _admin_unit(row: dict) -> AdminUnit:
    return AdminUnit(row["id"], row["name"], row["kind"], row["country"], row["geonames"],
                     row["katottg"], row["uk"], row["base_uk"], row["base_ru"], float(row["lat"]),
                     float(row["lon"]), _split(row["bases"]), _split(row["aliases"]))


def _curated_place(row: dict) -> CuratedPlace:
    return CuratedPlace(row["name"], row["kind"], row["country"], row["admin1"], row["raion"],
                        _number(row["lat"]), _number(row["lon"]),
                        _number(row["population"], int), row["uk"], row["ru"],
                        _split(row["aliases"]), _split(row["former"]), row["note"])


def _actor(row: dict) -> ActorEntry:
    return ActorEntry(row["id"], row["name"], row["kind"], row["side"], row["role"],
                      _split(row["aliases"]), _split(row["titles"]),
                      date.fromisoformat(row["from"]) if row["from"] else None,
                      date.fromisoformat(row["to"]) if row["to"] else None)


def _weapon(row: dict) -> WeaponEntry:
    return WeaponEntry(row["id"], row["name"], row["category"], row["user"], row["origin"],
                       _split(row["aliases"]))
