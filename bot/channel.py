"""The port every messenger adapter implements, the errors a send may end in, and the plain-text
form of a reply for channels without buttons (Zalo, the console)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Protocol

from conversations.messages import Reply


class SendError(Exception):
    """A message could not be delivered."""


class RecipientBlocked(SendError):
    """The person blocked the bot (Telegram 403): retrying is pointless."""


class RateLimited(SendError):
    """The platform asked to slow down (Telegram 429) for ``retry_after`` seconds."""

    def __init__(self, retry_after: float, detail: str = "") -> None:
        super().__init__(detail or f"retry after {retry_after}s")
        self.retry_after = retry_after


class TemporaryFailure(SendError):
    """A network error or a 5xx: worth retrying with backoff."""


class PermanentFailure(SendError):
    """The platform refused the message for good (400: chat not found, text too long...)."""


class DownloadFailed(Exception):
    """A file a person sent could not be fetched from the platform."""

    def __init__(self, detail: str, *, retryable: bool = True) -> None:
        super().__init__(detail)
        self.retryable = retryable


class Channel(Protocol):
    """A messenger the bot talks through."""

    name: str

    async def send(self, chat_id: str, reply: Reply) -> None:
        """Deliver one reply; raise a :class:`SendError` when it cannot be delivered."""
        ...


def choice_lines(reply: Reply) -> list[str]:
    """A reply's choices as lines of text, for a channel without buttons: numbered when a number
    answers (``1. Chi đoàn ấp 2``), otherwise bullets; a command shows what to type; the
    navigation commands follow on one line (``[⬅️ Back: /back]``)."""
    lines = []
    for number, button in enumerate(reply.choices, start=1):
        if reply.numbered:
            lines.append(f"  {number}. {button.label}")
        elif button.is_command:
            lines.append(f"  • {button.label}: {button.value}")
        else:
            lines.append(f"  • {button.label}")
    if reply.navigation:
        lines.append("  " + "   ".join(f"[{b.label}: {b.value}]" for b in reply.navigation))
    return lines


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters: cut at a line end where there is one, otherwise
    between words; only a single word longer than ``limit`` is cut inside."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip("\n ")
    if text or not pieces:
        pieces.append(text)
    return pieces


async def send_with_retries(
    send: Callable[[str, Reply], Awaitable[None]],
    chat_id: str,
    reply: Reply,
    *,
    attempts: int = 3,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> None:
    """Answer a person now, trying again after a 429 (at most 30 s later) or a network error;
    the last failure is raised."""
    for attempt in range(1, attempts + 1):
        try:
            await send(chat_id, reply)
            return
        except RateLimited as limited:
            if attempt == attempts:
                raise
            await sleep(min(limited.retry_after, 30.0))
        except TemporaryFailure:
            if attempt == attempts:
                raise
            await sleep(attempt)
