"""The port every messenger adapter implements, and the errors a send may end in."""

from __future__ import annotations

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
