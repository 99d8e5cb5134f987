"""Visits logged straight into the database, for tests of what reads the visit log."""

from __future__ import annotations

import datetime as dt

from storage.visit_log import VisitFields
from tests.support.chat import Chat
from tests.support.world import World


async def person_of(chat: Chat) -> int:
    """The id of the person who joined in ``chat``."""
    async with chat.world.runtime.database.read() as tx:
        account = await tx.accounts.account("console", chat.chat_id)
    assert account is not None
    return account.person_id


async def logged_visit(
    world: World,
    person_id: int,
    unit: str,
    day: dt.date,
    *,
    at: dt.datetime | None = None,
    meeting: bool = True,
) -> int:
    """A visit of ``person_id`` to the unit of code ``unit`` on ``day``, logged ``at``."""
    moment = at or dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
    async with world.runtime.database.transaction() as tx:
        found = await tx.units.by_code(unit)
        assert found is not None
        fields = VisitFields(found.id, day, meeting, f"Ghi nhận ở {unit}", "Tiếp tục duy trì")
        return await tx.visits.log(person_id, fields, moment)
