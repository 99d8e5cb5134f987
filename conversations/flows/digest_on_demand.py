"""``/digest``: the standing committee's digest, on demand (it also comes every week).

``/digest late`` lists every late unit; ``/digest domains`` shows the coverage matrix (the units
below the person's own × the four domains). Both are buttons under the digest, so they work on
every channel (numbered choices where there are no buttons).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from conversations.messages import Reply, buttons_of
from conversations.turn import Turn
from domain.scope import review_scope
from locales import _, sort_key
from reports.digest_text import (
    DOMAINS_COMMAND,
    build_digest,
    domain_matrix_text,
    full_late_list,
)

#: the arguments of ``/digest`` that show the coverage matrix (English, and Vietnamese folded)
DOMAINS_WORDS: Final = frozenset({"domains", "linh vuc", "lĩnh vực"})


async def show_digest(turn: Turn, argument: str) -> list[Reply]:
    """The digest of the person's units; ``/digest late`` lists every late unit, ``/digest
    domains`` the models of each unit below by domain."""
    person = turn.require_person()
    scope = review_scope(person)
    if scope.everything:
        scope_name = _("the whole organisation")
    else:
        units = await turn.tx.units.many(scope.roots)
        scope_name = ", ".join(sorted((u.name for u in units.values()), key=sort_key))
    if argument.strip().lower() in DOMAINS_WORDS:
        text = await domain_matrix_text(turn.tx, scope, scope_name, turn.today.year)
        return [Reply(text)]
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
    rows = [*digest.buttons, [[_("🧩 Models by domain"), DOMAINS_COMMAND]]]
    choices, navigation = buttons_of(rows)
    return [Reply(digest.text, choices=choices, navigation=navigation)]
