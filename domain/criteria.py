"""The five criteria a model is appraised against, with their wording.

The plan states each as something a model must have, so a model is recognised only when it meets
all five.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def unmet(met: Iterable[bool]) -> list[Criterion]:
    """The criteria not met, given whether each one is met, in order (a missing one is unmet)."""
    results = list(met)
    return [c for i, c in enumerate(CRITERIA) if i >= len(results) or not results[i]]


def recognisable(met: Iterable[bool]) -> bool:
    """Whether a model that meets these criteria may be recognised: all five met."""
    return not unmet(met)
