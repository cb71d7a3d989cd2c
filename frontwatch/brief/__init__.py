"""A readable brief of the fused record: what changed hands when, strikes, casualties and
disputes, each sentence citing its sources as [n], with the reference list they point to.

``brief.data`` gathers it once; this module prints it for the terminal and ``brief.html``
writes it as one self-contained page with a map.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from rich.console import Console

from frontwatch.brief.data import Brief, gather_brief
from frontwatch.places.gazetteer import Gazetteer
from frontwatch.theatres import load_theatre

QUOTE_CHARS = 160  # the terminal shows this much of each quote; the HTML brief all of it


def write_brief(conn: sqlite3.Connection, gazetteer: Gazetteer, console: Console,
                limit: int = 15, first: date | None = None, last: date | None = None) -> Brief:
    brief = gather_brief(conn, gazetteer, load_theatre(), first, last, limit)
    console.print(f"[bold]frontwatch brief[/bold] — {heading(brief)}")
    for section in brief.sections:
        console.print(f"\n[bold]{section.title}[/bold] ({section.total:,}; "
                      f"latest {len(section.items)})")
        for item in section.items:
            console.print(f"  {item.day or 'undated':<10}  {item.text} "
                          + "".join(f"[{n}]" for n in item.cites), markup=False)
    if brief.references:
        console.print("\n[bold]Sources[/bold]")
    for ref in brief.references:
        quote = ref["quote"] if len(ref["quote"]) <= QUOTE_CHARS else \
            ref["quote"][:QUOTE_CHARS - 1] + "…"
        console.print(f"  [{ref['n']}] {reference_line(ref)}: “{quote}”", markup=False)
    return brief


def heading(brief: Brief) -> str:
    first, last = brief.window
    window = f"; window {first or '…'} to {last or '…'}" if first or last else ""
    return (f"{brief.documents:,} documents ({brief.copies:,} copies of others), "
            f"{brief.mentions:,} event mentions fused into {brief.events:,} events: "
            + ", ".join(f"{n:,} {s}" for s, n in sorted(brief.statuses.items(),
                                                        key=lambda x: -x[1])) + window)


def reference_line(ref: dict) -> str:
    """"Sergei Shoigu (RU), claims, 2022-07-03, in DayDayNews (published 2022-07-04)"."""
    side = f" ({ref['side']})" if ref["side"] else ""
    outlet = f", in {ref['outlet']}" if ref["claimant"] and ref["outlet"] else ""
    published = f" (published {ref['published'][:10]})" if ref["published"] else ""
    return (f"{ref['name']}{side}, {ref['stance']}, {ref['date'] or 'undated'}{outlet}"
            f"{published}")
