"""``/appraise`` played whole: a BTV member opens a waiting individual exemplar of their units,
scores its three criteria (not a model's five), decides, and the unit's secretary is told;
recognition is offered only when all three are met and a forged one is refused; a returned
exemplar waits again; outside one's subtree nothing is offered."""

from __future__ import annotations

import dataclasses

from conversations.messages import Button
from domain.organisation import Role
from domain.registry import Status
from tests.support.chat import Chat
from tests.support.offered import choices
from tests.support.registry import add_exemplar, add_model, exemplar
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


async def test_an_exemplar_meeting_its_three_criteria_is_recognised_and_told(
    pg_world: World,
) -> None:
    nie = await add_exemplar(pg_world, "Y Sơn Niê")
    await add_model(pg_world, "Thư viện xanh")  # a model waits too: /appraise is for exemplars
    await Chat.joined(pg_world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="lan")
    hoa = await committee_member(pg_world)

    listing = await hoa.say("/appraise")
    assert "Điển hình cá nhân chờ thẩm định:" in listing
    assert "1. Y Sơn Niê · Chi đoàn ấp 1 · Đã đăng ký" in listing
    assert choices(hoa) == ["Y Sơn Niê"]
    first = await hoa.press("Y Sơn Niê")
    assert "Bước 2/" in first
    assert f"Y Sơn Niê (số {nie})" in first and "Thành tích của Y Sơn Niê" in first
    assert "Tiêu chí 1. Phẩm chất chính trị, đạo đức: Có phẩm chất chính trị tốt" in first
    notes = ["Gia đình gương mẫu", None, "Được chi bộ ấp ghi nhận"]
    decision = await score(hoa, [MET] * 3, notes)
    assert "Điển hình đạt cả ba tiêu chí" in decision
    assert choices(hoa)[0] == "✅ Công nhận điển hình"
    await hoa.press("✅ Công nhận điển hình")
    saved = await hoa.press(SAVE)
    assert "Đã lưu: Y Sơn Niê đạt 3/3 tiêu chí, hiện ở trạng thái đã công nhận." in saved

    async with pg_world.runtime.database.read() as tx:
        appraisal = (await tx.exemplars.latest([nie]))[nie]
        history = await tx.exemplars.history(nie)
        notices = await tx.outbox.rows(kind="notice")
        reviewer = await tx.accounts.account("console", "btv-BP-DP")
    assert (await exemplar(pg_world, nie)).status is Status.RECOGNISED
    assert appraisal.decision == "recognise" and appraisal.message is None
    assert [(c.met, c.note) for c in appraisal.criteria] == list(
        zip([True] * 3, notes, strict=True)
    )
    assert reviewer is not None
    assert [(h.from_status, h.to_status, h.changed_by) for h in history] == [
        ("registered", "recognised", reviewer.person_id)
    ]
    (notice,) = notices
    assert notice["chat_id"] == "lan"
    assert notice["text"] == (
        "Điển hình cá nhân Y Sơn Niê của đơn vị hiện ở trạng thái: Đã công nhận."
    )


async def test_an_unmet_criterion_returns_it_with_a_question_and_it_waits_again(
    world: World,
) -> None:
    lan = await add_exemplar(world, "Nguyễn Thị Lan")
    await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="lan")
    hoa = await committee_member(world)
    await hoa.say("/appraise")
    await hoa.press("Nguyễn Thị Lan")
    decision = await score(hoa, [MET, NOT_MET, MET], [None] * 3)
    assert "Chưa đạt: 2. Thành tích tiêu biểu." in decision
    assert "chỉ được công nhận khi đạt cả ba tiêu chí" in decision
    assert "✅ Công nhận điển hình" not in choices(hoa)
    assert "Vì sao không công nhận điển hình cá nhân?" in await hoa.press("⛔ Không công nhận")
    await hoa.say("/back")
    assert "Câu hỏi gửi bí thư: còn thiếu gì?" in await hoa.press("↩️ Trả lại")
    await hoa.say("Bổ sung số hộ đã vận động")
    assert "đạt 2/3 tiêu chí" in await hoa.press(SAVE)

    # returned, it is offered again; the second appraisal recognises it
    assert "1. Nguyễn Thị Lan · Chi đoàn ấp 1 · Trả lại để bổ sung" in await hoa.say("/appraise")
    await hoa.press("Nguyễn Thị Lan")
    await score(hoa, [MET] * 3, [None] * 3)
    await hoa.press("✅ Công nhận điển hình")
    await hoa.press(SAVE)

    async with world.runtime.database.read() as tx:
        history = await tx.exemplars.history(lan)
        latest = (await tx.exemplars.latest([lan]))[lan]
        notices = await tx.outbox.rows(kind="notice")
    assert (await exemplar(world, lan)).status is Status.RECOGNISED
    assert [(h.to_status, h.reason) for h in history] == [
        ("returned", "Bổ sung số hộ đã vận động"),
        ("recognised", None),
    ]
    assert latest.met == 3
    assert [n["text"].splitlines()[0] for n in notices] == [
        "Điển hình cá nhân Nguyễn Thị Lan của đơn vị hiện ở trạng thái: Trả lại để bổ sung.",
        "Điển hình cá nhân Nguyễn Thị Lan của đơn vị hiện ở trạng thái: Đã công nhận.",
    ]
    assert "Câu hỏi của Ban Thường vụ: Bổ sung số hộ đã vận động" in notices[0]["text"]


async def test_a_forged_recognition_is_refused_and_saves_nothing(world: World) -> None:
    lan = await add_exemplar(world, "Nguyễn Thị Lan")
    hoa = await committee_member(world)
    await hoa.say("/appraise")
    await hoa.press("Nguyễn Thị Lan")
    await score(hoa, [NOT_MET, MET, MET], [None] * 3)
    forged = [
        dataclasses.replace(reply, choices=(Button("✅ Công nhận điển hình", "recognise"),))
        for reply in hoa.last
    ]
    hoa.last = forged
    refused = await hoa.press("✅ Công nhận điển hình")
    assert "⚠️" in refused and "Đã lưu" not in refused
    async with world.runtime.database.read() as tx:
        assert await tx.exemplars.latest([lan]) == {}
        assert await tx.exemplars.history(lan) == []
        assert await tx.outbox.rows(kind="notice") == []


async def test_only_the_exemplars_of_the_members_units_are_offered(world: World) -> None:
    await add_exemplar(world, "Nguyễn Thị Lan")
    await add_exemplar(world, "Y Sơn Niê", "BP-BD-DL-T4")
    await add_exemplar(world, "Đã công nhận", status=Status.RECOGNISED)
    hoa = await committee_member(world)
    await hoa.say("/appraise")
    assert choices(hoa) == ["Nguyễn Thị Lan"]

    other = await committee_member(world, "BP-BD-NB")  # nothing waits in Nghĩa Bình
    refused = await other.say("/appraise")
    assert "Không có điển hình cá nhân nào đang chờ thẩm định trong đơn vị của bạn." in refused

    lan = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="lan")
    assert "Lệnh /appraise không dành cho vai trò của bạn." in await lan.say("/appraise")
