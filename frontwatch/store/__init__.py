"""The SQLite store: raw bytes, documents with metadata and offsets, rejections, runs."""

from frontwatch.store.store import Store

__all__ = ["Store"]
