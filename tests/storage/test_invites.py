"""Issuing invites: the code shown once and stored only hashed, every wrong request refused by
name, and one secretary invite per branch without a secretary."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.errors import DvkError
from domain.organisation import Role
from domain.scope import Scope
from storage.invites import issue_invite, issue_unit_invites
from tests.support.world import World


async def test_an_invite_is_found_by_its_code_and_the_code_is_not_stored(world: World) -> None:
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        code, record = await issue_invite(
            tx, role=Role.SECRETARY, unit_code="bp-dp-tl-a1", cluster_code=None,
            name="Lê Mai", expires_at=now + dt.timedelta(days=14), now=now,
        )  # fmt: skip
        found = await tx.accounts.invite_for_code(code)
    assert len(code) == 12 and found is not None and found.id == record.id
    assert record.name == "Lê Mai" and record.expires_at == now + dt.timedelta(days=14)
    files = [world.tmp_path / "dvk.db", world.tmp_path / "dvk.db-wal"]
    stored = b"".join(f.read_bytes() for f in files if f.exists())
    assert "Lê Mai".encode() in stored  # the invite is there, in the files read
    assert code.encode() not in stored  # but its code only as a SHA-256


@pytest.mark.parametrize(
    ("role", "unit", "cluster", "days", "why"),
    [
        (Role.SECRETARY, "NOPE", None, 1, "There is no unit with the code"),
        (Role.CLUSTER_LEAD, None, "C9", 1, "There is no cluster with the code"),
        (Role.BTV, None, None, 1, "needs --unit"),
        (Role.CLUSTER_LEAD, None, None, 1, "needs --cluster"),
        (Role.SECRETARY, "BP-DP-TL-A1", None, 0, "The expiry must be in the future"),
    ],
)
async def test_a_wrong_request_is_refused_by_name(
    world: World, role: Role, unit: str | None, cluster: str | None, days: int, why: str
) -> None:
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        with pytest.raises(DvkError) as refused:
            await issue_invite(
                tx, role=role, unit_code=unit, cluster_code=cluster, name=None,
                expires_at=now + dt.timedelta(days=days), now=now,
            )  # fmt: skip
    assert why in refused.value.message


async def test_one_secretary_invite_per_branch_without_one(world: World) -> None:
    now = world.clock.now()
    await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)
    async with world.runtime.database.transaction() as tx:
        district = await tx.units.by_code("BP-DP")
        assert district is not None
        made = await issue_unit_invites(
            tx, level="branch", scope=Scope(roots=(district.id,)),
            expires_at=now + dt.timedelta(days=14), now=now,
        )  # fmt: skip
        codes = [await tx.accounts.invite_for_code(i.code) for i in made]
    assert sorted(i.unit.code for i in made) == ["BP-DP-DT-TH", "BP-DP-THPT-12A1", "BP-DP-TL-A2"]
    assert all(c is not None and c.role is Role.SECRETARY for c in codes)
