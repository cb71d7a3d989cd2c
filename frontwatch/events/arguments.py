"""Which places an event is about: the place list a trigger governs.

"Russian forces captured Rivnopil, Zlatoustovka, and Blyzhnje north of Mariupol on March 15"
is about the three villages: the first contiguous list of places after the trigger, not
Mariupol (it only locates them) nor places in a later clause. Rules:
- the first place must follow the trigger closely, without a clause boundary or an object that
  is not ground ("took Russian prisoners near X", "captured several tanks") in between;
- adjectives ("Russian-held", "occupied") take only the place right after them;
- a passive trigger ("X and Y were liberated") takes the list right before it;
- "captured the city" takes the last settlement named before the trigger, in this sentence or
  the ones before ("Melitopol ... Russian forces claimed to have captured the city");
- a sentence with no place that says "it"/"the town" carries over the last place named.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from frontwatch.events.modality import NOUN_TRIGGERS as _NOUN_TRIGGERS
from frontwatch.events.triggers import Trigger
from frontwatch.model import PlaceMention
from frontwatch.places.gazetteer import Gazetteer

MAX_LEAD = 70  # characters between a trigger and the first place it governs
CARRY_BACK = 600  # how far back "the city" may look for its place
_POSITIONAL = re.compile(
    r"(?:(?:\d+(?:\.\d+)?\s*(?:km|kilometers|kilometres|miles|mi)\s+)?(?:north|south|east|west)"
    r"(?:east|west)?(?:ern)?\s+(?:of|from)|direction of|toward|towards|axis of|near|outside|"
    r"between|from the|around)\s+(?:the\s+)?$", re.IGNORECASE)
# A place that only qualifies the noun after it: "the Mykolaiv-Kherson line", "settlements on
# the Luhansk Oblast border", "in the Mykolayiv direction", "the Kharkiv City direction".
_QUALIFIER_AFTER = re.compile(r"(?:[-–][\w’' ]+?)?(?:\s+City)?\s+(?:administrative\s+)?"
                              r"(?:border|borders|boundary|line|direction|axis|highway|road|frontline|front|bridge|"
                              r"railway)\b", re.IGNORECASE)
_BOUNDARY = re.compile(r",\s+(?:but|while|although|though|which|where|as|after|before|and "
                       r"(?:then|later|also))\b|;|[—–]|\.\s|\b(?:but|while|before|after|because|"
                       r"which|where|when|in order)\b", re.IGNORECASE)
_HARD_BOUNDARY = re.compile(r";|\s[—–]\s|\.\s")
_DIRECTION = re.compile(r"(?:toward|towards|direction of|from)\s+(?:the\s+)?$", re.IGNORECASE)
_NOT_GROUND = re.compile(
    r"\b(?:prisoners?|POWs|tanks?|vehicles?|equipment|weapons?|ammunition|trophies|hostages?|"
    r"footage|videos?|photos?|images?|parade|referendum|votes?|elections?|talks|personnel|"
    r"highway|roads?|railway|GLOCs?|lines? of communication|efforts?|operations?|initiative|"
    r"measures?|shells?|missiles?|drones?|aircraft|helicopters?|ships?|boats?|diplomats?|"
    r"staff|embassy|embassies|banks?(?!\s+of\b)|company|companies|plant|station|power|form|"
    r"meaning|advantage|part in|responsibility|hands|notice)\b", re.IGNORECASE)
# Between two places of one list; "strikes on X and on Y" repeats the preposition.
_LIST_GAP = re.compile(r"(?:\s*\([^)]{0,90}\))?\s*(?:,|,?\s+and|,?\s+or|/|-|–)\s*"
                       r"(?:(?:on|in|at|near)\s+)?(?:the\s+)?"
                       r"(?:(?:(?:towns?|villages?|settlements?|cities|city|outskirts|parts?|"
                       r"most|rest|center|centre)\s+of\s+(?:the\s+)?))?", re.IGNORECASE)
# ... and across one name frontwatch could not match ("Kamianka, Mala Komyshuvaxa, and
# Zavody": a misspelling in the middle does not end the list).
_LIST_GAP_OVER_NAME = re.compile(_LIST_GAP.pattern + r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
                                 + _LIST_GAP.pattern, re.IGNORECASE)
# "Russian-held X", "the occupied city of X", "Russian-controlled breakaway territories of X",
# "rebel-held territory in the Donbas".
_ADJECTIVE_GAP = re.compile(r"\s*(?:the\s+)?(?:(?:[a-z]+\s+)?(?:city|town|village|port|region|"
                            r"oblast|peninsula|territor(?:y|ies)|areas?|parts?|settlement)\s+(?:of|in)\s+"
                            r"(?:the\s+)?)?", re.IGNORECASE)
_THE_CITY = re.compile(r"\s+(?:(?:(?:a|one)\s+(?:quarter|third)|half|most|much|parts?)\s+of\s+)?"
                       r"(?:(?:of\s+)?(?:the|this|that)\s+(?:entire\s+|whole\s+|key\s+|"
                       r"strategic\s+)?(?:city|town|village|settlement)\b(?!\s+of\b)|it\b)",
                       re.IGNORECASE)
_THE_BEFORE = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)
_CITY_AFTER = re.compile(r"\s+(?:port\s+)?(?:city|town|village)\b(?!\s+of\b)", re.IGNORECASE)
_THE_AREA = re.compile(r"\s+(?:from\s+|of\s+)?(?:the|this|that)\s+(?:entire\s+|whole\s+|"
                       r"strategic\s+|key\s+)?(?P<noun>region|oblast|province|peninsula|area|"
                       r"territory)\b(?!\s+of\b)", re.IGNORECASE)
# Before an adjectival "occupied"/"held": a hyphen ("Russian-held"), or a closed-class word
# that cannot be a verb's subject — a preposition, an article, a conjunction or an adverb of
# time and manner ("strikes against occupied Donetsk", "the occupied south").
_BEFORE_ADJECTIVE = re.compile(
    r"(?:-|\b(?:the|an?|and|or|about|above|across|against|along|alongside|amid|"
    r"amidst|among|around|at|before|behind|below|beneath|beside|besides|between|beyond|"
    r"despite|during|except|for|from|in|inside|into|near|of|off|on|onto|outside|over|past|"
    r"per|through|throughout|to|toward|towards|under|until|upon|via|with|within|without|"
    r"temporarily|currently|still|newly|illegally|partially|already|previously)\s+)$",
    re.IGNORECASE)
# A route named by the places it joins: "X-Y line", "the X-Y-Z highway", "X-Y direction".
_CHAIN_BEFORE = re.compile(r"[A-Z][\w'’]+-$")
_CHAIN_AFTER = re.compile(r"(?:-[A-Z][\w'’]+)*\s+(?:line|axis|direction|highway|road|route|"
                          r"front|sector)\b")
# Where a strike came from, not what it hit: "launched from (occupied) X".
_ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
# Between a place and the larger unit that places it: "X in the Donetsk region", "X, in Y".
_IN_LARGER = re.compile(r",?\s+in\s+(?:the\s+)?", re.IGNORECASE)
# An aside between dashes: "west- in the Donetsk region ... Donbas- also", "X — a town — was".
_ASIDE = re.compile(r"[-—–]\s[^-—–.;]{3,200}?[-—–]\s")
_FINITE = re.compile(r"\b(?:did|does|do|has|have|had|was|were|is|are|will|would|could|can|"
                     r"may|might|must|should)\b", re.IGNORECASE)
_INCLUDING = re.compile(r"\s*[—–,]\s*including\s+$", re.IGNORECASE)
_DESTINATION = re.compile(r"\s*(?:to|into|toward|towards|behind)\b", re.IGNORECASE)
# A noun of ground after the participle makes it an adjective: "occupied positions", "its
# occupied territory".
_GROUND_NOUN_AFTER = re.compile(r"\s+(?:positions|areas|territory|territories|lands|regions|"
                                r"cities|towns|villages|settlements|parts|districts|lines)\b",
                                re.IGNORECASE)
_AGENT_LEAD = re.compile(r"\s+(?:\w+ly\s+)?by\s+(?:the\s+)?", re.IGNORECASE)
_FROM_END = re.compile(r"\bfrom\s+(?:around\s+|the\s+)*$", re.IGNORECASE)
_LOOSE_CARRY_OVER = re.compile(r"\b(?:the (?:city|town|village|settlement)|it)\b",
                               re.IGNORECASE)
_CARRY_OVER = re.compile(r"\b(?:the (?:city|town|village|settlement)|its?)\b", re.IGNORECASE)
_SUBJECT_REACH = 40  # characters between "it"/"the city" and the trigger it is subject of
# "It fell", "the town was finally taken", "it has been occupied", "the city, which ..., fell".
_SUBJECT_GAP = re.compile(r"\s*(?:(?:has|have|had|was|were|is|are)\s+)?(?:\w+ly\s+)?",
                          re.IGNORECASE)
# Between a place and a trigger that ends its relative clause: an optional appositive noun
# phrase (", the only regional capital"), "which"/"that", then words without a clause mark.
_RELATIVE = re.compile(r"\s*(?:\([^)]{0,90}\)\s*)?(?:[,–—]\s*(?:the|a|an|one|two|three|"
                       r"several|both)\s[^,.;:–—()\[\]]{0,50}?)?\s*,?\s*\b(?:which|that)\s+"
                       r"[^,.;:–—()\[\]]{0,80}", re.IGNORECASE)
_NEAR = re.compile(_POSITIONAL.pattern.replace("near|", "near|close to|next to|"),
                   re.IGNORECASE)
_APPOSITIVE = re.compile(r"\s*[,–—]\s*(?:the|a|an|one|two|three|several|both)\s"
                         r"[^,.;:–—()\[\]]{0,50}", re.IGNORECASE)
# "X was", "X, a town of 5,000, was", "X, were annexed and" (a comma closing the subject).
_PASSIVE_GAP = re.compile(r"\s*(?:,[^,]{0,40},\s*|,\s*(?=(?:has|have|had|was|were|is|are)\b))?"
                          r"(?:has|have|had|was|were|is|are)?\s*"
                          r"(?:not\s+)?(?:been\s+)?(?:\w+ly\s+)?(?:\w+ed\s+(?:and|or)\s+)?$",
                          re.IGNORECASE)


def _in_route_name(text: str, place: PlaceMention) -> bool:
    """Whether the place is one of hyphen-joined names that name a line, axis or road."""
    before = _CHAIN_BEFORE.search(text, max(0, place.start - 80), place.start)
    after = _CHAIN_AFTER.match(text, place.end)
    joined = bool(before) or text.startswith("-", place.end)
    return joined and after is not None


def _starting(places, low: int, high: int) -> list[PlaceMention]:
    """The places (in text order) that start in [low, high): a window look-up, not a scan of
    the whole document."""
    return list(places[bisect_left(places, low, key=_start):bisect_left(places, high,
                                                                         key=_start)])


def _start(place: PlaceMention) -> int:
    return place.start


def place_arguments(text: str, trigger: Trigger, clause: int, sentence_start: int,
                    sentence_places, all_places, gazetteer: Gazetteer) -> list[PlaceMention]:
    """The places the trigger at ``trigger`` is about (may be empty). A name inside a route's
    name ("along the Svatove-Kreminna line", "the Izyum-Slovyansk highway") is not one."""
    sentence_places = [p for p in sentence_places if not _in_route_name(text, p)]
    if _THE_CITY.match(text, trigger.end) or (
            _THE_BEFORE.search(text, max(0, trigger.start - 6), trigger.start)
            and _CITY_AFTER.match(text, trigger.end)):
        # "captured the city", "from the besieged city toward X": the last town named
        earlier = [p for p in _starting(all_places, trigger.start - CARRY_BACK, trigger.start)
                   if _kind(p, gazetteer) == "settlement"]
        return earlier[-1:]
    area = _THE_AREA.match(text, trigger.end) if trigger.type == "control" else None
    if area is not None:
        # "withdrew from the region", "took over the peninsula": the last larger unit named;
        # "the area" may be any place ("fighting in the Lugansk area ... controlled the area")
        vague = area.group("noun").lower() in ("area", "territory")
        earlier = [p for p in _starting(all_places, trigger.start - CARRY_BACK, trigger.start)
                   if vague or _kind(p, gazetteer) != "settlement"]
        return earlier[-1:]
    after = [p for p in sentence_places if p.start >= trigger.end]
    if trigger.type == "strike":
        after = _without_origins(text, after)
    if trigger.passive or not after:
        found = _list_before(text, trigger, clause, sentence_places)
        if not found and trigger.type == "control":
            found = _antecedent(text, trigger, sentence_places)
        if found or trigger.passive:
            return _prefer(found, trigger, gazetteer)
    if not after:
        if trigger.type == "control":
            return []
        # a place inside an aside ("X - in the Donetsk region, which with Luhansk makes up
        # the Donbas - came under shelling") describes, it is not what the trigger is about
        asides = [m.span() for m in _ASIDE.finditer(text, clause, trigger.start)]
        before = [p for p in sentence_places if clause <= p.start and p.end <= trigger.start
                  and not any(a <= p.start < b for a, b in asides)]
        # "X in the Donetsk region came under shelling": the region places X, X is struck
        before = [p for i, p in enumerate(before) if not (
            i and _kind(p, gazetteer) != "settlement"
            and _IN_LARGER.fullmatch(text, before[i - 1].end, p.start))]
        return _prefer(before[-1:], trigger, gazetteer)
    first = after[0]
    lead = text[trigger.end:first.start]
    if trigger.type == "control" and _AGENT_LEAD.fullmatch(lead):
        return []  # "the last town still held by Kyiv": the capital names the side holding it
    adjective = is_adjective(text, trigger)
    if adjective and not _ADJECTIVE_GAP.fullmatch(lead):
        return []
    if trigger.type == "control":
        if trigger.action == "withdrew" and _DESTINATION.match(lead):
            return []  # "a withdrawal to Siversk": where they went, not what they left
        if text[trigger.start:trigger.end].lower().split()[0] in _NOUN_TRIGGERS and \
                _FINITE.search(lead):
            # "the withdrawal did not change the status of the Kherson region": the place is
            # the object of another predicate, not where the event happened
            return []
        including = _INCLUDING.search(lead)
        if including is not None:
            # "withdrew from large swathes of terrain—including Bucha, Hostomel": the list
            # names the parts of the object; read the object up to "including"
            lead = lead[:including.start()]
        withdrawn_from = trigger.action == "withdrew" and (
            _FROM_END.search(lead) or (including is not None and " from " in f"{lead} "))
        if len(lead) > (2 * MAX_LEAD if withdrawn_from or including else MAX_LEAD) or \
                _BOUNDARY.search(lead) or \
                _is_positional(text, trigger, first) or \
                _QUALIFIER_AFTER.match(text, first.end) or \
                (not withdrawn_from and _NOT_GROUND.search(lead)):
            return []
    elif len(lead) > 2 * MAX_LEAD or _HARD_BOUNDARY.search(lead) or \
            _DIRECTION.search(text, max(0, first.start - 30), first.start):
        # a strike or a casualty count is located by "near X", "around X", "in X", or
        # before its trigger ("In Kharkiv, shelling killed ...")
        before = [p for p in sentence_places if clause <= p.start and p.end <= trigger.start]
        return _prefer(before[-1:], trigger, gazetteer)
    found = [first]
    for place in after[1:]:
        if text.rfind("(", found[-1].end, place.start) > text.rfind(")", found[-1].end,
                                                                     place.start):
            continue  # inside a parenthesis that locates the last one: "(20km west of X)"
        if not (_LIST_GAP.fullmatch(text, found[-1].end, place.start)
                or _LIST_GAP_OVER_NAME.fullmatch(text, found[-1].end, place.start)):
            break
        found.append(place)
    return _prefer(found, trigger, gazetteer)


def _without_origins(text: str, after: list[PlaceMention]) -> list[PlaceMention]:
    """A strike's places without those it was launched from ("launched missiles from occupied
    Kherson and Zaporizhia oblasts at X"): a place after "from", and the list it opens."""
    kept, origin = [], False
    for i, place in enumerate(after):
        if _ORIGIN.search(text, max(0, place.start - 30), place.start):
            origin = True
        elif not (origin and i and _LIST_GAP.fullmatch(text, after[i - 1].end, place.start)):
            origin = False
        if not origin:
            kept.append(place)
    return kept


def _is_positional(text: str, trigger: Trigger, place: PlaceMention) -> bool:
    """"captured X, 25 km north of Y": Y only locates; a trigger that ends with the preposition
    ("partial success near Y") is located by it."""
    found = _POSITIONAL.search(text, max(0, place.start - 40), place.start)
    if found is not None and found.group().lower().startswith("around") and \
            trigger.action == "withdrew":
        return False  # "withdrawn from around Kyiv", "units around X withdrew": the place left
    return found is not None and found.start() >= trigger.end


def carried_place(text: str, sentence_start: int, trigger: Trigger, all_places,
                  gazetteer: Gazetteer) -> PlaceMention | None:
    """"The city ... It was captured": the last place named before "it"/"the city", when
    those words are the trigger's own argument: its subject just before it ("it was
    occupied", "the town fell") or its object just after ("retook the town"). An adjective
    ("Russian-controlled areas of the town") and an "it" elsewhere in the sentence ("allowed
    it to strike Moscow-controlled territory") carry nothing over."""
    if trigger.type != "control":
        # a strike or a count is located loosely ("shelling of residential areas of the
        # city"): any "it"/"the city" near the trigger carries the last place over
        words = _LOOSE_CARRY_OVER.search(text, sentence_start, trigger.end + 40)
        if not words:
            return None
        earlier = _starting(all_places, sentence_start - 400, sentence_start)
        return _antecedent_of(words.group(), earlier, gazetteer)
    if is_adjective(text, trigger):
        return None
    pronoun = None
    for found in _CARRY_OVER.finditer(text, max(sentence_start, trigger.start - _SUBJECT_REACH),
                                      trigger.start):
        if _PASSIVE_GAP.fullmatch(text, found.end(), trigger.start) or \
                _SUBJECT_GAP.fullmatch(text, found.end(), trigger.start):
            pronoun = found
    if pronoun is None:
        return None  # "captured the city" was read by ``place_arguments``
    at = pronoun.start()
    earlier = [p for p in _starting(all_places, at - CARRY_BACK, at) if p.end <= at]
    return _antecedent_of(pronoun.group(), earlier, gazetteer)


def _antecedent_of(words: str, earlier: list[PlaceMention],
                   gazetteer: Gazetteer) -> PlaceMention | None:
    """The last of the ``earlier`` places that ``words`` can refer to: "it" any, "the city"
    (town, village) a settlement — not a region named after it ("... took city X, opening
    the route to region Y. The city was left in ruins": X)."""
    if words.lower() in ("it", "its"):
        return earlier[-1] if earlier else None
    for place in reversed(earlier):
        found = gazetteer.by_id(place.place_id) if place.place_id else None
        if found is None or found.kind == "settlement":
            return place
    return None


def is_adjective(text: str, trigger: Trigger) -> bool:
    """"Russian-held X", "the occupied X", "defending occupied positions": the trigger is an
    adjective, not a verb."""
    word = text[trigger.start:trigger.end].lower()
    return word.endswith(("held", "controlled", "occupied")) and (
        bool(_BEFORE_ADJECTIVE.search(text, max(0, trigger.start - 16), trigger.start))
        or bool(_GROUND_NOUN_AFTER.match(text, trigger.end)))


def _list_ending_with(text: str, before: list[PlaceMention]) -> list[PlaceMention]:
    """The list of places ("X, Y and Z") that ends with the last of ``before``."""
    found = [before[-1]]
    for place in reversed(before[:-1]):
        if not _LIST_GAP.fullmatch(text, place.end, found[0].start):
            break
        found.insert(0, place)
    return found


def _list_before(text, trigger: Trigger, clause: int, sentence_places) -> list[PlaceMention]:
    before = [p for p in sentence_places if clause <= p.start and p.end <= trigger.start]
    if not before or not _PASSIVE_GAP.fullmatch(text, before[-1].end, trigger.start):
        return []
    return _list_ending_with(text, before)


def _antecedent(text, trigger: Trigger, sentence_places) -> list[PlaceMention]:
    """"Kupiansk, which had been occupied by ...", "Kherson, the only city that Russia has
    captured": the place list a relative clause ending at the trigger hangs from."""
    before = [p for p in sentence_places if p.end <= trigger.start]
    if not before or not _RELATIVE.fullmatch(text, before[-1].end, trigger.start):
        return []
    if _NEAR.search(text, max(0, before[-1].start - 40), before[-1].start):
        # "Melitopol, a city close to Crimea which is ...", "two towns north of Mariupol
        # which ...": the clause hangs from the appositive, whose head is the place before
        if len(before) < 2 or not _APPOSITIVE.fullmatch(text, before[-2].end,
                                                        before[-1].start):
            return []
        before = before[:-1]
    return _list_ending_with(text, before)


def _prefer(found: list[PlaceMention], trigger: Trigger,
            gazetteer: Gazetteer) -> list[PlaceMention]:
    """Settlements over the oblasts that qualify them; oblasts for annexations."""
    if trigger.type == "annexation":
        return [p for p in found if _kind(p, gazetteer) in ("oblast", "region")] or found
    return [p for p in found if _kind(p, gazetteer) == "settlement"] or found


def _kind(place: PlaceMention, gazetteer: Gazetteer) -> str:
    if place.place_id is None:
        return "settlement"  # ambiguous mentions are villages with namesakes
    found = gazetteer.by_id(place.place_id)
    return found.kind if found else "settlement"
