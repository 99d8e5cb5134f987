"""More cases.
/review played whole: a BTV member opens a waiting model of their units, scores the five
criteria with notes, decides, and the unit's secretary is told; the question asked follows the
decision; refused answers keep their step; only the member's units are offered."""

from __future__ import annotations

from domain.organisation import Role
from domain.registry import Status
from tests.support.chat import Chat
from tests.support.offered import choices
from tests.support.registry import add_model, model
from tests.support.world import World

MET, NOT_MET = "✅ Đạt", "❌ Chưa đạt"
SAVE = "✅ Lưu kết quả thẩm định"


async def committee_member(world: World, unit: str = "BP-DP") -> Chat:
    """A BTV member of ``unit`` (the Đồng Phú district by default)."""
    return await Chat.joined(world, Role.BTV, unit, chat_id=f"btv-{unit}", name="Lê Thị Hoa")


async def score(chat: Chat, verdicts: list[str], notes: list[str | None]) -> str:
    """Score each criterion and give its note (None: skipped); the decision's question."""
    asked = ""
    for verdict, note in zip(verdicts, notes, strict=True):
        await chat.press(verdict)
        asked = await chat.say(note if note is not None else "/skip")
    return asked


async def test_a_model_meeting_all_five_criteria_is_recognised_with_its_notes(
    pg_world: World,
) -> None:
    corner = await add_model(pg_world, "Góc học tập cộng đồng")
    await Chat.joined(pg_world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="lan")
    hoa = await committee_member(pg_world)

    listing = await hoa.say("/review")
    assert "1. «Góc học tập cộng đồng» · Chi đoàn ấp 1 · Đã đăng ký" in listing
    first = await hoa.press("Góc học tập")
    assert "Bước 2/12" in first  # no question to ask until a decision needs one
    assert f"«Góc học tập cộng đồng» (số {corner})" in first
    assert "Tiêu chí 1. Chủ trương, định hướng" in first
    notes = ["Có văn bản của chi bộ", None, "35 đoàn viên", None, "Nhân rộng ra ấp 2"]
    decision = await score(hoa, [MET] * 5, notes)
    assert "đạt cả năm tiêu chí" in decision
    assert choices(hoa)[0] == "✅ Công nhận mô hình"
    await hoa.press("✅ Công nhận mô hình")
    saved = await hoa.press(SAVE)
    assert "Đã lưu: «Góc học tập cộng đồng» đạt 5/5 tiêu chí" in saved

    async with pg_world.runtime.database.read() as tx:
        appraisal = (await tx.appraisals.latest([corner]))[corner]
        notices = await tx.outbox.rows(kind="notice")
    assert (await model(pg_world, corner)).status is Status.RECOGNISED
    assert appraisal.decision == "recognise" and appraisal.message is None
    assert [c.met for c in appraisal.criteria] == [True] * 5
    assert [c.note for c in appraisal.criteria] == notes
    (notice,) = notices
    assert (
        notice["text"]
        == "Mô hình «Góc học tập cộng đồng» của đơn vị hiện ở trạng thái: Đã công nhận."
    )


async def test_the_question_asked_follows_the_decision_and_goes_with_a_return(
    world: World,
) -> None:
    library = await add_model(world, "Thư viện xanh")
    hoa = await committee_member(world)
    await hoa.say("/review")
    await hoa.press("Thư viện xanh")
    await score(hoa, [NOT_MET, MET, MET, MET, MET], [None] * 5)
    assert "✅ Công nhận mô hình" not in choices(hoa)

    assert "Vì sao không công nhận mô hình?" in await hoa.press("⛔ Không công nhận")
    assert "Bước 13/13" in hoa.last[-1].text
    await hoa.say("/back")
    assert "Câu hỏi gửi bí thư: còn thiếu gì?" in await hoa.press("↩️ Trả lại")
    await hoa.say("Bổ sung văn bản đăng ký với chi bộ ấp")
    assert "đạt 4/5 tiêu chí" in await hoa.press(SAVE)

    async with world.runtime.database.read() as tx:
        history = await tx.appraisals.history(library)
    assert (await model(world, library)).status is Status.RETURNED
    assert [(h.to_status, h.reason) for h in history] == [
        ("returned", "Bổ sung văn bản đăng ký với chi bộ ấp")
    ]


async def test_refused_answers_keep_their_step_and_save_nothing(world: World) -> None:
    library = await add_model(world, "Thư viện xanh")
    hoa = await committee_member(world)
    await hoa.say("/review")
    await hoa.press("Thư viện xanh")

    refused = await hoa.say("tạm được")
    assert "⚠️ Vui lòng chọn một trong các lựa chọn" in refused
    assert "Tiêu chí 1. Chủ trương, định hướng" in refused
    await score(hoa, [MET, NOT_MET, MET, MET, MET], [None] * 5)
    await hoa.press("⛔ Không công nhận")
    empty = await hoa.say("   ")
    assert "⚠️ Câu trả lời không được để trống." in empty
    assert "Vì sao không công nhận mô hình?" in empty

    async with world.runtime.database.read() as tx:
        assert await tx.appraisals.latest([library]) == {}
        assert await tx.appraisals.history(library) == []


async def test_only_the_models_of_the_members_units_are_offered(world: World) -> None:
    await add_model(world, "Thư viện xanh")
    await add_model(world, "Mô hình ngoài huyện", "BP-BD-DL")
    hoa = await committee_member(world)
    await hoa.say("/review")
    assert choices(hoa) == ["Thư viện xanh"]

    await add_model(world, "Đã công nhận rồi", "BP-BD-NB", status=Status.RECOGNISED)
    other = await committee_member(world, "BP-BD-NB")  # nothing waits in Nghĩa Bình
    refused = await other.say("/review")
    assert "Không có mô hình nào đang chờ thẩm định trong đơn vị của bạn." in refused

    lan = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="lan")
    assert "Lệnh /review không dành cho vai trò của bạn." in await lan.say("/review")
