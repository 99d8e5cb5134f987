"""Đoàn xã Tân Lập moves from Đồng Phú to Bù Đăng on 01/07/2026, with models of both years.

The figures the tests check, by hand (the tree of 2025 has Tân Lập under Đồng Phú, that of 2026
under Bù Đăng):

2025 (reports of 2025-annual: ấp 1, with a figure for Đèn đường; Tân Lập, without entries)
  Đèn đường (ấp 1, economy):        12 people, 300 → reported 350 beneficiaries, 20 million
  Sân chơi (Tân Lập, culture):       8 people, 50 beneficiaries, 4 million
  Cầu tre (Đồng Tiến, economy):     10 people, 40 beneficiaries, 2 million (stays in Đồng Phú)
  → Đồng Phú 2025: economy 2 models, 22 people, 390, 22 million; culture 1, 8, 50, 4 million;
    total 3, 30, 440, 26 million; 2 reports. Bù Đăng 2025: nothing.
2026 (report of 2026-annual: ấp 2, with a figure for Vườn rau)
  Vườn rau (ấp 2, economy):          5 people, 20 → reported 25 beneficiaries, 1 million
  Giếng nước (thôn 4, culture):      6 people, 30 beneficiaries, 3 million (always in Bù Đăng)
  → Bù Đăng 2026: economy 1, 5, 25, 1 million; culture 1, 6, 30, 3 million; total 2, 11, 55,
    4 million; 1 report. Đồng Phú 2026: nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage.org_import import ImportResult, import_units
from storage.periodic_reports import EntryFields
from tests.support.seed import fields
from tests.support.world import World

MOVED_ON = dt.date(2026, 7, 1)
LAST_YEAR = dt.datetime(2025, 4, 1, 3, tzinfo=dt.UTC)
THIS_YEAR = dt.datetime(2026, 3, 1, 3, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class Moved:
    """Ids of the units the tests read, and what the move's import reported."""

    province: int
    dong_phu: int
    bu_dang: int
    tan_lap: int
    imported: ImportResult


async def move_tan_lap(world: World) -> Moved:
    """Seed both years (see the module's figures), then import the move of Tân Lập."""
    a1 = await world.bind_telegram(701, "BP-DP-TL-A1")
    a2 = await world.bind_telegram(702, "BP-DP-TL-A2")
    commune = await world.bind_telegram(703, "BP-DP-TL")
    dong_tien = await world.bind_telegram(704, "BP-DP-DT")
    t4 = await world.bind_telegram(705, "BP-BD-DL-T4")
    async with world.runtime.database.transaction() as tx:
        unit = {}
        for code in ("BP", "BP-DP", "BP-BD", "BP-DP-TL", "BP-DP-TL-A1", "BP-DP-TL-A2"):
            found = await tx.units.existing(code)
            unit[code] = found.id
        dt_id = (await tx.units.existing("BP-DP-DT")).id
        t4_id = (await tx.units.existing("BP-BD-DL-T4")).id
        lights = await tx.models.create(
            unit["BP-DP-TL-A1"], 2025,
            fields("Đèn đường", "economy", participants=12, beneficiaries=300,
                   money_vnd=20_000_000),
            a1, LAST_YEAR,
        )  # fmt: skip
        await tx.models.create(
            unit["BP-DP-TL"], 2025,
            fields("Sân chơi", "culture_society", participants=8, beneficiaries=50,
                   money_vnd=4_000_000),
            commune, LAST_YEAR,
        )  # fmt: skip
        await tx.models.create(
            dt_id, 2025,
            fields("Cầu tre", "economy", participants=10, beneficiaries=40, money_vnd=2_000_000),
            dong_tien, LAST_YEAR,
        )  # fmt: skip
        garden = await tx.models.create(
            unit["BP-DP-TL-A2"], 2026,
            fields("Vườn rau", "economy", participants=5, beneficiaries=20, money_vnd=1_000_000),
            a2, THIS_YEAR,
        )  # fmt: skip
        await tx.models.create(
            t4_id, 2026,
            fields("Giếng nước", "culture_society", participants=6, beneficiaries=30,
                   money_vnd=3_000_000),
            t4, THIS_YEAR,
        )  # fmt: skip
        await tx.periodic_reports.save(
            unit["BP-DP-TL-A1"], "2025-annual", "Tốt",
            [EntryFields(lights, "Lắp 40 bóng", beneficiaries=350)], a1, LAST_YEAR,
        )  # fmt: skip
        await tx.periodic_reports.save(
            unit["BP-DP-TL"], "2025-annual", "Khá", [], commune, LAST_YEAR
        )
        await tx.periodic_reports.save(
            unit["BP-DP-TL-A2"], "2026-annual", "Tốt",
            [EntryFields(garden, "Thu hoạch", beneficiaries=25)], a2, THIS_YEAR,
        )  # fmt: skip
    path = world.tmp_path / "move.csv"
    path.write_text(
        "code,name,level,parent_code,cluster,moved_on\n"
        "BP-DP-TL,Đoàn xã Tân Lập,grassroots,BP-BD,C1,01/07/2026\n",
        encoding="utf-8",
    )
    imported = await import_units(world.runtime.database, path, world.clock.now())
    return Moved(unit["BP"], unit["BP-DP"], unit["BP-BD"], unit["BP-DP-TL"], imported)
