"""Scoring against gold annotations: `frontwatch eval places` and `eval events`, each gold
folder (the team's, then the blind one) in its own column. Registered on ``eval_app`` by
``frontwatch.cli``; the control timeline's evaluation lives with the fused-record commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from frontwatch.cli import (DbOption, FormatOption, ListFormat, _emit, _fatal, _store_or_exit,
                            _usage, eval_app, out)
from frontwatch.errors import FrontwatchError

GoldArguments = Annotated[list[Path], typer.Argument(
    help="Gold files or folders of *.jsonl; several are scored side by side (the team's "
         "gold, then the blind gold: gold/blind/README.md).", exists=True, show_default=False)]


@eval_app.command("places")
def eval_places_command(gold: GoldArguments, db: DbOption = None,
                        format: FormatOption = ListFormat.table,
                        misses: Annotated[int, typer.Option(
                            help="List this many misses and wrong resolutions (of the first "
                                 "gold only).")] = 20) -> None:
    """Score place finding and resolution against gold excerpts of stored documents."""
    from frontwatch.eval.places import evaluate_places
    scores = _score_each(db, gold, evaluate_places)
    reports = []
    for folder, score in zip(gold, scores):
        reports.append({
            "gold": str(folder), "excerpts": score.excerpts,
            "gold_mentions": score.gold_mentions, "system_mentions": score.system_mentions,
            **score.metrics(),
            "by_kind": {k: f"{score.by_kind_ok[k]}/{n}" for k, n in score.by_kind.items()},
            "gold_digest": score.gold_digest})
    if format is not ListFormat.table:
        reports[0]["misses"], reports[0]["wrong"] = scores[0].misses[:misses], \
            scores[0].wrong[:misses]
        _emit(reports, format, [], "")
        return
    for report in reports:
        out.print(f"{report['gold']}: {report['excerpts']} excerpts, {report['gold_mentions']} "
                  f"gold mentions, {report['system_mentions']} system mentions", markup=False)
    _print_side_by_side(reports, list(scores[0].metrics()), 22)
    for report in reports:
        out.print(f"  by kind (found and resolved), {report['gold']}: {report['by_kind']}",
                  markup=False)
    _print_items((("Misses", scores[0].misses), ("Wrong resolutions", scores[0].wrong)),
                 misses)


@eval_app.command("events")
def eval_events_command(gold: GoldArguments, db: DbOption = None,
                        format: FormatOption = ListFormat.table,
                        misses: Annotated[int, typer.Option(
                            help="List this many gold events the system missed (of the first "
                                 "gold only).")] = 20) -> None:
    """Score event mentions, dates, claimants and stances against gold excerpts."""
    from frontwatch.eval.events import evaluate_events
    scores = _score_each(db, gold, evaluate_events)
    reports = [{"gold": str(folder), "gold_events": sum(score.gold.values()),
                "system_events": sum(score.system.values()), **score.metrics(),
                "reliability": score.reliability(),
                "gold_digest": score.gold_digest} for folder, score in zip(gold, scores)]
    if format is not ListFormat.table:
        reports[0]["misses"], reports[0]["spurious"] = scores[0].misses[:misses], \
            scores[0].spurious[:misses]
        _emit(reports, format, [], "")
        return
    for report in reports:
        out.print(f"{report['gold']}: {report['gold_events']} gold events, "
                  f"{report['system_events']} system events in the excerpts", markup=False)
    _print_side_by_side(reports, list(scores[0].metrics()), 36)
    for report in reports:
        _print_reliability(report["gold"], report["reliability"])
    _print_items((("Missed", scores[0].misses), ("Spurious", scores[0].spurious)), misses)


@eval_app.command("calibrate")
def eval_calibrate_command(
        gold: GoldArguments,
        truth: Annotated[Path | None, typer.Option(
            "--truth", help="Folder of truth CSVs for distant labels (with --from/--to).",
            exists=True)] = None,
        date_from: Annotated[str | None, typer.Option(
            "--from", help="Distant labels from documents published on or after this day.")]
        = None,
        date_to: Annotated[str | None, typer.Option(
            "--to", help="... and on or before this day (keep the blind months out).")] = None,
        l2: Annotated[float, typer.Option(help="L2 penalty on the weights.")] = 1.0,
        output: Annotated[Path | None, typer.Option(
            "-o", "--output", help="Write the model here (default: the packaged model "
            "that extraction reads).")] = None,
        db: DbOption = None) -> None:
    """Fit the per-mention confidence model on gold (and distant labels from truth)."""
    from frontwatch.eval.calibrate import distant_labels, fit_labels, gold_labels
    from frontwatch.events.confidence import MODEL_PATH, reliability_table
    from frontwatch.cli.fusion import window_options
    first, last = window_options(date_from, date_to)
    if truth is not None and not (first and last):
        raise _usage("--truth: give the window of its distant labels with --from and --to")
    with _store_or_exit(db) as store:
        try:
            labelled = gold_labels(store, gold)
            distant = distant_labels(store, truth, first, last) if truth else []
        except FrontwatchError as exc:
            raise _fatal(str(exc)) from exc
    trained_on = (f"{len(labelled)} gold-labelled mentions ({', '.join(map(str, gold))})"
                  + (f" and {len(distant)} distant labels ({truth}, documents published "
                     f"{first}..{last})" if distant else "") + f"; l2 {l2}")
    model = fit_labels(labelled + distant, trained_on, l2)
    target = output or MODEL_PATH
    target.write_text(model.as_json(), encoding="utf-8")
    out.print(f"Fitted on {trained_on}; written to {target}", markup=False)
    out.print(f"  {'bias':<22}{model.bias:>8.3f}", markup=False)
    for name, weight in sorted(zip(model.names, model.weights), key=lambda x: -abs(x[1])):
        out.print(f"  {name:<22}{weight:>8.3f}", markup=False)
    fitted = [(model.probability(e), y) for e, y in labelled + distant]
    _print_reliability("training labels", reliability_table(fitted))


def _print_reliability(name: str, table: dict) -> None:
    """The reliability table of one set of mentions: is P(right) what it says?"""
    out.print(f"  reliability, {name}: {table['mentions']} mentions, expected calibration "
              f"error {table['ece']:.3f}, Brier {table['brier']:.3f}", markup=False)
    for row in table["bins"]:
        out.print(f"    P {row['bin']}: {row['mentions']:>5} mentions, predicted "
                  f"{row['predicted']:.2f}, right {row['observed']:.2f}", markup=False)


def _score_each(db, gold: list[Path], evaluate) -> list:
    """Score every gold folder against one store; a bad gold file is a clear error."""
    with _store_or_exit(db) as store:
        try:
            return [evaluate(store, folder) for folder in gold]
        except FrontwatchError as exc:
            raise _fatal(str(exc)) from exc


def _print_side_by_side(reports: list[dict], names: list[str], width: int) -> None:
    """One row per metric, one column per gold (a metric a gold cannot score shows '-')."""
    if len(reports) > 1:
        out.print(" " * (width + 2) + "".join(f"{r['gold'][-17:]:>18}" for r in reports),
                  markup=False)
    names += [n for r in reports[1:] for n in r if n not in names and
              isinstance(r[n], float)]
    for name in names:
        out.print(f"  {name:<{width}}" + "".join(
            f"{r[name]:>18.3f}" if isinstance(r.get(name), float) else f"{'-':>18}"
            for r in reports), markup=False)


def _print_items(lists, limit: int) -> None:
    """The first ``limit`` items of each titled list, one JSON object per line."""
    for title, items in lists:
        if items and limit:
            out.print(f"{title} (first {min(limit, len(items))} of {len(items)}):")
            for item in items[:limit]:
                out.print("  " + json.dumps(item, ensure_ascii=False), markup=False)
