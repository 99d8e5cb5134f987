"""The movement's figures end to end: one small province, every figure checked by hand.

The organisation is loaded with ``dvk units import`` (storage.org_import), with its own targets,
then Đoàn xã Tân Lập moves from Đồng Phú to Bù Đăng on 01/07/2026 by a second import with a
``moved_on`` date. The tree of 2025 has Tân Lập under Đồng Phú, that of 2026 under Bù Đăng::

    Tỉnh Đoàn Bình Phước (province, no target)
    ├── Huyện Đoàn Đồng Phú (district, no target)
    │   ├── Đoàn xã Tân Lập (own: 2 models, every domain, 80 %)  → Bù Đăng from 01/07/2026
    │   │   ├── Chi đoàn ấp 1 (own: 2 models)
    │   │   └── Chi đoàn ấp 2 (level default: 1)
    │   └── Đoàn xã Đồng Tiến (own: 3 models)
    │       └── Chi đoàn ấp Thuận Hòa (own: 0, so no target)
    └── Huyện Đoàn Bù Đăng (district, no target)
        └── Đoàn xã Đức Liễu (level default: 2)
            └── Chi đoàn thôn 4 (level default: 1)

Models (people, beneficiaries, money as registered; a report's figure replaces them):

2025 (Tân Lập still in Đồng Phú)
  Đèn đường   ấp 1, economy            12, 300 → 350 reported, 20 → 25 million reported; recognised
  Sân chơi    Tân Lập, culture          8,  50,  4 million
  Cầu tre     Đồng Tiến, economy       10,  40,  2 million
2026
  Vườn rau    ấp 2, economy             5,  20,  1 million
  Nhà nhân ái Tân Lập, culture          6,  30,  3 million; goals 90 căn nhà (45 reported),
                                        600 triệu đồng (150 reported); a pilot of Bù Đăng
  Tự quản     ấp 1, defence            15,   –,  –
  Tủ sách     ấp 1, culture            20,  40,  5 million
  Giếng nước  thôn 4, economy           7,  40,  2 million
  Nhân rộng   Đức Liễu, economy         4,  10,  1 million; replicates Đèn đường, registered
                                        20/11/2026 (within the digest's week)
  Đường hoa   Đồng Tiến, political     20, 100, 10 million; goal 9 tuyến đường (3 in the
                                        6-month report, the annual one skips it); pilot of Đồng Phú
  Bếp ăn      Thuận Hòa, economy       10, 200,  9 million; rejected: counted nowhere

Individual exemplars: 2026 Nguyễn Thị Lan (ấp 1, commended in round 1), Trần Văn Nam (Tân Lập,
recognised), Lê Văn Bình (Đức Liễu, registered), Phạm Thị Mai (Đồng Tiến, recognised);
2025 Hoàng Văn Tư (Tân Lập, recognised).

Reports: 2025-annual from ấp 1 (Đèn đường's figures) and Tân Lập; 2026-h1 and 2026-annual from
Đồng Tiến (Đường hoa's goal); 2026-annual from Tân Lập (Nhà nhân ái's goals, a difficulty).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from openpyxl import load_workbook

from domain.goals import parse_goals
from domain.organisation import Role
from domain.registry import Status
from domain.scope import Scope
from locales import use_locale
from reports.digest_text import build_digest
from reports.registry_export import export_registry_xlsx
from reports.written_report import export_written_report
from storage.clock import FixedClock
from storage.periodic_reports import EntryFields
from tests.conftest import database_url
from tests.support.databases import reset_postgres
from tests.support.seed import fields
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = dt.UTC
LAST_YEAR = dt.datetime(2025, 4, 1, 3, tzinfo=UTC)
THIS_YEAR = dt.datetime(2026, 3, 1, 3, tzinfo=UTC)
THIS_WEEK = dt.datetime(2026, 11, 20, 3, tzinfo=UTC)
MILLION = 1_000_000

ORGANISATION = (
    "code,name,level,parent_code,cluster,cluster_name,"
    "target_models,target_per_domain,target_gathering_pct\n"
    "P,Tỉnh Đoàn Bình Phước,province,,,,,,\n"
    "P-DP,Huyện Đoàn Đồng Phú,district,P,,,,,\n"
    "P-BD,Huyện Đoàn Bù Đăng,district,P,,,,,\n"
    "P-DP-TL,Đoàn xã Tân Lập,grassroots,P-DP,C1,Cụm thi đua số 1,2,yes,80\n"
    "P-DP-DT,Đoàn xã Đồng Tiến,grassroots,P-DP,C1,Cụm thi đua số 1,3,,\n"
    "P-BD-DL,Đoàn xã Đức Liễu,grassroots,P-BD,C2,Cụm thi đua số 2,,,\n"
    "P-DP-TL-A1,Chi đoàn ấp 1,branch,P-DP-TL,,,2,,\n"
    "P-DP-TL-A2,Chi đoàn ấp 2,branch,P-DP-TL,,,,,\n"
    "P-DP-DT-TH,Chi đoàn ấp Thuận Hòa,branch,P-DP-DT,,,0,,\n"
    "P-BD-DL-T4,Chi đoàn thôn 4,branch,P-BD-DL,,,,,\n"
)
#: the reform's move, a file without target columns: the units' own targets stay
MOVE = (
    "code,name,level,parent_code,cluster,cluster_name,moved_on\n"
    "P-DP-TL,Đoàn xã Tân Lập,grassroots,P-BD,C1,Cụm thi đua số 1,01/07/2026\n"
)


@dataclass(frozen=True, slots=True)
class Province:
    """The world with the organisation of the module, and unit ids by code."""

    world: World
    units: dict[str, int]


async def build_province(world: World) -> Province:
    """Import the organisation, seed both years (see the module's docstring), then the move."""
    await world.import_units(ORGANISATION)
    codes = ["P-DP-TL", "P-DP-TL-A1", "P-DP-TL-A2", "P-DP-DT", "P-DP-DT-TH", "P-BD-DL"]
    codes.append("P-BD-DL-T4")  # one secretary in each commune and branch
    people = {code: await world.bind_telegram(800 + n, code) for n, code in enumerate(codes)}
    btv_dp = await world.bind_telegram(850, "P-DP", Role.BTV)
    btv_bd = await world.bind_telegram(851, "P-BD", Role.BTV)
    async with world.runtime.database.transaction() as tx:
        units = {}
        for code in [*codes, "P", "P-DP", "P-BD"]:
            units[code] = (await tx.units.existing(code)).id
        made: dict[str, int] = {}
        for code, year, at, name, domain, people_in, reached, money in [
            ("P-DP-TL-A1", 2025, LAST_YEAR, "Đèn đường", "economy", 12, 300, 20),
            ("P-DP-TL", 2025, LAST_YEAR, "Sân chơi", "culture_society", 8, 50, 4),
            ("P-DP-DT", 2025, LAST_YEAR, "Cầu tre", "economy", 10, 40, 2),
            ("P-DP-TL-A2", 2026, THIS_YEAR, "Vườn rau", "economy", 5, 20, 1),
            ("P-DP-TL", 2026, THIS_YEAR, "Nhà nhân ái", "culture_society", 6, 30, 3),
            ("P-DP-TL-A1", 2026, THIS_YEAR, "Tự quản", "defence_security", 15, None, None),
            ("P-DP-TL-A1", 2026, THIS_YEAR, "Tủ sách", "culture_society", 20, 40, 5),
            ("P-BD-DL-T4", 2026, THIS_YEAR, "Giếng nước", "economy", 7, 40, 2),
            ("P-BD-DL", 2026, THIS_WEEK, "Nhân rộng", "economy", 4, 10, 1),
            ("P-DP-DT", 2026, THIS_YEAR, "Đường hoa", "political_system", 20, 100, 10),
            ("P-DP-DT-TH", 2026, THIS_YEAR, "Bếp ăn", "economy", 10, 200, 9),
        ]:
            registered = fields(
                name,
                domain,
                participants=people_in,
                beneficiaries=reached,
                money_vnd=None if money is None else money * MILLION,
            )
            made[name] = await tx.models.create(
                units[code],
                year,
                registered,
                people[code],
                at,
                replicates=made["Đèn đường"] if name == "Nhân rộng" else None,
            )
        lights, houses, roads = made["Đèn đường"], made["Nhà nhân ái"], made["Đường hoa"]
        await tx.appraisals.set_status(lights, Status.RECOGNISED, btv_dp, LAST_YEAR)
        await tx.appraisals.set_status(made["Bếp ăn"], Status.REJECTED, btv_dp, THIS_YEAR)

        await tx.goals.set_goals(
            houses, parse_goals("90 căn nhà; 600 triệu đồng"), people["P-DP-TL"], THIS_YEAR
        )
        await tx.goals.set_goals(roads, parse_goals("9 tuyến đường"), people["P-DP-DT"], THIS_YEAR)
        goals = await tx.goals.of_models([houses, roads])
        (built, funds), (paved,) = ([g.id for g in goals[m]] for m in (houses, roads))
        await tx.goals.mark_pilot(houses, units["P-BD"], btv_bd, THIS_YEAR)
        await tx.goals.mark_pilot(roads, units["P-DP"], btv_dp, THIS_YEAR)

        async def report(code: str, period: str, at: dt.datetime, entries: list[EntryFields],
                         **more: str) -> dict[int, int]:  # fmt: skip
            _id, saved, _new = await tx.periodic_reports.save(
                units[code], period, "Báo cáo", entries, people[code], at, **more
            )
            return saved

        await report("P-DP-TL-A1", "2025-annual", LAST_YEAR, [
            EntryFields(lights, "Lắp 40 bóng", beneficiaries=350, money_vnd=25 * MILLION)
        ])  # fmt: skip
        await report("P-DP-TL", "2025-annual", LAST_YEAR, [])
        first = await report("P-DP-DT", "2026-h1", THIS_YEAR, [EntryFields(roads, "3 tuyến")])
        await tx.goals.save_progress(first[roads], {paved: Decimal(3)})
        await report("P-DP-DT", "2026-annual", THIS_WEEK, [EntryFields(roads, "Duy trì")])
        annual = await report("P-DP-TL", "2026-annual", THIS_WEEK, [EntryFields(houses, "Xây nhà")],
                              difficulties="Thiếu kinh phí")  # fmt: skip
        await tx.goals.save_progress(annual[houses], {built: Decimal(45), funds: Decimal(150)})

        for code, name, status, year in [
            ("P-DP-TL-A1", "Nguyễn Thị Lan", Status.COMMENDED_1, 2026),
            ("P-DP-TL", "Trần Văn Nam", Status.RECOGNISED, 2026),
            ("P-BD-DL", "Lê Văn Bình", Status.REGISTERED, 2026),
            ("P-DP-DT", "Phạm Thị Mai", Status.RECOGNISED, 2026),
            ("P-DP-TL", "Hoàng Văn Tư", Status.RECOGNISED, 2025),
        ]:
            at = LAST_YEAR if year == 2025 else THIS_YEAR
            exemplar = await tx.models.create_exemplar(
                units[code], year, name, None, f"Thành tích của {name}", people[code], at
            )
            if status is not Status.REGISTERED:
                await tx.exemplars.set_status(exemplar, status, btv_dp, at)
    await world.import_units(MOVE)
    return Province(world, units)


@pytest.fixture
async def province(backend: str, tmp_path: Path, clock: FixedClock) -> AsyncIterator[Province]:
    """The organisation of the module on each backend, its clock at 23/11/2026."""
    url = database_url(backend, tmp_path)
    if backend == "postgres":
        await reset_postgres(url)
    async with World.open(tmp_path, clock, database_url=url, sample=False) as world:
        yield await build_province(world)


async def digest_of(province: Province, code: str) -> list[str]:
    world = province.world
    now = world.clock.now()
    async with world.runtime.database.read() as tx:
        unit = await tx.units.existing(code)
        digest = await build_digest(
            tx, Scope(roots=(unit.id,)), unit.name, calendar=world.runtime.calendar,
            targets=world.runtime.config.targets, now=now, zone=HCM,
            since=now - dt.timedelta(days=7),
        )  # fmt: skip
    return digest.text.split("\n")


async def written(province: Province, tmp_path: Path, code: str, period: str) -> Document:
    world = province.world
    async with world.runtime.database.read() as tx:
        unit = await tx.units.existing(code)
    path = tmp_path / f"{code}-{period}.docx"
    with use_locale("vi"):
        await export_written_report(
            world.runtime.database, world.runtime.evidence, path, unit=unit, period=period,
            targets=world.runtime.config.targets, today=dt.date(2026, 11, 23),
        )  # fmt: skip
    return Document(str(path))


async def summary_of(province: Province, tmp_path: Path, code: str, year: int) -> list[tuple]:
    world = province.world
    path = tmp_path / f"{code}-{year}.xlsx"
    with use_locale("vi"):
        await export_registry_xlsx(
            world.runtime.database, path, HCM, Scope(roots=(province.units[code],)), year=year
        )
    return list(load_workbook(path)["Tổng hợp"].iter_rows(values_only=True))


def paragraphs(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def table(document: Document, index: int) -> list[list[str]]:
    """A table's rows below its header, as text."""
    return [[c.text for c in row.cells] for row in document.tables[index].rows[1:]]


async def test_the_digest_of_the_new_parent_this_year(province: Province) -> None:
    """Bù Đăng in 2026: Bù Đăng, Tân Lập (moved in), ấp 1, ấp 2, Đức Liễu, thôn 4."""
    assert await digest_of(province, "P-BD") == [
        "📊 Bản tin “Dân vận khéo” · Huyện Đoàn Bù Đăng · 23/11/2026",
        # own models of 2026 against own targets; the districts have none:
        #   Tân Lập 1 (Nhà nhân ái) of own 2, every domain → not met
        #   ấp 1    2 (Tự quản, Tủ sách) of own 2 → met
        #   ấp 2    1 (Vườn rau) of level 1 → met; thôn 4 1 (Giếng nước) of level 1 → met
        #   Đức Liễu 1 (Nhân rộng) of level 2 → not met;   3 of 5 = 60 %
        "Chỉ tiêu năm 2026: 3/5 đơn vị đạt (60%).",
        "Có mô hình ở đủ các lĩnh vực: 0/1 đơn vị.",  # Tân Lập, which has culture only
        "Mô hình mới từ 16/11/2026: 1",  # Nhân rộng, 20/11/2026
        "  • Kinh tế: 1",
        "Mô hình nhân rộng mới: 1",  # the same, a replication of Đèn đường
        "Ảnh minh chứng mới: 0",
        # Lan (commended), Nam (recognised), Bình (registered); Tư is of 2025
        "Điển hình cá nhân năm 2026: 3 đã đăng ký, 2 đã công nhận, 1 đã khen thưởng.",
        "Báo cáo tổng kết năm 2026: 1/5 đơn vị đã gửi.",  # Tân Lập of its 5 units
        "Khó khăn, vướng mắc được nêu: 1",
        "  “Thiếu kinh phí” (Đoàn xã Tân Lập)",
        "⭐ Mô hình điểm: 1",
        # 45/90 = 50 %; 150/600 = 25 %
        "  ⭐ «Nhà nhân ái» (Đoàn xã Tân Lập): 90 căn nhà 50%; 600 triệu đồng 25%",
        "Chưa hoàn thành Báo cáo tổng kết năm 2026, hạn 15/11/2026: 4 đơn vị",
        "  Chi đoàn ấp 1, Chi đoàn ấp 2, Chi đoàn thôn 4, Đoàn xã Đức Liễu",
        "Tài khoản đã chặn bot: 0",
    ]


async def test_the_digest_of_the_old_parent_this_year(province: Province) -> None:
    """Đồng Phú in 2026: Đồng Phú, Đồng Tiến and Thuận Hòa; Tân Lập's models are not here."""
    assert await digest_of(province, "P-DP") == [
        "📊 Bản tin “Dân vận khéo” · Huyện Đoàn Đồng Phú · 23/11/2026",
        # Đồng Tiến 1 (Đường hoa) of own 3 → not met; Thuận Hòa's own 0 is no target (its
        # level's 1 would make it 0/2)
        "Chỉ tiêu năm 2026: 0/1 đơn vị đạt (0%).",
        "Mô hình mới từ 16/11/2026: 0",
        "Ảnh minh chứng mới: 0",
        "Điển hình cá nhân năm 2026: 1 đã đăng ký, 1 đã công nhận, 0 đã khen thưởng.",  # Mai
        "Báo cáo tổng kết năm 2026: 1/2 đơn vị đã gửi.",  # Đồng Tiến, not Thuận Hòa
        "⭐ Mô hình điểm: 1",
        # the annual report skipped the goal: the 6-month 3 stands, 3/9 = 33 %
        "  ⭐ «Đường hoa» (Đoàn xã Đồng Tiến): 9 tuyến đường 33%",
        "Chưa hoàn thành Báo cáo tổng kết năm 2026, hạn 15/11/2026: 1 đơn vị",
        "  Chi đoàn ấp Thuận Hòa",
        "Tài khoản đã chặn bot: 0",
    ]


async def test_last_year_s_written_report_under_the_old_parent(
    province: Province, tmp_path: Path
) -> None:
    """Đồng Phú's 2025 annual report still holds Tân Lập and its branches."""
    document = await written(province, tmp_path, "P-DP", "2025-annual")
    assert "HUYỆN ĐOÀN ĐỒNG PHÚ" in document.tables[0].rows[0].cells[0].text
    # Đèn đường as reported (350, 25 million) + Cầu tre (40, 2 million) in economy
    assert table(document, 1) == [
        ["Kinh tế", "2", "22", "390", "27.000.000\xa0₫"],  # 12 + 10, 350 + 40, 25 + 2
        ["Văn hóa – xã hội", "1", "8", "50", "4.000.000\xa0₫"],  # Sân chơi
        ["Quốc phòng – an ninh", "0", "0", "0", "0\xa0₫"],
        ["Xây dựng hệ thống chính trị", "0", "0", "0", "0\xa0₫"],
        ["Tổng cộng", "3", "30", "440", "31.000.000\xa0₫"],  # 22 + 8, 390 + 50, 27 + 4
    ]
    assert [row[1].split(" — ")[0] for row in table(document, 2)] == [
        "Cầu tre",
        "Sân chơi",
        "Đèn đường",
    ]
    text = paragraphs(document)
    assert (
        "Năm 2025 có 3 mô hình được tính: 30 người tham gia, 440 người hưởng lợi, "
        "kinh phí huy động 31.000.000\xa0₫."
    ) in text
    assert "Số báo cáo kỳ này đã nhận: 2." in text  # ấp 1's and Tân Lập's
    # 2025's own models against own targets: ấp 1 1 of 2, ấp 2 0 of 1, Đồng Tiến 1 of 3, Tân
    # Lập 1 (Sân chơi, culture) of 2 and three domains missing; Thuận Hòa has none
    assert "0/4 đơn vị có chỉ tiêu đã đăng ký đủ mô hình năm 2025 (0%)." in text
    assert "0/1 đơn vị phải có mô hình ở từng lĩnh vực đã có mô hình ở cả bốn lĩnh vực." in text
    assert (
        "Chưa đạt: Chi đoàn ấp 1, Chi đoàn ấp 2, Đoàn xã Đồng Tiến, Đoàn xã Tân Lập "
        "(chưa có mô hình lĩnh vực: Kinh tế, Quốc phòng – an ninh, Xây dựng hệ thống chính trị)."
    ) in text
    assert len(document.tables) == 3  # no model of 2025 has a goal
    start = text.index("VII. Điển hình cá nhân")
    assert text[start + 1 : start + 3] == [
        "Điển hình cá nhân năm 2025: 1 đã đăng ký, 1 đã công nhận, 0 đã khen thưởng.",
        "• Hoàng Văn Tư (Đoàn xã Tân Lập) — Đã công nhận: Thành tích của Hoàng Văn Tư",
    ]


async def test_this_year_s_written_report_under_the_new_parent(
    province: Province, tmp_path: Path
) -> None:
    """Bù Đăng's 2026 annual report holds Tân Lập; its coverage and goals match the digest."""
    document = await written(province, tmp_path, "P-BD", "2026-annual")
    assert "HUYỆN ĐOÀN BÙ ĐĂNG" in document.tables[0].rows[0].cells[0].text
    # no report gives figures: the registered ones stand; Bếp ăn is in Đồng Phú (and rejected)
    assert table(document, 1) == [
        ["Kinh tế", "3", "16", "70", "4.000.000\xa0₫"],  # Vườn rau, Giếng nước, Nhân rộng:
        # 5 + 7 + 4, 20 + 40 + 10, 1 + 2 + 1 million
        ["Văn hóa – xã hội", "2", "26", "70", "8.000.000\xa0₫"],  # Nhà nhân ái, Tủ sách
        ["Quốc phòng – an ninh", "1", "15", "0", "0\xa0₫"],  # Tự quản, without figures
        ["Xây dựng hệ thống chính trị", "0", "0", "0", "0\xa0₫"],
        ["Tổng cộng", "6", "57", "140", "12.000.000\xa0₫"],  # 16 + 26 + 15, 70 + 70, 4 + 8
    ]
    text = paragraphs(document)
    assert (
        "Năm 2026 có 6 mô hình được tính: 57 người tham gia, 140 người hưởng lợi, "
        "kinh phí huy động 12.000.000\xa0₫."
    ) in text
    assert "Số báo cáo kỳ này đã nhận: 1." in text
    # the digest's 3 of 5, with who is short and of what
    assert "3/5 đơn vị có chỉ tiêu đã đăng ký đủ mô hình năm 2026 (60%)." in text
    assert (
        "Chưa đạt: Đoàn xã Đức Liễu, Đoàn xã Tân Lập "
        "(chưa có mô hình lĩnh vực: Kinh tế, Quốc phòng – an ninh, Xây dựng hệ thống chính trị)."
    ) in text
    # the goal rows: 45/90 = 50 %, 150/600 = 25 %; neither reached
    assert table(document, 3) == [
        ["Nhà nhân ái", "Đoàn xã Tân Lập", "90 căn nhà", "45", "50%"],
        ["Nhà nhân ái", "Đoàn xã Tân Lập", "600 triệu đồng", "150", "25%"],
    ]
    assert "Đã đạt 0/2 mục tiêu." in text
    start = text.index("VII. Điển hình cá nhân")
    assert text[start + 1 : start + 5] == [
        "Điển hình cá nhân năm 2026: 3 đã đăng ký, 2 đã công nhận, 1 đã khen thưởng.",
        "• Lê Văn Bình (Đoàn xã Đức Liễu) — Đã đăng ký: Thành tích của Lê Văn Bình",
        "• Trần Văn Nam (Đoàn xã Tân Lập) — Đã công nhận: Thành tích của Trần Văn Nam",
        "• Nguyễn Thị Lan (Chi đoàn ấp 1) — Khen thưởng đợt 1: Thành tích của Nguyễn Thị Lan",
    ]


async def test_the_other_years_leave_the_moved_unit_out(province: Province, tmp_path: Path) -> None:
    """Đồng Phú in 2026 is Đồng Tiến alone; Bù Đăng in 2025 had no model."""
    old_now = await written(province, tmp_path, "P-DP", "2026-annual")
    assert table(old_now, 1)[-1] == ["Tổng cộng", "1", "20", "100", "10.000.000\xa0₫"]
    assert table(old_now, 3) == [  # the 6-month report's 3 of 9 roads
        ["Đường hoa", "Đoàn xã Đồng Tiến", "9 tuyến đường", "3", "33%"],
    ]
    assert "0/1 đơn vị có chỉ tiêu đã đăng ký đủ mô hình năm 2026 (0%)." in paragraphs(old_now)
    new_then = await written(province, tmp_path, "P-BD", "2025-annual")
    assert table(new_then, 1)[-1] == ["Tổng cộng", "0", "0", "0", "0\xa0₫"]


async def test_the_summary_sheet_is_the_coverage_matrix_of_each_year(
    province: Province, tmp_path: Path
) -> None:
    """Each row counts its unit's whole subtree in the tree of the year (not rejected)."""
    header = (
        "Mã đơn vị",
        "Đơn vị",
        "Kinh tế",
        "Văn hóa – xã hội",
        "Quốc phòng – an ninh",
        "Xây dựng hệ thống chính trị",
        "Tổng cộng",
        "Lĩnh vực chưa có mô hình",
    )
    this_year = await summary_of(province, tmp_path, "P", 2026)
    assert this_year == [
        header,
        # Vườn rau, Giếng nước, Nhân rộng | Nhà nhân ái, Tủ sách | Tự quản
        ("P-BD", "Huyện Đoàn Bù Đăng", 3, 2, 1, 0, 6, "Xây dựng hệ thống chính trị"),
        # Đường hoa; Bếp ăn is rejected
        ("P-DP", "Huyện Đoàn Đồng Phú", 0, 0, 0, 1, 1,
         "Kinh tế, Văn hóa – xã hội, Quốc phòng – an ninh"),
        ("Tổng cộng", None, 3, 2, 1, 1, 7, None),
    ]  # fmt: skip
    last_year = await summary_of(province, tmp_path, "P", 2025)
    assert last_year[1:] == [
        ("P-BD", "Huyện Đoàn Bù Đăng", 0, 0, 0, 0, 0,
         "Kinh tế, Văn hóa – xã hội, Quốc phòng – an ninh, Xây dựng hệ thống chính trị"),
        # Đèn đường, Cầu tre | Sân chơi: Tân Lập was in Đồng Phú then
        ("P-DP", "Huyện Đoàn Đồng Phú", 2, 1, 0, 0, 3,
         "Quốc phòng – an ninh, Xây dựng hệ thống chính trị"),
        ("Tổng cộng", None, 2, 1, 0, 0, 3, None),
    ]  # fmt: skip
    district = await summary_of(province, tmp_path, "P-BD", 2026)
    assert district[1:] == [
        ("P-BD-DL", "Đoàn xã Đức Liễu", 2, 0, 0, 0, 2,
         "Văn hóa – xã hội, Quốc phòng – an ninh, Xây dựng hệ thống chính trị"),
        # with its branches: Vườn rau | Nhà nhân ái, Tủ sách | Tự quản. The target "a model in
        # every domain" counts Tân Lập's own models only (Nhà nhân ái), so the digest and the
        # written report name three domains missing where this matrix has one.
        ("P-DP-TL", "Đoàn xã Tân Lập", 1, 2, 1, 0, 4, "Xây dựng hệ thống chính trị"),
        ("Tổng cộng", None, 3, 2, 1, 0, 6, None),
    ]  # fmt: skip


async def test_the_moved_unit_s_own_report_uses_its_own_targets(
    province: Province, tmp_path: Path
) -> None:
    """Tân Lập's 2026 report: its subtree, its own targets, headed by its new parent."""
    document = await written(province, tmp_path, "P-DP-TL", "2026-annual")
    assert "HUYỆN ĐOÀN BÙ ĐĂNG" in document.tables[0].rows[0].cells[0].text
    text = paragraphs(document)
    # Vườn rau, Nhà nhân ái, Tự quản, Tủ sách: 5 + 6 + 15 + 20, 20 + 30 + 40, 1 + 3 + 5 million
    assert (
        "Năm 2026 có 4 mô hình được tính: 46 người tham gia, 90 người hưởng lợi, "
        "kinh phí huy động 9.000.000\xa0₫."
    ) in text
    # ấp 1 (2 of own 2) and ấp 2 (1 of 1) meet theirs, Tân Lập does not: 2/3 = 67 %
    assert "2/3 đơn vị có chỉ tiêu đã đăng ký đủ mô hình năm 2026 (67%)." in text
    assert "Chỉ tiêu tỷ lệ tập hợp thanh niên: 80%" in text  # its own, from the import
