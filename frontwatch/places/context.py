"""Reading the words around a matched name before disambiguation.

- A small village's name glued to another capitalised word is part of a longer name or of a
  person's name ("Maly Dyrchyn", "Volodymyr Zelensky", "Serhii Haidai"): dropped.
- A city's name in a list closed by a plural admin word is the oblast ("Donetsk and Luhansk
  Oblasts", "Kherson, Zaporizhia, and Mykolaiv Oblasts").
- "the Dnipro", "the Irpin": with the article, a river namesake is meant.
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
                        r"(?:Oblasts|oblasts|regions|provinces)\b")
_THE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def read_context(text: str, candidates: list[Candidate], gazetteer: Gazetteer,
                 theatre: Theatre) -> list[Candidate]:
    """Return the candidates with glued names dropped and list/article readings applied."""
    starts = {c.start for c in candidates}
    ends = {c.end for c in candidates}
    generic = {fold_key(w) for w in (*theatre.admin_suffixes, *theatre.raion_suffixes,
                                     *theatre.river_suffixes, "City", "Raion")}
    kept = []
    for candidate in candidates:
        places = [gazetteer.places[i] for i in candidate.indices]
        if _is_glued(text, candidate, places, starts, ends, generic):
            continue
        if _LIST_TAIL.match(text, candidate.end):
            oblast = gazetteer.keys.get(fold_key(f"{candidate.text} oblast"), ())
            oblasts = [i for i in Gazetteer.primary(oblast)
                       if gazetteer.places[i].kind == "oblast"]
            if oblasts:
                candidate.indices = oblasts
        if _THE.search(text, max(0, candidate.start - 6), candidate.start):
            rivers = [i for i in candidate.indices if gazetteer.places[i].kind == "river"]
            candidate.indices = rivers or candidate.indices
        kept.append(candidate)
    return kept


def _is_glued(text, candidate, places, starts, ends, generic) -> bool:
    if any(p.population >= SMALL_PLACE or "pack" in p.sources or p.kind != "settlement"
           or p.rank >= 3 for p in places):
        return False
    after = _NEXT_WORD.match(text, candidate.end)
    if after and after.start(1) not in starts and fold_key(after.group(1)) not in generic:
        return True
    before = _PREVIOUS_WORD.search(text, max(0, candidate.start - 40), candidate.start)
    if before and before.end(1) not in ends:
        word = fold_key(before.group(1))
        return not is_common_english(word, 3.0)
    return False
