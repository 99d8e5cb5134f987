"""How far records have come through the cycle: registered, recognised, commended.

The digest, ``/exemplars`` and the written report count exemplars by these stages. Each stage
counts the records that reached it, whatever happened next: a commended exemplar was recognised
first, so it counts as recognised too; every record of the year counts as registered, a rejected
or returned one included.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from domain.registry import Status

#: the statuses of a record that has been recognised (and perhaps commended since)
RECOGNISED_OR_LATER: Final = frozenset({Status.RECOGNISED, Status.COMMENDED_1, Status.COMMENDED_2})
#: the statuses of a record commended in a round
COMMENDED_ANY: Final = frozenset({Status.COMMENDED_1, Status.COMMENDED_2})


@dataclass(frozen=True, slots=True)
class StageCounts:
    """How many records reached each stage."""

    registered: int
    recognised: int
    commended: int


def stage_counts(by_status: Mapping[Status, int]) -> StageCounts:
    """The stages reached, from how many records have each status."""
    return StageCounts(
        registered=sum(by_status.values()),
        recognised=sum(n for status, n in by_status.items() if status in RECOGNISED_OR_LATER),
        commended=sum(n for status, n in by_status.items() if status in COMMENDED_ANY),
    )
