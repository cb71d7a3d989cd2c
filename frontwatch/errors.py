"""Typed errors raised by frontwatch library code.

Exception tree::

    FrontwatchError
    ├── InputError                 bad input: becomes a Rejection row, the batch goes on
    │   ├── EmptyInput             code "empty"
    │   ├── BinaryInput            code "binary"
    │   ├── OversizedInput         code "oversized"
    │   ├── TruncatedGzip          code "truncated-gzip"
    │   ├── CorruptGzip            code "corrupt-gzip"
    │   ├── TruncatedWarc          code "truncated-warc"
    │   ├── UndecodableInput       code "undecodable"
    │   ├── MalformedRecord        code "malformed-record" (a JSONL line, CSV row, WARC record)
    │   ├── UnsupportedFormat      code "unsupported-format"
    │   └── NoText                 code "no-text"
    ├── StoreError                 the SQLite store cannot be used
    │   ├── SchemaTooNew           the database was written by a newer frontwatch
    │   └── AmbiguousDocumentId    an id prefix matches several documents
    ├── PipelineError              stages are wired in an impossible order
    ├── FusionError                fusion failed: documents stay stored, the fused record unchanged
    ├── PackError                  a theatre pack file is missing or malformed
    └── GazetteerError             a gazetteer source cannot be read or imported
        └── UnknownImportFormat    a file given to `gazetteer import` is neither layout

Only the pipeline boundary (``frontwatch.pipeline``) catches broadly; the CLI alone maps
errors to exit codes.
"""

from __future__ import annotations


class FrontwatchError(Exception):
    """Base class of every error frontwatch raises on purpose."""


class InputError(FrontwatchError):
    """An input that cannot become a document. Recorded as a rejection, never fatal."""

    code = "bad-input"

    def __init__(self, message: str, *, stage: str = "ingest") -> None:
        super().__init__(message)
        self.message = message
        self.stage = stage


class EmptyInput(InputError):
    code = "empty"


class MissingInput(InputError):
    code = "missing"


class BinaryInput(InputError):
    code = "binary"


class OversizedInput(InputError):
    code = "oversized"


class TruncatedGzip(InputError):
    code = "truncated-gzip"


class CorruptGzip(InputError):
    code = "corrupt-gzip"


class TruncatedWarc(InputError):
    code = "truncated-warc"


class UndecodableInput(InputError):
    code = "undecodable"


class MalformedRecord(InputError):
    code = "malformed-record"


class UnsupportedFormat(InputError):
    code = "unsupported-format"


class NoText(InputError):
    code = "no-text"


class StoreError(FrontwatchError):
    """The store cannot be opened or used."""


class SchemaTooNew(StoreError):
    """The database schema is newer than this version of frontwatch understands."""


class AmbiguousDocumentId(StoreError):
    """A document id prefix matches more than one document."""


class PipelineError(FrontwatchError):
    """The pipeline was assembled with a stage before the stages it depends on."""


class FusionError(FrontwatchError):
    """Fusion failed after ingest stored its documents; the fused tables were left as they
    were, and the run is recorded as failed. The message says to run ``frontwatch fuse``."""


class PackError(FrontwatchError):
    """A theatre pack file is missing or malformed; the message names the file and row."""


class GazetteerError(FrontwatchError):
    """A gazetteer source cannot be read, built or imported."""


class UnknownImportFormat(GazetteerError):
    """A file given to ``gazetteer import`` is neither a GeoNames dump nor a postal-code file."""
