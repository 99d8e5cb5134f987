"""What joining checks: the invite code (slowed down when guessed at), and the name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from conversations.flow import Data, Loaded, Option
from conversations.turn import Turn
from conversations.validators import parse_person_name
from domain.errors import InvalidInput
from locales import N_, format_datetime
from storage.accounts import looks_like_code, normalize_code

WRONG_CODE: Final = N_("This invite code is not right. Check it and send it again.")


def guessing_slowdown(failures: int, limit: int, cap: float) -> float:
    """Seconds to wait before answering a code when ``failures`` wrong codes were typed bot-wide:
    none up to ``limit``, then doubling every five more, at most ``cap``."""
    excess = failures - limit
    return 0.0 if excess <= 0 else min(2.0 ** (excess / 5), cap)


async def check_code(turn: Turn, data: Mapping[str, Any], typed: Any) -> int:
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


async def needs_name(turn: Turn, data: Mapping[str, Any], invite_id: Any) -> Loaded:
    """Whether the name is still to ask: a new person whose invite does not name them."""
    invite = await turn.tx.accounts.invite(int(invite_id))
    named = invite is not None and (invite.name or invite.person_id is not None)
    return Loaded({"needs_name": turn.person is None and not named})


async def name_suggestion(turn: Turn, data: Data) -> Sequence[Option]:
    """The name the messenger shows, as a button."""
    shown = (turn.inbound.display_name or "").strip()
    return [Option("suggested", shown, translate=False)] if shown else []


def parse_name(typed: str) -> str:
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
