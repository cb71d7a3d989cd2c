"""Stored event mentions as plain records: what ``frontwatch events`` lists and
``frontwatch export mentions`` writes, one dict per mention, with the fused event it joined
(``event_id``, None for mentions without a place) and, when fusion repaired its date,
``date.repaired``.

Places are described from the gazetteer at read time (id, name, coordinates, oblast), so a
rebuilt gazetteer shows up without re-ingesting.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import Any

from frontwatch.places.gazetteer import Gazetteer
from frontwatch.theatres import WeaponEntry, load_theatre


def weapon_of(weapon_id: str) -> WeaponEntry | None:
    """The pack's weapon with this id, or None (a pack that no longer lists it)."""
    return _weapons(load_theatre().digest).get(weapon_id)


@lru_cache(maxsize=2)
def _weapons(digest: str) -> dict[str, WeaponEntry]:
    return {w.id: w for w in load_theatre().weapons}


def mention_record(row: sqlite3.Row, gazetteer: Gazetteer) -> dict[str, Any]:
    """One stored event mention with its place, date, claim and the words it came from."""
    place = None
    if row["place_text"] is not None:
        found = gazetteer.by_id(row["place_id"]) if row["place_id"] else None
        place = {"id": row["place_id"], "name": found.name if found else None,
                 "text": row["place_text"], "start": row["place_start"],
                 "end": row["place_end"],
                 "lat": found.lat if found else None, "lon": found.lon if found else None,
                 "admin1": found.admin1 if found else None,
                 "kind": found.kind if found else None}
    quantity = None
    if row["quantity_start"] is not None:
        quantity = {"min": row["quantity_min"], "max": row["quantity_max"],
                    "unit": row["quantity_unit"], "start": row["quantity_start"],
                    "end": row["quantity_end"]}
    weapon = None
    if row["weapon_id"] is not None:
        known = weapon_of(row["weapon_id"])
        weapon = {"id": row["weapon_id"], "name": known.name if known else None,
                  "category": known.category if known else None,
                  "start": row["weapon_start"], "end": row["weapon_end"]}
    claimant = None
    if row["claimant"] is not None or row["claimant_side"] is not None:
        claimant = {"name": row["claimant"], "actor_id": row["claimant_actor_id"],
                    "side": row["claimant_side"], "start": row["claimant_start"],
                    "end": row["claimant_end"]}
    date = {"start": row["date_first"], "end": row["date_last"],
            "granularity": row["date_granularity"], "type": row["date_type"],
            "reason": row["date_reason"], "text_start": row["date_start"],
            "text_end": row["date_end"], "provenance": row["date_provenance"] or None}
    if row["repair_reason"] is not None:
        # fusion dated it from the event it joined; the text's own reading stays beside it
        date["repaired"] = {"start": row["repaired_first"], "end": row["repaired_last"],
                            "reason": row["repair_reason"]}
    return {
        "doc_id": row["doc_id"], "external_id": row["external_id"], "source": row["source"],
        "outlet": row["outlet"],
        "published": row["published"], "seq": row["seq"], "type": row["type"],
        "action": row["action"], "place": place, "controller": row["controller"],
        "side": row["side"], "quantity": quantity, "weapon": weapon,
        "date": date, "event_id": row["event_id"],
        "claimant": claimant, "stance": row["stance"], "hedged": bool(row["hedged"]),
        "background": bool(row["background"]), "confidence": row["confidence"],
        "quote": row["quote"], "start": row["start"],
        "end": row["end"], "trigger": {"text": row["trigger"], "start": row["trigger_start"],
                                       "end": row["trigger_end"]},
        "reason": row["reason"]}
