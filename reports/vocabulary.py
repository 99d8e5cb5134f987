"""Names of the movement's things, in the reader's language."""

from __future__ import annotations

from typing import Final

from locales import N_, _
from storage.records import Direction, Domain, Level, OwnerKind, Role, Status

ROLE_NAMES: Final = {
    Role.SECRETARY: N_("secretary"),
    Role.BTV: N_("standing committee (BTV) member"),
    Role.CLUSTER_LEAD: N_("cluster lead"),
    Role.ADMIN: N_("administrator"),
}

LEVEL_NAMES: Final = {
    Level.PROVINCE: N_("province"),
    Level.DISTRICT: N_("district"),
    Level.GRASSROOTS: N_("grassroots Union"),
    Level.BRANCH: N_("branch"),
}


def role_name(role: Role | str) -> str:
    """The role as a person reads it."""
    return _(ROLE_NAMES[Role(role)])


def level_name(level: str) -> str:
    """The level as a person reads it (an unknown level is shown as stored)."""
    try:
        return _(LEVEL_NAMES[Level(level)])
    except ValueError:
        return level


DOMAIN_NAMES: Final = {
    Domain.ECONOMY: N_("Economy"),
    Domain.CULTURE_SOCIETY: N_("Culture and society"),
    Domain.DEFENCE_SECURITY: N_("Defence and security"),
    Domain.POLITICAL_SYSTEM: N_("Building the political system"),
}

OWNER_KIND_NAMES: Final = {
    OwnerKind.COLLECTIVE: N_("A collective"),
    OwnerKind.PERSON: N_("A person"),
}

DIRECTION_NAMES: Final = {
    Direction.PARTY: N_("The Party committee"),
    Direction.GOVERNMENT: N_("The local government"),
    Direction.UPPER_UNION: N_("The upper Union"),
    Direction.NOT_YET: N_("Not registered yet"),
}

STATUS_NAMES: Final = {
    Status.REGISTERED: N_("Registered"),
    Status.UNDER_REVIEW: N_("Under review"),
    Status.RECOGNISED: N_("Recognised"),
    Status.COMMENDED_1: N_("Commended (round 1)"),
    Status.COMMENDED_2: N_("Commended (round 2)"),
    Status.RETURNED: N_("Returned for more information"),
    Status.REJECTED: N_("Rejected"),
}


def domain_name(domain: str) -> str:
    """The domain as a person reads it."""
    return _(DOMAIN_NAMES[Domain(domain)])


def owner_kind_name(kind: str) -> str:
    """Collective or person, as a person reads it."""
    return _(OWNER_KIND_NAMES[OwnerKind(kind)])


def direction_name(direction: str) -> str:
    """With whom a model is registered, as a person reads it."""
    return _(DIRECTION_NAMES[Direction(direction)])


def status_name(status: str) -> str:
    """A status as a person reads it."""
    return _(STATUS_NAMES[Status(status)])


OUTBOX_STATUS_NAMES: Final = {
    "pending": N_("pending"),
    "sent": N_("sent"),
    "failed": N_("failed"),
    "unreachable": N_("unreachable (blocked the bot)"),
    "cancelled": N_("cancelled (deadline met)"),
}


OUTBOX_KIND_NAMES: Final = {
    "nudge": N_("reminders"),
    "digest": N_("digests"),
    "notice": N_("notices"),
    "summary": N_("visit summaries"),
    "announcement": N_("announcements"),
}


def outbox_kind_name(kind: str) -> str:
    """What kind of message an outbox row is, as a person reads it (an unknown kind as stored)."""
    name = OUTBOX_KIND_NAMES.get(kind)
    return _(name) if name else kind
