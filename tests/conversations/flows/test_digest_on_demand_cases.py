"""More cases.
``/digest`` (an action, no conversation): the digest of one's units, on demand."""

from __future__ import annotations

import datetime as dt

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.seed import seed_district
from tests.support.visits import person_of
from tests.support.world import World


async def test_the_digest_counts_what_is_new_since_the_last_weekly_one(pg_world: World) -> None:
    world = pg_world
    await seed_district(world)
    hoa = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="hoa", name="Lê Thị Hoa")
    digest = await hoa.say("/digest")
    lines = digest.splitlines()
    assert lines[0] == "📊 Bản tin “Dân vận khéo” · Huyện Đoàn Đồng Phú · 23/11/2026"
    # never sent a weekly digest: the last 7 days (18/11 and 20/11; Bù Đăng's is not theirs)
    assert "Mô hình mới từ 16/11/2026: 2" in lines
    async with world.runtime.database.transaction() as tx:
        await tx.digest.record_sent(await person_of(hoa), dt.datetime(2026, 11, 19, tzinfo=dt.UTC))
    assert "Mô hình mới từ 19/11/2026: 1" in (await hoa.say("/digest")).splitlines()
    async with world.runtime.database.read() as tx:  # on demand, it is no weekly digest
        assert await tx.digest.last_sent(await person_of(hoa)) == dt.datetime(
            2026, 11, 19, tzinfo=dt.UTC
        )


async def test_digest_late_lists_every_late_unit_one_a_line(world: World) -> None:
    await seed_district(world)
    hoa = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="hoa", name="Lê Thị Hoa")
    short = (await hoa.say("/digest")).splitlines()
    assert "Chưa hoàn thành Báo cáo tổng kết năm 2026, hạn 15/11/2026: 5 đơn vị" in short
    assert (await hoa.say("/digest late")).splitlines() == [
        "Chưa hoàn thành Báo cáo tổng kết năm 2026, hạn 15/11/2026:",
        "• Chi đoàn ấp 2",
        "• Chi đoàn ấp Thuận Hòa",
        "• Chi đoàn lớp 12A1",
        "• Đoàn trường THPT Đồng Phú",
        "• Đoàn xã Đồng Tiến",
    ]


async def test_an_admin_reads_the_whole_organisation_and_a_secretary_nothing(
    world: World,
) -> None:
    admin = await Chat.joined(world, Role.ADMIN, None, chat_id="admin", name="Quản trị")
    assert "· toàn bộ tổ chức ·" in (await admin.say("/digest")).splitlines()[0]
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="a1")
    assert (await secretary.say("/digest")).startswith("Lệnh /digest không dành cho vai trò")
