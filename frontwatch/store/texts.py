"""Words cut from the stored clean text in Python, not with SQL ``substr``.

SQLite reads a row's whole ``clean_text`` value to take a ``substr`` of it, so quoting every
mention of a long document read the document once per mention: an 8 MB dossier with 8,000
mentions took 30 s for one query. ``Quotes`` reads each document's text once (the last few
are kept, rows usually come grouped by document) and slices it.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

KEEP = 16  # documents' texts kept at once


class Quotes:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._texts: OrderedDict[str, str] = OrderedDict()

    def cut(self, doc_id: str, start: int | None, end: int | None) -> str | None:
        if start is None or end is None:
            return None
        text = self._texts.get(doc_id)
        if text is None:
            row = self.conn.execute("SELECT clean_text FROM documents WHERE id = ?",
                                    (doc_id,)).fetchone()
            text = row[0] if row else ""
            self._texts[doc_id] = text
            if len(self._texts) > KEEP:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(doc_id)
        return text[start:end]


def with_quotes(conn: sqlite3.Connection, rows: Iterable[sqlite3.Row], name: str = "quote",
                start: str = "start", end: str = "end") -> list[dict[str, Any]]:
    """The rows as dicts, each with ``name``: its ``start``..``end`` words of its document."""
    quotes = Quotes(conn)
    return [{**dict(row), name: quotes.cut(row["doc_id"], row[start], row[end])}
            for row in rows]
