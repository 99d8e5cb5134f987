"""``/digest``: the standing committee's digest, on demand (it also comes every week)."""

from __future__ import annotations

import datetime as dt

from conversations.messages import Reply, buttons_of
from conversations.turn import Turn
from domain.scope import review_scope
from locales import _, sort_key
from reports.digest_text import build_digest, full_late_list


async def show_digest(turn: Turn, argument: str) -> list[Reply]:
    """The digest of the person's units; ``/digest late`` lists every late unit."""
    person = turn.require_person()
    scope = review_scope(person)
    if scope.everything:
        scope_name = _("the whole organisation")
    else:
        units = await turn.tx.units.many(scope.roots)
        scope_name = ", ".join(sorted((u.name for u in units.values()), key=sort_key))
    since = await turn.tx.digest.last_sent(person.id) or turn.now - dt.timedelta(days=7)
    digest = await build_digest(
        turn.tx,
        scope,
        scope_name,
        calendar=turn.config.calendar,
        targets=turn.config.targets,
        now=turn.now,
        zone=turn.config.zone,
        since=since,
    )
    if argument.strip().lower() == "late":
        return [Reply(full_late_list(digest))]
    choices, navigation = buttons_of(digest.buttons)
    return [Reply(digest.text, choices=choices, navigation=navigation)]
