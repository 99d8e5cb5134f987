"""What ``/invite`` offers and checks: the roles, the units and clusters of one's subtree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from conversations.flow import Data, Option
from conversations.subtree import committee_clusters, resolve_unit
from conversations.turn import Turn
from domain.organisation import Role
from locales import N_, _
from reports.vocabulary import role_name

BULK: Final = "bulk"
NEEDS_UNIT: Final = frozenset({Role.SECRETARY.value, Role.BTV.value, BULK})
WITH_CLUSTER: Final = frozenset({Role.BTV.value, Role.CLUSTER_LEAD.value})


async def roles(turn: Turn, data: Mapping[str, Any]) -> Sequence[Option]:
    """Whom the person may invite: a cluster lead where they have clusters, an administrator
    if they are one, and every branch without a secretary at once."""
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


async def clusters(turn: Turn, data: Data) -> Sequence[Option]:
    """The clusters wholly inside the person's subtree."""
    return [Option(str(c.id), c.name, translate=False) for c in await committee_clusters(turn)]


async def check_unit(turn: Turn, data: Mapping[str, Any], typed: Any) -> str:
    """A unit of the person's subtree, by code or name."""
    return (await resolve_unit(turn, typed)).code


def show_role(value: Any) -> str:
    """The role as the summary shows it."""
    return _("Every branch without a secretary") if value == BULK else role_name(value)
