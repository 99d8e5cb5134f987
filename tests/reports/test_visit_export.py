"""The visit log as XLSX: one sheet per cluster, the visits then the member × unit matrix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from reports.visit_export import export_visits_xlsx
from tests.e2e.test_visits import C1_UNITS, cluster_c1
from tests.support.world import World


async def test_the_export_has_one_sheet_per_cluster(world: World, tmp_path: Path) -> None:
    await cluster_c1(world)
    async with world.runtime.database.read() as tx:
        clusters = [c.id for c in await tx.units.clusters()]
    path = tmp_path / "visits.xlsx"
    assert await export_visits_xlsx(world.runtime.database, path, clusters, 2026, 11) == 2
    book = load_workbook(path)
    assert book.sheetnames == ["Cụm thi đua số 1", "Cụm thi đua số 2"]
    rows = list(book["Cụm thi đua số 1"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Ngày", "Ủy viên BTV", "Đơn vị", "Dự sinh hoạt chi đoàn")
    assert rows[1][:4] == (dt.datetime(2026, 11, 5), "Lê Thị Hoa", "Đoàn xã Tân Lập", "có")
    start = next(n for n, row in enumerate(rows) if n and row[0] == "Ủy viên BTV")
    matrix = rows[start:]
    assert matrix[0][:4] == ("Ủy viên BTV", *C1_UNITS)
    assert matrix[1][:4] == ("Lê Thị Hoa", "✗", "✓", "✓")
    assert matrix[2][:4] == ("Trần Văn Bình", "✗", "✗", "✗")
