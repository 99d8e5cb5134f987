"""The file of invites for a mail merge: one row per branch without a secretary, the code that
works, the link; and a file that cannot be written leaves no invite behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from domain.scope import Scope
from reports.invite_sheet import export_unit_invites
from tests.support.world import World


async def _district(world: World) -> Scope:
    async with world.runtime.database.read() as tx:
        district = await tx.units.by_code("BP-BD")
    assert district is not None
    return Scope(roots=(district.id,))


async def test_each_branch_gets_a_row_with_a_code_that_works(world: World, tmp_path: Path) -> None:
    now, zone = world.clock.now(), world.runtime.settings.zone
    path = tmp_path / "invites.xlsx"
    made = await export_unit_invites(
        world.runtime.database, path, zone, await _district(world), level="branch",
        expires_at=now + dt.timedelta(days=14), now=now, link=lambda code: f"https://t.me/dvk?start={code}",
    )  # fmt: skip
    header, *rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert made == 2 and sorted(r[0] for r in rows) == ["BP-BD-DL-T4", "BP-BD-NB-BK"]
    code = rows[0][2]
    assert rows[0][3] == f"https://t.me/dvk?start={code}"
    async with world.runtime.database.read() as tx:
        assert await tx.accounts.invite_for_code(str(code)) is not None


async def test_a_file_that_cannot_be_written_leaves_no_invite(world: World, tmp_path: Path) -> None:
    now, zone = world.clock.now(), world.runtime.settings.zone
    with pytest.raises(OSError):
        await export_unit_invites(
            world.runtime.database, tmp_path / "missing" / "invites.xlsx", zone,
            await _district(world), level="branch", expires_at=now + dt.timedelta(days=14),
            now=now, link=lambda code: None,
        )  # fmt: skip
    async with world.runtime.database.read() as tx:
        assert await tx.accounts.invites() == []
