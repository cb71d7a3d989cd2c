"""Run documents through the ordered per-document stages and into the store.

Each stage declares the ``Doc`` fields it reads and writes; ``Pipeline`` checks once, when it
is built, that every field is written before it is read. ``ingest`` is the boundary where bad
input becomes a rejection instead of an exception: the batch always goes on. It then fuses
what the run changed (``fuse_store``, one transaction); when fusion fails the documents stay
stored, the fused record stays as it was, and the run is recorded as failed with the reason.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from frontwatch import __version__
from frontwatch import clean, engines, entities, events, meta
from frontwatch.errors import FusionError, InputError, PipelineError
from frontwatch.fuse.run import FuseSummary, fuse_store
from frontwatch.ingest import decode
from frontwatch.ingest.readers import (IngestSettings, InputFailure, ReadProgress, iter_inputs,
                                       plan_inputs)
from frontwatch.model import Doc, Format, MetaValue, RawInput, Rejection
from frontwatch.sections import SHIFTS, sections
from frontwatch.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    run: Callable[[Doc], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    version: str
    # Reads only the clean text and metadata: it can be re-run on stored documents, and it
    # runs section by section on a long text (``frontwatch.sections``).
    text_only: bool = False


STAGES: tuple[Stage, ...] = (
    Stage("decode", decode.decode_document, requires=("raw",),
          assigns=("raw_text", "encoding", "declared"), version=decode.VERSION),
    Stage("clean", clean.clean_document, requires=("raw", "raw_text"),
          assigns=("clean_text", "offsets", "removed", "date_cues"), version=clean.VERSION),
    Stage("meta", meta.extract_metadata,
          requires=("raw", "raw_text", "declared", "clean_text", "offsets", "removed",
                    "date_cues"),
          assigns=("meta",), version=meta.VERSION),
    Stage("entities", entities.find_entities, requires=("clean_text", "meta"),
          assigns=("places", "actors", "weapons"), version=entities.VERSION, text_only=True),
    Stage("events", events.find_events, requires=("clean_text", "meta", "places", "actors"),
          assigns=("events",), version=events.VERSION, text_only=True),
)


class Pipeline:
    """The per-document stages in order; pure functions of a document's bytes."""

    def __init__(self, stages: Sequence[Stage] = STAGES) -> None:
        available = {"raw", "sha256"}
        for stage in stages:
            missing = [name for name in stage.requires if name not in available]
            if missing:
                raise PipelineError(f"stage '{stage.name}' reads {', '.join(missing)} before any "
                                    "earlier stage writes it")
            available.update(stage.assigns)
        first_text = next((i for i, s in enumerate(stages) if s.text_only), len(stages))
        if not all(s.text_only for s in stages[first_text:]):
            raise PipelineError("a stage that reads the whole document follows a text-only "
                                "stage; text-only stages come last")
        unshiftable = [name for s in stages if s.text_only for name in s.assigns
                       if name not in SHIFTS]
        if unshiftable:
            raise PipelineError(f"a text-only stage writes {', '.join(unshiftable)}, which "
                                "frontwatch.sections cannot shift")
        self.stages = tuple(stages)
        self.whole_stages = self.stages[:first_text]
        self.text_stages = self.stages[first_text:]
        self.versions = {stage.name: stage.version for stage in stages}

    def process(self, raw: RawInput, sha256: str) -> Doc:
        """Run every stage on one document. Raises InputError for bad input."""
        doc = Doc(raw=raw, sha256=sha256, versions=dict(self.versions))
        for stage in self.whole_stages:
            _run(stage, doc)
        # the text-only stages do not read it, nor does the store: a long document's largest
        # string is let go before its mentions accumulate
        doc.raw_text = ""
        run_text_stages(self.text_stages, doc)
        return doc


def _run(stage: Stage, doc: Doc) -> None:
    try:
        stage.run(doc)
    except InputError as exc:
        exc.stage = stage.name
        raise


def run_text_stages(stages: Sequence[Stage], doc: Doc) -> None:
    """Run the text-only stages on ``doc``: on the whole clean text, or, when it is longer
    than a section, section by section, with every mention shifted to whole-text offsets."""
    spans = list(sections(doc.clean_text))
    if len(spans) == 1:
        for stage in stages:
            _run(stage, doc)
        return
    found: dict[str, list] = {name: [] for stage in stages for name in stage.assigns}
    for start, end in spans:
        part = Doc(raw=doc.raw, sha256=doc.sha256, clean_text=doc.clean_text[start:end],
                   meta=doc.meta, versions=doc.versions)
        for stage in stages:
            _run(stage, part)
        for name, out in found.items():
            shift = SHIFTS[name]
            out.extend(shift(mention, start) for mention in getattr(part, name))
    for name, out in found.items():
        setattr(doc, name, tuple(out))


@dataclass(slots=True)
class IngestSummary:
    run_id: int = 0
    new: int = 0
    known: int = 0
    rejected: int = 0
    rejected_before: int = 0  # rejections already recorded by an earlier run
    skipped: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    fusion: FuseSummary | None = None


def ingest(paths: Sequence[str], store: Store, settings: IngestSettings = IngestSettings(),
           on_progress: Callable[[ReadProgress, IngestSummary], None] | None = None,
           engine=None) -> IngestSummary:
    """Read every input under ``paths`` into ``store``; bad inputs become rejections; then
    fuse the places the new documents (and any a failed fusion left unfused) can change.

    Raises:
        FileNotFoundError: no named path exists (before anything is written); a missing
            path among others that exist is a rejection and the batch goes on.
        FusionError: fusion failed; the documents are stored, the fused record is unchanged
            and the run is recorded as failed.
    """
    progress = ReadProgress()
    files = plan_inputs(paths, progress)
    pipeline = Pipeline()
    summary = IngestSummary(skipped=progress.skipped)
    summary.run_id = store.start_run(__version__, {"pipeline": pipeline.versions,
                                                   **asdict(settings)}, list(paths))
    status, error = "failed", None
    engine = engine or engines.LocalEngine()
    try:
        jobs = _jobs(iter_inputs(files, settings, progress), store)
        for (item, sha), outcome in engine.run(((item, sha), raw, sha)
                                               for item, raw, sha in jobs):
            _finish(item, sha, outcome, store, summary)
            if on_progress:
                on_progress(progress, summary)
        item = outcome = None  # the last document is stored: fusion need not hold it too
        if summary.new_ids or store.has_unfused_documents():
            summary.fusion = _fuse(store, summary, engine)
        status = "finished"
    except BaseException as exc:
        error = str(exc) if isinstance(exc, FusionError) else _one_line(exc)
        raise
    finally:
        store.finish_run(summary.run_id, status, summary.new, summary.known, summary.rejected,
                         error)
    return summary


def _fuse(store: Store, summary: IngestSummary, engine) -> FuseSummary:
    """Fuse what the run changed (on the engine's workers too, when it has them). Any failure
    becomes a FusionError: the documents are already stored (each in its own transaction)
    and fusion's one transaction rolled back."""
    try:
        return fuse_store(store, summary.new_ids, engine)
    except Exception as exc:  # the batch boundary: whatever broke, the stored documents stay
        log.debug("fusion failed", exc_info=True)
        raise FusionError(
            f"run {summary.run_id}: fusion failed ({_one_line(exc)}); the {summary.new} new "
            "document(s) are stored and the fused record is unchanged; run 'frontwatch fuse' "
            "after fixing the cause") from exc


def _one_line(exc: BaseException) -> str:
    words = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {words}" if words else type(exc).__name__


def _jobs(items, store: Store):
    """Each input as a job for the engine: (input, bytes to process or None, sha256). The raw
    bytes are stored before anything parses them; a document already stored, or sent earlier
    in this batch, is not processed again."""
    sent: set[str] = set()
    for item in items:
        if isinstance(item, InputFailure):
            yield item, None, None
            continue
        sha = hashlib.sha256(item.data).hexdigest()
        if sha in sent or store.has_document(sha):
            yield item, None, sha
            continue
        sent.add(sha)
        store.put_blob(sha, item.data)
        yield item, item, sha


def _finish(item, sha: str | None, outcome: tuple | None, store: Store,
            summary: IngestSummary) -> None:
    """Record one input's outcome, in input order (the single store writer)."""
    if isinstance(item, InputFailure):
        failed = None
        if item.data:
            failed = hashlib.sha256(item.data).hexdigest()
            store.put_blob(failed, item.data)
        _reject(store, summary, Rejection(item.source, item.locator, item.error.stage,
                                          item.error.code, item.error.message, failed))
        return
    if outcome is None:
        if store.has_document(sha):
            store.add_source(sha, item.source, item.locator, item.url, summary.run_id)
            summary.known += 1
            return
        # a repeat of bytes rejected earlier in this batch: processed again, as when alone
        store.put_blob(sha, item.data)
        outcome = engines.process(item, sha)
    if outcome[0] == "rejected":
        exc = outcome[1]
        _reject(store, summary, Rejection(item.source, item.locator, exc.stage, exc.code,
                                          exc.message, sha))
        return
    if outcome[0] == "error":
        log.error("internal error on %s %s: %s: %s", item.source, item.locator, *outcome[1:])
        where = f"{item.source}, {item.locator}" if item.locator else item.source
        _reject(store, summary, Rejection(
            item.source, item.locator, "pipeline", "internal-error",
            f"{where}: frontwatch failed on this input ({outcome[1]}: {outcome[2]}); "
            "please report it with the input", sha))
        return
    if not store.save_document(outcome[1], summary.run_id):  # a concurrent ingest stored it
        summary.known += 1
        return
    summary.new += 1
    summary.new_ids.append(sha)


def reprocess(store: Store, everything: bool = False,
              on_document: Callable[[], None] | None = None) -> int:
    """Re-run the text stages on stored documents whose recorded stage versions differ from
    this code's (all of them with ``everything``); return how many were redone."""
    stages = Pipeline().text_stages
    done = 0
    for row in store.documents_for_reprocess():
        recorded = json.loads(row["pipeline"])
        if not everything and all(recorded.get(s.name) == s.version for s in stages):
            continue
        doc = Doc(raw=RawInput(row["id"], "", b"", Format.TEXT), sha256=row["id"],
                  clean_text=row["clean_text"], versions={**recorded})
        if row["published"]:
            doc.meta = (MetaValue("published", row["published"], "stored", "", None, None, 1.0,
                                  chosen=True),)
        run_text_stages(stages, doc)
        doc.versions.update({stage.name: stage.version for stage in stages})
        store.save_text_annotations(doc)
        done += 1
        if on_document:
            on_document()
    if done:  # event mentions changed: the fused record is rebuilt from them
        fuse_store(store)
    return done


def _reject(store: Store, summary: IngestSummary, rejection: Rejection) -> None:
    summary.rejected += 1
    summary.rejections.append(rejection)
    if not store.save_rejection(rejection, summary.run_id):
        summary.rejected_before += 1
