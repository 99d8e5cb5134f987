"""Two secretaries of one unit confirming at the same moment: both models are saved, and the one
who confirms second is told the count that includes the first's model."""

from __future__ import annotations

import asyncio

from conversations.messages import Inbound
from domain.organisation import Role
from storage.records import ModelFields
from tests.support.world import World


async def say(world: World, chat: str, text: str) -> str:
    replies = await world.runtime.dispatcher.handle(
        Inbound(channel="console", chat_id=chat, user_id=chat, text=text)
    )
    return "\n".join(r.text for r in replies)


async def test_two_registrations_at_the_same_moment_are_both_saved(pg_world: World) -> None:
    world = pg_world
    chats = ["secretary-a", "secretary-b"]
    for chat, name in zip(chats, ["Nguyễn An", "Trần Bình"], strict=True):
        code = await world.invite(Role.SECRETARY, "BP-DP-TL", name=name)
        assert "Chào mừng" in await say(world, chat, f"/start {code}")
        await say(world, chat, "/register")
        for answer in [f"Mô hình của {name}", "1", "Chi đoàn", "Ấp 1", "2", "20", "/skip", "/skip"]:
            await say(world, chat, answer)
        assert "Vui lòng kiểm tra lại" in await say(world, chat, "/skip")

    results = await asyncio.gather(*(say(world, chat, "1") for chat in chats))

    assert all("Đã đăng ký mô hình" in text for text in results)
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL")
        assert unit is not None
        models = await tx.models.for_units([unit.id])
        counts = await tx.models.counts_for_units([unit.id], 2026)
    assert sorted(m.fields.name for m in models) == [
        "Mô hình của Nguyễn An",
        "Mô hình của Trần Bình",
    ]
    assert counts == {unit.id: 2}
    assert any("2/2" in text for text in results)


async def test_a_registration_waits_for_another_of_its_unit_then_counts_it(pg_world: World) -> None:
    """The unit's row is held by the first writer: the second counts after the first commits.

    Without the hold, on PostgreSQL, the second transaction counts its own model only (1, not 2),
    and a unit that met its target would keep its registration reminders.
    """
    world = pg_world
    database = world.runtime.database
    async with database.transaction() as tx:
        unit = await tx.units.by_code("BP-DP-TL")
        assert unit is not None
        person = await tx.accounts.create_person("Nguyễn An", "vi", world.clock.now())

    def fields(name: str) -> ModelFields:
        return ModelFields(name, "collective", "Chi đoàn", None, None, None, "culture", 20)

    first_saved = asyncio.Event()

    async def second() -> int:
        await first_saved.wait()
        async with database.transaction() as tx:
            await tx.units.hold(unit.id)
            await tx.models.create(unit.id, 2026, fields("Thứ hai"), person, world.clock.now())
            return (await tx.models.counts_for_units([unit.id], 2026))[unit.id]

    async with database.transaction() as tx:
        await tx.units.hold(unit.id)
        await tx.models.create(unit.id, 2026, fields("Thứ nhất"), person, world.clock.now())
        assert (await tx.models.counts_for_units([unit.id], 2026))[unit.id] == 1
        waiting = asyncio.create_task(second())
        first_saved.set()
        done, _ = await asyncio.wait([waiting], timeout=0.5)
        assert not done, "the second registration went on while the first was not committed"
    assert await waiting == 2
