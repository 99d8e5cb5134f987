"""``/visits`` played whole: a member opens their visit of the month and changes its advice (an
own visit, within 7 days); a cluster lead reads the cluster's matrix but may not change it."""

from __future__ import annotations

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def _visit(btv: Chat) -> None:
    await btv.say("/visit")
    await btv.press("Đoàn xã Tân Lập")
    for answer in ["Hôm nay", "Có", "Chi đoàn sinh hoạt đều", "Bổ sung ảnh", "/skip"]:
        await btv.say(answer)
    await btv.press("✅")


async def test_a_member_changes_the_advice_of_their_visit(pg_world: World) -> None:
    world = pg_world
    btv = await Chat.joined(world, Role.BTV, "BP-DP", name="Trần Văn Bình", cluster="C1")
    await _visit(btv)
    overview = await btv.say("/visits 11/2026")
    assert "Chọn một chuyến đi để xem ghi chép." in overview
    await btv.press("Tân Lập")
    await btv.press("✏️ Sửa")
    await btv.press("Ý kiến chỉ đạo")
    assert "Bổ sung ảnh" in btv.last[0].text  # the advice it has now
    saved = await btv.say("Đăng ký thêm một mô hình kinh tế")
    assert saved == "✏️ Đã lưu. Ý kiến chỉ đạo: Đăng ký thêm một mô hình kinh tế"
    async with world.runtime.database.read() as tx:
        (visit,) = await tx.visits.between(
            world.clock.now().date().replace(day=1), world.clock.now().date()
        )
    assert visit.fields.advice == "Đăng ký thêm một mô hình kinh tế"


async def test_a_cluster_lead_reads_the_matrix_and_cannot_change_a_visit(world: World) -> None:
    btv = await Chat.joined(world, Role.BTV, "BP-DP", name="Trần Văn Bình", cluster="C1")
    await _visit(btv)
    lead = await Chat.joined(
        world, Role.CLUSTER_LEAD, None, chat_id="lead", name="Lê Thị Cúc", cluster="C1"
    )
    overview = await lead.say("/visits 11/2026")
    assert "Cụm thi đua số 1" in overview and "Trần Văn Bình" in overview
    await lead.press("Tân Lập")
    assert lead.buttons() == ["✔️ Đóng"]  # not their visit: nothing to change
    assert "Đã đóng. Gõ /visits để mở lại sổ đi cơ sở." in await lead.press("✔️ Đóng")


async def test_a_month_typed_wrong_is_refused(world: World) -> None:
    btv = await Chat.joined(world, Role.BTV, "BP-DP", name="Trần Văn Bình", cluster="C1")
    await btv.say("/visits")
    assert "mm/yyyy" in await btv.say("tháng mười một")
