"""Command-line interface. The only place that maps errors to exit codes.

Exit codes: 0 ok, 1 fatal error, 2 usage error, 3 finished but some inputs were rejected.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from frontwatch import __version__
from frontwatch.errors import FrontwatchError
from frontwatch.ingest.readers import DEFAULT_MAX_DOCUMENT_BYTES, IngestSettings, ReadProgress
from frontwatch.pipeline import IngestSummary, ingest
from frontwatch.store import Store
from frontwatch.store.store import default_db_path

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_REJECTIONS = 0, 1, 2, 3

app = typer.Typer(help="frontwatch: a checkable record of who says what happened in a war.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
# Piped output is not cut to 80 columns: tables stay one row per line for grep and less.
out = Console(highlight=False, soft_wrap=True)
if not out.is_terminal:
    out = Console(highlight=False, soft_wrap=True, width=240)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


DbOption = Annotated[Path | None, typer.Option(
    "--db", envvar="FRONTWATCH_DB", help="Database file [default: ./frontwatch.db].",
    show_default=False)]
FormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]


def _open_store(db: Path | None) -> Store:
    return Store(db or default_db_path())


def _usage(message: str) -> typer.Exit:
    err.print("Error:", message, style="red", markup=False)
    return typer.Exit(EXIT_USAGE)


def _fatal(message: str) -> typer.Exit:
    err.print("Error:", message, style="red", markup=False)
    return typer.Exit(EXIT_FATAL)


def places_or_exit(gazetteer, name: str, option: str, kind: str | None = None) -> list:
    """The places a command's place value names: any spelling the gazetteer knows (Cyrillic
    too), a gazetteer id, or for an oblast "Kharkiv" and "UA-63" as well. An unknown one is an
    error that suggests the closest spellings, never an empty answer."""
    found = [p for p in gazetteer.lookup(name) if kind is None or p.kind == kind]
    if kind == "oblast":
        found = found or [p for p in gazetteer.lookup(name + " Oblast") if p.kind == "oblast"]
        found = found or [p for p in (gazetteer.by_id("admin:" + name.upper()),) if p]
    found = found or [p for p in (gazetteer.by_id(name),) if p]
    if found:
        return found
    close = gazetteer.suggest(name, kind=kind)
    hint = ("; did you mean " + ", ".join(
        f"{p.name} ({p.kind}{', ' + p.admin1 if p.admin1 and p.kind != 'oblast' else ''})"
        for p in close) + "?") if close else "; no known spelling is close"
    raise _fatal(f"{option} '{name}': not {'an oblast' if kind == 'oblast' else 'a place'} "
                 f"the gazetteer knows{hint} ('frontwatch gazetteer lookup NAME' lists "
                 "spellings)")


OutputOption = Annotated[Path | None, typer.Option(
    "-o", "--output", help="The file to write (required for --format parquet).")]


@contextmanager
def text_output(output: Path | None):
    """The file -o names (UTF-8), else standard output."""
    if output is None:
        yield sys.stdout
        return
    with output.open("w", encoding="utf-8", newline="") as stream:
        yield stream
    out.print(f"Wrote {output}", markup=False)


def write_parquet_or_exit(records: list[dict[str, Any]], output: Path | None) -> None:
    from frontwatch.export import write_parquet
    if output is None:
        raise _usage("--format parquet writes a file: give it with -o FILE.parquet")
    write_parquet(records, output)
    out.print(f"Wrote {len(records):,} records to {output}", markup=False)


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                                help="Log progress details.")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(
        help="Files or folders to ingest (.txt .html .jsonl .json .csv .warc, any of them "
             ".gz); '-' reads standard input.", show_default=False)],
    db: DbOption = None,
    max_document_bytes: Annotated[int, typer.Option(
        help="Largest document accepted, in bytes.")] = DEFAULT_MAX_DOCUMENT_BYTES,
    engine: Annotated[Engine, typer.Option(
        help="Where the per-document stages run: here, or on a Dask cluster (the store is "
             "written here either way, identically).")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(
        help="With --engine dask: the scheduler's address (tcp://host:8786); without it a "
             "local cluster starts.")] = None,
    workers: Annotated[int, typer.Option(
        help="With --engine dask and no --scheduler: worker processes to start.")] = 2,
) -> None:
    """Store every document found under PATHS, exactly as read, extract its events, and fuse
    them with the stored record."""
    from frontwatch import engines
    settings = IngestSettings(max_document_bytes=max_document_bytes)
    if engine is Engine.local and (scheduler or workers != 2):
        raise _usage("--scheduler and --workers apply to --engine dask")
    if workers < 1:
        raise _usage("--workers: at least 1")
    runner = None
    try:
        runner = engines.DaskEngine(scheduler, workers) if engine is Engine.dask else \
            engines.LocalEngine()
        with _open_store(db) as store, _progress_bar() as bar:
            task = bar.add_task("ingest", total=None, counts="")

            def report(progress: ReadProgress, summary: IngestSummary) -> None:
                bar.update(task, total=progress.bytes_total or None,
                           completed=progress.bytes_done,
                           counts=f"{summary.new} new, {summary.known} known, "
                                  f"{summary.rejected} rejected")

            summary = ingest(paths, store, settings, on_progress=report, engine=runner)
    except (FrontwatchError, OSError) as exc:
        raise _fatal(str(exc)) from exc
    finally:
        if runner is not None:
            runner.close()
    _print_summary(summary)
    if summary.fusion is not None:
        f = summary.fusion
        out.print(f"Fused the new documents' places: {f.mentions:,} event mention(s) at "
                  f"{f.places:,} place(s) make {f.events:,} event(s); 'frontwatch brief' "
                  "summarises the record.")
    raise typer.Exit(EXIT_REJECTIONS if summary.rejected else EXIT_OK)


def _progress_bar() -> Progress:
    return Progress(TextColumn("[bold]ingesting"), BarColumn(), DownloadColumn(),
                    TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


def _print_summary(summary: IngestSummary) -> None:
    total = summary.new + summary.known + summary.rejected
    known = f"{summary.known} already known"
    if summary.known and not summary.new and not summary.rejected:
        known += " (nothing new to add)"
    rejected = f"{summary.rejected} rejected"
    if summary.rejected_before:
        rejected += f" ({summary.rejected_before} recorded by an earlier run)"
    out.print(f"Run {summary.run_id}: {total} inputs: {summary.new} new, {known}, {rejected}.")
    for rejection in summary.rejections:
        out.print(f"  rejected [{rejection.code}] {rejection.message}", markup=False)
    if summary.skipped:
        out.print(f"Skipped {len(summary.skipped)} file(s) in folders with an extension "
                  f"frontwatch does not read: {', '.join(summary.skipped)}")


@app.command("docs")
def docs_command(db: DbOption = None, format: FormatOption = ListFormat.table,
                 limit: Annotated[int | None, typer.Option(help="Show at most N.")] = None,
                 ) -> None:
    """List documents: id, source, outlet, publication date with its evidence, title."""
    with _store_or_exit(db) as store:
        rows = [{"id": r["id"], "source": r["source"], "outlet": r["outlet"],
                 "published": r["published"], "published_evidence": r["published_evidence"],
                 "title": r["title"], "external_id": r["external_id"]}
                for r in store.list_documents(limit)]
    _emit(rows, format, [("id", 12), ("source", None), ("outlet", None), ("published", None),
                         ("published_evidence", None), ("title", None)],
          empty="No documents yet; run 'frontwatch ingest PATH'.")


@app.command("show")
def show_command(doc_id: Annotated[str, typer.Argument(
                     help="Document id, a unique prefix of it, or the input's own id.",
                     show_default=False)],
                 db: DbOption = None,
                 format: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.text,
                 ) -> None:
    """Show one document: metadata with evidence, sources, clean text."""
    with _store_or_exit(db) as store:
        full_id = _document_id_or_exit(store, doc_id)
        row = store.document(full_id)
        meta = [dict(m) for m in store.document_meta(full_id)]
        sources = [dict(s) for s in store.document_sources(full_id)]
    document = {key: row[key] for key in row.keys() if key != "offset_map"}
    document["extra"] = json.loads(row["extra"]) if row["extra"] else None
    document["pipeline"] = json.loads(row["pipeline"])
    for item in meta:
        del item["doc_id"]
    if format is ShowFormat.json:
        out.print_json(data={**document, "metadata": meta, "sources": sources})
        return
    _print_document(document, meta, sources)


def _print_document(document: dict, meta: list[dict], sources: list[dict]) -> None:
    out.print(document["title"] or "(no title)", style="bold", markup=False)
    out.print(f"id {document['id']}  format {document['format']}  encoding "
              f"{document['encoding']}  offset coverage {document['offset_coverage']:.0%}")
    for source in sources:
        where = f"{source['source']}" + (f", {source['locator']}" if source["locator"] else "")
        out.print(f"source {where}" + (f"  <{source['url']}>" if source["url"] else ""),
                  markup=False)
    if not any(m["field"] == "published" and m["chosen"] for m in meta):
        out.print("published: unknown (no evidence names a publication date)")
    table = Table("field", "value", "chosen", "conf.", "how", "evidence", show_lines=False)
    for item in meta:
        table.add_row(item["field"], item["value"], "yes" if item["chosen"] else "",
                      f"{item['confidence']:.2f}", item["method"], _evidence(item))
    out.print(table)
    if document["extra"]:
        out.print(f"extra fields: {json.dumps(document['extra'], ensure_ascii=False)}",
                  markup=False)
    out.rule()
    out.print(document["clean_text"], markup=False)


def _evidence(item: dict) -> str:
    where = f" @raw {item['raw_start']}-{item['raw_end']}" if item["raw_start"] is not None else ""
    return f"{item['evidence']}{where}"


@app.command("rejections")
def rejections_command(db: DbOption = None, format: FormatOption = ListFormat.table) -> None:
    """List inputs that did not become documents, with the reason."""
    with _store_or_exit(db) as store:
        rows = [{k: r[k] for k in ("id", "input", "locator", "stage", "code", "message",
                                   "blob_sha", "run_id")} for r in store.list_rejections()]
    _emit(rows, format, [("input", None), ("locator", None), ("stage", None), ("code", None),
                         ("message", None)], empty="No rejections.")


@app.command("runs")
def runs_command(db: DbOption = None, format: FormatOption = ListFormat.table) -> None:
    """List ingest runs with their code version, settings and counts."""
    with _store_or_exit(db) as store:
        rows = [dict(r) for r in store.list_runs()]
    _emit(rows, format, [("id", None), ("started_at", None), ("status", None),
                         ("code_version", None), ("n_new", None), ("n_known", None),
                         ("n_rejected", None)], empty="No runs yet.")


@app.command("version")
def version_command() -> None:
    """Print the frontwatch version."""
    out.print(__version__)


gazetteer_app = typer.Typer(help="Build, extend and query the theatre's gazetteer.",
                            no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
eval_app = typer.Typer(help="Score extraction against gold annotations.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@gazetteer_app.command("build")
def gazetteer_build_command() -> None:
    """Rebuild the gazetteer cache from its sources and the imported files."""
    import time

    from frontwatch.places.gazetteer import load_gazetteer
    started = time.perf_counter()
    try:
        gazetteer = load_gazetteer(rebuild=True)
    except FrontwatchError as exc:
        raise _fatal(str(exc)) from exc
    kinds = Counter(place.kind for place in gazetteer.places)
    out.print(f"Gazetteer built in {time.perf_counter() - started:.1f} s: "
              f"{len(gazetteer.places):,} places ({_counts(kinds)}), "
              f"{len(gazetteer.keys):,} spellings.")


@gazetteer_app.command("import")
def gazetteer_import_command(files: Annotated[list[Path], typer.Argument(
        help="GeoNames dump (UA.txt, allCountries.txt) or postal-code file.", exists=True,
        dir_okay=False, show_default=False)]) -> None:
    """Merge GeoNames dumps or postal-code files into the gazetteer."""
    from frontwatch.places.gazetteer import imports_dir, load_gazetteer
    from frontwatch.places.imports import import_file
    from frontwatch.theatres import load_theatre
    try:
        theatre = load_theatre()
        for path in files:
            summary = import_file(path, theatre, imports_dir(theatre))
            out.print(f"{path}: {summary.layout}, {summary.rows_read:,} rows read, "
                      f"{summary.places_kept:,} places in scope kept.", markup=False)
        before = len(load_gazetteer(theatre).places)
        gazetteer = load_gazetteer(theatre)
    except FrontwatchError as exc:
        raise _fatal(str(exc)) from exc
    placed = sum(1 for p in gazetteer.places if p.coord_precision == "point")
    out.print(f"Gazetteer rebuilt: {len(gazetteer.places):,} places ({before:,} before the "
              f"import was merged), {placed:,} with surveyed coordinates.")


@gazetteer_app.command("lookup")
def gazetteer_lookup_command(name: Annotated[str, typer.Argument(show_default=False)],
                             format: FormatOption = ListFormat.table) -> None:
    """Show every place spelled NAME (any spelling, case and diacritics ignored)."""
    from frontwatch.places.gazetteer import load_gazetteer
    try:
        places = load_gazetteer().lookup(name)
    except FrontwatchError as exc:
        raise _fatal(str(exc)) from exc
    rows = [{"id": p.id, "name": p.name, "kind": p.kind, "country": p.country,
             "admin1": p.admin1, "raion": p.raion, "lat": p.lat, "lon": p.lon,
             "coordinates": p.coord_precision or None, "population": p.population or None,
             "sources": ",".join(p.sources)}
            for p in sorted(places, key=lambda p: (-p.population, -p.rank, p.id))]
    _emit(rows, format, [(c, None) for c in ("id", "name", "kind", "country", "admin1", "raion",
                                             "lat", "lon", "coordinates", "population",
                                             "sources")],
          f"No place is spelled {name!r}.")


@app.command("places")
def places_command(doc_id: Annotated[str, typer.Argument(
                       help="Document id, a unique prefix of it, or the input's own id.",
                       show_default=False)],
                   db: DbOption = None, format: FormatOption = ListFormat.table) -> None:
    """Show the places, actors and weapons a document names, with resolutions and reasons."""
    from frontwatch.entities import match_entities
    from frontwatch.places.gazetteer import load_gazetteer
    from frontwatch.theatres import load_theatre
    with _store_or_exit(db) as store:
        full_id = _document_id_or_exit(store, doc_id)
        row = store.document(full_id)
    try:
        theatre = load_theatre()
        gazetteer = load_gazetteer(theatre)
        found = match_entities(row["clean_text"], _date_or_none(row["published"]), theatre,
                               gazetteer)
    except FrontwatchError as exc:
        raise _fatal(str(exc)) from exc
    rows = []
    for m in found.places:
        place = gazetteer.by_id(m.place_id) if m.place_id else None
        rows.append({"start": m.start, "end": m.end, "text": m.text, "kind": "place",
                     "id": m.place_id, "name": place.name if place else None,
                     "detail": f"{place.kind}, {place.admin1 or '-'}" if place else
                     f"{len(m.candidates)} candidates",
                     "confidence": m.confidence, "reason": m.reason, "method": m.method,
                     "lat": place.lat if place else None, "lon": place.lon if place else None})
    actors = {a.id: a for a in theatre.actors}
    for m in found.actors:
        actor = actors.get(m.actor_id)
        rows.append({"start": m.start, "end": m.end, "text": m.text, "kind": "actor",
                     "id": m.actor_id, "name": actor.name if actor else None,
                     "detail": f"side {m.side}", "confidence": None, "reason": m.reason,
                     "method": m.via})
    for m in found.weapons:
        rows.append({"start": m.start, "end": m.end, "text": m.text, "kind": "weapon",
                     "id": m.weapon_id, "name": m.weapon_id, "detail": m.category,
                     "confidence": None, "reason": "named", "method": "exact"})
    rows.sort(key=lambda r: r["start"])
    _emit(rows, format, [("start", None), ("text", 28), ("kind", None), ("name", 24),
                         ("detail", 24), ("confidence", None), ("reason", 90)],
          "The document names no known place, actor or weapon.")


export_app = typer.Typer(help="Write stored records for other tools.", no_args_is_help=True)
app.add_typer(export_app, name="export")


def _counts(counter: Counter) -> str:
    return ", ".join(f"{n:,} {kind}" for kind, n in counter.most_common())


def _date_or_none(value: str | None):
    from datetime import date
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _document_id_or_exit(store: Store, doc_id: str) -> str:
    try:
        full_id = store.resolve_document_id(doc_id)
    except FrontwatchError as exc:
        raise _fatal(str(exc)) from exc
    if full_id is None:
        raise _fatal(f"no document '{doc_id}' in {store.path}; 'frontwatch docs' lists them")
    return full_id


def _store_or_exit(db: Path | None) -> Store:
    path = db or default_db_path()
    if not Path(path).exists():
        raise _fatal(f"{path}: no such database; run 'frontwatch ingest PATH' first or pass --db")
    try:
        return Store(path)
    except FrontwatchError as exc:
        raise _fatal(str(exc)) from exc


def _emit(rows: list[dict[str, Any]], format: ListFormat,
          columns: list[tuple[str, int | None]], empty: str) -> None:
    if format is ListFormat.json:
        out.print_json(data=rows)
    elif format is ListFormat.jsonl:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif not rows:
        out.print(empty)
    else:
        table = Table(*(name for name, _ in columns))
        for row in rows:
            table.add_row(*(_cell(row.get(name), width) for name, width in columns))
        out.print(table)


def _cell(value: Any, width: int | None) -> str:
    if value is None:
        return "—"
    text = str(value)
    return text[:width] if width else text


def main() -> None:
    app()


# Commands over the fused record, and the gold evaluations, live in their own modules;
# importing them registers them on ``app``, ``export_app`` and ``eval_app`` above.
from frontwatch.cli import evaluate as _evaluate_commands  # noqa: E402,F401
from frontwatch.cli import fusion as _fusion_commands  # noqa: E402,F401
from frontwatch.cli import lookup as _lookup_commands  # noqa: E402,F401
from frontwatch.cli import mentions as _mention_commands  # noqa: E402,F401
