"""``/pilot`` played whole: a district's BTV member marks models of the district as its pilots
up to the limit, is refused beyond it, unmarks one; a branch's BTV member may not."""

from __future__ import annotations

from pathlib import Path

from domain.organisation import Role
from storage.clock import FixedClock
from tests.support.chat import Chat
from tests.support.goals import register_with_goals
from tests.support.world import World


async def test_pilots_are_marked_up_to_the_limit_and_unmarked(pg_world: World) -> None:
    world = pg_world
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    road = await register_with_goals(secretary, "Đường hoa")
    await secretary.register("Sân chơi")
    await secretary.register("Thắp sáng")
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    listed = await btv.say("/pilot")
    assert "Mô hình điểm của Huyện Đoàn Đồng Phú năm 2026: 0, tối đa 2." in listed
    assert "«Đường hoa» · Chi đoàn ấp 1" in listed
    opened = await btv.press("Đường hoa")
    assert "Chưa phải mô hình điểm của Huyện Đoàn Đồng Phú." in opened
    assert "3.000 trẻ em: chưa báo cáo" in opened  # the model with its goals
    marked = await btv.press("⭐ Chọn làm mô hình điểm")
    assert "⭐ «Đường hoa» đã là mô hình điểm của Huyện Đoàn Đồng Phú (1, tối đa 2)." == marked
    await btv.say("/pilot")
    assert btv.buttons()[0] == "⭐ Đường hoa"  # the pilots come first
    await btv.press("Sân chơi")
    assert "(2, tối đa 2)" in await btv.press("⭐ Chọn làm mô hình điểm")
    await btv.say("/pilot")
    await btv.press("Thắp sáng")
    refused = await btv.press("⭐ Chọn làm mô hình điểm")
    assert "Huyện Đoàn Đồng Phú đã có 2 mô hình điểm năm 2026, là số tối đa" in refused
    assert "«Đường hoa», «Sân chơi»" in refused
    await btv.say("/cancel")
    await btv.say("/pilot")
    opened = await btv.press("⭐ Đường hoa")
    assert "⭐ Đây là mô hình điểm của Huyện Đoàn Đồng Phú." in opened
    unmarked = await btv.press("✖️ Bỏ chọn mô hình điểm")
    assert unmarked == "«Đường hoa» không còn là mô hình điểm của Huyện Đoàn Đồng Phú."
    async with world.runtime.database.read() as tx:
        district = await tx.units.by_code("BP-DP")
        assert district is not None
        pilots = await tx.goals.pilots(None, 2026, of_unit=district.id)
        account = await tx.accounts.account("console", "btv")
    assert [p.model_name for p in pilots] == ["Sân chơi"]
    assert account is not None and pilots[0].marked_by == account.person_id
    assert pilots[0].marked_at == world.clock.now()
    assert road not in [p.model_id for p in pilots]


async def test_the_limit_comes_from_the_settings(tmp_path: Path, clock: FixedClock) -> None:
    async with World.open(tmp_path, clock, pilots_per_unit=1) as world:
        await _one_pilot_at_most(world)


async def _one_pilot_at_most(world: World) -> None:
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await secretary.register("Đường hoa")
    await secretary.register("Sân chơi")
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    await btv.say("/pilot")
    await btv.press("Đường hoa")
    assert "(1, tối đa 1)" in await btv.press("⭐ Chọn làm mô hình điểm")
    await btv.say("/pilot")
    await btv.press("Sân chơi")
    assert "là số tối đa được phép" in await btv.press("⭐ Chọn làm mô hình điểm")


async def test_a_grassroots_btv_member_marks_no_pilots(world: World) -> None:
    btv = await Chat.joined(world, Role.BTV, "BP-DP-TL", chat_id="btv", name="Lê Văn Tư")
    refused = await btv.say("/pilot")
    assert "Chỉ ủy viên Ban Thường vụ cấp huyện hoặc cấp tỉnh mới chọn mô hình điểm." in refused


async def test_a_model_of_another_district_cannot_be_opened(world: World) -> None:
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-BD-DL-T4")
    far = await secretary.register("Bon xanh")
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    listed = await btv.say("/pilot")
    assert "Bon xanh" not in listed
    refused = await btv.send(choice=str(far))
    assert "Bon xanh" not in "\n".join(r.text for r in refused)
