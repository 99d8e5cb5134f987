"""Telling people about changes through the outbox, each in their own language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from domain.keys import for_person
from domain.organisation import Role
from locales import use_locale
from storage.db import Tx
from storage.outbox import OutgoingMessage


async def notify_unit(
    tx: Tx,
    now: dt.datetime,
    unit_id: int,
    key: str,
    render: Callable[[], str],
    *,
    buttons: Callable[[], list[list[list[str]]]] | None = None,
    role: Role = Role.SECRETARY,
) -> int:
    """Enqueue a message to every holder of ``role`` in a unit; ``key`` makes it once-only."""
    recipients = await tx.recipients.holding(role, [unit_id])
    messages = []
    for _unit, recipient in recipients:
        with use_locale(recipient.locale):
            text = render()
            rows = buttons() if buttons else []
        messages.append(
            OutgoingMessage(
                key=for_person(key, recipient.person_id),
                topic=key,
                kind="notice",
                person_id=recipient.person_id,
                account_id=recipient.account_id,
                channel=recipient.channel,
                chat_id=recipient.chat_id,
                text=text,
                buttons=rows,
            )
        )
    return await tx.outbox.enqueue(messages, now)
