"""The organisation: the levels of the unit tree and the roles a person may hold in it."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from domain.i18n import N_


class Level(StrEnum):
    """Levels of the unit tree. The tree's depth varies: levels are data, not fixed tiers."""

    PROVINCE = "province"
    DISTRICT = "district"
    GRASSROOTS = "grassroots"
    BRANCH = "branch"


class Role(StrEnum):
    """What a person may be in the movement."""

    SECRETARY = "secretary"
    BTV = "btv"
    CLUSTER_LEAD = "cluster_lead"
    ADMIN = "admin"


#: each role's name (a msgid; translated where it is shown)
ROLE_NAMES: Final = {
    Role.SECRETARY: N_("secretary"),
    Role.BTV: N_("standing committee (BTV) member"),
    Role.CLUSTER_LEAD: N_("cluster lead"),
    Role.ADMIN: N_("administrator"),
}

#: each level's name (a msgid)
LEVEL_NAMES: Final = {
    Level.PROVINCE: N_("province"),
    Level.DISTRICT: N_("district"),
    Level.GRASSROOTS: N_("grassroots Union"),
    Level.BRANCH: N_("branch"),
}
