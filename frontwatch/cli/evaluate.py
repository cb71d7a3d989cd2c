"""Scoring against gold annotations: `frontwatch eval places` and `eval events`, each gold
folder (the team's, then the blind one) in its own column. Registered on ``eval_app`` by
``frontwatch.cli``; the control timeline's evaluation lives with the fused-record commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from frontwatch.cli import (DbOption, FormatOption, ListFormat, _emit, _fatal, _store_or_exit,
                            eval_app, out)
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
    with _store_or_exit(db) as store:
        try:
            scores = [evaluate_places(store, folder) for folder in gold]
        except FrontwatchError as exc:
            raise _fatal(str(exc)) from exc
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
    with _store_or_exit(db) as store:
        try:
            scores = [evaluate_events(store, folder) for folder in gold]
        except FrontwatchError as exc:
            raise _fatal(str(exc)) from exc
    reports = [{"gold": str(folder), "gold_events": sum(score.gold.values()),
                "system_events": sum(score.system.values()), **score.metrics(),
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
    _print_items((("Missed", scores[0].misses), ("Spurious", scores[0].spurious)), misses)


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
