"""What ``/invite`` makes: one invite code, or the file of invites of every branch without a
secretary. Every choice is checked again against the person's subtree (never trust a draft)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Final

from conversations.flow import Data
from conversations.flows.invite.questions import BULK, NEEDS_UNIT, WITH_CLUSTER, roles
from conversations.messages import Document, Reply
from conversations.subtree import committee_clusters, committee_scope, resolve_unit
from conversations.turn import Turn
from domain.errors import NotAllowed
from domain.organisation import Level, Role
from domain.scope import Scope
from locales import _, format_datetime
from reports.vocabulary import role_name
from storage.invites import issue_invite

VALIDITY: Final = dt.timedelta(days=14)


async def make_invite(turn: Turn, data: Data) -> list[Reply]:
    """Check the choices again against the person's subtree, then make the invite."""
    person = turn.require_person()
    offered = {option.value for option in await roles(turn, data)}
    role = data.get("role")
    if role not in offered:
        raise NotAllowed()
    unit = await resolve_unit(turn, data["unit"]) if role in NEEDS_UNIT else None
    cluster = None
    if role in WITH_CLUSTER and data.get("cluster") is not None:
        clusters = {str(c.id): c for c in await committee_clusters(turn)}
        cluster = clusters.get(str(data["cluster"]))
        if cluster is None:
            raise NotAllowed()
    if role == Role.CLUSTER_LEAD.value and cluster is None:
        raise NotAllowed()
    if role == BULK:
        assert unit is not None
        return [await _bulk(turn, unit.id, unit.code, unit.name)]
    code, record = await issue_invite(
        turn.tx,
        role=Role(role),
        unit_code=unit.code if unit else None,
        cluster_code=cluster.code if cluster else None,
        name=data.get("name"),
        expires_at=turn.now + VALIDITY,
        now=turn.now,
        created_by=person.id,
    )
    place = unit.name if unit else cluster.name if cluster else None
    lines = [
        _("✅ Invite for a {role} of {place}:").format(role=role_name(record.role), place=place)
        if place
        else _("✅ Invite for an {role}:").format(role=role_name(record.role)),
        code,
        _("Valid until {moment}, for one person.").format(
            moment=format_datetime(record.expires_at, turn.config.zone)
        ),
        _("Forward this message: the person sends /start {code} to the bot.").format(code=code),
    ]
    link = turn.config.start_link(code)
    if link:
        lines.append(_("Or they open this link: {link}").format(link=link))
    return [Reply("\n".join(lines))]


async def _bulk(turn: Turn, root_id: int, root_code: str, root_name: str) -> Reply:
    """Promise the file of invites; it is made (and the invites committed) after the turn."""
    from reports.invite_sheet import export_unit_invites  # openpyxl only when used

    person = turn.require_person()
    database = turn.database
    assert database is not None
    scope = Scope(roots=(root_id,))
    if not await turn.tx.units.scope_contains(committee_scope(turn), root_id):
        raise NotAllowed()
    waiting = await turn.tx.accounts.units_without_secretary(Level.BRANCH.value, scope)
    zone, now, link = turn.config.zone, turn.now, turn.config.start_link
    name = _("invites-{unit}.xlsx").format(unit=root_code)
    folder = Path(tempfile.mkdtemp(prefix="dvk-invites-"))

    async def invites() -> Document:
        path = folder / name
        await export_unit_invites(
            database,
            path,
            zone,
            scope,
            level=Level.BRANCH.value,
            expires_at=now + VALIDITY,
            now=now,
            link=link,
            created_by=person.id,
        )
        return Document(path, name, temporary=True)

    text = _(
        "📋 Invites for the {count} branch(es) of {unit} without a secretary, "
        "one row each, for a mail merge."
    ).format(count=len(waiting), unit=root_name)
    return Reply(text, produce=invites)
