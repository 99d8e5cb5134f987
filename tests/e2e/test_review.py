"""/review on Telegram, end to end: the BTV member appraises, the secretary is told."""

from __future__ import annotations

from storage.records import Role, Status
from tests.e2e.conftest import join
from tests.e2e.test_register_model import register_minimal
from tests.support.images import jpeg
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

SECRETARY, BTV = 7101, 7102


async def test_a_model_is_appraised_returned_and_the_secretary_is_told(
    world: World, emulator: TelegramEmulator
) -> None:
    runtime = world.runtime
    async with world.telegram(emulator) as telegram:
        lan = await join(world, emulator, SECRETARY)
        await register_minimal(lan, "Thư viện xanh")
        (summary,) = await lan.say("/skip")
        await lan.press(summary, "✅ Đăng ký mô hình")
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")

        (listing,) = await hoa.say("/review")
        assert "1. «Thư viện xanh» · Chi đoàn ấp 1 · Đã đăng ký" in listing.text
        (first,) = await hoa.press(listing, "Thư viện xanh")
        assert "Tiêu chí 1. Chủ trương, định hướng" in first.text
        assert "Chủ thể: Anh Nguyễn Văn Tài" in first.text  # the model is shown
        (note,) = await hoa.press(first, "❌ Chưa đạt")
        (second,) = await hoa.say("Chưa có văn bản của chi bộ ấp")
        for _criterion in range(4):
            (note,) = await hoa.press(second, "✅ Đạt")
            (second,) = await hoa.say("/skip")
        decision = second
        (question,) = await hoa.press(decision, "↩️ Trả lại để bổ sung")
        assert "Câu hỏi gửi bí thư" in question.text
        (check,) = await hoa.say("Đề nghị bổ sung văn bản đăng ký với chi bộ ấp")
        assert "Kết luận: ↩️ Trả lại để bổ sung" in check.text
        (saved,) = await hoa.press(check, "✅ Lưu kết quả thẩm định")
        assert "đạt 4/5 tiêu chí" in saved.text and "trả lại để bổ sung" in saved.text

        counts = await runtime.sender({"telegram": telegram}).drain()
        assert counts.sent == 2  # under review, then returned
        opened, returned = await emulator.wait_for_messages(SECRETARY, 2)
    assert opened.text == "Mô hình «Thư viện xanh» của đơn vị hiện ở trạng thái: Đang thẩm định."
    assert returned.text.splitlines() == [
        "Mô hình «Thư viện xanh» của đơn vị hiện ở trạng thái: Trả lại để bổ sung.",
        "Câu hỏi của Ban Thường vụ: Đề nghị bổ sung văn bản đăng ký với chi bộ ấp",
        "Hãy bổ sung bằng cách sửa mô hình qua /models.",
    ]
    assert returned.buttons == [[("✏️ Mở mô hình của đơn vị", "/models")]]

    async with runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id])
        history = await tx.appraisals.history(model.id)
        appraisal = (await tx.appraisals.latest([model.id]))[model.id]
        reviewer = await tx.accounts.account("telegram", str(BTV))
    assert model.status is Status.RETURNED
    assert reviewer is not None
    assert [(h.from_status, h.to_status, h.changed_by) for h in history] == [
        ("registered", "under_review", reviewer.person_id),
        ("under_review", "returned", reviewer.person_id),
    ]
    assert history[1].reason == "Đề nghị bổ sung văn bản đăng ký với chi bộ ấp"
    assert appraisal.met == 4 and appraisal.criteria[0].note == "Chưa có văn bản của chi bộ ấp"


async def test_recognise_nominate_and_commend(world: World, emulator: TelegramEmulator) -> None:
    from conversations.commend import commend_nominees
    from reports.scope import Scope

    async with world.telegram(emulator):
        lan = await join(world, emulator, SECRETARY)
        await register_minimal(lan, "Đèn đường năng lượng mặt trời")
        await lan.photo(jpeg(seed=8), caption="Lắp đèn 🌞")
        (summary,) = await lan.say("/done")
        await lan.press(summary, "✅ Đăng ký mô hình")
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (listing,) = await hoa.say("/review")
        photo, step = await hoa.press(listing, "Đèn đường", count=2)
        assert photo.method == "sendPhoto" and photo.text == "Lắp đèn 🌞"
        assert photo.photo == jpeg(seed=8)
        for _criterion in range(5):
            (note,) = await hoa.press(step, "✅ Đạt")
            (step,) = await hoa.say("/skip")
        (check,) = await hoa.press(step, "✅ Công nhận mô hình")
        await hoa.press(check, "✅ Lưu kết quả thẩm định")
        (empty,) = await hoa.say("/review")
        assert "Không có mô hình nào đang chờ thẩm định" in empty.text

        (rounds,) = await hoa.say("/nominate")
        (models,) = await hoa.press(rounds, "Khen thưởng đợt 1")
        (done,) = await hoa.press(models, "Đèn đường")
        assert "Đã đề nghị khen thưởng đợt 1" in done.text
        (listed,) = await hoa.say("/nominees")
    assert "Đợt 1: 1 mô hình" in listed.text and "Đèn đường năng lượng mặt trời" in listed.text
    async with world.runtime.database.transaction() as tx:
        names = await commend_nominees(tx, Scope(everything=True), 1, world.clock.now())
    assert names == ["Đèn đường năng lượng mặt trời"]
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id])
        notices = await tx.outbox.rows(kind="notice")
    assert model.status is Status.COMMENDED_1
    assert notices[-1]["text"].endswith("Khen thưởng đợt 1.")
