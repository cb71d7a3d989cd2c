"""Where the per-document stages run: in this process (``local``), or on a Dask cluster
(``dask``: dask.distributed workers, a LocalCluster when no scheduler is given).

Either way the single store writer in ``pipeline.ingest`` receives the outcomes in input
order, so a store written with Dask equals one written locally, row for row. The stages are
pure functions of a document's bytes: a worker needs only frontwatch installed with the same
theatre pack (and gazetteer imports) as the writer; it never opens the store.

Fusion runs on the engine too where it can: the writer reads the mentions to fuse, and the
events of each place — a function of that place's mentions only — are fused on the workers,
places partitioned across them (``map_partitions``; ``fuse.run.resolve_partition``). What
couples places (source reliability, the timelines) runs in the writer.

An outcome is ``("doc", Doc)``, ``("rejected", InputError)`` for bad input, or
``("error", type name, message)`` for a bug on that input (the batch goes on either way).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from frontwatch.errors import FrontwatchError, InputError
from frontwatch.model import RawInput

# Documents sent to the cluster ahead of the writer: enough to keep every worker busy,
# few enough that the bytes in flight stay bounded.
IN_FLIGHT_PER_WORKER = 16
# Fusion's places go to the workers in this many partitions per worker: a few more than one,
# so a partition of busy places does not leave the other workers idle.
PARTITIONS_PER_WORKER = 4


class EngineError(FrontwatchError):
    """The engine cannot start (no scheduler at the address, Dask not installed)."""


def process(raw: RawInput, sha256: str) -> tuple:
    """Run every stage on one document and say how it ended (runs on a worker, or here)."""
    from frontwatch.pipeline import Pipeline
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline()  # once per process: the gazetteer and automata load here
    try:
        return ("doc", _PIPELINE.process(raw, sha256))
    except InputError as exc:
        return ("rejected", exc)
    except Exception as exc:  # the batch boundary: a bug on one input must not stop the rest
        return ("error", type(exc).__name__, str(exc))


_PIPELINE = None


class LocalEngine:
    name = "local"
    partitions = 1  # fusion runs here, in one piece

    def run(self, jobs: Iterable[tuple[Any, RawInput | None, str | None]],
            ) -> Iterator[tuple[Any, tuple | None]]:
        """For each job (key, raw bytes to process or None, sha256), in order: (key, outcome
        or None when nothing was to be processed)."""
        for key, raw, sha in jobs:
            yield key, process(raw, sha) if raw is not None else None

    @staticmethod
    def map_partitions(function, parts: list) -> list:
        return [function(part) for part in parts]

    def close(self) -> None:
        pass


@dataclass
class DaskEngine:
    """Per-document stages on dask.distributed workers, results streamed back in order."""

    scheduler: str | None = None  # "tcp://host:8786"; None starts a LocalCluster
    workers: int = 2
    name: str = "dask"

    def __post_init__(self) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask is a dependency
            raise EngineError(f"--engine dask needs dask.distributed ({exc})") from exc
        try:
            if self.scheduler:
                self._cluster = None
                self._client = Client(self.scheduler, timeout="20s")
            else:
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                             processes=True, dashboard_address=None)
                self._client = Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"--engine dask: no Dask scheduler at {self.scheduler}: "
                              f"{exc}") from exc
        workers = max(1, len(self._client.scheduler_info()["workers"]))
        self._slots = workers * IN_FLIGHT_PER_WORKER
        self.partitions = workers * PARTITIONS_PER_WORKER

    def map_partitions(self, function, parts: list) -> list:
        """``function`` over each part on the workers; the results in the parts' order."""
        if not parts:
            return []
        return self._client.gather(self._client.map(function, parts, pure=False))

    def run(self, jobs: Iterable[tuple[Any, RawInput | None, str | None]],
            ) -> Iterator[tuple[Any, tuple | None]]:
        pending: deque = deque()
        for key, raw, sha in jobs:
            future = self._client.submit(process, raw, sha, pure=False) if raw is not None \
                else None
            pending.append((key, future))
            while len(pending) > self._slots:
                yield self._next(pending)
        while pending:
            yield self._next(pending)

    @staticmethod
    def _next(pending: deque) -> tuple[Any, tuple | None]:
        key, future = pending.popleft()
        if future is None:
            return key, None
        try:
            return key, future.result()
        except Exception as exc:  # a worker lost mid-task: that input fails, the rest go on
            return key, ("error", type(exc).__name__, str(exc))

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
