"""The written report computes its figures once: the sentences and the tables say the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document

from domain.registry import Status
from domain.scope import Scope
from locales import use_locale
from reports.written_report import export_written_report, report_figures
from storage.periodic_reports import EntryFields
from tests.support.goals import seed_goals
from tests.support.moved_unit import move_tan_lap
from tests.support.seed import fields, seed_district, seed_district_targets
from tests.support.world import World

MARCH = dt.datetime(2026, 3, 1, 3, tzinfo=dt.UTC)


async def tan_lap(world: World) -> None:
    """Đoàn xã Tân Lập in 2026: four models (one rejected) and two annual reports.

    Registered → reported for 2026-annual:
      Đường hoa (ấp 1, economy):     30 people, 100 → 120 beneficiaries, 50 → 60 million
      Tủ sách (ấp 1, culture):       20 people, 40 beneficiaries, 5 million; reported without
                                     figures, so the registered ones stand
      Tự quản (xã, defence):         15 people, no figures, not reported on
      Bếp ăn (ấp 2, economy):        rejected: counted nowhere
    Both reports state a difficulty; the commune's a recommendation too.
    """
    a1 = await world.bind_telegram(601, "BP-DP-TL-A1")
    commune = await world.bind_telegram(602, "BP-DP-TL")
    a2 = await world.bind_telegram(603, "BP-DP-TL-A2")
    async with world.runtime.database.transaction() as tx:
        units = {}
        for code in ("BP-DP-TL", "BP-DP-TL-A1", "BP-DP-TL-A2"):
            unit = await tx.units.by_code(code)
            assert unit is not None
            units[code] = unit.id
        road = await tx.models.create(
            units["BP-DP-TL-A1"], 2026, fields("Đường hoa", "economy"), a1, MARCH
        )
        books = await tx.models.create(
            units["BP-DP-TL-A1"],
            2026,
            fields("Tủ sách", "culture_society", participants=20, beneficiaries=40,
                   money_vnd=5_000_000),
            a1,
            MARCH,
        )  # fmt: skip
        await tx.models.create(
            units["BP-DP-TL"],
            2026,
            fields("Tự quản", "defence_security", participants=15, beneficiaries=None,
                   money_vnd=None),
            commune,
            MARCH,
        )  # fmt: skip
        kitchen = await tx.models.create(
            units["BP-DP-TL-A2"],
            2026,
            fields("Bếp ăn", "economy", participants=10, beneficiaries=200, money_vnd=9_000_000),
            a2,
            MARCH,
        )
        await tx.appraisals.set_status(kitchen, Status.REJECTED, None, MARCH)
        entries = [
            EntryFields(road, "Hoàn thành 2 km", beneficiaries=120, money_vnd=60_000_000),
            EntryFields(books, "Duy trì tủ sách"),
        ]
        await tx.periodic_reports.save(
            units["BP-DP-TL-A1"], "2026-annual", "Tốt", entries, a1, MARCH,
            difficulties="Thiếu kinh phí",
        )  # fmt: skip
        await tx.periodic_reports.save(
            units["BP-DP-TL"], "2026-annual", "Khá", [], commune, MARCH,
            difficulties="Thanh niên đi làm ăn xa", recommendations="Hỗ trợ vật liệu",
        )  # fmt: skip


async def written(world: World, path: Path, locale: str) -> Document:
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL")
    assert unit is not None
    with use_locale(locale):
        await export_written_report(
            world.runtime.database,
            world.runtime.evidence,
            path,
            unit=unit,
            period="2026-annual",
            targets=world.runtime.config.targets,
            today=dt.date(2026, 11, 23),
        )
    return Document(str(path))


async def test_the_sentences_and_the_tables_show_the_same_figures(
    world: World, tmp_path: Path
) -> None:
    await tan_lap(world)
    document = await written(world, tmp_path / "vi.docx", "vi")
    text = [p.text for p in document.paragraphs]
    _heading, figures, models = document.tables
    rows = [[c.text for c in row.cells] for row in figures.rows]
    assert rows[1:] == [
        ["Kinh tế", "1", "30", "120", "60.000.000\xa0₫"],
        ["Văn hóa – xã hội", "1", "20", "40", "5.000.000\xa0₫"],
        ["Quốc phòng – an ninh", "1", "15", "0", "0\xa0₫"],
        ["Xây dựng hệ thống chính trị", "0", "0", "0", "0\xa0₫"],
        ["Tổng cộng", "3", "65", "160", "65.000.000\xa0₫"],
    ]
    assert (
        "Năm 2026 có 3 mô hình được tính: 65 người tham gia, 160 người hưởng lợi, "
        "kinh phí huy động 65.000.000\xa0₫."
    ) in text
    assert "Số báo cáo kỳ này đã nhận: 2." in text
    # the models table lists the three counted models, not the rejected one
    assert sorted(row.cells[1].text.split(" — ")[0] for row in models.rows[1:]) == [
        "Tủ sách",
        "Tự quản",
        "Đường hoa",
    ]
    # coverage: ấp 1 has 2 models (target 1), ấp 2 none counted, the commune 1 of 2
    assert "1/3 đơn vị có chỉ tiêu đã đăng ký đủ mô hình năm 2026 (33%)." in text
    assert "Chưa đạt: Chi đoàn ấp 2, Đoàn xã Tân Lập." in text


async def test_the_english_report_counts_in_english(world: World, tmp_path: Path) -> None:
    await tan_lap(world)
    document = await written(world, tmp_path / "en.docx", "en")
    text = [p.text for p in document.paragraphs]
    assert (
        "In 2026, 3 models count: 65 participants, 160 beneficiaries and ₫65,000,000 raised."
    ) in text
    assert "1 of 3 units with a target registered enough models in 2026 (33%)." in text
    assert document.tables[1].rows[-1].cells[3].text == "160"


async def test_the_difficulties_and_recommendations_of_the_reports_are_sections(
    world: World, tmp_path: Path
) -> None:
    await tan_lap(world)
    document = await written(world, tmp_path / "vi.docx", "vi")
    text = [p.text for p in document.paragraphs]
    start = text.index("V. Đánh giá chung")
    assert text[start : start + 9] == [
        "V. Đánh giá chung",
        "Khá",
        "VI. Khó khăn, vướng mắc",
        "Được nêu trong 2 báo cáo của kỳ:",
        "• Chi đoàn ấp 1: Thiếu kinh phí",
        "• Đoàn xã Tân Lập: Thanh niên đi làm ăn xa",
        "VII. Kiến nghị, đề xuất",
        "Được nêu trong 1 báo cáo của kỳ:",
        "• Đoàn xã Tân Lập: Hỗ trợ vật liệu",
    ]


async def test_the_goals_of_the_models_are_a_table_up_to_the_period(
    world: World, tmp_path: Path
) -> None:
    await seed_goals(world)
    annual = await written(world, tmp_path / "annual.docx", "vi")
    goals = annual.tables[-1]
    assert [c.text for c in goals.rows[0].cells] == [
        "Mô hình", "Đơn vị", "Mục tiêu", "Đã đạt được đến nay", "Tỷ lệ",
    ]  # fmt: skip
    assert [[c.text for c in row.cells] for row in goals.rows[1:]] == [
        ["Nhà nhân ái", "Chi đoàn ấp 1", "90 căn nhà", "45", "50%"],
        ["Nhà nhân ái", "Chi đoàn ấp 1", "3,6 tỷ đồng", "1,2", "33%"],
        ["Thiếu nhi", "Chi đoàn ấp 2", "3.000 trẻ em", "1.200", "40%"],
        ["Thiếu nhi", "Chi đoàn ấp 2", "600 triệu đồng", "150", "25%"],
    ]
    text = [p.text for p in annual.paragraphs]
    assert "Mục tiêu định lượng của các mô hình" in text and "Đã đạt 0/4 mục tiêu." in text
    # the 6-month report reads the values sent up to then
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL")
    assert unit is not None
    path = tmp_path / "h1.docx"
    await export_written_report(
        world.runtime.database, world.runtime.evidence, path, unit=unit, period="2026-h1",
        targets=world.runtime.config.targets, today=dt.date(2026, 5, 10),
    )  # fmt: skip
    rows = [[c.text for c in row.cells][2:] for row in Document(str(path)).tables[-1].rows[1:]]
    assert rows == [
        ["90 căn nhà", "30", "33%"],
        ["3,6 tỷ đồng", "1,2", "33%"],
        ["3.000 trẻ em", "–", "–"],
        ["600 triệu đồng", "–", "–"],
    ]


async def test_no_goals_no_goal_table(world: World, tmp_path: Path) -> None:
    await tan_lap(world)
    document = await written(world, tmp_path / "vi.docx", "vi")
    assert len(document.tables) == 3
    assert "Mục tiêu định lượng của các mô hình" not in [p.text for p in document.paragraphs]


async def report_of(world: World, path: Path, code: str, period: str) -> Document:
    async with world.runtime.database.read() as tx:
        unit = await tx.units.existing(code)
    with use_locale("vi"):
        await export_written_report(
            world.runtime.database,
            world.runtime.evidence,
            path,
            unit=unit,
            period=period,
            targets=world.runtime.config.targets,
            today=dt.date(2026, 11, 23),
        )
    return Document(str(path))


def figure_rows(document: Document) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in document.tables[1].rows[1:]]


def model_names(document: Document) -> list[str]:
    return sorted(row.cells[1].text.split(" — ")[0] for row in document.tables[2].rows[1:])


async def test_a_moved_unit_reports_under_its_old_parent_for_last_year(
    world: World, tmp_path: Path
) -> None:
    """Tân Lập moved from Đồng Phú to Bù Đăng on 01/07/2026 (figures: tests/support/moved_unit)."""
    await move_tan_lap(world)
    last_year = await report_of(world, tmp_path / "dp-2025.docx", "BP-DP", "2025-annual")
    assert figure_rows(last_year) == [
        ["Kinh tế", "2", "22", "390", "22.000.000\xa0₫"],
        ["Văn hóa – xã hội", "1", "8", "50", "4.000.000\xa0₫"],
        ["Quốc phòng – an ninh", "0", "0", "0", "0\xa0₫"],
        ["Xây dựng hệ thống chính trị", "0", "0", "0", "0\xa0₫"],
        ["Tổng cộng", "3", "30", "440", "26.000.000\xa0₫"],
    ]
    assert model_names(last_year) == ["Cầu tre", "Sân chơi", "Đèn đường"]
    assert "Số báo cáo kỳ này đã nhận: 2." in [p.text for p in last_year.paragraphs]

    this_year = await report_of(world, tmp_path / "bd-2026.docx", "BP-BD", "2026-annual")
    assert figure_rows(this_year) == [
        ["Kinh tế", "1", "5", "25", "1.000.000\xa0₫"],
        ["Văn hóa – xã hội", "1", "6", "30", "3.000.000\xa0₫"],
        ["Quốc phòng – an ninh", "0", "0", "0", "0\xa0₫"],
        ["Xây dựng hệ thống chính trị", "0", "0", "0", "0\xa0₫"],
        ["Tổng cộng", "2", "11", "55", "4.000.000\xa0₫"],
    ]
    assert model_names(this_year) == ["Giếng nước", "Vườn rau"]
    assert "Số báo cáo kỳ này đã nhận: 1." in [p.text for p in this_year.paragraphs]

    old_parent_now = await report_of(world, tmp_path / "dp-2026.docx", "BP-DP", "2026-annual")
    assert figure_rows(old_parent_now)[-1] == ["Tổng cộng", "0", "0", "0", "0\xa0₫"]
    new_parent_then = await report_of(world, tmp_path / "bd-2025.docx", "BP-BD", "2025-annual")
    assert figure_rows(new_parent_then)[-1] == ["Tổng cộng", "0", "0", "0", "0\xa0₫"]

    # the moved unit's own report names the parent it had in the period's year
    def heading(document: Document) -> str:
        return document.tables[0].rows[0].cells[0].text

    own_then = await report_of(world, tmp_path / "tl-2025.docx", "BP-DP-TL", "2025-annual")
    own_now = await report_of(world, tmp_path / "tl-2026.docx", "BP-DP-TL", "2026-annual")
    assert "HUYỆN ĐOÀN ĐỒNG PHÚ" in heading(own_then) and "BÙ ĐĂNG" not in heading(own_then)
    assert "HUYỆN ĐOÀN BÙ ĐĂNG" in heading(own_now)


async def test_the_exemplars_of_the_year_are_a_section_with_their_status(
    world: World, tmp_path: Path
) -> None:
    await tan_lap(world)
    async with world.runtime.database.transaction() as tx:
        units = {}
        for code in ("BP-DP-TL", "BP-DP-TL-A1", "BP-DP-TL-A2", "BP-DP-DT"):
            unit = await tx.units.by_code(code)
            assert unit is not None
            units[code] = unit.id
        person = await tx.accounts.create_person("Bí thư", "vi", MARCH)
        for code, name, position, achievement, status, year in [
            ("BP-DP-TL-A1", "Nguyễn Thị Lan", "Bí thư chi đoàn", "Vận động hiến 300 m² đất",
             Status.COMMENDED_1, 2026),
            ("BP-DP-TL", "Trần Văn Nam", None, "Dạy bơi cho 40 em", Status.RECOGNISED, 2026),
            ("BP-DP-TL-A2", "Lê Văn Bình", None, "Trùng hồ sơ", Status.REJECTED, 2026),
            ("BP-DP-TL-A2", "Phạm Thị Mai", None, "Tủ sách cho 3 ấp", Status.REGISTERED, 2026),
            ("BP-DP-TL-A1", "Năm trước", None, "Năm 2025", Status.RECOGNISED, 2025),
            ("BP-DP-DT", "Xã khác", None, "Ngoài Tân Lập", Status.RECOGNISED, 2026),
        ]:  # fmt: skip
            exemplar_id = await tx.models.create_exemplar(
                units[code], year, name, position, achievement, person, MARCH
            )
            await tx.exemplars.set_status(exemplar_id, status, None, MARCH)
    document = await written(world, tmp_path / "vi.docx", "vi")
    text = [p.text for p in document.paragraphs]
    start = text.index("VIII. Điển hình cá nhân")
    # Tân Lập in 2026: Lan, Nam, Bình, Mai registered (4); Lan and Nam recognised (2), Lan
    # commended (1); Bình, rejected, is not listed; 2025 and Đồng Tiến are outside
    assert text[start : start + 5] == [
        "VIII. Điển hình cá nhân",
        "Điển hình cá nhân năm 2026: 4 đã đăng ký, 2 đã công nhận, 1 đã khen thưởng.",
        "• Trần Văn Nam (Đoàn xã Tân Lập) — Đã công nhận: Dạy bơi cho 40 em",
        "• Nguyễn Thị Lan, Bí thư chi đoàn (Chi đoàn ấp 1) — Khen thưởng đợt 1: "
        "Vận động hiến 300 m² đất",
        "• Phạm Thị Mai (Chi đoàn ấp 2) — Đã đăng ký: Tủ sách cho 3 ấp",
    ]
    assert len(document.tables) == 3  # paragraphs, not a new table


async def test_without_exemplars_the_section_says_so(world: World, tmp_path: Path) -> None:
    await tan_lap(world)
    document = await written(world, tmp_path / "en.docx", "en")
    text = [p.text for p in document.paragraphs]
    start = text.index("VIII. Individual exemplars")
    assert text[start + 1] == "No individual exemplar was registered in 2026."


async def test_coverage_against_each_unit_s_own_targets(world: World, tmp_path: Path) -> None:
    """The district with its own targets (figures worked out in ``seed_district_targets``)."""
    await seed_district(world, photos_in_store=True)
    await seed_district_targets(world)
    async with world.runtime.database.read() as tx:
        district = await tx.units.existing("BP-DP")
        figures = await report_figures(
            tx,
            Scope(roots=(district.id,)),
            world.runtime.config.targets,
            2026,
            "2026-annual",
            district,
        )
    assert (figures.units_with_target, figures.units_met) == (6, 3)
    assert (figures.units_each_domain, figures.units_each_domain_met) == (2, 0)
    assert figures.gathering_pct == 80
    path = tmp_path / "district.docx"
    with use_locale("vi"):
        await export_written_report(
            world.runtime.database,
            world.runtime.evidence,
            path,
            unit=district,
            period="2026-annual",
            targets=world.runtime.config.targets,
            today=dt.date(2026, 11, 23),
        )
    text = [p.text for p in Document(str(path)).paragraphs]
    assert "3/6 đơn vị có chỉ tiêu đã đăng ký đủ mô hình năm 2026 (50%)." in text
    assert (
        "Chưa đạt: Chi đoàn ấp 2, "
        "Đoàn xã Tân Lập (chưa có mô hình lĩnh vực: Kinh tế, Văn hóa – xã hội), "
        "Huyện Đoàn Đồng Phú (chưa có mô hình lĩnh vực: Kinh tế, Văn hóa – xã hội, "
        "Quốc phòng – an ninh, Xây dựng hệ thống chính trị)."
    ) in text
    assert "0/2 đơn vị phải có mô hình ở từng lĩnh vực đã có mô hình ở cả bốn lĩnh vực." in text
    assert "Chỉ tiêu tỷ lệ tập hợp thanh niên: 80%" in text
