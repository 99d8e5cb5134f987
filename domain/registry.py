"""The terms of the registry of models: domains, owners, directions and the appraisal workflow."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from domain.i18n import N_


class Domain(StrEnum):
    """The four domains (lĩnh vực) of the movement."""

    ECONOMY = "economy"
    CULTURE_SOCIETY = "culture_society"
    DEFENCE_SECURITY = "defence_security"
    POLITICAL_SYSTEM = "political_system"


class OwnerKind(StrEnum):
    """Who runs a model (chủ thể)."""

    COLLECTIVE = "collective"
    PERSON = "person"


class Direction(StrEnum):
    """With whom a model is registered (chủ trương, định hướng)."""

    PARTY = "party"
    GOVERNMENT = "government"
    UPPER_UNION = "upper_union"
    NOT_YET = "not_yet"


class Status(StrEnum):
    """Where a model or exemplar stands in the appraisal workflow."""

    REGISTERED = "registered"
    UNDER_REVIEW = "under_review"
    RECOGNISED = "recognised"
    COMMENDED_1 = "commended_1"
    COMMENDED_2 = "commended_2"
    RETURNED = "returned"
    REJECTED = "rejected"


class Decision(StrEnum):
    """What an appraisal decides about a model."""

    RECOGNISE = "recognise"
    RETURN = "return"
    REJECT = "reject"


#: the status each decision gives the model (recognition only when all five criteria are met)
OUTCOME: Final = {
    Decision.RECOGNISE: Status.RECOGNISED,
    Decision.RETURN: Status.RETURNED,
    Decision.REJECT: Status.REJECTED,
}

#: the statuses of a model waiting for appraisal
WAITING: Final = (Status.REGISTERED.value, Status.UNDER_REVIEW.value)
#: the statuses of an exemplar waiting for appraisal: a returned one too, since an exemplar has no
#: edit of its own: the secretary answers the question and the standing committee appraises again
EXEMPLAR_WAITING: Final = (*WAITING, Status.RETURNED.value)
#: the status a model must have to be nominated for each round
ELIGIBLE: Final = {1: Status.RECOGNISED.value, 2: Status.COMMENDED_1.value}
#: the statuses of a recognised model (commended ones were recognised first): those that may be
#: showcased and replicated
RECOGNISED: Final = (
    Status.RECOGNISED.value,
    Status.COMMENDED_1.value,
    Status.COMMENDED_2.value,
)
#: the status a nominee gets when each round is closed
COMMENDED: Final = {1: Status.COMMENDED_1.value, 2: Status.COMMENDED_2.value}

#: the names (msgids) of the domains, in the order they are offered and counted
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
