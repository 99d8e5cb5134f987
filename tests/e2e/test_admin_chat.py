"""Admin work in the chat on Telegram: /invite (one code, or a file for a subtree) and /announce."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from conversations.messages import Inbound
from domain.organisation import Role
from tests.e2e.conftest import Phone, join
from tests.support.images import jpeg
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

BTV = 7301
NEWCOMER = 7302
SECRETARY = 7303
CODE = re.compile(r"^[0-9A-Z]{12}$", re.MULTILINE)


async def test_a_btv_member_invites_a_secretary_who_then_joins(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (ask_role,) = await hoa.say("/invite")
        assert ask_role.text.startswith("Bước 1/3 · Mời người tham gia")
        assert "Ví dụ: Bí thư" in ask_role.text
        labels = [label for row in ask_role.buttons for label, _data in row]
        assert "🔑 Quản trị viên" not in labels  # admins only
        (ask_unit,) = await hoa.press(ask_role, "👤 Bí thư")
        assert ask_unit.text.startswith("Bước 2/3") and "Ví dụ: BP-DP-TL-A1" in ask_unit.text
        (ask_name,) = await hoa.say("bp-dp-tl-a2")
        assert ask_name.text.startswith("Bước 3/3") and "Ví dụ: Nguyễn Thị Lan" in ask_name.text
        (summary,) = await hoa.say("Trần Văn Nam")
        assert "BP-DP-TL-A2" in summary.text and "Trần Văn Nam" in summary.text
        (made,) = await hoa.press(summary, "✅ Tạo mã mời")
        assert made.text.startswith("✅ Mã mời làm bí thư của Chi đoàn ấp 2:")
        match = CODE.search(made.text)
        assert match is not None, made.text
        code = match.group(0)
        assert f"https://t.me/dvk_test_bot?start={code}" in made.text
        assert f"/start {code}" in made.text

        nam = Phone(emulator, NEWCOMER)
        welcome = await nam.say(f"/start {code}", count=2)
        assert "Trần Văn Nam" in welcome[0].text
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("telegram", str(BTV))
        newcomer = await tx.accounts.account("telegram", str(NEWCOMER))
        assert account is not None and newcomer is not None
        invite = await tx.accounts.invite_for_code(code)
        assert invite is not None and invite.created_by == account.person_id
        person = await tx.accounts.person(newcomer.person_id)
        unit = await tx.units.by_code("BP-DP-TL-A2")
        assert person is not None and unit is not None
        assert person.units_where(Role.SECRETARY) == [unit.id]


async def test_invites_stay_inside_the_subtree_and_secretaries_cannot_invite(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        # A BTV member of Đoàn xã Tân Lập: Chi đoàn thôn 4 (Bù Đăng) is not theirs.
        tan = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP-TL", name="Lê Văn Tân")
        (ask_role,) = await tan.say("/invite")
        # Cụm thi đua số 1 spans three communes: not wholly theirs, so no cluster lead to make.
        labels = [label for row in ask_role.buttons for label, _data in row]
        assert "🧭 Cụm trưởng" not in labels
        # A forged button (what a modified client could send) is not among the options.
        forged = await world.runtime.dispatcher.handle(
            Inbound(channel="telegram", chat_id=str(BTV), user_id=str(BTV), choice="admin")
        )
        assert forged[0].text.startswith("⚠️") and "Bước 1/3" in forged[0].text
        (ask_unit,) = await tan.press(ask_role, "👤 Bí thư")
        (refused,) = await tan.say("BP-BD-DL-T4")
        assert "Không có đơn vị «BP-BD-DL-T4» trong phạm vi của bạn." in refused.text
        (refused,) = await tan.say("BP-DP")  # above them
        assert "Không có đơn vị «BP-DP»" in refused.text
        lan = await join(world, emulator, SECRETARY)
        (no,) = await lan.say("/invite")
        assert no.text.startswith("Lệnh /invite không dành cho vai trò của bạn.")
        (no,) = await lan.say("/announce")
        assert no.text.startswith("Lệnh /announce không dành cho vai trò của bạn.")
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("telegram", str(BTV))
        assert account is not None
        assert await tx.accounts.invites(created_by=account.person_id) == []


async def test_the_invites_of_every_branch_without_a_secretary_arrive_as_a_file(
    world: World, emulator: TelegramEmulator
) -> None:
    await world.bind_telegram(501, "BP-DP-TL-A1")  # Chi đoàn ấp 1 has its secretary
    async with world.telegram(emulator):
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (ask_role,) = await hoa.say("/invite")
        (ask_unit,) = await hoa.press(ask_role, "📋 Mọi chi đoàn chưa có bí thư")
        assert ask_unit.text.startswith("Bước 2/2")
        (summary,) = await hoa.press(ask_unit, "Huyện Đoàn Đồng Phú")
        (sent,) = await hoa.press(summary, "✅ Tạo mã mời")
    assert sent.method == "sendDocument" and sent.filename == "ma-moi-BP-DP.xlsx"
    assert sent.text is not None and "3 chi đoàn chưa có bí thư" in sent.text
    assert sent.document is not None
    sheet = load_workbook(io.BytesIO(sent.document)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.freeze_panes == "A2"
    assert rows[0] == ("Mã đơn vị", "Đơn vị", "Mã mời", "Đường liên kết", "Có hiệu lực đến")
    assert [row[0] for row in rows[1:]] == ["BP-DP-DT-TH", "BP-DP-THPT-12A1", "BP-DP-TL-A2"]
    for _unit, _name, code, link, expiry in rows[1:]:
        assert link == f"https://t.me/dvk_test_bot?start={code}"
        assert expiry == "07/12/2026 16:00"  # 14 days from 23/11/2026 16:00 in Hà Nội
    async with world.runtime.database.read() as tx:
        for row in rows[1:]:
            invite = await tx.accounts.invite_for_code(str(row[2]))
            assert invite is not None and invite.role is Role.SECRETARY


async def test_an_announcement_reaches_each_secretary_once_with_its_photo(
    world: World, emulator: TelegramEmulator
) -> None:
    await world.bind_telegram(501, "BP-DP-TL-A1")
    await world.bind_telegram(502, "BP-DP-TL-A2")
    await world.bind_telegram(503, "BP-DP-DT-TH")
    await world.bind_telegram(504, "BP-BD-DL-T4")  # Bù Đăng: outside the district
    await world.bind_telegram(505, "BP-DP-TL")  # a commune secretary
    async with world.runtime.database.transaction() as tx:
        english = await tx.accounts.account("telegram", "502")
        blocked = await tx.accounts.account("telegram", "503")
        assert english is not None and blocked is not None
        await tx.accounts.set_locale(english.person_id, "en")
        await tx.accounts.mark_unreachable(blocked.id, world.clock.now())
    async with world.telegram(emulator) as telegram:
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (audience,) = await hoa.say("/announce")
        assert audience.text.startswith("Bước 1/4 · Thông báo")
        assert "Ví dụ:" in audience.text
        (ask_text,) = await hoa.press(audience, "Mọi bí thư các đơn vị của tôi")
        assert ask_text.text.startswith("Bước 2/4") and "Ví dụ: Huyện Đoàn họp" in ask_text.text
        (ask_photo,) = await hoa.say("Họp bí thư chi đoàn lúc 8 giờ thứ Bảy.")
        assert ask_photo.text.startswith("Bước 3/4")
        # the step takes one photo: it goes on by itself, with no "Xong" to tap
        (confirm,) = await hoa.photo(jpeg(seed=41))
        assert confirm.text.startswith("Bước 4/4")
        assert "Thông báo sẽ đến 3 bí thư." in confirm.text
        assert "Còn 1 bí thư đã chặn bot nên sẽ không nhận được." in confirm.text
        (done,) = await hoa.press(confirm, "📣 Gửi")
        assert done.text.startswith("📣 Đã đưa vào hàng đợi gửi cho 3 bí thư.")
        assert "1 bí thư đã chặn bot" in done.text
        counts = await world.runtime.sender({"telegram": telegram}).drain()
        assert counts.sent == 3
        (lan,) = await emulator.wait_for_messages(501)
        (nam,) = await emulator.wait_for_messages(502)
        await emulator.wait_for_messages(505)
        assert lan.method == "sendPhoto" and lan.photo == jpeg(seed=41)
        assert lan.text == "📣 Thông báo từ Lê Thị Hoa:\nHọp bí thư chi đoàn lúc 8 giờ thứ Bảy."
        assert nam.method == "sendPhoto"
        assert nam.text is not None and nam.text.startswith("📣 Announcement from Lê Thị Hoa:")
        again = await world.runtime.sender({"telegram": telegram}).drain()
        assert again.sent == 0
    assert emulator.messages_to(503) == [] and emulator.messages_to(504) == []
    async with world.runtime.database.read() as tx:
        rows = await tx.outbox.rows("announcement")
        assert len(rows) == 3 and {r["status"] for r in rows} == {"sent"}
        assert len({r["key"] for r in rows}) == 3
        assert {r["photo_sha256"] for r in rows} == {rows[0]["photo_sha256"]}
        assert (await tx.outbox.counts_by_kind())["announcement"]["sent"] == 3


async def test_a_long_announcement_to_one_level_follows_its_photo(
    world: World, emulator: TelegramEmulator
) -> None:
    await world.bind_telegram(501, "BP-DP-TL-A1")
    await world.bind_telegram(505, "BP-DP-TL")  # grassroots: not a branch
    body = "Kế hoạch tháng 12. " * 80  # over 1,024 characters: too long for a caption
    async with world.telegram(emulator) as telegram:
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (audience,) = await hoa.say("/announce")
        (ask_text,) = await hoa.press(audience, "Chỉ bí thư cấp chi đoàn")
        await hoa.say(body)
        (confirm,) = await hoa.photo(jpeg(seed=42))
        assert "Thông báo sẽ đến 1 bí thư." in confirm.text
        assert "chặn bot" not in confirm.text
        await hoa.press(confirm, "📣 Gửi")
        await world.runtime.sender({"telegram": telegram}).drain()
        photo, message = await emulator.wait_for_messages(501, 2)
    assert photo.method == "sendPhoto" and photo.text is None
    assert (
        message.method == "sendMessage"
        and message.text == f"📣 Thông báo từ Lê Thị Hoa:\n{body.strip()}"
    )
    assert emulator.messages_to(505) == []
