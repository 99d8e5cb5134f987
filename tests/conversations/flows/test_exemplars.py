"""``/exemplars``: the individual exemplars of the year in one's units, newest first, with where
each stands, the criteria its latest appraisal found met, and the counts by stage; a secretary
sees their own unit's, a BTV member their subtree's."""

from __future__ import annotations

import datetime as dt

from domain.organisation import Role
from domain.registry import Status
from storage.appraisals import CriterionResult
from tests.support.chat import Chat
from tests.support.registry import add_exemplar
from tests.support.world import World


async def test_the_exemplars_of_the_year_in_scope_with_their_stage(pg_world: World) -> None:
    world = pg_world
    day = dt.timedelta(days=1)
    lan = await add_exemplar(world, "Nguyễn Thị Lan", status=Status.COMMENDED_1, ago=5 * day)
    await add_exemplar(world, "Trần Văn Nam", "BP-DP-TL-A2", status=Status.RECOGNISED, ago=4 * day)
    await add_exemplar(world, "Lê Thị Bị", "BP-DP-TL-A2", status=Status.REJECTED, ago=3 * day)
    await add_exemplar(world, "Phạm Mới", ago=2 * day)
    await add_exemplar(world, "Năm trước", year=2025, status=Status.RECOGNISED)
    await add_exemplar(world, "Y Sơn Niê", "BP-BD-DL-T4", status=Status.COMMENDED_1)
    async with world.runtime.database.transaction() as tx:
        met = [CriterionResult(True)] * 3
        await tx.exemplars.record(lan, 1, met, "recognise", None, world.clock.now())

    hoa = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="hoa", name="Lê Thị Hoa")
    # Đồng Phú in 2026: Lan (commended), Nam (recognised), Bị (rejected), Mới (registered):
    # 4 registered, Lan and Nam recognised (2), Lan commended (1); 2025 and Bù Đăng apart
    assert (await hoa.say("/exemplars")).splitlines() == [
        "Điển hình cá nhân năm 2026: 4 đã đăng ký, 2 đã công nhận, 1 đã khen thưởng.",
        "1. Phạm Mới · Chi đoàn ấp 1 · Đã đăng ký",
        "2. Lê Thị Bị · Chi đoàn ấp 2 · Không công nhận",
        "3. Trần Văn Nam · Chi đoàn ấp 2 · Đã công nhận",
        "4. Nguyễn Thị Lan · Chi đoàn ấp 1 · Khen thưởng đợt 1 · đạt 3/3 tiêu chí",
    ]

    nam = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A2", chat_id="nam")
    assert (await nam.say("xem điển hình")).splitlines() == [
        "Điển hình cá nhân năm 2026: 2 đã đăng ký, 1 đã công nhận, 0 đã khen thưởng.",
        "1. Lê Thị Bị · Chi đoàn ấp 2 · Không công nhận",
        "2. Trần Văn Nam · Chi đoàn ấp 2 · Đã công nhận",
    ]


async def test_with_none_registered_it_says_how_to_register_one(world: World) -> None:
    await add_exemplar(world, "Y Sơn Niê", "BP-BD-DL-T4")
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    assert await chat.say("/exemplars") == (
        "Đơn vị của bạn chưa có điển hình cá nhân nào đăng ký năm 2026. "
        "Đăng ký bằng lệnh /exemplar."
    )
