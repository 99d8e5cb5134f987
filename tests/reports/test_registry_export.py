"""The exports read back: XLSX with openpyxl, DOCX with python-docx, CSV with csv."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from docx import Document
from openpyxl import load_workbook

from domain.registry import Status
from domain.scope import Scope
from reports.registry_export import export_registry_csv, export_registry_xlsx
from reports.written_report import export_written_report
from storage.appraisals import CriterionResult
from tests.support.goals import seed_goals
from tests.support.registry import add_exemplar
from tests.support.seed import fields, seed_district
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


async def district(world: World) -> Scope:
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP")
    assert unit is not None
    return Scope(roots=(unit.id,))


async def test_the_xlsx_registry_and_its_summary(world: World, tmp_path: Path) -> None:
    seeded = await seed_district(world)
    async with world.runtime.database.transaction() as tx:
        criteria = [CriterionResult(n != 4, f"ghi chú {n}") for n in range(1, 6)]
        await tx.appraisals.record(
            seeded.models["Đường hoa ấp 1"],
            seeded.btv,
            criteria,
            "recognise",
            None,
            world.clock.now(),
        )
    path = tmp_path / "registry.xlsx"
    count = await export_registry_xlsx(
        world.runtime.database, path, HCM, await district(world), year=2026
    )
    assert count == 6  # the model outside the district is not in scope
    book = load_workbook(path)
    registry, summary = book.worksheets[:2]
    assert (registry.title, summary.title) == ("Sổ đăng ký", "Tổng hợp")
    assert registry.freeze_panes == "A2"
    assert registry.column_dimensions["E"].width == 36
    rows = list(registry.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:5] == ("Số", "Mã đơn vị", "Đơn vị", "Năm", "Tên mô hình")
    assert len(body) == 6
    record = dict(zip(header, next(r for r in body if r[4] == "Đường hoa ấp 1"), strict=True))
    assert record["Trạng thái"] == "Đã công nhận"
    assert record["Số tiêu chí đạt"] == "4/5"
    assert record["Tiêu chí 4"] == "✗ ghi chú 4" and record["Tiêu chí 1"] == "✓ ghi chú 1"
    assert record["Kinh phí huy động (đồng)"] == 50_000_000
    assert record["Thời điểm đăng ký"] == dt.datetime(2026, 3, 1, 10, 0)
    # The coverage matrix: the district's communes × the four domains, each counting its whole
    # subtree's models that count (ấp 2's rejected one does not); an empty domain is filled red.
    summary_rows = list(summary.iter_rows(values_only=True))
    assert summary_rows[0][2:] == (
        "Kinh tế",
        "Văn hóa – xã hội",
        "Quốc phòng – an ninh",
        "Xây dựng hệ thống chính trị",
        "Tổng cộng",
        "Lĩnh vực chưa có mô hình",
    )
    by_unit = {row[0]: row[2:] for row in summary_rows[1:-1]}
    assert by_unit == {
        "BP-DP-TL": (1, 0, 1, 1, 3, "Văn hóa – xã hội"),
        "BP-DP-DT": (
            2,
            0,
            0,
            0,
            2,
            "Văn hóa – xã hội, Quốc phòng – an ninh, Xây dựng hệ thống chính trị",
        ),
        "BP-DP-THPT": (
            0,
            0,
            0,
            0,
            0,
            "Kinh tế, Văn hóa – xã hội, Quốc phòng – an ninh, Xây dựng hệ thống chính trị",
        ),
    }
    assert summary_rows[-1][:7] == ("Tổng cộng", None, 3, 0, 1, 1, 5)
    tan_lap = next(row for row in summary.iter_rows(min_row=2) if row[0].value == "BP-DP-TL")
    fills = [cell.fill.fgColor.rgb for cell in tan_lap[2:6]]
    assert fills[1].endswith("F8CBAD") and not fills[0].endswith("F8CBAD")
    assert fills[2] == fills[3] == fills[0]


async def test_the_csv_registry_has_the_same_rows(world: World, tmp_path: Path) -> None:
    await seed_district(world)
    path = tmp_path / "registry.csv"
    count = await export_registry_csv(world.runtime.database, path, HCM, Scope(everything=True))
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert count == len(rows) - 1 == 7
    criteria = rows[0].index("Số tiêu chí đạt")
    assert rows[0][criteria + 1] == "Tiêu chí 1"
    assert {tuple(row[-4:]) for row in rows[1:]} == {("", "", "", "")}  # no goals, no pilots


async def test_the_written_report_has_the_figures(world: World, tmp_path: Path) -> None:
    await seed_district(world, photos_in_store=True)
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP")
    assert unit is not None
    path = tmp_path / "report.docx"
    await export_written_report(
        world.runtime.database,
        world.runtime.evidence,
        path,
        unit=unit,
        period="2026-annual",
        targets=world.runtime.config.targets,
        today=dt.date(2026, 11, 23),
    )
    document = Document(str(path))
    text = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in text
    assert "Kết quả thực hiện phong trào thi đua “Dân vận khéo”" in text
    assert "Báo cáo tổng kết năm 2026" in text
    assert "3/7 đơn vị có chỉ tiêu đã đăng ký đủ mô hình năm 2026 (43%)." in text
    assert "• Câu lạc bộ lý luận trẻ (Đoàn xã Tân Lập) — Khen thưởng đợt 1" in text
    heading, figures, models, photos = document.tables
    assert "HUYỆN ĐOÀN ĐỒNG PHÚ" in heading.rows[0].cells[0].text
    cells = [[c.text for c in row.cells] for row in figures.rows]
    assert cells[0] == [
        "Lĩnh vực",
        "Số mô hình",
        "Số người tham gia",
        "Số người hưởng lợi",
        "Kinh phí huy động",
    ]
    assert cells[1] == ["Kinh tế", "3", "90", "300", "150.000.000\xa0₫"]  # Babel: no-break space
    assert cells[-1] == ["Tổng cộng", "5", "150", "500", "250.000.000\xa0₫"]
    assert len(models.rows) == 1 + 5  # the rejected model is not among the results
    assert [row.cells[1].text.split(" — ")[0] for row in models.rows[1:]][:2] == [
        "Vườn rau nhân ái",
        "Bếp ăn 0 đồng",
    ]
    assert len(document.inline_shapes) == 2  # one photo per model, two models have photos
    assert "Ảnh 3" in photos.rows[0].cells[0].text


async def test_the_registry_shows_goals_achieved_per_cent_and_pilots(
    world: World, tmp_path: Path
) -> None:
    await seed_goals(world)
    path = tmp_path / "goals.xlsx"
    await export_registry_xlsx(world.runtime.database, path, HCM, await district(world), year=2026)
    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    header = rows[0]
    assert header[-4:] == ("Mục tiêu", "Đã đạt được đến nay", "Tỷ lệ đạt", "Mô hình điểm của")
    by_name = {row[4]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {"Nhà nhân ái", "Thiếu nhi"}  # Bù Đăng's model is not in scope
    houses = by_name["Nhà nhân ái"]
    # 45 of 90 houses is 50 %; 1,2 of 3,6 tỷ is 33 % (the 6-month value, the annual skipped)
    assert (houses["Mục tiêu"], houses["Đã đạt được đến nay"], houses["Tỷ lệ đạt"]) == (
        "90 căn nhà; 3,6 tỷ đồng",
        "45; 1,2",
        "50%; 33%",
    )
    assert houses["Mô hình điểm của"] == "Huyện Đoàn Đồng Phú"
    children = by_name["Thiếu nhi"]
    assert (children["Đã đạt được đến nay"], children["Tỷ lệ đạt"]) == ("1.200; 150", "40%; 25%")

    csv_path = tmp_path / "goals.csv"
    await export_registry_csv(world.runtime.database, csv_path, HCM, Scope(everything=True))
    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    roads = next(row for row in table if row[4] == "Đường thanh niên")
    assert roads[-4:] == ["9 tuyến đường", "9", "100%", "Huyện Đoàn Bù Đăng"]


async def test_the_registry_names_the_model_a_replication_replicates(
    world: World, tmp_path: Path
) -> None:
    seeded = await seed_district(world)
    original = seeded.models["Đường hoa ấp 1"]
    async with world.runtime.database.transaction() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A2")
        assert unit is not None
        copy = await tx.models.create(
            unit.id, 2026, fields("Đường hoa ấp 2", "economy"), seeded.btv, world.clock.now(),
            replicates=original,
        )  # fmt: skip
    path = tmp_path / "registry.csv"
    await export_registry_csv(world.runtime.database, path, HCM, Scope(everything=True))
    with path.open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    column = header.index("Nhân rộng từ mô hình")
    by_id = {int(row[0]): row[column] for row in rows}
    assert by_id[copy] == f"Đường hoa ấp 1 (số {original})"
    assert by_id[original] == "" and len(by_id) == 8
    xlsx = tmp_path / "registry.xlsx"
    await export_registry_xlsx(world.runtime.database, xlsx, HCM, await district(world))
    sheet = load_workbook(xlsx).worksheets[0]
    cells = list(sheet.iter_rows(values_only=True))
    values = {row[0]: row[cells[0].index("Nhân rộng từ mô hình")] for row in cells[1:]}
    assert values[copy] == f"Đường hoa ấp 1 (số {original})" and values[original] is None


async def test_the_xlsx_has_an_exemplars_sheet_with_their_criteria(
    world: World, tmp_path: Path
) -> None:
    seeded = await seed_district(world)
    lan = await add_exemplar(world, "Nguyễn Thị Lan", status=Status.COMMENDED_1)
    nam = await add_exemplar(world, "Trần Văn Nam", "BP-DP-TL-A2", status=Status.RETURNED)
    await add_exemplar(world, "Năm trước", year=2025)
    await add_exemplar(world, "Y Sơn Niê", "BP-BD-DL-T4")  # outside the district
    async with world.runtime.database.transaction() as tx:
        now = world.clock.now()
        results = [
            CriterionResult(True, "Gương mẫu"),
            CriterionResult(False),
            CriterionResult(True),
        ]
        await tx.exemplars.record(nam, seeded.btv, results, "return", "Thiếu số liệu", now)
    path = tmp_path / "registry.xlsx"
    await export_registry_xlsx(world.runtime.database, path, HCM, await district(world), year=2026)
    sheet = load_workbook(path).worksheets[-1]
    assert sheet.title == "Điển hình cá nhân" and sheet.freeze_panes == "A2"
    header, *body = list(sheet.iter_rows(values_only=True))
    assert header == (
        "Số", "Mã đơn vị", "Đơn vị", "Năm", "Họ và tên", "Chức vụ, nơi công tác", "Thành tích",
        "Trạng thái", "Số ảnh", "Người đăng ký", "Thời điểm đăng ký", "Số tiêu chí đạt",
        "Tiêu chí 1", "Tiêu chí 2", "Tiêu chí 3", "Ghi chú thẩm định",
    )  # fmt: skip
    rows = {row[4]: dict(zip(header, row, strict=True)) for row in body}
    assert list(rows) == ["Nguyễn Thị Lan", "Trần Văn Nam"]  # by unit code; 2026, in scope
    assert rows["Nguyễn Thị Lan"]["Số"] == lan
    assert rows["Nguyễn Thị Lan"]["Trạng thái"] == "Khen thưởng đợt 1"
    assert rows["Nguyễn Thị Lan"]["Số tiêu chí đạt"] is None  # never appraised
    returned = rows["Trần Văn Nam"]
    assert (returned["Mã đơn vị"], returned["Đơn vị"]) == ("BP-DP-TL-A2", "Chi đoàn ấp 2")
    assert returned["Trạng thái"] == "Trả lại để bổ sung"
    assert returned["Số tiêu chí đạt"] == "2/3"
    assert (returned["Tiêu chí 1"], returned["Tiêu chí 2"]) == ("✓ Gương mẫu", "✗ ")
    assert returned["Ghi chú thẩm định"] == "Thiếu số liệu"
    assert returned["Thời điểm đăng ký"] == dt.datetime(2026, 10, 24, 16, 0)  # 30 days before
