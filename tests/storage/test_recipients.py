"""The reachable recipients of people and of role holders (a blocked account is left out)."""

from __future__ import annotations

import datetime as dt

from domain.organisation import Role
from storage.outbox import OutgoingMessage
from tests.support.scoped_world import seed
from tests.support.world import World


async def test_the_reachable_recipients_of_people_and_of_role_holders(pg_world: World) -> None:
    s = await seed(pg_world)
    async with pg_world.runtime.database.transaction() as tx:
        found = await tx.recipients.of([s.lan, s.nam, s.thu])
        assert sorted(found) == [s.lan, s.nam]  # thu's only account blocked the bot
        assert found[s.lan].chat_id == "501" and found[s.lan].locale == "vi"
        assert await tx.recipients.of([]) == {}
        holders = await tx.recipients.holding(Role.SECRETARY, [s.a1, s.t4])
        assert [(unit, r.person_id) for unit, r in holders] == [(s.a1, s.lan)]
        assert len(await tx.recipients.holding(Role.SECRETARY)) == 2


async def test_the_account_written_from_last_is_the_one_chosen(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    async with pg_world.runtime.database.transaction() as tx:
        zalo = await tx.accounts.bind("zalo", "z-lan", "z-lan", s.lan, None, now)
        telegram = await tx.accounts.account("telegram", "501")
        assert telegram is not None
        # neither wrote since this was recorded: the older account
        assert (await tx.recipients.of([s.lan]))[s.lan].channel == "telegram"
        await tx.accounts.seen(zalo.id, now)
        assert (await tx.recipients.of([s.lan]))[s.lan].channel == "zalo"
        (_unit, holder), *_rest = await tx.recipients.holding(Role.SECRETARY, [s.a1])
        assert holder.channel == "zalo" and holder.chat_id == "z-lan"
        await tx.accounts.seen(telegram.id, now + dt.timedelta(minutes=1))
        assert (await tx.recipients.of([s.lan]))[s.lan].channel == "telegram"


async def test_a_message_blocked_on_one_account_moves_to_the_other(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    async with pg_world.runtime.database.transaction() as tx:
        zalo = await tx.accounts.bind("zalo", "z-lan", "z-lan", s.lan, None, now)
        await tx.accounts.seen(zalo.id, now)
        recipient = (await tx.recipients.of([s.lan]))[s.lan]
        await tx.outbox.enqueue(
            [
                OutgoingMessage(
                    "notice:1", "notice", "notice", s.lan, recipient.account_id,
                    recipient.channel, recipient.chat_id, "Tin",
                )
            ],
            now,
        )  # fmt: skip
        (item,) = await tx.outbox.claim(now, dt.timedelta(minutes=2), 10, quiet=False, holder="t")
        assert await tx.outbox.unreachable(item.id, item.account_id, now)  # moved
        (again,) = await tx.outbox.claim(now, dt.timedelta(minutes=2), 10, quiet=False, holder="t")
        assert (again.channel, again.chat_id) == ("telegram", "501")
        assert not await tx.outbox.unreachable(again.id, again.account_id, now)  # none left
        assert (await tx.outbox.counts())["unreachable"] == 1
        assert await tx.recipients.of([s.lan]) == {}
