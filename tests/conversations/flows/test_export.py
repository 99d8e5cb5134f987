"""``/export`` played whole: the registry made as a real XLSX after the turn and sent as a
file; a unit outside one's scope is refused by name."""

from __future__ import annotations

from openpyxl import load_workbook

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def test_the_registry_is_sent_as_a_file_with_the_models_of_the_scope(
    pg_world: World,
) -> None:
    world = pg_world
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await secretary.register("Đường hoa")
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    assert "Bạn cần tệp nào?" in await btv.say("/export")
    await btv.press("📊 Sổ đăng ký mô hình (XLSX)")
    (reply,) = btv.last
    assert reply.text == "📊 Sổ đăng ký mô hình năm 2026."
    assert reply.document is not None and reply.document.filename.endswith(".xlsx")
    sheet = load_workbook(reply.document.path, read_only=True).worksheets[0]
    header, *rows = list(sheet.iter_rows(values_only=True))
    column = header.index("Tên mô hình")
    assert [row[column] for row in rows] == ["Đường hoa"]


async def test_a_report_of_a_unit_outside_the_scope_is_refused(world: World) -> None:
    btv = await Chat.joined(world, Role.BTV, "BP-DP", name="Trần Văn Bình")
    await btv.say("/export")
    await btv.press("DOCX")
    refused = await btv.say("BP-BD-DL-T4")
    assert "Không có đơn vị «BP-BD-DL-T4» trong phạm vi của bạn." in refused
    assert "Bước 2/" in refused
