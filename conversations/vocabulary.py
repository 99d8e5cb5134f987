"""Names of the movement's things, in the reader's language."""

from __future__ import annotations

from typing import Final

from locales import N_, _
from storage.records import Level, Role

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
