"""Telling people about changes through the outbox, each in their own language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from conversations.outbox_composer import Buttons, OutboxKey, compose
from domain.organisation import Role
from storage.db import Tx


async def notify_unit(
    tx: Tx,
    now: dt.datetime,
    unit_id: int,
    key: str,
    render: Callable[[], str],
    *,
    buttons: Callable[[], Buttons] | None = None,
    role: Role = Role.SECRETARY,
) -> int:
    """Enqueue a message to every holder of ``role`` in a unit; ``key`` makes it once-only."""
    recipients = await tx.recipients.holding(role, [unit_id])
    messages = await compose(
        [recipient for _unit, recipient in recipients],
        OutboxKey(key),
        lambda _recipient: render(),
        (lambda _recipient: buttons()) if buttons else None,
        kind="notice",
    )
    return await tx.outbox.enqueue(messages, now)
