"""Counting records by the stage they reached (no database)."""

from __future__ import annotations

from domain.registry import Status
from domain.stages import StageCounts, stage_counts


def test_each_stage_counts_the_records_that_reached_it() -> None:
    by_status = {
        Status.REGISTERED: 4,
        Status.RETURNED: 1,
        Status.REJECTED: 2,
        Status.RECOGNISED: 3,
        Status.COMMENDED_1: 2,
        Status.COMMENDED_2: 1,
    }
    # 4 + 1 + 2 + 3 + 2 + 1 = 13 registered; 3 + 2 + 1 = 6 recognised; 2 + 1 = 3 commended
    assert stage_counts(by_status) == StageCounts(registered=13, recognised=6, commended=3)
    assert stage_counts({}) == StageCounts(0, 0, 0)
    assert stage_counts({Status.UNDER_REVIEW: 2}) == StageCounts(2, 0, 0)
