"""Models with measurable goals, made through the conversation as a secretary makes them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from domain.goals import parse_goals
from domain.organisation import Role
from storage.periodic_reports import EntryFields
from tests.support.chat import Chat
from tests.support.seed import fields
from tests.support.world import World

CHILDREN_AND_HOUSES = "3.000 trẻ em; 90 căn nhà"


async def register_with_goals(chat: Chat, name: str, goals: str = CHILDREN_AND_HOUSES) -> int:
    """Register a model through ``/register`` with its details asked, only the goals given;
    its id."""
    await chat.say("/register")
    for answer in [name, "1", "Chi đoàn", "Ấp 1", "1", "20", "/skip"]:
        await chat.say(answer)
    await chat.press("➕ Thêm ngay")
    for _skipped in range(6):  # direction, method, effect, beneficiaries, money, things built
        await chat.say("/skip")
    await chat.say(goals)
    await chat.say("/skip")  # no photos
    saved = await chat.press("✅")
    found = re.search(r"\(số (\d+)\)", saved)
    assert found is not None, saved
    return int(found[1])


@dataclass(frozen=True, slots=True)
class GoalWorld:
    """Ids of what :func:`seed_goals` made."""

    district: int
    houses: int
    children: int
    roads: int


async def seed_goals(world: World) -> GoalWorld:
    """Three models of 2026 with goals and progress, each a pilot of its district.

    Goals, then what the 6-month and annual reports say (hand-computed per cent up to the
    annual report):
      Nhà nhân ái (Chi đoàn ấp 1, Đồng Phú): 90 căn nhà: 30 → 45 (50 %);
                                             3,6 tỷ đồng: 1,2 → skipped (1,2: 33 %)
      Thiếu nhi (Chi đoàn ấp 2, Đồng Phú):   3.000 trẻ em: – → 1.200 (40 %);
                                             600 triệu đồng: – → 150 (25 %)
      Đường thanh niên (thôn 4, Bù Đăng):    9 tuyến đường: – → 9 (100 %)
    """
    people = {
        code: await world.bind_telegram(700 + n, code)
        for n, code in enumerate(("BP-DP-TL-A1", "BP-DP-TL-A2", "BP-BD-DL-T4"))
    }
    btv = await world.bind_telegram(710, "BP-DP", Role.BTV)
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        units = {}
        for code in (*people, "BP-DP", "BP-BD"):
            unit = await tx.units.by_code(code)
            assert unit is not None
            units[code] = unit.id

        async def model(code: str, name: str, goals: str) -> tuple[int, list[int]]:
            model_id = await tx.models.create(
                units[code], 2026, fields(name, "culture_society"), people[code], now
            )
            await tx.goals.set_goals(model_id, parse_goals(goals), people[code], now)
            return model_id, [g.id for g in (await tx.goals.of_models([model_id]))[model_id]]

        async def report(code: str, period: str, model_id: int, achieved: dict[int, str]) -> None:
            _r, entries, _new = await tx.periodic_reports.save(
                units[code], period, "Báo cáo", [EntryFields(model_id, "Kết quả")],
                people[code], now,
            )  # fmt: skip
            values = {goal: Decimal(value) for goal, value in achieved.items()}
            await tx.goals.save_progress(entries[model_id], values)

        houses, (built, money) = await model(
            "BP-DP-TL-A1", "Nhà nhân ái", "90 căn nhà; 3,6 tỷ đồng"
        )
        await report("BP-DP-TL-A1", "2026-h1", houses, {built: "30", money: "1.2"})
        await report("BP-DP-TL-A1", "2026-annual", houses, {built: "45"})
        children, (kids, funds) = await model(
            "BP-DP-TL-A2", "Thiếu nhi", "3.000 trẻ em; 600 triệu đồng"
        )
        await report("BP-DP-TL-A2", "2026-annual", children, {kids: "1200", funds: "150"})
        roads, (road,) = await model("BP-BD-DL-T4", "Đường thanh niên", "9 tuyến đường")
        await report("BP-BD-DL-T4", "2026-annual", roads, {road: "9"})
        for model_id, district in ((houses, "BP-DP"), (children, "BP-DP"), (roads, "BP-BD")):
            await tx.goals.mark_pilot(model_id, units[district], btv, now)
    return GoalWorld(units["BP-DP"], houses, children, roads)
