"""More cases.
/review played whole: a BTV member opens a waiting model of their units, scores the five
criteria with notes, decides, and the unit's secretary is told; the question asked follows the
decision; refused answers keep their step; only the member's units are offered."""

from __future__ import annotations

import datetime as dt
import hashlib

from domain.organisation import Role
from domain.registry import Status
from tests.support.chat import Chat
from tests.support.images import jpeg
from tests.support.offered import choices
from tests.support.pdfs import pdf
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
    for index, (verdict, note) in enumerate(zip(verdicts, notes, strict=True)):
        await chat.press(verdict)
        if index == 0 and verdict == MET:
            await chat.say("/skip")  # no confirming document attached
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


async def _open_first_criterion_met(world: World, name: str) -> tuple[int, Chat]:
    """A model waiting, a BTV member who opened it and scored criterion 1 met."""
    model_id = await add_model(world, name)
    hoa = await committee_member(world)
    await hoa.say("/review")
    await hoa.press(name)
    asked = await hoa.press(MET)
    assert "Đính kèm văn bản xác nhận" in asked and "ảnh chụp văn bản hoặc tệp PDF" in asked
    assert "Ví dụ: quyết định của Đảng ủy xã" in asked and "Bước 3/" in asked
    assert "Bỏ qua ⏭️" in [b.label for b in hoa.last[-1].navigation]
    return model_id, hoa


async def _finish_recognising(hoa: Chat) -> str:
    """Skip the first note, score the other four met, recognise; the summary."""
    await hoa.say("/skip")
    await score(hoa, [NOT_MET, MET, MET, MET], [None] * 4)  # criterion 2 not met: return
    return await hoa.press("↩️ Trả lại")


async def test_a_pdf_confirming_the_first_criterion_is_kept_with_its_number_and_date(
    pg_world: World,
) -> None:
    world = pg_world
    corner, hoa = await _open_first_criterion_met(world, "Góc học tập cộng đồng")
    document = pdf(pages=2)
    asked = await hoa.document(document, "quyet-dinh-12.pdf")
    assert "Số của văn bản, ghi đúng như trên văn bản." in asked
    assert "Ví dụ: Số: 12-QĐ/HĐ" in asked
    assert "⚠️" in await hoa.say("không có số")  # a number has a digit
    assert "Ngày ban hành văn bản (dd/mm/yyyy)." in await hoa.say("Số: 12-QĐ/HĐ")
    await hoa.say("05/11/2026")
    await _finish_recognising(hoa)
    await hoa.say("Bổ sung phương án chủ thể")
    summary = hoa.last[-1].text
    assert "Văn bản xác nhận: PDF «quyet-dinh-12.pdf», 2 trang" in summary
    assert "Số văn bản: Số 12-QĐ/HĐ" in summary and "Ngày văn bản: 05/11/2026" in summary
    assert "đạt 4/5 tiêu chí" in await hoa.press(SAVE)

    async with world.runtime.database.read() as tx:
        proof = (await tx.appraisals.latest([corner]))[corner].proof
    assert proof is not None
    assert (proof.number, proof.date) == ("12-QĐ/HĐ", dt.date(2026, 11, 5))
    assert (proof.mime, proof.caption) == ("application/pdf", "quyet-dinh-12.pdf")
    assert proof.sha256 == hashlib.sha256(document).hexdigest()
    assert await world.runtime.evidence.get(proof.sha256, proof.mime) == document

    # the unit's secretary sees it on the model's page
    lan = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="lan")
    await lan.say("/models")
    page = await lan.press("Góc học tập")
    assert "Văn bản xác nhận: Số 12-QĐ/HĐ, ngày 05/11/2026" in page


async def test_a_photo_of_the_document_does_as_well(world: World) -> None:
    corner, hoa = await _open_first_criterion_met(world, "Thư viện xanh")
    assert "Số của văn bản" in await hoa.photo(seed=40, caption="Quyết định")
    await hoa.say("7-CV/ĐTN")
    await hoa.say("01/10/2026")
    await _finish_recognising(hoa)
    await hoa.say("Bổ sung chủ thể")
    assert "Văn bản xác nhận: 1 ảnh" in hoa.last[-1].text
    await hoa.press(SAVE)
    async with world.runtime.database.read() as tx:
        proof = (await tx.appraisals.latest([corner]))[corner].proof
    assert proof is not None and proof.mime == "image/jpeg" and proof.caption == "Quyết định"
    assert (proof.number, proof.date) == ("7-CV/ĐTN", dt.date(2026, 10, 1))


async def test_a_fake_pdf_or_another_file_is_refused_and_the_step_stays(world: World) -> None:
    corner, hoa = await _open_first_criterion_met(world, "Thư viện xanh")
    renamed = await hoa.document(jpeg(seed=41), "quyet-dinh.pdf")
    assert "⚠️ Tệp này không phải là PDF thật" in renamed
    assert "Đính kèm văn bản xác nhận" in renamed  # asked again
    cut = await hoa.document(pdf()[:300], "quyet-dinh.pdf")
    assert "⚠️ Tệp PDF bị hỏng hoặc không đầy đủ" in cut and "Đính kèm văn bản xác nhận" in cut
    word = await hoa.document(b"PK\x03\x04 not a pdf", "quyet-dinh.docx", "application/msword")
    assert "⚠️ «quyet-dinh.docx» không phải là ảnh cũng không phải tệp PDF" in word
    assert [found async for found in world.runtime.evidence.stored()] == []  # nothing kept
    await hoa.say("/skip")  # no document: its number and date are not asked
    assert "ghi chú" in hoa.last[-1].text.lower()
    await hoa.say("/skip")
    await score(hoa, [NOT_MET, MET, MET, MET], [None] * 4)
    await hoa.press("↩️ Trả lại")
    await hoa.say("Bổ sung văn bản")
    assert "Văn bản xác nhận: (không có)" in hoa.last[-1].text
    await hoa.press(SAVE)
    async with world.runtime.database.read() as tx:
        assert (await tx.appraisals.latest([corner]))[corner].proof is None


async def test_a_bad_or_future_date_is_refused_and_asked_again(world: World) -> None:
    _corner, hoa = await _open_first_criterion_met(world, "Thư viện xanh")
    await hoa.document(pdf(), "qd.pdf")
    await hoa.say("12-QĐ/HĐ")
    for typed, says in [
        ("31/02/2026", "31/02/2026 không phải là ngày hợp lệ"),
        ("05/11", "Vui lòng nhập ngày theo dạng dd/mm/yyyy"),
        ("01/12/2026", "Ngày văn bản không thể ở tương lai."),  # the world's today: 23/11/2026
    ]:
        refused = await hoa.say(typed)
        assert f"⚠️ {says}" in refused and "Ngày ban hành văn bản" in refused
    assert "ghi chú" in (await hoa.say("23/11/2026")).lower()


async def test_a_pdf_is_refused_where_only_photos_are_taken(world: World) -> None:
    await add_model(world, "Thư viện xanh")
    lan = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="lan")
    await lan.say("/models")
    await lan.press("Thư viện xanh")
    await lan.press("ảnh")
    refused = await lan.document(pdf(), "qd.pdf")
    assert "⚠️ «qd.pdf» không phải là ảnh." in refused


async def test_the_document_is_replaced_from_the_summary(world: World) -> None:
    corner, hoa = await _open_first_criterion_met(world, "Thư viện xanh")
    await hoa.document(pdf(title="cũ"), "cu.pdf")
    await hoa.say("12-QĐ/HĐ")
    await hoa.say("05/11/2026")
    await _finish_recognising(hoa)
    await hoa.say("Bổ sung chủ thể")
    assert "PDF «cu.pdf»" in hoa.last[-1].text
    await hoa.press("✏️ Sửa một mục")
    await hoa.press("Văn bản xác nhận")
    summary = await hoa.document(pdf(title="mới"), "moi.pdf")
    assert "PDF «moi.pdf», 1 trang" in summary and "cu.pdf" not in summary
    await hoa.press(SAVE)
    async with world.runtime.database.read() as tx:
        proof = (await tx.appraisals.latest([corner]))[corner].proof
    assert proof is not None and proof.caption == "moi.pdf"
    assert proof.sha256 == hashlib.sha256(pdf(title="mới")).hexdigest()
