"""How goals and progress read, in both languages, and a model's progress from the database."""

from __future__ import annotations

from decimal import Decimal

from domain.goals import Goal
from locales import use_locale
from reports.goal_progress import (
    goal_text,
    goals_text,
    model_progress,
    per_cent_text,
    progress_text,
    show_goals,
)
from tests.support.goals import seed_goals
from tests.support.world import World

MONEY = Goal(Decimal("3.6"), "tỷ đồng")
CHILDREN = Goal(Decimal(3000), "trẻ em")


def test_goals_read_with_the_readers_numbers() -> None:
    with use_locale("vi"):
        assert goal_text(CHILDREN) == "3.000 trẻ em" and goal_text(MONEY) == "3,6 tỷ đồng"
        assert goals_text([CHILDREN, MONEY]) == "3.000 trẻ em; 3,6 tỷ đồng"
        assert show_goals([["3000", "trẻ em"], ["3.6", "tỷ đồng"]]) == "3.000 trẻ em; 3,6 tỷ đồng"
        assert progress_text(CHILDREN, Decimal(1200)) == "1.200/3.000 trẻ em (40%)"
        assert progress_text(MONEY, None) == "3,6 tỷ đồng: chưa báo cáo"
        assert per_cent_text(Decimal("1.2"), MONEY) == "33%"
    with use_locale("en"):
        assert progress_text(CHILDREN, Decimal(1200)) == "1,200/3,000 trẻ em (40 %)"
        assert goal_text(MONEY) == "3.6 tỷ đồng"


async def test_a_models_progress_is_its_latest_report(world: World) -> None:
    seeded = await seed_goals(world)
    async with world.runtime.database.read() as tx:
        assert await model_progress(tx, seeded.houses) == [
            (Goal(Decimal(90), "căn nhà"), Decimal(45)),
            (MONEY, Decimal("1.2")),  # the annual report skipped it: the 6-month one stands
        ]
        assert await model_progress(tx, 999) == []
