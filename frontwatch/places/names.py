"""Name folding and spelling variants.

``fold`` maps text to a matching form of exactly the same length: letters lose case and
diacritics, everything that is not a letter or digit becomes a space. Offsets in the folded
text are therefore offsets in the original, and a key padded with spaces (" izyum ") can
only match at word boundaries.

``spelling_variants`` produces the Latin spellings news uses for a Cyrillic name: the
Ukrainian official and common schemes (translitua), Russian schemes of the Russian form
(iuliia, translitua), and the forms with apostrophes and soft-sign marks dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib.metadata import version

import iuliia
import translitua
from rapidfuzz import fuzz

from frontwatch.cache import cache_dir, read_pickle, write_pickle

# Ukrainian schemes news actually uses; French/German/ISO scholarly ones are left out because
# English-language reporting does not spell that way and they only add noise keys.
UKRAINIAN_SCHEMES = (
    translitua.UkrainianKMU, translitua.UkrainianBGN, translitua.UkrainianBritish,
    translitua.UkrainianNational1996, translitua.UkrainianALALC, translitua.UkrainianUNGEGN,
    translitua.UkrainianPassport2007, translitua.UkrainianSimple, translitua.UkrainianGOST1986,
)
RUSSIAN_SCHEMES = (
    iuliia.WIKIPEDIA, iuliia.BGN_PCGN, iuliia.ICAO_DOC_9303, iuliia.MVD_782, iuliia.GOST_52535,
    iuliia.YANDEX_MAPS, iuliia.ALA_LC, iuliia.TELEGRAM, iuliia.SCIENTIFIC, iuliia.UNGEGN_1987,
)
RUSSIAN_TRANSLITUA = (translitua.RussianInternationalPassport1997, translitua.RussianALALC)

_MARKS = "'’ʼ`´‘′″\""


def _fold_char(char: str) -> str:
    if char in "'’ʼ`´‘′ʹʺ":
        return " "
    if not char.isalnum():
        return " "
    base = unicodedata.normalize("NFKD", char)[0].lower()
    if len(base) == 1 and base.isalnum():
        return base
    return char.lower() if len(char.lower()) == 1 else char


# One table for every character below U+3000: letters of every script news is written in.
# Characters above pass through unchanged (they are letters of other scripts or symbols that
# never occur inside a name).
_FOLD_TABLE = {code: _fold_char(chr(code)) for code in range(0x3000)}
_FOLD_TABLE = {code: value for code, value in _FOLD_TABLE.items() if value != chr(code)}


# str.translate has a fast path for ASCII strings only; news text is mostly ASCII with a few
# curly quotes and dashes, so its ASCII and non-ASCII runs are translated apart (3x faster on
# the dev corpus; the result is the same, character by character).
_NON_ASCII_RUNS = re.compile(r"([^\x00-\x7f]+)")


def fold(text: str) -> str:
    """Return ``text`` lower-cased, without diacritics, non-alphanumerics as spaces; same length."""
    if text.isascii():
        return text.translate(_FOLD_TABLE)
    return "".join([part.translate(_FOLD_TABLE) for part in _NON_ASCII_RUNS.split(text)])


def fold_key(name: str) -> str:
    """The automaton key of a name: folded, runs of spaces collapsed, stripped."""
    return " ".join(fold(name).split())


def same_raion(a: str, b: str) -> bool:
    """Whether two raion names name one raion. The register names raions by their adjective
    ("Buchanskyi", "Siverskodonetsk"), news and the pack by the centre ("Bucha",
    "Sievierodonetsk"), so the stems or the whole names are compared loosely."""
    a, b = (fold_key(n).removesuffix(" raion").removesuffix(" district") for n in (a, b))
    return a[:4] == b[:4] or fuzz.ratio(a, b) >= 75


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


@cache
def transliterate_uk(name: str, scheme) -> str:
    return translitua.translit(name, scheme)


def ukrainian_spellings(name: str) -> set[str]:
    """Latin spellings of a Ukrainian Cyrillic name under the schemes news uses."""
    return {transliterate_uk(name, scheme) for scheme in UKRAINIAN_SCHEMES}


def russian_spellings(name: str) -> set[str]:
    """Latin spellings of a Russian Cyrillic name under Russian schemes."""
    forms = {scheme.translate(name) for scheme in RUSSIAN_SCHEMES}
    forms.update(translitua.translit(name, scheme) for scheme in RUSSIAN_TRANSLITUA)
    return forms


# Ukrainian toponym endings and letters with their usual Russian counterparts. Used only for
# names that have no Russian form of their own (villages known from the Ukrainian register), so
# that "Шевченкове" also yields the "Shevchenkovo" Russian-language reporting uses. Where
# Russian has two forms of one ending, both are guessed: a possessive "-ово" (Шевченково)
# and an adjectival "-овое" (Степовое); "-івське" is "-овское" (Ивановское).
_RUSSIFY_ENDINGS = (("івське", ("овское",)), ("ївське", ("евское",)), ("цьке", ("цкое",)),
                    ("ське", ("ское",)), ("ове", ("ово", "овое")), ("еве", ("ево", "евое")),
                    ("цьк", ("цк",)), ("ськ", ("ск",)), ("івка", ("овка",)),
                    ("ївка", ("евка",)))
_RUSSIFY_LETTERS = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": "ь", "’": "ь",
                                  "І": "И", "Ї": "И", "Є": "Е"})


_HYBRID = re.compile(r"iv(ka|ske|skyi|sk)$")


def russify(name: str) -> tuple[str, ...]:
    """Approximate the Russian forms of a Ukrainian place name (endings and letters only)."""
    for ukrainian, russian in _RUSSIFY_ENDINGS:
        if name.endswith(ukrainian):
            stem = name[: -len(ukrainian)]
            return tuple((stem + ending).translate(_RUSSIFY_LETTERS) for ending in russian)
    return (name.translate(_RUSSIFY_LETTERS),)


def spelling_variants(uk: str = "", ru: str = "", *, guess_russian: bool = False) -> set[str]:
    """Every Latin and Cyrillic form of a place name given its Ukrainian and Russian forms."""
    forms: set[str] = set()
    if uk:
        forms.add(uk)
        forms |= ukrainian_spellings(uk)
    if uk and guess_russian:
        # the hybrid news writes: a Russian stem with the Ukrainian ending ("Ivanovske" for
        # Ivanivske, "Bohdanovka" for Bohdanivka)
        forms |= {_HYBRID.sub(r"ov\1", form) for form in ukrainian_spellings(uk)}
    for russian in ((ru,) if ru else russify(uk) if uk and guess_russian else ()):
        forms.add(russian)
        forms |= russian_spellings(russian)
    return forms


def keys_for(forms) -> set[str]:
    """Automaton keys for a set of written forms, with and without apostrophes and marks."""
    keys = set()
    for form in forms:
        keys.add(fold_key(form))
        stripped = form.translate(str.maketrans("", "", _MARKS))
        keys.add(fold_key(stripped))
        # ISO-style schemes write the soft sign as a prime; news drops it.
        keys.add(fold_key(stripped.replace("ʹ", "").replace("ʺ", "")))
    keys.discard("")
    return keys


@cache
def is_common_english(key: str, min_zipf: float) -> bool:
    """True when a one-word key is an English word at least as frequent as ``min_zipf``
    (3.0 is about once per million words: "layman", "berlin", "mala" pass, "izium" does not)."""
    if " " in key:
        return False
    word = key.lower()
    if word.isalpha():  # digits are read by wordfreq's own rules: ask it
        return word in _common_english(min_zipf)
    from wordfreq import zipf_frequency
    return zipf_frequency(key, "en") >= min_zipf


@cache
def _common_english(min_zipf: float) -> frozenset[str]:
    """The words of letters only that wordfreq rates at least ``min_zipf``, from frontwatch's
    cache: wordfreq takes 0.35 s to import and unpack its list, the cached set a few
    milliseconds. For such a word wordfreq's answer is its list's entry, so the set answers
    the same (tests/test_cache.py)."""
    path = cache_dir() / f"english-letters-{version('wordfreq')}-{min_zipf}.pickle"
    words = read_pickle(path, frozenset)
    if words is None:
        from wordfreq import get_frequency_dict, zipf_frequency
        floor = 10 ** (min_zipf - 9.01)  # below it no rounding reaches min_zipf
        words = frozenset(w for w, f in get_frequency_dict("en").items()
                          if f >= floor and w.isalpha()
                          and zipf_frequency(w, "en") >= min_zipf)
        write_pickle(path, words, stale=f"english-*-{min_zipf}.pickle")
    return words
