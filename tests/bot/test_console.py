"""Choices in the console (a channel without buttons), read-only views, and unit codes typed in
any case, in the terminal and on the command line."""

from __future__ import annotations

import re
from pathlib import Path

from domain.organisation import Role
from tests.support.cli import dvk, environment
from tests.support.images import jpeg
from tests.support.pdfs import pdf
from tests.support.people import join_console
from tests.support.registry import add_model
from tests.support.world import World

CODE = re.compile(r"\b([0-9A-Z]{12})\b")


async def test_every_choice_is_numbered_a_single_one_too_and_a_number_picks_it(
    world: World,
) -> None:
    await join_console(world, "terminal")  # the secretary of Chi đoàn ấp 1 only
    console, out = world.console()
    await console.say("/export")
    assert "  2. 📝 Báo cáo bằng văn bản (DOCX)" in out.getvalue()
    await console.say("2")
    assert "Cho đơn vị nào?" in out.getvalue()
    assert "  1. Chi đoàn ấp 1" in out.getvalue()  # the one suggestion, numbered
    assert "•" not in out.getvalue()
    await console.say("1")
    assert "Kỳ báo cáo nào?" in out.getvalue()
    assert "⚠️" not in out.getvalue()


async def test_a_view_cancelled_loses_nothing_and_leaves_no_draft(world: World) -> None:
    await join_console(world, "terminal", Role.BTV, "BP-DP", name="Lê Thị Hoa", cluster="C1")
    console, out = world.console()
    await console.say("/visits")
    await console.say("1")  # this month
    await console.say("/cancel")
    assert out.getvalue().rstrip().endswith("Không có gì để hủy: bạn chỉ đang xem.")
    assert "Hủy bản nháp" not in out.getvalue()
    await console.say("/export")
    await console.say("2")
    await console.say("bp-dp-tl")  # a unit code typed in lower case
    assert "Kỳ báo cáo nào?" in out.getvalue()
    await console.say("hello")
    await console.say("/visits")
    text = out.getvalue()
    assert "bản nháp" not in text and "Làm tiếp" not in text


async def test_a_part_of_a_label_picks_it_and_a_part_of_two_is_refused(world: World) -> None:
    await join_console(world, "terminal")
    console, out = world.console()
    for line in (
        "/register",
        "Sân chơi thiếu nhi",
        "ca nhan",  # "Cá nhân", without diacritics
        "Anh Nguyễn Văn Tài",
        "Ấp 1, xã Tân Lập",
        "quoc phong",  # "Quốc phòng – an ninh"
    ):
        await console.say(line)
    assert "Bao nhiêu người tham gia?" in out.getvalue(), out.getvalue()
    await console.say("1e9")
    assert "số nguyên từ 1 đến 1.000.000" in out.getvalue()
    for line in ("35 người", "/skip", "1"):  # the details now
        await console.say(line)
    mark = len(out.getvalue())
    await console.say("cấp")  # "Cấp ủy Đảng" and "Đoàn cấp trên"
    refused = out.getvalue()[mark:]
    assert "khớp với nhiều lựa chọn: 1. Cấp ủy Đảng; 3. Đoàn cấp trên" in refused
    assert "Mô hình đã đăng ký với cấp nào" in refused
    await console.say("cap tren")
    for line in ("/skip", "/skip", "/skip", "/skip", "/skip", "/skip", "/skip", "1"):
        await console.say(line)
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("bp-dp-tl-a1")
        assert unit is not None and unit.code == "BP-DP-TL-A1"
        (model,) = await tx.models.for_units([unit.id], 2026)
    fields = model.fields
    assert (fields.owner_kind, fields.domain, fields.direction) == (
        "person",
        "defence_security",
        "upper_union",
    )


async def test_unit_and_cluster_codes_on_the_command_line_ignore_case_and_spaces(
    tmp_path: Path,
) -> None:
    env = environment(tmp_path / "data")
    await dvk("init", "--sample", env=env)
    invite = await dvk(
        "invite", "--role", "btv", "--unit", " bp - dp ", "--cluster", "c1", "--name", "Hoa",
        env=env,
    )  # fmt: skip
    assert invite.code == 0, invite.err
    assert CODE.search(invite.out)
    digest = await dvk("digest", "--unit", "bp-dp-tl", "--dry-run", env=env)
    assert digest.code == 0, digest.err
    units = tmp_path / "units.csv"
    units.write_text(
        "code,name,level,parent_code,cluster\nbp-dp-tl-a9,Chi đoàn ấp 9,branch, bp-dp-tl ,c1\n",
        encoding="utf-8",
    )
    imported = await dvk("units", "import", str(units), env=env)
    assert imported.code == 0, imported.err
    listing = await dvk("units", "list", env=env)
    assert "BP-DP-TL-A9  Chi đoàn ấp 9" in listing.out
    again = await dvk("units", "import", str(units), env=env)  # updates by code, adds nothing
    assert again.code == 0, again.err
    assert (await dvk("units", "list", env=env)).out.count("Chi đoàn ấp 9") == 1


def test_the_telegram_keyboard_puts_short_choices_two_to_a_row_and_commands_below() -> None:
    from bot.telegram import keyboard
    from conversations.messages import Button, Reply

    reply = Reply(
        "?",
        choices=(Button("Có", "yes"), Button("Không", "no"), Button("x" * 19, "long")),
        navigation=(Button("⬅️ Quay lại", "/back"), Button("Bỏ qua ⏭️", "/skip")),
    )
    markup = keyboard(reply)
    assert markup is not None
    assert [[b.callback_data for b in row] for row in markup.inline_keyboard] == [
        ["yes", "no"],
        ["long"],
        ["/back", "/skip"],
    ]
    assert keyboard(Reply("no buttons")) is None


async def test_a_pdf_is_sent_from_the_terminal_as_a_file_path(world: World, tmp_path: Path) -> None:
    model_id = await add_model(world, "Thư viện xanh")
    await join_console(world, "terminal", Role.BTV, "BP-DP", name="Lê Thị Hoa")
    console, out = world.console()
    for line in ["/review", "1", "1"]:  # the model, then criterion 1: met
        await console.say(line)
    assert "Đính kèm văn bản xác nhận" in out.getvalue()
    document = tmp_path / "quyết định 12.pdf"
    document.write_bytes(pdf())
    fake = tmp_path / "ảnh.pdf"
    fake.write_bytes(jpeg(seed=60))
    await console.say(f"/file {fake}")
    assert "⚠️ Tệp này không phải là PDF thật" in out.getvalue()
    await console.say(f"/file {document}")
    assert "Số của văn bản" in out.getvalue()
    async with world.runtime.database.read() as tx:
        assert await tx.appraisals.latest([model_id]) == {}  # nothing is saved before the end
    state = await _review_state(world)
    assert state["proof"][0]["filename"] == "quyết định 12.pdf"
    assert state["proof"][0]["mime"] == "application/pdf"


async def _review_state(world: World) -> dict:  # type: ignore[type-arg]
    async with world.runtime.database.read() as tx:
        (conversation,) = [
            c for c in await tx.conversations.all_in_chat("console", "terminal") if c.active
        ]
    return conversation.state["data"]  # type: ignore[no-any-return]
