"""``/review`` and ``/nominate`` played whole: a BTV member scores the five criteria, recognition
is offered only when all are met, the decision is saved with a notice to the secretary, and a
recognised model can be proposed for commendation; outside one's subtree nothing is offered."""

from __future__ import annotations

from domain.organisation import Role
from domain.registry import Status
from tests.support.chat import Chat
from tests.support.world import World


async def _appraise(btv: Chat, scores: list[str]) -> str:
    """Open the first waiting model and score the criteria (no notes); the decision question."""
    assert "Mô hình chờ thẩm định:" in await btv.say("/review")
    await btv.press("Đường hoa")
    for index, score in enumerate(scores):
        await btv.press(score)
        if index == 0 and score == "✅ Đạt":
            await btv.say("/skip")  # no confirming document attached
        await btv.say("/skip")
    return btv.last[0].text


async def test_a_model_meeting_every_criterion_is_recognised_and_nominated(
    pg_world: World,
) -> None:
    world = pg_world
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    model_id = await secretary.register("Đường hoa")
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    await _appraise(btv, ["✅ Đạt"] * 5)
    assert btv.buttons()[0] == "✅ Công nhận mô hình"
    await btv.press("✅ Công nhận mô hình")
    saved = await btv.press("✅")
    assert "Đã lưu: «Đường hoa» đạt 5/5 tiêu chí" in saved
    async with world.runtime.database.read() as tx:
        model = await tx.models.get(model_id)
        notices = await tx.outbox.rows("notice")
    assert model is not None and model.status is Status.RECOGNISED
    assert len(notices) == 1 and "Đường hoa" in notices[0]["text"]

    await btv.say("/nominate")
    await btv.press("1")
    proposed = await btv.press("Đường hoa")
    assert "Đã đề nghị khen thưởng đợt 1 cho «Đường hoa»." in proposed
    listed = await btv.say("/nominees")
    assert "1. «Đường hoa» · Chi đoàn ấp 1" in listed


async def test_with_a_criterion_not_met_it_can_only_be_returned_or_rejected(world: World) -> None:
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    model_id = await secretary.register("Đường hoa")
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    decision = await _appraise(btv, ["✅ Đạt", "❌ Chưa đạt", "✅ Đạt", "✅ Đạt", "✅ Đạt"])
    assert "Chưa đạt:" in decision
    assert "✅ Công nhận mô hình" not in btv.buttons()
    await btv.press("↩️ Trả lại để bổ sung")
    await btv.say("Bổ sung ảnh và văn bản đăng ký")
    await btv.press("✅")
    async with world.runtime.database.read() as tx:
        model = await tx.models.get(model_id)
    assert model is not None and model.status is Status.RETURNED


async def test_a_member_of_another_district_sees_nothing_to_appraise(world: World) -> None:
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await secretary.register("Đường hoa")
    other = await Chat.joined(world, Role.BTV, "BP-BD", chat_id="btv-bd", name="Lê Văn Cường")
    refused = await other.say("/review")
    assert "Không có mô hình nào đang chờ thẩm định trong đơn vị của bạn." in refused
