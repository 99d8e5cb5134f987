"""The BTV digest: exact figures for a seeded district, and the 4,096-character cut."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from domain.registry import Status
from domain.scope import Scope
from locales import use_locale
from reports.digest_text import (
    FULL_LIST,
    MESSAGE_LIMIT,
    build_digest,
    domain_matrix_text,
    full_late_list,
)
from storage.org_import import import_units
from tests.support.goals import seed_goals
from tests.support.registry import add_exemplar
from tests.support.seed import fields, seed_district, seed_district_targets
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


async def district_digest(world: World, **kwargs: object):
    runtime = world.runtime
    async with runtime.database.read() as tx:
        district = await tx.units.by_code("BP-DP")
        assert district is not None
        now = world.clock.now()
        return await build_digest(
            tx,
            Scope(roots=(district.id,)),
            district.name,
            calendar=runtime.calendar,
            targets=runtime.config.targets,
            now=now,
            zone=HCM,
            since=now - dt.timedelta(days=7),
            **kwargs,  # type: ignore[arg-type]
        )


async def test_the_digest_of_a_seeded_district(world: World) -> None:
    await seed_district(world)
    digest = await district_digest(world)
    assert digest.text == "\n".join(
        [
            "📊 Bản tin “Dân vận khéo” · Huyện Đoàn Đồng Phú · 23/11/2026",
            "Chỉ tiêu năm 2026: 3/7 đơn vị đạt (43%).",
            "Mô hình mới từ 16/11/2026: 2",
            "  • Kinh tế: 1",
            "  • Quốc phòng – an ninh: 1",
            "Ảnh minh chứng mới: 3",
            "Báo cáo tổng kết năm 2026: 2/7 đơn vị đã gửi.",
            "Chưa hoàn thành Báo cáo tổng kết năm 2026, hạn 15/11/2026: 5 đơn vị",
            "  Chi đoàn ấp 2, Chi đoàn ấp Thuận Hòa, Chi đoàn lớp 12A1, "
            "Đoàn trường THPT Đồng Phú, Đoàn xã Đồng Tiến",
            "Tài khoản đã chặn bot: 1",
        ]
    )
    assert digest.buttons == []


async def test_the_digest_counts_difficulties_and_quotes_the_newest(world: World) -> None:
    district = await seed_district(world)
    sent = world.clock.now() - dt.timedelta(days=2)
    long = "Thiếu kinh phí duy trì tuyến đường hoa, " * 4
    async with world.runtime.database.transaction() as tx:
        units = {code: await tx.units.by_code(code) for code in ("BP-DP-TL-A1", "BP-DP-TL")}
        for index, (code, difficulty, recommendation) in enumerate(
            [
                ("BP-DP-TL-A1", "Mưa nhiều", None),
                ("BP-DP-TL", long, "Hỗ trợ cây giống"),
            ]
        ):
            unit = units[code]
            assert unit is not None
            await tx.periodic_reports.save(
                unit.id,
                "2026-annual",
                f"Tổng kết {code}",
                [],
                district.secretaries[code],
                sent + dt.timedelta(hours=index),
                difficulties=difficulty,
                recommendations=recommendation,
            )
    digest = await district_digest(world)
    lines = digest.text.split("\n")
    sent_line = lines.index("Báo cáo tổng kết năm 2026: 2/7 đơn vị đã gửi.")
    assert lines[sent_line + 1 : sent_line + 6] == [
        "Khó khăn, vướng mắc được nêu: 2",
        "  “Thiếu kinh phí duy trì tuyến đường hoa, Thiếu kinh phí duy trì tuyến đường…” "
        "(Đoàn xã Tân Lập)",
        "  “Mưa nhiều” (Chi đoàn ấp 1)",
        "Kiến nghị, đề xuất: 1",
        "  “Hỗ trợ cây giống” (Đoàn xã Tân Lập)",
    ]


async def test_the_digest_in_english_uses_english_numbers(world: World) -> None:
    await seed_district(world)
    with use_locale("en"):
        digest = await district_digest(world)
    assert "Target 2026: 3/7 units met it (43%)." in digest.text
    assert "• Economy: 1" in digest.text and "23/11/2026" in digest.text


async def test_a_long_list_of_late_units_is_cut_to_fit_one_message(
    world: World, tmp_path: Path
) -> None:
    rows = ["code,name,level,parent_code,cluster"] + [
        f"X{n:04d},Chi đoàn tổ dân phố số {n} khu phố Tân Hòa thị trấn Tân Phú,branch,BP-DP-TL,"
        for n in range(300)
    ]
    extra = tmp_path / "more.csv"
    extra.write_text("\n".join(rows) + "\n", encoding="utf-8")
    await import_units(world.runtime.database, extra, world.clock.now())
    await seed_district(world)
    digest = await district_digest(world)
    assert len(digest.text) <= MESSAGE_LIMIT
    assert "Chưa hoàn thành Báo cáo tổng kết năm 2026, hạn 15/11/2026: 305 đơn vị" in digest.text
    shown = digest.text.split("\n")[-2]
    assert " … và " in shown and shown.endswith("đơn vị khác")
    hidden = int(shown.rsplit(" … và ", 1)[1].split()[0])
    assert shown.count(", ") + 1 + hidden == 305
    assert digest.text.endswith("Tài khoản đã chặn bot: 1")
    assert digest.buttons == [[["📋 Danh sách đầy đủ", FULL_LIST]]]
    full = full_late_list(digest)
    assert len(full.splitlines()) == 306 and len(full) > MESSAGE_LIMIT


async def test_the_digest_measures_each_unit_against_its_own_targets(world: World) -> None:
    await seed_district(world)
    await seed_district_targets(world)
    digest = await district_digest(world)
    lines = digest.text.split("\n")
    assert lines[1:3] == [
        "Chỉ tiêu năm 2026: 3/6 đơn vị đạt (50%).",
        "Có mô hình ở đủ các lĩnh vực: 0/2 đơn vị.",
    ]


async def test_the_coverage_matrix_of_a_district(world: World) -> None:
    await seed_district(world)
    async with world.runtime.database.read() as tx:
        district = await tx.units.existing("BP-DP")
        text = await domain_matrix_text(tx, Scope(roots=(district.id,)), district.name, 2026)
    # each commune counts its subtree's counted models (ấp 2's rejected one is not)
    assert text == "\n".join(
        [
            "🧩 Mô hình theo lĩnh vực, năm 2026 · Huyện Đoàn Đồng Phú",
            "① Kinh tế · ② Văn hóa – xã hội · ③ Quốc phòng – an ninh · "
            "④ Xây dựng hệ thống chính trị",
            "Đoàn trường THPT Đồng Phú: ① — · ② — · ③ — · ④ —",
            "Đoàn xã Đồng Tiến: ① 2 · ② — · ③ — · ④ —",
            "Đoàn xã Tân Lập: ① 1 · ② — · ③ 1 · ④ 1",
            "3/3 đơn vị còn lĩnh vực chưa có mô hình (—).",
        ]
    )


async def test_a_long_coverage_matrix_is_cut_to_fit_one_message(
    world: World, tmp_path: Path
) -> None:
    rows = "".join(
        f"BP-DP-X{n:03d},Đoàn xã số {n:03d} có một cái tên khá dài,grassroots,BP-DP,,\n"
        for n in range(300)
    )
    await world.import_units("code,name,level,parent_code,cluster\n" + rows)
    async with world.runtime.database.read() as tx:
        district = await tx.units.existing("BP-DP")
        text = await domain_matrix_text(tx, Scope(roots=(district.id,)), district.name, 2026)
    assert len(text) <= MESSAGE_LIMIT
    lines = text.split("\n")
    shown = [line for line in lines if line.startswith("Đoàn")]
    assert lines[-2] == f"… và {303 - len(shown)} đơn vị khác"
    assert lines[-1] == "303/303 đơn vị còn lĩnh vực chưa có mô hình (—)."
    assert 50 < len(shown) < 303


async def test_the_digest_lists_the_pilots_in_scope_with_their_progress(world: World) -> None:
    await seed_goals(world)
    digest = await district_digest(world)
    lines = digest.text.splitlines()
    at = lines.index("⭐ Mô hình điểm: 2")
    assert lines[at + 1 : at + 3] == [
        "  ⭐ «Nhà nhân ái» (Chi đoàn ấp 1): 90 căn nhà 50%; 3,6 tỷ đồng 33%",
        "  ⭐ «Thiếu nhi» (Chi đoàn ấp 2): 3.000 trẻ em 40%; 600 triệu đồng 25%",
    ]
    assert "Đường thanh niên" not in digest.text  # a pilot of Bù Đăng, outside the scope


async def test_a_digest_without_pilots_says_nothing_of_them(world: World) -> None:
    await seed_district(world)
    assert "Mô hình điểm" not in (await district_digest(world)).text


async def test_the_digest_counts_the_replications_registered_since_the_last_one(
    world: World,
) -> None:
    district = await seed_district(world)
    original = district.models["Đường hoa ấp 1"]  # recognised
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        for code, days in [("BP-DP-TL-A2", 1), ("BP-DP-DT-TH", 3), ("BP-DP-TL-A2", 10)]:
            unit = await tx.units.by_code(code)
            assert unit is not None
            await tx.models.create(
                unit.id, 2026, fields(f"Nhân rộng {days}", "economy"), district.btv,
                now - dt.timedelta(days=days), replicates=original,
            )  # fmt: skip
        outside = await tx.units.by_code("BP-BD-DL")  # another district
        assert outside is not None
        await tx.models.create(
            outside.id, 2026, fields("Nhân rộng ngoài", "economy"), district.btv,
            now - dt.timedelta(days=1), replicates=original,
        )  # fmt: skip
    lines = (await district_digest(world)).text.split("\n")
    start = lines.index("Mô hình mới từ 16/11/2026: 4")  # the seed's 2 and these 2 of the week
    assert lines[start + 1 : start + 5] == [
        "  • Kinh tế: 3",
        "  • Quốc phòng – an ninh: 1",
        "Mô hình nhân rộng mới: 2",  # 10 days ago is before the last digest; Bù Đăng is not hers
        "Ảnh minh chứng mới: 3",
    ]


async def test_the_digest_counts_the_exemplars_of_the_year_by_stage(world: World) -> None:
    await seed_district(world)
    day = dt.timedelta(days=1)
    for name, unit, status, year in [
        ("Nguyễn Thị Lan", "BP-DP-TL-A1", Status.COMMENDED_1, 2026),
        ("Trần Văn Nam", "BP-DP-TL-A2", Status.RECOGNISED, 2026),
        ("Lê Văn Bình", "BP-DP-TL-A2", Status.RECOGNISED, 2026),
        ("Phạm Thị Mai", "BP-DP-TL", Status.REJECTED, 2026),
        ("Đỗ Văn Hùng", "BP-DP-TL", Status.REGISTERED, 2026),
        ("Năm trước", "BP-DP-TL-A1", Status.COMMENDED_2, 2025),  # another year
        ("Y Sơn Niê", "BP-BD-DL-T4", Status.COMMENDED_1, 2026),  # another district
    ]:
        await add_exemplar(world, name, unit, status=status, year=year, ago=day)
    lines = (await district_digest(world)).text.split("\n")
    photos = next(i for i, line in enumerate(lines) if line.startswith("Ảnh minh chứng mới"))
    # 5 of 2026 in Đồng Phú; Lan, Nam and Bình recognised (Lan commended since): 3; Lan: 1
    assert lines[photos + 1] == (
        "Điển hình cá nhân năm 2026: 5 đã đăng ký, 3 đã công nhận, 1 đã khen thưởng."
    )
    with use_locale("en"):
        english = (await district_digest(world)).text
    assert "Individual exemplars of 2026: 5 registered, 3 recognised, 1 commended." in english
