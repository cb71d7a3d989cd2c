"""frontwatch's on-disk cache: what is slow to build and the same for every process (the
gazetteer, the name automaton, the language model), under ``$FRONTWATCH_HOME/cache``.

A cache file's name carries the digest of everything it was built from, so a stale one is
never read: it is replaced, and the other versions of the same thing are removed. Writes are
atomic (a finished file renamed into place); an unwritable home costs only a rebuild.
"""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path

log = logging.getLogger(__name__)


def frontwatch_home() -> Path:
    """Where frontwatch keeps caches and gazetteer imports: $FRONTWATCH_HOME or ~/.frontwatch."""
    return Path(os.environ.get("FRONTWATCH_HOME") or Path.home() / ".frontwatch")


def cache_dir() -> Path:
    return frontwatch_home() / "cache"


def read_pickle(path: Path, kind: type):
    """The object pickled at ``path`` if it is a ``kind``, else None (missing or unreadable:
    the caller rebuilds it)."""
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        return None
    return value if isinstance(value, kind) else None


def write_pickle(path: Path, value, stale: str) -> None:
    """Pickle ``value`` to ``path`` atomically, removing the files of the folder that match
    the glob ``stale`` (older versions of the same thing)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(stale):
            old.unlink(missing_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError as exc:
        log.warning("cannot cache %s: %s", path, exc)
