"""/review on Telegram, end to end: the BTV member appraises, the secretary is told."""

from __future__ import annotations

import csv
import dataclasses

from domain.organisation import Role
from domain.registry import Status
from domain.scope import Scope
from reports.registry_export import export_registry_csv
from tests.e2e.conftest import join
from tests.e2e.test_register_model import register_minimal
from tests.support.images import jpeg
from tests.support.pdfs import pdf
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
        async with runtime.database.read() as tx:  # looking at it is not a decision
            assert await tx.outbox.rows(kind="notice") == []
        (note,) = await hoa.press(first, "❌ Chưa đạt")
        (second,) = await hoa.say("Chưa có văn bản của chi bộ ấp")
        for _criterion in range(4):
            (note,) = await hoa.press(second, "✅ Đạt")
            (second,) = await hoa.say("/skip")
        decision = second
        assert "Chưa đạt: 1. Chủ trương, định hướng." in decision.text
        labels = [text for row in decision.buttons for text, _data in row]
        assert "✅ Công nhận mô hình" not in labels and "⛔ Không công nhận" in labels
        (question,) = await hoa.press(decision, "↩️ Trả lại để bổ sung")
        assert "Câu hỏi gửi bí thư" in question.text
        (check,) = await hoa.say("Đề nghị bổ sung văn bản đăng ký với chi bộ ấp")
        assert "Kết luận: ↩️ Trả lại để bổ sung" in check.text
        (saved,) = await hoa.press(check, "✅ Lưu kết quả thẩm định")
        assert "đạt 4/5 tiêu chí" in saved.text and "trả lại để bổ sung" in saved.text

        counts = await runtime.sender({"telegram": telegram}).drain()
        assert counts.sent == 1  # only the decision: opening the model told nobody
        (returned,) = await emulator.wait_for_messages(SECRETARY, 1)
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
        ("registered", "returned", reviewer.person_id),
    ]
    assert history[0].reason == "Đề nghị bổ sung văn bản đăng ký với chi bộ ấp"
    assert appraisal.met == 4 and appraisal.criteria[0].note == "Chưa có văn bản của chi bộ ấp"


async def test_recognise_nominate_and_commend(world: World, emulator: TelegramEmulator) -> None:
    from conversations.commend import commend_nominees
    from domain.scope import Scope

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
        for criterion in range(5):
            (note,) = await hoa.press(step, "✅ Đạt")
            if criterion == 0:
                await hoa.say("/skip")  # no confirming document attached
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


async def test_recognition_needs_all_five_criteria_and_a_forged_choice_is_refused(
    world: World, emulator: TelegramEmulator
) -> None:
    runtime = world.runtime
    async with world.telegram(emulator) as telegram:
        lan = await join(world, emulator, SECRETARY)
        await register_minimal(lan, "Sân chơi thiếu nhi")
        (summary,) = await lan.say("/skip")
        await lan.press(summary, "✅ Đăng ký mô hình")
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (listing,) = await hoa.say("/review")
        (step,) = await hoa.press(listing, "Sân chơi")
        for index, verdict in enumerate(
            ("✅ Đạt", "❌ Chưa đạt", "✅ Đạt", "❌ Chưa đạt", "✅ Đạt")
        ):
            await hoa.press(step, verdict)
            if index == 0:
                await hoa.say("/skip")  # no confirming document attached
            (step,) = await hoa.say("/skip")
        decision = step
        assert "Chưa đạt: 2. Chủ thể thực hiện; 4. Phương pháp, cách làm." in decision.text
        assert "chỉ được công nhận khi đạt cả năm tiêu chí" in decision.text
        assert [data for row in decision.buttons for _text, data in row][:2] == ["return", "reject"]

        forged = dataclasses.replace(decision, buttons=[[("✅ Công nhận mô hình", "recognise")]])
        (refused,) = await hoa.press(forged, "recognise")
        assert "⚠️" in refused.text and "Đã lưu" not in refused.text
        (typed,) = await hoa.say("Công nhận mô hình")
        assert "⚠️" in typed.text
        (reason,) = await hoa.press(typed, "⛔ Không công nhận")
        (check,) = await hoa.say("Chưa có chủ thể và cách làm rõ ràng")
        (saved,) = await hoa.press(check, "✅ Lưu kết quả thẩm định")
        assert "đạt 3/5 tiêu chí" in saved.text
        counts = await runtime.sender({"telegram": telegram}).drain()
        (told,) = await emulator.wait_for_messages(SECRETARY, 1)
    assert counts.sent == 1
    assert told.text.splitlines() == [
        "Mô hình «Sân chơi thiếu nhi» của đơn vị hiện ở trạng thái: Không công nhận.",
        "Lý do: Chưa có chủ thể và cách làm rõ ràng",
    ]
    async with runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id])
    assert model.status is Status.REJECTED


async def test_a_recognition_chosen_before_a_criterion_is_changed_is_refused(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, SECRETARY)
        await register_minimal(lan, "Góc học tập")
        (summary,) = await lan.say("/skip")
        await lan.press(summary, "✅ Đăng ký mô hình")
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (listing,) = await hoa.say("/review")
        (step,) = await hoa.press(listing, "Góc học tập")
        for criterion in range(5):
            await hoa.press(step, "✅ Đạt")
            if criterion == 0:
                await hoa.say("/skip")  # no confirming document attached
            (step,) = await hoa.say("/skip")
        assert "Mô hình đạt cả năm tiêu chí" in step.text
        (check,) = await hoa.press(step, "✅ Công nhận mô hình")
        (fields,) = await hoa.press(check, "✏️ Sửa một mục")
        (criterion,) = await hoa.press(fields, "5. Hiệu quả")
        (check,) = await hoa.press(criterion, "❌ Chưa đạt")
        (refused,) = await hoa.press(check, "✅ Lưu kết quả thẩm định")
    assert "chỉ được công nhận khi đạt cả năm tiêu chí" in refused.text
    assert "Chưa đạt: 5. Hiệu quả" in refused.text
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id])
        notices = await tx.outbox.rows(kind="notice")
    assert model.status is Status.REGISTERED and notices == []


async def test_the_confirming_pdf_goes_through_telegram_and_shows_in_the_export(
    world: World, emulator: TelegramEmulator, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    runtime = world.runtime
    async with world.telegram(emulator):
        lan = await join(world, emulator, SECRETARY)
        await register_minimal(lan, "Góc học tập")
        (summary,) = await lan.say("/skip")
        await lan.press(summary, "✅ Đăng ký mô hình")
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (listing,) = await hoa.say("/review")
        (first,) = await hoa.press(listing, "Góc học tập")
        (asked,) = await hoa.press(first, "✅ Đạt")
        assert "Đính kèm văn bản xác nhận" in asked.text
        assert [label for row in asked.buttons for label, _ in row][-1] == "Bỏ qua ⏭️"

        (refused,) = await hoa.document(jpeg(seed=50), "quyet-dinh.pdf")  # a renamed photo
        assert refused.text.startswith("⚠️ Tệp này không phải là PDF thật")
        assert "Đính kèm văn bản xác nhận" in refused.text
        document = pdf(pages=1, title="Quyết định 12-QĐ/HĐ")
        (number,) = await hoa.document(document, "quyet-dinh-12.pdf")
        assert "Số của văn bản" in number.text
        (date,) = await hoa.say("Số: 12-QĐ/HĐ")
        (future,) = await hoa.say("30/12/2026")
        assert "⚠️ Ngày văn bản không thể ở tương lai." in future.text
        (step,) = await hoa.say("05/11/2026")
        (step,) = await hoa.say("/skip")  # the note
        for _criterion in range(4):
            await hoa.press(step, "✅ Đạt")
            (step,) = await hoa.say("/skip")
        (check,) = await hoa.press(step, "✅ Công nhận mô hình")
        assert "Văn bản xác nhận: PDF «quyet-dinh-12.pdf», 1 trang" in check.text
        assert "Số văn bản: Số 12-QĐ/HĐ" in check.text
        (saved,) = await hoa.press(check, "✅ Lưu kết quả thẩm định")
        assert "đạt 5/5 tiêu chí" in saved.text

    async with runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id])
        proof = (await tx.appraisals.latest([model.id]))[model.id].proof
    assert proof is not None and proof.sha256 is not None and proof.mime is not None
    assert await runtime.evidence.get(proof.sha256, proof.mime) == document  # as downloaded

    path = tmp_path / "registry.csv"
    await export_registry_csv(runtime.database, path, runtime.settings.zone, Scope(everything=True))
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    column = rows[0].index("Tiêu chí 1")
    assert rows[1][column] == "✓ Văn bản xác nhận: Số 12-QĐ/HĐ, ngày 05/11/2026"
