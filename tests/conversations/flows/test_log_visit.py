"""``/visit`` played whole: a BTV member of a cluster logs a visit, the unit's secretary is told,
the month's missing units are listed; a date too far back is refused; a member with no cluster is
told so."""

from __future__ import annotations

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def test_a_visit_is_logged_and_the_unit_is_told(pg_world: World) -> None:
    world = pg_world
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL", name="Phạm Thu")
    btv = await Chat.joined(
        world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình", cluster="C1"
    )
    assert "Bạn đã đến đơn vị nào?" in await btv.say("/visit")
    assert sorted(btv.buttons()) == [
        "Đoàn trường THPT Đồng Phú",
        "Đoàn xã Tân Lập",
        "Đoàn xã Đồng Tiến",
    ]
    await btv.press("Đoàn xã Tân Lập")
    await btv.press("Hôm nay")
    await btv.press("Có")
    await btv.say("Chi đoàn sinh hoạt đều")
    await btv.say("Bổ sung ảnh minh chứng")
    await btv.say("/skip")  # no photos
    logged = await btv.press("✅")
    assert "✅ Đã ghi chuyến đi tới Đoàn xã Tân Lập ngày 23/11/2026." in logged
    assert "Tháng 11/2026 còn phải đến:" in logged
    missing = logged.split("còn phải đến: ")[1].rstrip(".").split(", ")
    assert sorted(missing) == ["Đoàn trường THPT Đồng Phú", "Đoàn xã Đồng Tiến"]
    async with world.runtime.database.read() as tx:
        notices = await tx.outbox.rows("notice")
    assert len(notices) == 1
    assert "Trần Văn Bình" in notices[0]["text"] and "Bổ sung ảnh minh chứng" in notices[0]["text"]
    assert secretary.chat_id == notices[0]["chat_id"]


async def test_a_date_too_far_back_is_refused_and_asked_again(world: World) -> None:
    btv = await Chat.joined(world, Role.BTV, "BP-DP", name="Trần Văn Bình", cluster="C1")
    await btv.say("/visit")
    await btv.press("Đoàn xã Tân Lập")
    refused = await btv.say("01/09/2026")
    assert "Không thể ghi chuyến đi cách đây quá 31 ngày." in refused
    assert "Bạn đi cơ sở ngày nào?" in refused


async def test_a_member_without_a_cluster_is_told_so(world: World) -> None:
    btv = await Chat.joined(world, Role.BTV, "BP-DP", name="Trần Văn Bình")
    assert "Bạn chưa được phân công phụ trách cụm thi đua nào." in await btv.say("/visit")
