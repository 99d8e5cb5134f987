"""Models put straight into the registry, for playing the flows that act on registered models
(appraising, proposing, reporting, editing) without playing /register first; exemplars alike."""

from __future__ import annotations

import datetime as dt

from domain.registry import Status
from storage.records import ExemplarRecord, ModelRecord
from tests.support.seed import fields
from tests.support.world import World


async def add_model(
    world: World,
    name: str,
    unit: str = "BP-DP-TL-A1",
    *,
    status: Status = Status.REGISTERED,
    year: int = 2026,
    ago: dt.timedelta = dt.timedelta(days=30),
) -> int:
    """A model of ``unit`` registered ``ago`` (by a person of its own), in ``status``; its id."""
    at = world.clock.now() - ago
    async with world.runtime.database.transaction() as tx:
        found = await tx.units.by_code(unit)
        assert found is not None, unit
        person = await tx.accounts.create_person(f"Bí thư {found.name}", "vi", at)
        model_id = await tx.models.create(found.id, year, fields(name, "economy"), person, at)
        if status is not Status.REGISTERED:
            await tx.appraisals.set_status(model_id, status, person, at)
    return model_id


async def model(world: World, model_id: int) -> ModelRecord:
    """The model as stored now."""
    async with world.runtime.database.read() as tx:
        found = await tx.models.get(model_id)
    assert found is not None, model_id
    return found


async def add_exemplar(
    world: World,
    name: str,
    unit: str = "BP-DP-TL-A1",
    *,
    status: Status = Status.REGISTERED,
    year: int = 2026,
    ago: dt.timedelta = dt.timedelta(days=30),
) -> int:
    """An individual exemplar of ``unit`` registered ``ago`` (by a person of its own), in
    ``status``; its id."""
    at = world.clock.now() - ago
    async with world.runtime.database.transaction() as tx:
        found = await tx.units.by_code(unit)
        assert found is not None, unit
        person = await tx.accounts.create_person(f"Bí thư {found.name}", "vi", at)
        exemplar_id = await tx.models.create_exemplar(
            found.id, year, name, "Đoàn viên", f"Thành tích của {name}", person, at
        )
        if status is not Status.REGISTERED:
            await tx.exemplars.set_status(exemplar_id, status, person, at)
    return exemplar_id


async def exemplar(world: World, exemplar_id: int) -> ExemplarRecord:
    """The exemplar as stored now."""
    async with world.runtime.database.read() as tx:
        found = await tx.models.exemplar(exemplar_id)
    assert found is not None, exemplar_id
    return found
