"""Turn raw bytes into text: refuse binary and empty inputs, detect the encoding.

Order of evidence: a byte-order mark; strict UTF-8 (most of the web); an encoding the
container declares (HTTP header, HTML meta); then charset-normalizer's statistical guess.
Single-byte Cyrillic code pages are easy to confuse with each other (cp1251 text decodes
without error as koi8-r), so among those we pick the one whose decoding looks like real
Cyrillic prose: mostly lower-case letters.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from frontwatch.errors import BinaryInput, EmptyInput, UndecodableInput

# File signatures of formats that are never news text.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or docx/xlsx)"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x1f\x8b", "gzip data that was not decompressed"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CYRILLIC_SINGLE_BYTE = ("cp1251", "koi8_r", "koi8_u", "mac_cyrillic", "cp866", "iso8859_5")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CYRILLIC_LOWER = re.compile(r"[\u0430-\u045f]")
# Control characters other than tab, newline, carriage return, form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# More than this share of control characters means the bytes are not text. Real scraped
# pages in ../shared/corpus have none; 1% leaves room for a stray escape sequence.
_MAX_CONTROL_SHARE = 0.01
_SAMPLE = 256 * 1024


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    confidence: float


def decode_text(data: bytes, where: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` to text, naming ``where`` (path, line) in any error.

    Raises:
        EmptyInput: no bytes, or only whitespace.
        BinaryInput: a known binary signature, or NUL bytes or control characters beyond a
            stray few.
        UndecodableInput: no encoding decodes the bytes.
    """
    if not data.strip():
        raise EmptyInput(f"{where}: the input is empty; nothing to ingest")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_or_raise(data, name, where), name, 1.0, where)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(f"{where}: this is {what}, not text; give frontwatch text, HTML, "
                              "JSONL, CSV or WARC files")
    utf16 = _sniff_utf16(data)
    if utf16:
        return _checked(_decode_or_raise(data, utf16, where), utf16, 0.9, where)
    if data[:_SAMPLE].count(b"\x00") > _MAX_CONTROL_SHARE * len(data[:_SAMPLE]):
        # a few stray NULs in an article are noise the clean stage blanks; many are binary
        raise BinaryInput(f"{where}: contains NUL bytes, so it is binary data, not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8", 1.0, where)
    except UnicodeDecodeError:
        pass
    if declared:
        name = _normalise_codec(declared)
        if name:
            try:
                return _checked(data.decode(name), name, 0.9, where)
            except UnicodeDecodeError:
                pass
    return _guess(data, where)


def _guess(data: bytes, where: str) -> Decoded:
    best = from_bytes(data[:_SAMPLE]).best()
    if best is None:
        raise UndecodableInput(f"{where}: no text encoding decodes these bytes; convert the file "
                               "to UTF-8 (for example with iconv) and ingest it again")
    name = _normalise_codec(best.encoding) or best.encoding
    confidence = round(1.0 - best.chaos, 3)
    text = _decode_or_raise(data, name, where)
    if name in _CYRILLIC_SINGLE_BYTE or _CYRILLIC.search(text[:4096]):
        name, text = _pick_cyrillic(data, name, text)
    return _checked(text, name, confidence, where)


def _pick_cyrillic(data: bytes, guessed: str, text: str) -> tuple[str, str]:
    """Among single-byte Cyrillic code pages, keep the one that yields mostly lower case."""
    best_name, best_text, best_score = guessed, text, _lowercase_share(text)
    for name in _CYRILLIC_SINGLE_BYTE:
        try:
            candidate = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = _lowercase_share(candidate)
        if score > best_score + 0.05:
            best_name, best_text, best_score = name, candidate, score
    return best_name, best_text


def _lowercase_share(text: str) -> float:
    sample = text[:_SAMPLE]
    letters = len(_CYRILLIC.findall(sample))
    return len(_CYRILLIC_LOWER.findall(sample)) / letters if letters else 0.0


def _sniff_utf16(data: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by its NUL bytes in every other position."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        head = head[:len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even_nuls = head[0::2].count(0) / (len(head) / 2)
    odd_nuls = head[1::2].count(0) / (len(head) / 2)
    # Spaces and Latin letters put a NUL in the high byte; Cyrillic does not, so a text in
    # Cyrillic has fewer NULs, but still all on one side.
    if odd_nuls > 0.05 and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > 0.05 and odd_nuls == 0:
        return "utf-16-be"
    return None


def _normalise_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("\"'")).name.replace("-", "_") \
            .replace("utf_8", "utf-8").replace("utf_16", "utf-16")
    except LookupError:
        return None


def _decode_or_raise(data: bytes, name: str, where: str) -> str:
    try:
        return data.decode(name)
    except (UnicodeDecodeError, LookupError) as exc:
        raise UndecodableInput(f"{where}: the bytes are not valid {name} ({exc}); convert the "
                               "file to UTF-8 and ingest it again") from exc


def _checked(text: str, encoding: str, confidence: float, where: str) -> Decoded:
    if not text.strip():
        raise EmptyInput(f"{where}: the input holds only whitespace; nothing to ingest")
    sample = text[:_SAMPLE]
    if len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInput(f"{where}: decodes as {encoding} but is full of control characters, "
                          "so it is binary data, not text")
    return Decoded(text, encoding, confidence)
