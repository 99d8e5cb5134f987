"""``/invite``: a BTV member or an administrator makes an invite code to forward.

A BTV member invites only into their own subtree: the unit typed is checked against it, the
clusters offered lie wholly inside it, and ``finish`` checks everything again (never trust a
draft). ``bulk`` makes the secretary invites of every branch without one, as an XLSX file.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow, Option, Step
from conversations.messages import Document, InputKind, Reply
from conversations.subtree import (
    committee_clusters,
    committee_scope,
    resolve_unit,
    unit_suggestions,
)
from conversations.turn import Turn
from conversations.validators import parse_person_name
from domain.errors import NotAllowed
from domain.organisation import Level, Role
from domain.scope import Scope
from locales import N_, _, format_datetime
from reports.invite_sheet import export_unit_invites
from reports.vocabulary import role_name
from storage.invites import issue_invite

BULK: Final = "bulk"
VALIDITY: Final = dt.timedelta(days=14)
NEEDS_UNIT: Final = frozenset({Role.SECRETARY.value, Role.BTV.value, BULK})
WITH_CLUSTER: Final = frozenset({Role.BTV.value, Role.CLUSTER_LEAD.value})


async def _roles(turn: Turn, data: Data) -> Sequence[Option]:
    options = [
        Option(Role.SECRETARY.value, N_("👤 A secretary")),
        Option(Role.BTV.value, N_("🏛 A standing committee (BTV) member")),
    ]
    if await committee_clusters(turn):
        options.append(Option(Role.CLUSTER_LEAD.value, N_("🧭 A cluster lead")))
    if turn.require_person().has_role(Role.ADMIN):
        options.append(Option(Role.ADMIN.value, N_("🔑 An administrator")))
    options.append(Option(BULK, N_("📋 Every branch without a secretary (XLSX)")))
    return options


async def _clusters(turn: Turn, data: Data) -> Sequence[Option]:
    return [Option(str(c.id), c.name, translate=False) for c in await committee_clusters(turn)]


async def _check_unit(turn: Turn, data: Mapping[str, Any], typed: Any) -> str:
    return (await resolve_unit(turn, typed)).code


def _show_role(value: Any) -> str:
    return _("Every branch without a secretary") if value == BULK else role_name(value)


class InviteFlow(Flow):
    """Who is invited, into which unit or cluster, their name; then the code (or the file)."""

    name: ClassVar[str] = "invite"
    title: ClassVar[str] = N_("Inviting someone")
    confirm_label: ClassVar[str] = N_("✅ Make the invite")
    STEPS: ClassVar[Sequence[Step]] = (
        Step(
            "role",
            InputKind.CHOICE,
            prompt=N_("Whom do you want to invite?"),
            label=N_("Invite for"),
            example=N_("A secretary"),
            options=_roles,
            show=_show_role,
        ),
        Step(
            "unit",
            InputKind.TEXT,
            prompt=N_("Into which unit? Tap one, or type a unit code of your units."),
            label=N_("Unit"),
            example=N_("BP-DP-TL-A1"),
            options=unit_suggestions,
            check=_check_unit,
            # shown before the role is chosen too, so that the first question says "1/3"
            when=lambda d: "role" not in d or d.get("role") in NEEDS_UNIT,
        ),
        Step(
            "cluster",
            InputKind.CHOICE,
            prompt=N_("Which emulation cluster?"),
            label=N_("Cluster"),
            example=N_("Emulation cluster no. 1"),
            options=_clusters,
            when=lambda d: d.get("role") == Role.CLUSTER_LEAD.value,
        ),
        Step(
            "cluster",
            InputKind.CHOICE,
            prompt=N_("Assign the member to an emulation cluster? Tap one, or skip."),
            label=N_("Cluster"),
            example=N_("Emulation cluster no. 1"),
            options=_clusters,
            optional=True,
            when=lambda d: d.get("role") == Role.BTV.value,
        ),
        Step(
            "name",
            InputKind.TEXT,
            prompt=N_("The person's full name (the bot greets them by it). You may skip this."),
            label=N_("Name"),
            example=N_("Nguyen Thi Lan"),
            parse=parse_person_name,
            optional=True,
            when=lambda d: d.get("role") != BULK,
        ),
    )

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """Nothing worth naming."""
        return None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Check the choices again against the person's subtree, then make the invite."""
        person = turn.require_person()
        offered = {option.value for option in await _roles(turn, data)}
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
            return [await self._bulk(turn, unit.id, unit.code, unit.name)]
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

    async def _bulk(self, turn: Turn, root_id: int, root_code: str, root_name: str) -> Reply:
        """Promise the file of invites; it is made (and the invites committed) after the turn."""
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
