"""The criteria of a model (five) and of an exemplar (three), and when each may be recognised
(no database)."""

from __future__ import annotations

from domain.criteria import (
    CRITERIA,
    CRITERIA_COUNT,
    EXEMPLAR_CRITERIA,
    EXEMPLAR_CRITERIA_COUNT,
    recognisable,
    unmet,
)
from domain.registry import (
    COMMENDED,
    ELIGIBLE,
    EXEMPLAR_WAITING,
    OUTCOME,
    WAITING,
    Decision,
    Status,
)


def test_there_are_five_criteria_in_order_each_with_its_wording() -> None:
    assert CRITERIA_COUNT == 5
    assert [c.title for c in CRITERIA] == [
        "1. Direction",
        "2. Owner",
        "3. Participants",
        "4. Method",
        "5. Effect",
    ]
    assert all(c.explanation.endswith(".") for c in CRITERIA)


def test_a_model_is_recognised_only_when_all_five_are_met() -> None:
    assert recognisable([True] * 5)
    assert not recognisable([True, True, False, True, True])
    assert not recognisable([True] * 4)  # one not scored yet
    assert [c.title for c in unmet([True, False, True, False, True])] == ["2. Owner", "4. Method"]
    assert unmet([False] * 5) == list(CRITERIA)


def test_the_workflow_statuses() -> None:
    assert WAITING == (Status.REGISTERED, Status.UNDER_REVIEW)
    assert ELIGIBLE == {1: Status.RECOGNISED, 2: Status.COMMENDED_1}
    assert COMMENDED == {1: Status.COMMENDED_1, 2: Status.COMMENDED_2}


def test_each_decision_gives_its_status() -> None:
    assert OUTCOME == {
        Decision.RECOGNISE: Status.RECOGNISED,
        Decision.RETURN: Status.RETURNED,
        Decision.REJECT: Status.REJECTED,
    }
    assert OUTCOME["return"] is Status.RETURNED  # the stored answer is the plain string


def test_an_exemplar_has_its_own_three_criteria_from_the_plan() -> None:
    assert EXEMPLAR_CRITERIA_COUNT == 3
    assert [c.title for c in EXEMPLAR_CRITERIA] == [
        "1. Political and moral standing",
        "2. Outstanding achievement",
        "3. Recognised by others",
    ]
    assert all(c.explanation.endswith(".") for c in EXEMPLAR_CRITERIA)
    assert not set(EXEMPLAR_CRITERIA) & set(CRITERIA)


def test_an_exemplar_is_recognised_only_when_all_three_are_met() -> None:
    assert recognisable([True] * 3, EXEMPLAR_CRITERIA)
    assert not recognisable([True, False, True], EXEMPLAR_CRITERIA)
    assert not recognisable([True, True], EXEMPLAR_CRITERIA)  # the third not scored yet
    # three met is all of an exemplar's, but not all of a model's five
    assert not recognisable([True] * 3)
    missing = unmet([False, True, False], EXEMPLAR_CRITERIA)
    assert [c.title for c in missing] == [
        "1. Political and moral standing",
        "3. Recognised by others",
    ]


def test_a_returned_exemplar_waits_for_appraisal_again() -> None:
    assert EXEMPLAR_WAITING == (Status.REGISTERED, Status.UNDER_REVIEW, Status.RETURNED)
    assert Status.RETURNED not in WAITING  # the models' list is unchanged
