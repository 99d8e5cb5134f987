"""What a BTV member gets on Telegram: the digest with its full list, and the files."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from domain.organisation import Role
from storage.org_import import import_units
from tests.e2e.conftest import join
from tests.support.moved_unit import move_tan_lap
from tests.support.seed import seed_district
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

BTV = 7201


async def test_the_digest_and_its_full_list_of_late_units(
    world: World, emulator: TelegramEmulator, tmp_path: Path
) -> None:
    rows = ["code,name,level,parent_code,cluster"] + [
        f"X{n:04d},Chi đoàn tổ dân phố số {n} khu phố Tân Hòa thị trấn Tân Phú,branch,BP-DP-TL,"
        for n in range(300)
    ]
    extra = tmp_path / "more.csv"
    extra.write_text("\n".join(rows) + "\n", encoding="utf-8")
    await import_units(world.runtime.database, extra, world.clock.now())
    await seed_district(world)
    async with world.telegram(emulator):
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (digest,) = await hoa.say("/digest")
        assert len(digest.text) <= 4096 and "đơn vị khác" in digest.text
        emulator.press_button(BTV, digest, "📋 Danh sách đầy đủ")
        await emulator.wait_idle(quiet=1.0)
    pieces = emulator.messages_to(BTV)[3:]
    assert len(pieces) >= 2 and all(len(p.text) <= 4096 for p in pieces)
    listed = [line for p in pieces for line in p.text.splitlines() if line.startswith("• ")]
    assert len(listed) == 305


async def test_the_registry_and_the_report_arrive_as_files(
    world: World, emulator: TelegramEmulator
) -> None:
    await seed_district(world, photos_in_store=True)
    async with world.telegram(emulator):
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (kinds,) = await hoa.say("/export")
        (registry,) = await hoa.press(kinds, "Sổ đăng ký mô hình")
        assert registry.method == "sendDocument"
        assert registry.filename == "so-dang-ky-mo-hinh-2026.xlsx"
        (kinds,) = await hoa.say("/export")
        (ask_unit,) = await hoa.press(kinds, "Báo cáo bằng văn bản")
        (ask_period,) = await hoa.press(ask_unit, "Huyện Đoàn Đồng Phú")
        (report,) = await hoa.press(ask_period, "Báo cáo tổng kết năm 2026")
    assert report.filename == "bao-cao-2026-annual-BP-DP.docx"
    assert report.text == "📝 Báo cáo tổng kết năm 2026 của Huyện Đoàn Đồng Phú."
    assert registry.document is not None and report.document is not None
    rows = list(
        load_workbook(io.BytesIO(registry.document)).worksheets[0].iter_rows(values_only=True)
    )
    assert len(rows) == 1 + 6
    document = Document(io.BytesIO(report.document))
    assert "BÁO CÁO" in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == 2


async def test_after_a_move_last_years_report_still_counts_the_unit_under_its_old_parent(
    world: World, emulator: TelegramEmulator
) -> None:
    """Tân Lập moved from Đồng Phú to Bù Đăng on 01/07/2026 (tests/support/moved_unit.py)."""
    await move_tan_lap(world)
    async with world.telegram(emulator):
        hoa = await join(world, emulator, 7301, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (kinds,) = await hoa.say("/export")
        (ask_unit,) = await hoa.press(kinds, "Báo cáo bằng văn bản")
        (ask_period,) = await hoa.press(ask_unit, "Huyện Đoàn Đồng Phú")
        (report,) = await hoa.press(ask_period, "Báo cáo tổng kết năm 2025")
        (kinds,) = await hoa.say("/export")
        (registry,) = await hoa.press(kinds, "Sổ đăng ký mô hình")
        binh = await join(world, emulator, 7302, role=Role.BTV, unit="BP-BD", name="Trần Bình")
        (kinds,) = await binh.say("/export")
        (their_registry,) = await binh.press(kinds, "Sổ đăng ký mô hình")
    assert report.filename == "bao-cao-2025-annual-BP-DP.docx" and report.document is not None
    document = Document(io.BytesIO(report.document))
    total = [c.text for c in document.tables[1].rows[-1].cells]
    assert total == ["Tổng cộng", "3", "30", "440", "26.000.000\xa0₫"]
    # this year, Đồng Phú's registry no longer holds Tân Lập's model; Bù Đăng's does
    assert registry.document is not None and their_registry.document is not None
    sheet = load_workbook(io.BytesIO(registry.document)).worksheets[0]
    assert len(list(sheet.iter_rows(values_only=True))) == 1
    theirs = load_workbook(io.BytesIO(their_registry.document)).worksheets[0]
    names = sorted(str(row) for row in theirs.iter_rows(min_row=2, values_only=True))
    assert len(names) == 2 and "Vườn rau" in names[0] + names[1]
