"""How goals and their progress read: "3.000 trẻ em", "1.200/3.000 trẻ em (40 %)"."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from domain.goals import Goal, per_cent
from locales import _, format_number
from storage.db import Tx


def quantity(value: Decimal) -> str:
    """A quantity with the reader's grouping and decimal mark (3.000, 3,6)."""
    return format_number(value)


def goal_text(goal: Goal) -> str:
    """A goal as the reader reads it: "3.000 trẻ em"."""
    return f"{quantity(goal.quantity)} {goal.unit}"


def goals_text(goals: Sequence[Goal]) -> str:
    """Goals on one line: "3.000 trẻ em; 90 căn nhà"."""
    return "; ".join(goal_text(goal) for goal in goals)


def show_goals(value: Sequence[Sequence[str]]) -> str:
    """Goals as a conversation keeps them (``[["3000", "trẻ em"]]``), as the summary shows them."""
    return goals_text([Goal.from_json(goal) for goal in value])


def per_cent_text(achieved: Decimal, goal: Goal) -> str:
    """How much of the goal is achieved, in whole per cent: "40 %" ("40%" in Vietnamese)."""
    return _("{per_cent} %").format(per_cent=per_cent(achieved, goal.quantity))


def progress_text(goal: Goal, achieved: Decimal | None) -> str:
    """ "1.200/3.000 trẻ em (40 %)", or the goal and "not reported yet"."""
    if achieved is None:
        return _("{goal}: not reported yet").format(goal=goal_text(goal))
    share = per_cent(achieved, goal.quantity)
    return _("{achieved}/{goal} ({per_cent} %)").format(
        achieved=quantity(achieved), goal=goal_text(goal), per_cent=share
    )


async def model_progress(tx: Tx, model_id: int) -> list[tuple[Goal, Decimal | None]]:
    """A model's goals with the latest amount reported of each."""
    goals = (await tx.goals.of_models([model_id])).get(model_id, [])
    achieved = await tx.goals.achieved([g.id for g in goals])
    return [(g.goal, achieved.get(g.id)) for g in goals]
