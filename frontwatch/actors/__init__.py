"""Actors and weapons named in a document.

An alias names its actor directly ("Shoigu", "the Russian MoD", "pro-Russian forces" → the RU
side's forces). A role title ("the Russian defense minister") names a person: the one the
document itself names who holds that title, else the title's holder on the publication date,
else it stays unresolved with the side the title implies when all its holders share one.
"""

from __future__ import annotations

from datetime import date

from frontwatch.model import ActorMention, WeaponMention
from frontwatch.theatres import Theatre

VERSION = "actors.v1"


def resolve_actor(theatre: Theatre, text: str, start: int, end: int, actor_indices,
                  title_indices, named: set[int], published: date | None) -> ActorMention:
    """Turn one alias or title hit into a mention; ``named`` holds actors the document names."""
    words = text[start:end]
    if actor_indices:
        actor = theatre.actors[actor_indices[0]]
        if len(actor_indices) > 1:  # one alias, several actors: prefer one named elsewhere
            named_here = [i for i in actor_indices if i in named]
            actor = theatre.actors[(named_here or actor_indices)[0]]
        return ActorMention(start, end, words, actor.id, actor.side, "alias", "named")
    holders = [theatre.actors[i] for i in title_indices]
    in_document = [a for i, a in zip(title_indices, holders) if i in named]
    if len(in_document) == 1:
        person = in_document[0]
        return ActorMention(start, end, words, person.id, person.side, "title",
                            f"{person.name} holds this role and is named in the document")
    if published is not None:
        current = [a for a in holders if (a.start is None or a.start <= published)
                   and (a.end is None or published <= a.end)]
        if len(current) == 1:
            person = current[0]
            return ActorMention(start, end, words, person.id, person.side, "title",
                                f"{person.name} held this role on {published.isoformat()}")
    sides = {a.side for a in holders}
    side = sides.pop() if len(sides) == 1 else "-"
    return ActorMention(start, end, words, None, side, "title",
                        "role not tied to one person: no holder named, no date to decide")


def resolve_weapon(theatre: Theatre, text: str, start: int, end: int,
                   weapon_indices) -> WeaponMention:
    weapon = theatre.weapons[weapon_indices[0]]
    return WeaponMention(start, end, text[start:end], weapon.id, weapon.category)
