"""`dvk export models --format xlsx`, `dvk export report`, `dvk digest`, `dvk commend`
(models and individual exemplars)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from domain.registry import Status
from storage.clock import FixedClock
from tests.support.cli import dvk, environment
from tests.support.registry import add_exemplar
from tests.support.seed import seed_district
from tests.support.world import World


async def seeded(tmp_path: Path) -> dict[str, str]:
    """The seeded district in the data folder the commands use."""
    clock = FixedClock(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC))
    data = tmp_path / "data"
    async with World.open(
        tmp_path, clock, database_url=f"sqlite+aiosqlite:///{data / 'dvk.db'}"
    ) as world:
        await seed_district(world, photos_in_store=True)
    return environment(data)


async def test_exports_digest_and_commend_from_the_command_line(tmp_path: Path) -> None:
    env = await seeded(tmp_path)
    xlsx = tmp_path / "registry.xlsx"
    result = await dvk(
        "export",
        "models",
        "--format",
        "xlsx",
        "--unit",
        "BP-DP",
        "--year",
        "2026",
        "-o",
        str(xlsx),
        env=env,
    )
    assert result.code == 0, result.err
    assert "Đã ghi 6 mô hình" in result.out
    assert len(list(load_workbook(xlsx).worksheets[0].iter_rows())) == 7

    docx = tmp_path / "report.docx"
    result = await dvk(
        "export", "report", "--unit", "BP-DP", "--period", "2026-annual", "-o", str(docx), env=env
    )
    assert result.code == 0, result.err
    assert "Báo cáo tổng kết năm 2026" in [p.text for p in Document(str(docx)).paragraphs]
    bad = await dvk(
        "export", "report", "--unit", "BP-DP", "--period", "2026", "-o", str(docx), env=env
    )
    assert bad.code == 2 and "2026-annual" in bad.err

    digest = await dvk("digest", "--unit", "BP-DP", "--dry-run", env=env)
    assert digest.code == 0, digest.err
    assert digest.out.startswith("📊 Bản tin “Dân vận khéo” · Huyện Đoàn Đồng Phú")
    assert "Tài khoản đã chặn bot: 1" in digest.out
    enqueued = await dvk("digest", "--unit", "BP-DP", env=env)
    assert "Đã đưa 1 bản tin vào hàng đợi." in enqueued.out
    again = await dvk("digest", "--unit", "BP-DP", env=env)
    assert "Đã đưa 0 bản tin vào hàng đợi." in again.out

    commend = await dvk("commend", "--round", "1", env=env)
    assert commend.code == 0, commend.err
    assert "0 mô hình được khen thưởng đợt 1." in commend.out  # nobody was nominated


async def test_commend_closes_the_round_for_nominated_exemplars_too(tmp_path: Path) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC))
    data = tmp_path / "data"
    async with World.open(
        tmp_path, clock, database_url=f"sqlite+aiosqlite:///{data / 'dvk.db'}"
    ) as world:
        district = await seed_district(world)
        nie = await add_exemplar(world, "Y Sơn Niê", status=Status.RECOGNISED)
        await add_exemplar(world, "Chưa đề cử", status=Status.RECOGNISED)
        async with world.runtime.database.transaction() as tx:
            await tx.exemplars.nominate(nie, 1, district.btv, clock.now())
    env = environment(data)
    commend = await dvk("commend", "--round", "1", env=env)
    assert commend.code == 0, commend.err
    assert commend.out.splitlines() == [
        "0 mô hình được khen thưởng đợt 1.",
        "• 🌟 Y Sơn Niê",
        "1 điển hình cá nhân được khen thưởng đợt 1.",
    ]
    again = await dvk("commend", "--round", "1", env=env)
    assert again.out.splitlines() == ["0 mô hình được khen thưởng đợt 1."]
