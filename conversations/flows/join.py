"""Joining: an invite code (``/start CODE`` or typed) binds this chat to a person and a role."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow, Loaded, Option, Step
from conversations.messages import InputKind, Reply
from conversations.turn import Turn
from conversations.validators import parse_person_name
from domain.errors import DvkError, InvalidInput
from locales import N_, _, format_datetime
from reports.vocabulary import role_name
from storage.accounts import looks_like_code, normalize_code

log = logging.getLogger(__name__)
WRONG_CODE: Final = N_("This invite code is not right. Check it and send it again.")


def guessing_slowdown(failures: int, limit: int, cap: float) -> float:
    """Seconds to wait before answering a code when ``failures`` wrong codes were typed bot-wide:
    none up to ``limit``, then doubling every five more, at most ``cap``."""
    excess = failures - limit
    return 0.0 if excess <= 0 else min(2.0 ** (excess / 5), cap)


async def _check_code(turn: Turn, data: Mapping[str, Any], typed: Any) -> int:
    """The invite of the code; a chat that typed too many wrong codes waits, and when many
    chats guess at once (bot-wide), every answer comes late."""
    inbound, now, config = turn.inbound, turn.now, turn.config
    repo = turn.tx.conversations
    blocked_until = await repo.join_blocked_until(inbound.channel, inbound.chat_id, now)
    if blocked_until is not None:
        raise InvalidInput(
            N_("Too many wrong codes. Please wait and try again after {time}."),
            time=format_datetime(blocked_until, config.zone),
        )
    bot_wide = await repo.bot_wide_join_failures(now, config.join_guess_window)
    turn.answer_delay = guessing_slowdown(
        bot_wide, config.join_guess_limit, config.join_slowdown_cap
    )
    invite = await turn.tx.accounts.invite_for_code(normalize_code(str(typed)))
    if invite is None:
        raise InvalidInput(WRONG_CODE)
    if invite.used_at is not None:
        raise InvalidInput(
            N_("This invite code has already been used. Ask your committee for a new one.")
        )
    if invite.expires_at <= now:
        raise InvalidInput(N_("This invite code has expired. Ask your committee for a new one."))
    return invite.id


async def _count_wrong_code(turn: Turn, typed: Any) -> None:
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


async def _needs_name(turn: Turn, data: Mapping[str, Any], invite_id: Any) -> Loaded:
    """Whether the name is still to ask: a new person whose invite does not name them."""
    invite = await turn.tx.accounts.invite(int(invite_id))
    return Loaded({"needs_name": turn.person is None and not (invite and invite.name)})


async def _name_suggestion(turn: Turn, data: Data) -> Sequence[Option]:
    shown = (turn.inbound.display_name or "").strip()
    return [Option("suggested", shown, translate=False)] if shown else []


def _parse_name(typed: str) -> str:
    """A person's name; a second invite code typed here is not taken for one.

    Look-alike letters make some names written without diacritics pass ``looks_like_code``
    ("Nguyen Van Tai"), so a code is a code-like text with a digit or written as one word.
    """
    one_word = len(typed.split()) == 1
    if looks_like_code(typed) and (one_word or any(ch.isdigit() for ch in typed)):
        raise InvalidInput(
            N_("Your invite code is already accepted. Now please send your full name.")
        )
    return parse_person_name(typed)


class JoinFlow(Flow):
    """Send an invite code, give your name if the invite has none, and you are in."""

    name: ClassVar[str] = "join"
    title: ClassVar[str] = N_("Joining")
    summary: ClassVar[bool] = False
    for_unbound: ClassVar[bool] = True
    argument_field: ClassVar[str | None] = "invite"
    then_help: ClassVar[bool] = True
    STEPS: ClassVar[Sequence[Step]] = (
        Step(
            "invite",
            InputKind.TEXT,
            prompt=N_("Please send the invite code you received from your Union committee."),
            label=N_("Invite code"),
            example=N_("7K3M9QXR2T5A"),
            check=_check_code,
            refused=_count_wrong_code,
            loads=_needs_name,
        ),
        Step(
            "name",
            InputKind.TEXT,
            prompt=N_("What is your full name?"),
            label=N_("Full name"),
            example=N_("Nguyễn Thị Lan"),
            parse=_parse_name,
            options=_name_suggestion,
            when=lambda data: bool(data.get("needs_name")),
        ),
    )

    def starts_on(self, text: str) -> bool:
        """A message that looks like an invite code starts joining."""
        return looks_like_code(text)

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Use the invite up and bind this chat to the person."""
        tx, inbound, now = turn.tx, turn.inbound, turn.now
        invite = await tx.accounts.invite(data["invite"])
        assert invite is not None
        person = turn.person
        if person is None:
            name = invite.name or data.get("name") or inbound.display_name or "?"
            person_id = await tx.accounts.create_person(name, turn.config.default_locale, now)
        else:
            person_id = person.id
        if not await tx.accounts.claim_invite(invite.id, person_id, now):
            raise DvkError(
                N_("This invite code was used or expired a moment ago. Ask for a new one.")
            )
        await tx.accounts.add_role(person_id, invite.role, invite.unit_id, invite.cluster_id, now)
        turn.account = await tx.accounts.bind(
            inbound.channel, inbound.user_id, inbound.chat_id, person_id, inbound.display_name, now
        )
        await tx.conversations.clear_join_failures(inbound.channel, inbound.chat_id)
        turn.person = await tx.accounts.person(person_id)
        assert turn.person is not None
        where = await self._where(turn, invite.unit_id, invite.cluster_id)
        return [
            Reply(
                _("Welcome, {name}! You joined DVK Bot as {role}{where}.").format(
                    name=turn.person.name, role=role_name(invite.role), where=where
                )
            )
        ]

    async def _where(self, turn: Turn, unit_id: int | None, cluster_id: int | None) -> str:
        if unit_id is not None:
            unit = await turn.tx.units.get(unit_id)
            if unit is not None:
                return _(" of {unit}").format(unit=unit.name)
        if cluster_id is not None:
            cluster = await turn.tx.units.cluster(cluster_id)
            if cluster is not None:
                return _(" of {unit}").format(unit=cluster.name)
        return ""
