"""Decode stage: a document's raw bytes become its raw text and any fields it declares.

For text and HTML the raw text is the decoded file. For a JSONL/JSON/CSV record the raw text is
the record's ``text`` field; its other known fields are kept as declared metadata and unknown
fields as extras.
"""

from __future__ import annotations

import csv
import io
import json
import re

from frontwatch.errors import MalformedRecord, NoText
from frontwatch.ingest.encoding import decode_text
from frontwatch.model import DeclaredFields, Doc, Format

VERSION = "decode.v1"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
# Record fields with a meaning of their own; everything else is kept as an extra.
_KNOWN_FIELDS = ("id", "url", "outlet", "published", "title", "author", "language", "text")


def decode_document(doc: Doc) -> None:
    """Fill ``doc.raw_text``, ``doc.encoding`` and, for records, ``doc.declared``."""
    raw = doc.raw
    where = f"{raw.source}, {raw.locator}" if raw.locator else raw.source
    declared_charset = raw.charset
    if raw.format is Format.HTML and not declared_charset:
        found = _META_CHARSET.search(raw.data[:4096])
        declared_charset = found.group(1).decode("ascii") if found else None
    decoded = decode_text(raw.data, where, declared_charset)
    doc.encoding, doc.encoding_confidence = decoded.encoding, decoded.confidence
    if raw.format in (Format.TEXT, Format.HTML):
        doc.raw_text = decoded.text
        return
    if raw.format is Format.JSON_RECORD:
        fields = _parse_json_record(decoded.text, where)
    else:
        fields = _parse_csv_record(decoded.text, raw.columns or (), where)
    doc.declared = _declared_fields(fields, where)
    doc.raw_text = doc.declared.text


def _parse_json_record(text: str, where: str) -> dict:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); fix "
                              "or remove this line, the other lines were ingested",
                              stage="decode") from exc
    if not isinstance(value, dict):
        raise MalformedRecord(f"{where}: a JSON record must be an object with a 'text' field, "
                              f"found {type(value).__name__}", stage="decode")
    return value


def _parse_csv_record(text: str, columns: tuple[str, ...], where: str) -> dict:
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise MalformedRecord(f"{where}: not valid CSV ({exc})", stage="decode") from exc
    if len(rows) != 1 or len(rows[0]) != len(columns):
        found = len(rows[0]) if rows else 0
        raise MalformedRecord(f"{where}: expected {len(columns)} CSV columns "
                              f"({', '.join(columns)}), found {found}", stage="decode")
    return dict(zip(columns, rows[0]))


def _declared_fields(fields: dict, where: str) -> DeclaredFields:
    text = fields.get("text")
    if "text" not in fields:
        raise NoText(f"{where}: the record has no 'text' field", stage="decode")
    if not isinstance(text, str):
        kind = "null" if text is None else type(text).__name__
        raise MalformedRecord(f"{where}: the record's 'text' is {kind}, not a string",
                              stage="decode")
    if not text.strip():
        raise NoText(f"{where}: the record's 'text' is empty", stage="decode")

    def given(name: str) -> str | None:
        value = fields.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return str(value).strip()

    extra = tuple((key, json.dumps(value, ensure_ascii=False))
                  for key, value in fields.items() if key not in _KNOWN_FIELDS)
    return DeclaredFields(
        external_id=given("id"), url=given("url"), outlet=given("outlet"),
        published=given("published"), title=given("title"), author=given("author"),
        language=given("language"), text=text, extra=extra)
