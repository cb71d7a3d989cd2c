"""Choosing among namesakes: which of the 78 Andriivkas a mention means.

Every candidate gets a score from evidence in the document, each piece with its words:
- its oblast or raion named close by ("Shevchenkove in Kharkiv Oblast": +3.0; anywhere in the
  document: +1.5);
- its distance to places the document names unambiguously (up to +2.5 when within a few km,
  half that, and never closer than 25 km, when its position is only its raion's centre);
- a front-line oblast of the theatre (+0.7), because war news is about the front;
- its size (+0.6 per order of magnitude of population; register rank when unknown);
- the text spelling its standard name rather than a generated variant (+1.0: "Sumy" is the
  city, not the village Shumy whose Russian-scheme spelling happens to be "Sumy");
- its distance from where the text puts it ("82km north of Simferopol": up to +4.0 when the
  namesake lies there, falling off over half the distance); such a position replaces the
  nearness to other decided places.
The best candidate wins when it leads the next by ``MARGIN``; otherwise the mention is left
ambiguous with its candidates, rather than guessed. Mentions decided with confidence become
context for the rest (two passes).

Weights were tuned by hand on the dev gold (``frontwatch eval places gold/places``); re-run it
after changing any of them.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from frontwatch.model import Place, PlaceMention
from frontwatch.places.gazetteer import Gazetteer, distance_km
from frontwatch.places.names import fold_key, same_raion
from frontwatch.theatres import Theatre

NEAR_CHARS = 160  # an oblast named within this many characters counts as "named nearby"
W_ADMIN_NEAR, W_ADMIN_DOC, W_RAION = 3.0, 1.5, 3.0
W_DISTANCE, DISTANCE_SCALE_KM, RAION_RADIUS_KM = 2.5, 40.0, 25.0
W_FRONT, W_SIZE, W_PACK, W_SPELLING = 0.7, 0.6, 0.5, 1.0
W_PINNED = 4.0
PIN_TOLERANCE = 0.5  # compass words and distances are rough: half the distance off still fits
MARGIN = 1.0
# Population assumed from the register's rank when GeoNames has none: city, town, village.
RANK_POPULATION = {3: 10_000, 2: 2_000, 1: 300, 0: 100, 4: 1_000_000}


@dataclass(slots=True)
class Candidate:
    """One mention before it is decided."""

    start: int
    end: int
    text: str
    indices: list[int]  # gazetteer indices, own spellings only (alternates dropped if any)
    method: str
    via_alternate: bool
    fuzzy_score: float = 1.0
    # "Pervomaiske (82km north of Simferopol)": (km, bearing in degrees, the start of the
    # mention the distance is measured from), set by ``places.context``
    pinned: tuple[float, float, int] | None = None


def resolve_mentions(candidates: list[Candidate], gazetteer: Gazetteer,
                     theatre: Theatre) -> list[PlaceMention]:
    """Decide every mention; context comes from the other mentions of the same document."""
    places = gazetteer.places
    decided: dict[int, int] = {}  # position in ``candidates`` -> gazetteer index
    for position, candidate in enumerate(candidates):
        if len(candidate.indices) == 1:
            decided[position] = candidate.indices[0]
    results: dict[int, PlaceMention] = {}
    for final in (False, True):
        context = _Context(candidates, decided, places)
        for position, candidate in enumerate(candidates):
            if len(candidate.indices) == 1 or position in results:
                continue
            pin = _pinned_point(candidate, candidates, decided, places)
            mention, index = _decide(candidate, context, places, theatre, pin)
            if index is not None and (final or mention.confidence >= 0.8):
                decided[position] = index
                results[position] = mention
            elif final:
                results[position] = mention
    for position, candidate in enumerate(candidates):
        if len(candidate.indices) == 1:
            results[position] = _single(candidate, places[candidate.indices[0]])
    return [results[p] for p in sorted(results)]


class _Context:
    """What the document says around each mention: oblasts, raions, decided places."""

    def __init__(self, candidates: list[Candidate], decided: dict[int, int],
                 places: tuple[Place, ...]) -> None:
        self.admin_at: list[tuple[int, str]] = []  # (offset, admin unit id)
        self.raion_at: list[tuple[int, str]] = []  # (offset, raion name)
        points: dict[str, Place] = {}  # one point per place, however often it is named
        for position, index in decided.items():
            place, start = places[index], candidates[position].start
            if place.kind == "oblast":
                self.admin_at.append((start, place.admin1))
            elif place.kind == "raion":
                self.raion_at.append((start, place.name))
                self.admin_at.append((start, place.admin1))
            elif place.kind == "settlement" and place.coord_precision == "point":
                points.setdefault(place.id, place)
        self.admin_at.sort()
        self._admin_offsets = [offset for offset, _ in self.admin_at]
        self.admins = {admin for _, admin in self.admin_at}
        self.raions = {name for _, name in self.raion_at}
        self.points = points = list(points.values())
        self.point_ids = np.array([p.id for p in points], dtype=object)
        self.point_lat = np.radians([p.lat for p in points])
        self.point_lon = np.radians([p.lon for p in points])
        self.point_cos = np.cos(self.point_lat)  # the same for every mention of the pass
        # Mentions of one name in a document share their namesakes, and the points are fixed
        # for the pass: the nearest points are computed once per set of namesakes.
        self._nearest: dict[tuple[int, ...], list[tuple[float, Place] | None]] = {}

    def admins_near(self, offset: int) -> set[str]:
        """The admin units named within ``NEAR_CHARS`` of ``offset`` (a window of the sorted
        offsets, so a long document costs no more per mention than a short one)."""
        low = bisect_left(self._admin_offsets, offset - NEAR_CHARS)
        high = bisect_right(self._admin_offsets, offset + NEAR_CHARS)
        return {admin for _, admin in self.admin_at[low:high]}

    def nearest_points_of(self, indices: list[int],
                          places: tuple[Place, ...]) -> list[tuple[float, Place] | None]:
        """``nearest_points`` of the places at gazetteer ``indices``, remembered."""
        key = tuple(indices)
        found = self._nearest.get(key)
        if found is None:
            found = self._nearest[key] = self.nearest_points([places[i] for i in indices])
        return found

    def nearest_points(self, places: list[Place]) -> list[tuple[float, Place] | None]:
        """For each place, the nearest other decided place and its distance (haversine, km);
        one array operation per mention instead of a Python loop per namesake and point."""
        result: list[tuple[float, Place] | None] = [None] * len(places)
        rows = [i for i, p in enumerate(places) if p.lat is not None]
        if not rows or not self.points:
            return result
        lat = np.radians([places[i].lat for i in rows])[:, None]
        lon = np.radians([places[i].lon for i in rows])[:, None]
        a = (np.sin((self.point_lat - lat) / 2) ** 2 + np.cos(lat) * self.point_cos
             * np.sin((self.point_lon - lon) / 2) ** 2)
        km = 12742.0 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
        ids = np.array([places[i].id for i in rows], dtype=object)[:, None]
        km[ids == self.point_ids] = np.inf  # a place is not its own neighbour
        best = km.argmin(axis=1)
        # one conversion to Python floats instead of indexing the array per row
        for i, point, distance in zip(rows, best.tolist(),
                                      km[np.arange(len(rows)), best].tolist()):
            if math.isfinite(distance):
                result[i] = (distance, self.points[point])
        return result


def _pinned_point(candidate: Candidate, candidates: list[Candidate], decided: dict[int, int],
                  places) -> tuple[float, float, float, str] | None:
    """Where the text puts the mention ("82km north of Simferopol"): (lat, lon, km, from
    what), when the place it is measured from is decided."""
    if candidate.pinned is None:
        return None
    km, bearing, start = candidate.pinned
    position = next((p for p, c in enumerate(candidates) if c.start == start), None)
    index = decided.get(position) if position is not None else None
    origin = places[index] if index is not None else None
    if origin is None or origin.lat is None:
        return None
    north, east = km * math.cos(math.radians(bearing)), km * math.sin(math.radians(bearing))
    lat = origin.lat + north / 111.2
    lon = origin.lon + east / (111.2 * math.cos(math.radians(origin.lat)))
    return lat, lon, km, origin.name


def _decide(candidate: Candidate, context: _Context, places, theatre: Theatre,
            pin: tuple[float, float, float, str] | None = None):
    scored = []
    near = context.admins_near(candidate.start)
    folded = fold_key(candidate.text)
    for index, nearest in zip(candidate.indices,
                              context.nearest_points_of(candidate.indices, places)):
        # where the text puts the place outweighs which decided places it lies near
        score, reasons = _score(places[index], folded, context, theatre, near,
                                None if pin is not None else nearest)
        if pin is not None and places[index].lat is not None:
            lat, lon, km, origin = pin
            off = distance_km(places[index].lat, places[index].lon, lat, lon)
            score += W_PINNED * math.exp(-off / max(PIN_TOLERANCE * km, 5.0))
            if off <= max(PIN_TOLERANCE * km, 5.0):
                reasons.append(f"where the text puts it ({km:g} km from {origin})")
        scored.append((score, index, reasons))
    scored.sort(key=lambda s: -s[0])
    (best, index, reasons), runner_up = scored[0], scored[1][0]
    margin = best - runner_up
    ids = tuple(places[i].id for _, i, _ in scored)
    if margin < MARGIN:
        admins = sorted({places[i].admin1 or "" for _, i, _ in scored[:4]})
        reason = (f"ambiguous: {len(scored)} places named {candidate.text!r} "
                  f"({', '.join(a for a in admins if a)}…); the text does not decide")
        return _mention(candidate, None, ids, 0.0, reason), None
    confidence = round(min(0.97, 0.5 + margin / 8) * candidate.fuzzy_score, 2)
    reason = "; ".join(reasons) + f"; best of {len(scored)} namesakes by {margin:.1f}"
    return _mention(candidate, places[index].id, ids, confidence, reason), index


def _score(place: Place, folded: str, context: _Context, theatre: Theatre,
           near: set[str], nearest: tuple[float, Place] | None):
    """Score one namesake; ``folded`` is the mention's words, ``fold_key``-ed."""
    score, reasons = 0.0, []
    if place.admin1 in near:
        score += W_ADMIN_NEAR
        reasons.append(f"{place.admin1} named nearby")
    elif place.admin1 in context.admins:
        score += W_ADMIN_DOC
        reasons.append(f"{place.admin1} named in the document")
    if place.raion and any(_same_raion(r, place.raion) for r in context.raions):
        score += W_RAION
        reasons.append(f"{place.raion} named")
    if nearest is not None:
        km, other = nearest
        weight = W_DISTANCE
        if place.coord_precision != "point":
            # A raion's centre is only a guess at a village's position, and it sits next to
            # the raion's main town: half the weight, and never closer than a raion's radius.
            weight, km = W_DISTANCE / 2, max(km, RAION_RADIUS_KM)
        score += weight * math.exp(-km / DISTANCE_SCALE_KM)
        if km < 3 * DISTANCE_SCALE_KM:
            reasons.append(f"{km:.0f} km from {other.name}")
    if place.admin1 in theatre.front_line_units:
        score += W_FRONT
        reasons.append("front-line oblast")
    population = place.population or RANK_POPULATION.get(place.rank, 100)
    score += W_SIZE * math.log10(max(population, 10))
    if population >= 10_000:
        reasons.append(f"population {population:,}")
    if "pack" in place.sources:
        score += W_PACK
    if folded == _folded_name(place.name):
        score += W_SPELLING
    return score, reasons


# Caches of two pure functions, called for every namesake of every mention. Keyed by names
# of the gazetteer and the pack, so they stay as small as those.
_FOLDED_NAMES: dict[str, str] = {}


def _folded_name(name: str) -> str:
    folded = _FOLDED_NAMES.get(name)
    if folded is None:
        folded = _FOLDED_NAMES[name] = fold_key(name)
    return folded


_same_raion = lru_cache(maxsize=4096)(same_raion)


def _single(candidate: Candidate, place: Place) -> PlaceMention:
    if candidate.method == "fuzzy":
        reason = f"nearest known spelling of {place.name} (similarity {candidate.fuzzy_score:.2f})"
        confidence = round(0.9 * candidate.fuzzy_score, 2)
    elif candidate.via_alternate:
        reason, confidence = f"alternate or former name of {place.name}", 0.8
    else:
        reason, confidence = "the only place spelled so", 0.95
    return _mention(candidate, place.id, (place.id,), confidence, reason)


def _mention(candidate: Candidate, place_id, ids, confidence, reason) -> PlaceMention:
    return PlaceMention(candidate.start, candidate.end, candidate.text, place_id, ids,
                        confidence, reason, candidate.method)
