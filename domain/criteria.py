"""The criteria of appraisal, with their wording: five for a model, three for an individual
exemplar.

The plan states each as something a model (or a person) must have, so a model is recognised only
when it meets all five, and an exemplar only when it meets all three.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from domain.i18n import N_


@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion: its short title and what it asks of a model (both msgids)."""

    title: str
    explanation: str


CRITERIA: Final = (
    Criterion(
        N_("1. Direction"),
        N_(
            "It has direction: registered with and confirmed by the Party committee, the "
            "government or the upper Union."
        ),
    ),
    Criterion(
        N_("2. Owner"), N_("A clear owner: which collective or person runs it, name and address.")
    ),
    Criterion(N_("3. Participants"), N_("It mobilises many union members and young people.")),
    Criterion(N_("4. Method"), N_("A suitable, persuasive and creative method.")),
    Criterion(N_("5. Effect"), N_("Practical effect: sustainable, spreading and replicable.")),
)
CRITERIA_COUNT: Final = len(CRITERIA)


#: The criteria of an individual exemplar (điển hình cá nhân), from the Thọ Xuân district plan
#: 2022-2025 (``001_e040b6a6a33ca98f.txt``, IV.2 "Tiêu chí đối với điển hình cá nhân"): standing,
#: achievement, and the recognition of members and of the unit.
EXEMPLAR_CRITERIA: Final = (
    Criterion(
        N_("1. Political and moral standing"),
        N_(
            "Good political qualities and a wholesome way of life; they and their family set an "
            "example in carrying out the Party's guidelines, the State's policies and laws, and "
            "the rules of their locality, agency or unit."
        ),
    ),
    Criterion(
        N_("2. Outstanding achievement"),
        N_(
            "An outstanding achievement in leading and carrying out the “Dân vận khéo” "
            "emulation movement: good ideas, creative ways, mobilising cadres, union members and "
            "the people to take part effectively in a “Dân vận khéo” model."
        ),
    ),
    Criterion(
        N_("3. Recognised by others"),
        N_(
            "Acknowledged and highly valued by many cadres and union members; personal prestige "
            "that makes young people trust and follow them; recognised by their agency, unit or "
            "locality as a positive influence on its political tasks."
        ),
    ),
)
EXEMPLAR_CRITERIA_COUNT: Final = len(EXEMPLAR_CRITERIA)


def unmet(met: Iterable[bool], criteria: Sequence[Criterion] = CRITERIA) -> list[Criterion]:
    """The criteria not met, given whether each one is met, in order (a missing one is unmet).

    ``criteria`` are a model's by default; pass :data:`EXEMPLAR_CRITERIA` for an exemplar.
    """
    results = list(met)
    return [c for i, c in enumerate(criteria) if i >= len(results) or not results[i]]


def recognisable(met: Iterable[bool], criteria: Sequence[Criterion] = CRITERIA) -> bool:
    """Whether a record that meets these criteria may be recognised: all of ``criteria`` met
    (a model's five by default, an exemplar's three with :data:`EXEMPLAR_CRITERIA`)."""
    return not unmet(met, criteria)
