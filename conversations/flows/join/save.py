"""What joining saves: the invite used up, the person and their role, this chat bound to them;
and, for a refused code, the count that blocks a guessing chat."""

from __future__ import annotations

import logging
from typing import Any

from conversations.flow import Data
from conversations.messages import Reply
from conversations.turn import Turn
from domain.errors import DvkError
from locales import N_, _
from reports.vocabulary import role_name

log = logging.getLogger(__name__)


async def count_wrong_code(turn: Turn, typed: Any) -> None:
    """A refused code counts against the chat (blocked after a few) and bot-wide."""
    inbound, now, config = turn.inbound, turn.now, turn.config
    repo = turn.tx.conversations
    if await repo.join_blocked_until(inbound.channel, inbound.chat_id, now) is not None:
        return  # the chat waits already: what it types while blocked is not counted again
    await repo.record_join_failure(
        inbound.channel,
        inbound.chat_id,
        now,
        window=config.join_failure_window,
        limit=config.join_failure_limit,
        block=config.join_block,
    )
    count = await repo.record_bot_wide_join_failure(now, config.join_guess_window)
    if count == config.join_guess_limit + 1:  # one warning per window, whatever the processes
        log.warning(
            "more than %d wrong invite codes in %d minutes across all chats: "
            "every further attempt is answered late",
            config.join_guess_limit,
            config.join_guess_window.total_seconds() // 60,
        )


async def join(turn: Turn, data: Data) -> list[Reply]:
    """Use the invite up and bind this chat to the person (a link code: to the person who
    asked for it on another messenger)."""
    tx, inbound, now = turn.tx, turn.inbound, turn.now
    invite = await tx.accounts.invite(data["invite"])
    assert invite is not None
    person = turn.person
    if invite.person_id is not None:
        person_id = invite.person_id
    elif person is None:
        name = invite.name or data.get("name") or inbound.display_name or "?"
        person_id = await tx.accounts.create_person(name, turn.config.default_locale, now)
    else:
        person_id = person.id
    if not await tx.accounts.claim_invite(invite.id, person_id, now):
        raise DvkError(N_("This invite code was used or expired a moment ago. Ask for a new one."))
    if invite.person_id is None:
        await tx.accounts.add_role(person_id, invite.role, invite.unit_id, invite.cluster_id, now)
    turn.account = await tx.accounts.bind(
        inbound.channel, inbound.user_id, inbound.chat_id, person_id, inbound.display_name, now
    )
    await tx.accounts.seen(turn.account.id, now)
    await tx.conversations.clear_join_failures(inbound.channel, inbound.chat_id)
    turn.person = await tx.accounts.person(person_id)
    assert turn.person is not None
    if invite.person_id is not None:
        return [
            Reply(
                _(
                    "Linked, {name}! This chat and your other messenger are one account now. "
                    "Reminders and digests come once, to the messenger you wrote from last."
                ).format(name=turn.person.name)
            )
        ]
    where = await _where(turn, invite.unit_id, invite.cluster_id)
    return [
        Reply(
            _("Welcome, {name}! You joined DVK Bot as {role}{where}.").format(
                name=turn.person.name, role=role_name(invite.role), where=where
            )
        )
    ]


async def _where(turn: Turn, unit_id: int | None, cluster_id: int | None) -> str:
    if unit_id is not None:
        unit = await turn.tx.units.get(unit_id)
        if unit is not None:
            return _(" of {unit}").format(unit=unit.name)
    if cluster_id is not None:
        cluster = await turn.tx.units.cluster(cluster_id)
        if cluster is not None:
            return _(" of {unit}").format(unit=cluster.name)
    return ""
