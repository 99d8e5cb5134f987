"""People who joined, made quickly for tests of what happens after joining."""

from __future__ import annotations

from conversations.messages import Inbound
from domain.organisation import Role
from tests.support.world import World


async def join_console(
    world: World,
    chat: str,
    role: Role = Role.SECRETARY,
    unit: str | None = "BP-DP-TL-A1",
    *,
    name: str = "Nguyễn Thị Lan",
    cluster: str | None = None,
) -> int:
    """Join through the real dispatcher on the console channel; returns the person id."""
    code = await world.invite(role, unit, name=name, cluster=cluster)
    replies = await world.runtime.dispatcher.handle(
        Inbound(channel="console", chat_id=chat, user_id=chat, text=f"/start {code}")
    )
    assert any("Chào mừng" in r.text for r in replies), [r.text for r in replies]
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("console", chat)
    assert account is not None
    return account.person_id


async def console_say(world: World, chat: str, text: str) -> str:
    """One line typed on a console chat; the replies joined."""
    replies = await world.runtime.dispatcher.handle(
        Inbound(channel="console", chat_id=chat, user_id=chat, text=text)
    )
    return "\n".join(r.text for r in replies)
