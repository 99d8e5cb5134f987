"""More cases.
``/export`` played whole: which file, then what it covers; the file arrives in the reply."""

from __future__ import annotations

import datetime as dt

from docx import Document as Docx
from openpyxl import load_workbook

from conversations.messages import Document
from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.visits import logged_visit, person_of
from tests.support.world import World


def sent_file(chat: Chat) -> Document:
    """The file of the last reply."""
    (reply,) = chat.last
    assert reply.document is not None
    return reply.document


def visit_rows(document: Document) -> dict[str, list[tuple[object, ...]]]:
    """The visits listed on each sheet of a visit log: date, member, unit."""
    listed = {}
    for sheet in load_workbook(document.path).worksheets:
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        listed[sheet.title] = [tuple(row[:3]) for row in rows[: rows.index((None,) * 7)]]
    return listed


async def btv_of_c1(world: World, chat_id: str, name: str) -> Chat:
    return await Chat.joined(world, Role.BTV, "BP-DP", chat_id=chat_id, name=name, cluster="C1")


async def test_the_visit_log_of_a_month_is_a_members_own_and_a_leads_whole_cluster(
    pg_world: World,
) -> None:
    world = pg_world
    hoa = await btv_of_c1(world, "hoa", "Lê Thị Hoa")
    binh = await btv_of_c1(world, "binh", "Trần Văn Bình")
    lead = await Chat.joined(world, Role.CLUSTER_LEAD, None, chat_id="lead", cluster="C1")
    await logged_visit(world, await person_of(hoa), "BP-DP-TL", dt.date(2026, 11, 20))
    await logged_visit(world, await person_of(binh), "BP-DP-DT", dt.date(2026, 11, 12))
    await logged_visit(world, await person_of(hoa), "BP-DP-DT", dt.date(2026, 10, 30))
    files = {}
    for chat in (hoa, lead):
        assert "Bạn cần tệp nào?" in await chat.say("/export")
        assert "Tháng nào?" in await chat.press("🗓 Sổ đi cơ sở (XLSX)")
        assert await chat.press("11/2026") == "🗓 Sổ đi cơ sở tháng 11/2026."
        files[chat.chat_id] = sent_file(chat)
    assert files["hoa"].filename == "so-di-co-so-2026-11.xlsx"
    assert visit_rows(files["hoa"]) == {
        "Cụm thi đua số 1": [(dt.datetime(2026, 11, 20), "Lê Thị Hoa", "Đoàn xã Tân Lập")]
    }
    assert visit_rows(files["lead"]) == {
        "Cụm thi đua số 1": [
            (dt.datetime(2026, 11, 12), "Trần Văn Bình", "Đoàn xã Đồng Tiến"),
            (dt.datetime(2026, 11, 20), "Lê Thị Hoa", "Đoàn xã Tân Lập"),
        ]
    }


async def test_the_written_report_of_a_unit_named_as_its_suggestion_reads(world: World) -> None:
    hoa = await btv_of_c1(world, "hoa", "Lê Thị Hoa")
    await hoa.say("/export")
    assert "Cho đơn vị nào? Bấm chọn, hoặc nhập mã đơn vị." in await hoa.press("📝")
    ask_period = await hoa.say("Huyện Đoàn Đồng Phú")  # the suggestion's name, typed
    assert "Kỳ báo cáo nào?" in ask_period
    periods = [b.label for r in hoa.last for b in r.all_buttons() if not b.is_command]
    assert periods == [  # due from 400 days ago to 200 days ahead, the latest first
        "Báo cáo 6 tháng đầu năm 2027 (hạn 15/05/2027)",
        "Báo cáo tổng kết năm 2026 (hạn 15/11/2026)",
        "Báo cáo 6 tháng đầu năm 2026 (hạn 15/05/2026)",
        "Báo cáo tổng kết năm 2025 (hạn 15/11/2025)",
    ]
    assert await hoa.press("Báo cáo tổng kết năm 2026") == (
        "📝 Báo cáo tổng kết năm 2026 của Huyện Đoàn Đồng Phú."
    )
    document = sent_file(hoa)
    assert document.filename == "bao-cao-2026-annual-BP-DP.docx"
    assert "BÁO CÁO" in [p.text for p in Docx(str(document.path)).paragraphs]


async def test_a_unit_outside_ones_scope_is_refused_and_asked_again(world: World) -> None:
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="a1")
    await secretary.say("/export")
    await secretary.press("📝")
    refused = await secretary.say("BP-DP-TL")  # the commune above the branch
    assert refused.startswith("⚠️ Không có đơn vị «BP-DP-TL» trong phạm vi của bạn.")
    assert "Cho đơn vị nào?" in refused
    assert "Kỳ báo cáo nào?" in await secretary.say("bp-dp-tl-a1")
    await secretary.press("Báo cáo tổng kết năm 2026")
    assert sent_file(secretary).filename == "bao-cao-2026-annual-BP-DP-TL-A1.docx"
