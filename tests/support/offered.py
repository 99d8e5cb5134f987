"""What a reply offers to answer with, as a person reads it."""

from __future__ import annotations

from tests.support.chat import Chat


def choices(chat: Chat) -> list[str]:
    """The labels of the answers offered by the last replies (not the navigation commands)."""
    return [button.label for reply in chat.last for button in reply.choices]
