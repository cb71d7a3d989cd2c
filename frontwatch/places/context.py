"""Reading the words around a matched name before disambiguation.

- A small village's name glued to another capitalised word is part of a longer name or of a
  person's name ("Maly Dyrchyn", "Volodymyr Zelensky", "Serhii Haidai"): dropped.
- A city's name in a list closed by a plural admin word is the oblast ("Donetsk and Luhansk
  Oblasts", "Kherson, Zaporizhia, and Mykolaiv Oblasts"), and so is one in a list with an
  oblast or a region ("Donbas, Kherson, and Zaporizhia").
- A city's name that names one side of a border or a front between oblasts ("the
  Kharkiv-Donetsk Oblast border", "the Kherson-Mykolaiv administrative border"), the
  "borders of Donetsk", or a part of it by compass ("southwestern Donetsk") is the oblast.
- "Pervomaiske (82km north of Simferopol)": the distance and direction from the next name
  pin which namesake is meant (scored in ``places.resolve``).
- "the Dnipro", "the Irpin": with the article, a river namesake is meant; without the article
  or a "River" after it, a settlement or other namesake is preferred ("Udy", "Irpin").
"""

from __future__ import annotations

import re

from frontwatch.places.gazetteer import Gazetteer
from frontwatch.places.names import fold_key, is_common_english
from frontwatch.places.resolve import Candidate
from frontwatch.theatres import Theatre

SMALL_PLACE = 10_000  # below this a name glued to another capitalised word is not trusted
_NEXT_WORD = re.compile(r"[ \t]+([A-ZА-ЯІЇЄҐ][\w'’-]*)")
_PREVIOUS_WORD = re.compile(r"([A-ZА-ЯІЇЄҐ][\w'’-]*)[ \t]+$")
_LIST_TAIL = re.compile(r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)[A-Z][\w'’-]+){1,6}\s+"
                        r"(?:Oblasts?|oblasts?|regions|provinces)\b")
# "Kharkiv-Donetsk Oblast border", "Kherson-Mykolaiv administrative border": the first name
_PAIR_BORDER_HEAD = re.compile(r"-[A-Z][\w'’]+(?:\s+(?:Oblast|oblast|region))?\s+"
                               r"(?:administrative\s+)?(?:border|frontline|front\s+line|front)\b")
# ... and the second name of such a pair
_PAIR_BORDER_TAIL = re.compile(r"(?:\s+(?:Oblast|oblast|region))?\s+(?:administrative\s+)?"
                               r"(?:border|frontline|front\s+line|front)\b")
_PAIR_BORDER_LEAD = re.compile(r"[A-Z][\w'’]+-$")
_REGIONS_OF = re.compile(r"\b(?:borders?|regions?|provinces?)\s+of\s+(?:the\s+)?"
                         r"(?:Ukraine\s*[-—–:]+\s*)?$", re.IGNORECASE)
_COMPASS = re.compile(r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)"
                      r"(?:ern)?\s+$", re.IGNORECASE)
# "Luhansk Governor", "the Donetsk town of Bakhmut"
_OBLAST_AFTER = re.compile(r"\s+(?:governor|(?:town|city|village|settlement)\s+of)\b",
                           re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
# "the Lysychansk Oil Refinery", "the Vuhledar power plant": a facility, not the place
_FACILITY = re.compile(r"\s+(?:[A-Za-z]+\s+){0,2}?(?:plant|refinery|factory|mine|combine)\b",
                       re.IGNORECASE)
_THE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# "(82km north of Simferopol", ", about 10 kilometers southwest of Bakhmut,"
_DISTANCE_OF = re.compile(
    r"\s*[(,]\s*(?:(?:approximately|about|roughly|some|around|nearly)\s+)?"
    r"(?P<km>\d+(?:\.\d+)?)\s*(?:km|kilometers|kilometres)\s+(?:to\s+the\s+)?"
    r"(?P<dir>(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of\s+(?:the\s+)?",
    re.IGNORECASE)
_BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0,
             "south": 180.0, "southwest": 225.0, "west": 270.0, "northwest": 315.0}


def read_context(text: str, candidates: list[Candidate], gazetteer: Gazetteer,
                 theatre: Theatre) -> list[Candidate]:
    """Return the candidates with glued names dropped and list/article readings applied."""
    starts = {c.start for c in candidates}
    ends = {c.end for c in candidates}
    generic = {fold_key(w) for w in (*theatre.admin_suffixes, *theatre.raion_suffixes,
                                     *theatre.river_suffixes, "City", "Raion")}
    river_words = {fold_key(w) for w in theatre.river_suffixes}
    first_names = _first_names(theatre)
    kept, as_oblast = [], set()
    for candidate in candidates:
        places = [gazetteer.places[i] for i in candidate.indices]
        if _is_glued(text, candidate, places, starts, ends, generic, first_names) or \
                _FACILITY.match(text, candidate.end):
            continue
        if _names_oblast(text, candidate, places, theatre) and _make_oblast(candidate, gazetteer):
            as_oblast.add(id(candidate))
        rivers = [i for i in candidate.indices if gazetteer.places[i].kind == "river"]
        if rivers and _THE.search(text, max(0, candidate.start - 6), candidate.start):
            candidate.indices = rivers
        elif rivers and len(rivers) < len(candidate.indices) and \
                not any(fold_key(candidate.text).endswith(w) for w in river_words):
            candidate.indices = [i for i in candidate.indices if i not in rivers]
        kept.append(candidate)
    _read_lists_as_oblasts(text, kept, as_oblast, gazetteer, theatre)
    _read_distances(text, kept)
    return kept


def _read_distances(text: str, candidates: list[Candidate]) -> None:
    """"Pervomaiske (82km north of Simferopol)": pin the first name where the text puts it,
    measured from the name that follows."""
    starts = {c.start for c in candidates}
    for candidate in candidates:
        found = _DISTANCE_OF.match(text, candidate.end)
        if found and found.end() in starts:
            bearing = _BEARINGS[found["dir"].lower().replace("-", "")]
            candidate.pinned = (float(found["km"]), bearing, found.end())


def _read_lists_as_oblasts(text, candidates, as_oblast, gazetteer, theatre) -> None:
    """"the regions of Chernihiv and Zhytomyr": a list continues what its head names;
    "Donetsk and Luhansk" (the theatre's paired oblasts) names the two oblasts; and a list
    that names an oblast or a region ("occupied areas of Donbas, Kherson, and Zaporizhia")
    lists units of that level: its bare city names are their oblasts."""
    paired = {fold_key(name) for name in theatre.paired_oblasts}
    for first, second in zip(candidates, candidates[1:]):
        if not _LIST_GAP.fullmatch(text, first.end, second.start):
            continue
        both_paired = fold_key(first.text) in paired and fold_key(second.text) in paired
        if both_paired and _make_oblast(first, gazetteer):
            as_oblast.add(id(first))
        if (both_paired or id(first) in as_oblast) and _make_oblast(second, gazetteer):
            as_oblast.add(id(second))
    for chain in _lists(text, candidates):
        if any(id(c) in as_oblast or _is_region(c, gazetteer) for c in chain):
            for candidate in chain:
                if id(candidate) not in as_oblast and _make_oblast(candidate, gazetteer):
                    as_oblast.add(id(candidate))


def _lists(text: str, candidates: list[Candidate]) -> list[list[Candidate]]:
    """Runs of two or more names joined by commas or "and"."""
    chains: list[list[Candidate]] = []
    for previous, candidate in zip([None, *candidates], candidates):
        if previous is not None and _LIST_GAP.fullmatch(text, previous.end, candidate.start):
            chains[-1].append(candidate)
        else:
            chains.append([candidate])
    return [chain for chain in chains if len(chain) > 1]


def _is_region(candidate: Candidate, gazetteer: Gazetteer) -> bool:
    return all(gazetteer.places[i].kind in ("oblast", "region") for i in candidate.indices)


def _make_oblast(candidate: Candidate, gazetteer: Gazetteer) -> bool:
    oblast = gazetteer.keys.get(fold_key(f"{candidate.text} oblast"), ())
    oblasts = [i for i in Gazetteer.primary(oblast) if gazetteer.places[i].kind == "oblast"]
    if oblasts:
        candidate.indices = oblasts
    return bool(oblasts)


def _names_oblast(text: str, candidate: Candidate, places, theatre: Theatre) -> bool:
    """Whether the words around a bare city name show that the oblast is meant."""
    if _LIST_TAIL.match(text, candidate.end) or _PAIR_BORDER_HEAD.match(text, candidate.end) \
            or _OBLAST_AFTER.match(text, candidate.end):
        return True
    before = text[max(0, candidate.start - 40):candidate.start]
    if _PAIR_BORDER_LEAD.search(before) and _PAIR_BORDER_TAIL.match(text, candidate.end):
        return True
    if _REGIONS_OF.search(before):
        return True
    # "southwestern Donetsk" is the oblast, but "eastern Kyiv" is the capital's east: a city
    # that is an admin unit of its own keeps its compass parts.
    return bool(_COMPASS.search(before)) and \
        not any(p.admin1 in _city_units(theatre) for p in places)


_CITY_UNITS: dict[str, frozenset[str]] = {}  # theatre digest -> ids of city admin units


def _city_units(theatre: Theatre) -> frozenset[str]:
    if theatre.digest not in _CITY_UNITS:
        _CITY_UNITS[theatre.digest] = frozenset(u.id for u in theatre.admin_units
                                                if u.kind == "city")
    return _CITY_UNITS[theatre.digest]


_FIRST_NAMES: dict[str, frozenset[str]] = {}  # theatre digest -> folded first names


def _first_names(theatre: Theatre) -> frozenset[str]:
    """First names of the pack's people: "Volodymyr" before a capitalised word is a person."""
    if theatre.digest not in _FIRST_NAMES:
        _FIRST_NAMES[theatre.digest] = frozenset(
            fold_key(actor.name.split()[0]) for actor in theatre.actors
            if actor.kind == "person" and " " in actor.name)
    return _FIRST_NAMES[theatre.digest]


def _is_glued(text, candidate, places, starts, ends, generic, first_names) -> bool:
    after = _NEXT_WORD.match(text, candidate.end)
    if after and after.start(1) not in starts and fold_key(after.group(1)) not in generic:
        if fold_key(candidate.text) in first_names:
            return True  # "Volodymyr Zelnski", however the surname is spelt
        if is_common_english(fold_key(after.group(1)), 3.0) and \
                all(p.kind == "settlement" and p.population < SMALL_PLACE for p in places):
            return True  # "the New York Times" is not the village Niu-York
    if any(p.population >= SMALL_PLACE or "pack" in p.sources or p.kind != "settlement"
           or p.rank >= 3 for p in places):
        return False
    if after and after.start(1) not in starts and fold_key(after.group(1)) not in generic:
        return True
    before = _PREVIOUS_WORD.search(text, max(0, candidate.start - 40), candidate.start)
    if before and before.end(1) not in ends:
        word = fold_key(before.group(1))
        return not is_common_english(word, 3.0)
    return False
