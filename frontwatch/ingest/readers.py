"""Find inputs and read the exact bytes of each document in them.

A reader never interprets text: it cuts a file or stream into documents (a whole text or HTML
file, one JSONL line, one CSV row, one WARC response record) and yields their bytes with the
place they came from. Problems become ``InputFailure`` items so the batch goes on.
"""

from __future__ import annotations

import csv
import json
import gzip
import io
import logging
import os
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from frontwatch.errors import (CorruptGzip, InputError, MalformedRecord, MissingInput,
                               OversizedInput, TruncatedGzip, TruncatedWarc, UnsupportedFormat)
from frontwatch.ingest.encoding import decode_text
from frontwatch.model import Format, RawInput

log = logging.getLogger(__name__)

STDIN = "-"
# File name endings frontwatch reads, and the layout each one has.
EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv",
    ".warc": "warc",
}
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)",
                         re.IGNORECASE | re.DOTALL)


# Largest single document accepted. News articles are kilobytes; the largest ISW page in
# ../shared is under 200 kB raw. 32 MiB refuses dumps mistaken for documents.
DEFAULT_MAX_DOCUMENT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """Limits for reading inputs; recorded with every run."""

    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES


@dataclass(frozen=True, slots=True)
class InputFailure:
    """A part of the input that could not be read into a document."""

    source: str
    locator: str
    error: InputError
    data: bytes | None = None  # the bytes that were read, kept so nothing is lost


@dataclass(slots=True)
class ReadProgress:
    """Byte counts for the progress bar, updated as readers consume input files."""

    bytes_total: int = 0
    bytes_done: int = 0
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str  # a file path, or "-" for standard input
    size: int
    missing: bool = False  # named, but not there: a rejection, the batch goes on


def plan_inputs(paths: Sequence[str], progress: ReadProgress) -> list[InputFile]:
    """Expand folders (recursively, in name order) into the files frontwatch can read.

    Files named explicitly are always read (their layout is sniffed when the extension is
    unknown); files found inside folders are read only with a known extension, the others are
    listed in ``progress.skipped``. A missing path among others that exist is planned as
    missing (it becomes a rejection); when no named path exists, FileNotFoundError.
    """
    planned: list[InputFile] = []
    missing: list[str] = []
    for name in paths:
        if name == STDIN:
            planned.append(InputFile(STDIN, 0))
            continue
        path = Path(name)
        if path.is_dir():
            for file in sorted(_walk(path)):
                if layout_of(file.name):
                    planned.append(InputFile(str(file), file.stat().st_size))
                else:
                    progress.skipped.append(str(file))
        elif path.is_file():
            planned.append(InputFile(str(path), path.stat().st_size))
        else:
            missing.append(name)
            planned.append(InputFile(name, 0, missing=True))
    if missing and len(missing) == len(planned):
        raise FileNotFoundError(f"{missing[0]}: no such file or folder")
    progress.bytes_total = sum(f.size for f in planned)
    return planned


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                yield Path(root) / name


def layout_of(name: str) -> str | None:
    """Return the layout a file name announces ("text", "jsonl", ...), or None."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return EXTENSIONS.get(os.path.splitext(lower)[1])


def iter_inputs(files: Sequence[InputFile], settings: IngestSettings,
                progress: ReadProgress) -> Iterator[RawInput | InputFailure]:
    """Yield every document's bytes (or a failure) from the planned input files."""
    for file in files:
        if file.missing:
            yield InputFailure(file.path, "", MissingInput(f"{file.path}: no such file or "
                                                           "folder"))
            continue
        done_before = progress.bytes_done
        try:
            raw = sys.stdin.buffer if file.path == STDIN else open(file.path, "rb")
        except OSError as exc:
            yield InputFailure(file.path, "", UnsupportedFormat(f"{file.path}: cannot open: {exc}"))
            continue
        counter = _CountingReader(raw)
        try:
            for item in _read_stream(counter, file.path, settings):
                progress.bytes_done = done_before + counter.count
                yield item
        finally:
            if raw is not sys.stdin.buffer:
                raw.close()
        progress.bytes_done = done_before + file.size


class _CountingReader(io.RawIOBase):
    """Count the bytes read from the underlying file (compressed bytes for .gz)."""

    def __init__(self, inner: BinaryIO) -> None:
        self._inner = inner
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._inner.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


def _read_stream(counter: _CountingReader, source: str,
                 settings: IngestSettings) -> Iterator[RawInput | InputFailure]:
    stream = io.BufferedReader(counter, buffer_size=1 << 16)
    head = stream.peek(8)[:2]
    layout = None if source == STDIN else layout_of(Path(source).name)
    if head == b"\x1f\x8b" and layout != "warc":  # warcio reads record-wise gzip itself
        # GzipFile buffers in small blocks, so a cut-off file yields every line before the cut.
        stream = gzip.GzipFile(fileobj=stream, mode="rb")
    try:
        if layout is None:
            layout = _sniff(stream.peek(4096)[:4096])
        if layout == "jsonl":
            yield from _read_jsonl(stream, source, settings)
        elif layout == "json":
            yield from _read_json(stream, source, settings)
        elif layout == "csv":
            yield from _read_csv(stream, source, settings)
        elif layout == "warc":
            yield from _read_warc(stream, source, settings)
        else:
            data = _read_limited(stream, source, "", settings)
            fmt = Format.HTML if layout == "html" or _HTML_START.match(data[:4096]) else Format.TEXT
            yield RawInput(source, "", data, fmt)
    # a whole file rejected keeps the file's own bytes: nothing is lost
    except InputError as exc:
        yield InputFailure(source, "", exc, _file_bytes(source, exc))
    except EOFError as exc:
        error = TruncatedGzip(
            f"{source}: the gzip stream ends early ({exc}); the file was cut off while being "
            "written or copied; everything before the cut was ingested")
        yield InputFailure(source, "", error, _file_bytes(source, error))
    except (gzip.BadGzipFile, zlib.error) as exc:
        error = CorruptGzip(
            f"{source}: the gzip data is corrupt ({exc}); re-download or re-compress the file")
        yield InputFailure(source, "", error, _file_bytes(source, error))


def _file_bytes(source: str, error: InputError) -> bytes | None:
    """The bytes of a rejected file, read again from disk; None for standard input (its bytes
    are gone) and for errors raised inside one record of a file (the record keeps its own)."""
    if source == STDIN or not isinstance(error, (OversizedInput, TruncatedGzip, CorruptGzip)):
        return None
    try:
        return Path(source).read_bytes()
    except OSError:
        return None


def _sniff(head: bytes) -> str:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"["):
        return "json"
    if _HTML_START.match(stripped):
        return "html"
    return "text"


def _read_limited(stream: BinaryIO, source: str, locator: str, settings: IngestSettings) -> bytes:
    data = stream.read(settings.max_document_bytes + 1)
    if len(data) > settings.max_document_bytes:
        raise OversizedInput(
            f"{_where(source, locator)}: larger than the {settings.max_document_bytes:,}-byte "
            "limit for one document; split it or raise --max-document-bytes")
    return data


def _read_jsonl(stream: BinaryIO, source: str,
                settings: IngestSettings) -> Iterator[RawInput | InputFailure]:
    lineno = 0
    try:
        for lineno, line in enumerate(stream, 1):
            yield from _jsonl_line(line, lineno, source, settings)
    except EOFError as exc:
        raise TruncatedGzip(f"{source}: the gzip stream ends early after line {lineno} ({exc}); "
                            f"lines 1-{lineno} were read, the rest of the file is missing") from exc


def _jsonl_line(line: bytes, lineno: int, source: str,
                settings: IngestSettings) -> Iterator[RawInput | InputFailure]:
    data = line.rstrip(b"\r\n")
    if not data.strip():
        return
    locator = f"line {lineno}"
    if len(data) > settings.max_document_bytes:
        yield InputFailure(source, locator, OversizedInput(
            f"{source}, {locator}: record larger than the "
            f"{settings.max_document_bytes:,}-byte limit"), data)
        return
    yield RawInput(source, locator, data, Format.JSON_RECORD)


def _read_json(stream: BinaryIO, source: str,
               settings: IngestSettings) -> Iterator[RawInput | InputFailure]:
    """A .json file is one record, an array of records, or JSON Lines under another name."""
    data = _read_limited(stream, source, "", settings)
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        yield from _read_jsonl(io.BytesIO(data), source, settings)
        return
    if isinstance(value, list):
        # An array has no per-record bytes of its own: each element is stored in its compact
        # JSON form, which parses back to the same value.
        for index, element in enumerate(value):
            encoded = json.dumps(element, ensure_ascii=False).encode("utf-8")
            yield RawInput(source, f"item {index}", encoded, Format.JSON_RECORD)
    else:
        yield RawInput(source, "", data, Format.JSON_RECORD)


def _read_csv(stream: BinaryIO, source: str,
              settings: IngestSettings) -> Iterator[RawInput | InputFailure]:
    sample = stream.peek(64 * 1024)[:64 * 1024]
    cut = sample.rfind(b"\n")
    encoding = decode_text(sample[:cut + 1] if cut > 0 else sample, source).encoding
    # bytes the sample's encoding cannot read stay as they are (surrogate escapes, encoded
    # back exactly below): the record carries them, and decoding it decides what they are
    text = io.TextIOWrapper(stream, encoding=encoding, newline="", errors="surrogateescape")
    consumed: list[str] = []

    def lines() -> Iterator[str]:
        for line in text:
            consumed.append(line)
            yield line

    csv.field_size_limit(settings.max_document_bytes)
    reader = csv.reader(lines())
    try:
        header = tuple(column.strip().lower() for column in next(reader))
    except StopIteration:
        return
    except (csv.Error, UnicodeDecodeError) as exc:
        yield InputFailure(source, "line 1", MalformedRecord(
            f"{source}, line 1: the CSV header is not readable ({exc})"), "".join(consumed)
            .encode(encoding, errors="surrogateescape"))
        return
    finally:
        consumed.clear()
    if "text" not in header:
        raise UnsupportedFormat(f"{source}: the CSV header has no 'text' column (found "
                                f"{', '.join(header)}); expected "
                                "id,url,outlet,published,title,text")
    line = 2
    while True:
        try:
            next(reader)
        except StopIteration:
            break
        except (csv.Error, UnicodeDecodeError) as exc:
            # the rest of the file cannot be split into records: it is kept as one failure
            rest = "".join(consumed).encode(encoding, errors="surrogateescape")
            yield InputFailure(source, f"line {line}", MalformedRecord(
                f"{source}, line {line}: not valid CSV in {encoding} ({exc})"), rest or None)
            break
        row_text, rows_lines = "".join(consumed), len(consumed)
        consumed.clear()
        data = row_text.rstrip("\r\n").encode(encoding, errors="surrogateescape")
        locator = f"line {line}"
        line += rows_lines
        if not data.strip():
            continue
        if len(data) > settings.max_document_bytes:
            yield InputFailure(source, locator, OversizedInput(
                f"{source}, {locator}: row larger than the "
                f"{settings.max_document_bytes:,}-byte limit"))
            continue
        yield RawInput(source, locator, data, Format.CSV_RECORD, columns=header, charset=encoding)


def _read_warc(stream: BinaryIO, source: str,
               settings: IngestSettings) -> Iterator[RawInput | InputFailure]:
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), 1):
            if record.rec_type not in ("response", "resource"):
                continue
            content_type = _warc_content_type(record)
            if "html" not in content_type:
                continue
            locator = f"record {number}"
            url = record.rec_headers.get_header("WARC-Target-URI")
            data = record.content_stream().read(settings.max_document_bytes + 1)
            if len(data) > settings.max_document_bytes:
                yield InputFailure(source, locator, OversizedInput(
                    f"{source}, {locator} ({url}): larger than the "
                    f"{settings.max_document_bytes:,}-byte limit"))
                continue
            charset = re.search(r"charset=([\w-]+)", content_type)
            yield RawInput(source, locator, data, Format.HTML, url=url,
                           charset=charset.group(1) if charset else None,
                           seen=record.rec_headers.get_header("WARC-Date"))
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as exc:
        raise TruncatedWarc(f"{source}: the WARC file breaks off after record {number} "
                            f"({exc}); the records before it were ingested") from exc


def _warc_content_type(record) -> str:
    if record.http_headers is not None:
        return (record.http_headers.get_header("Content-Type") or "").lower()
    return (record.rec_headers.get_header("Content-Type") or "").lower()


def _where(source: str, locator: str) -> str:
    return f"{source}, {locator}" if locator else source
