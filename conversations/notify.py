"""Telling people about changes through the outbox, each in their own language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from conversations.outbox_composer import Buttons, OutboxKey, compose
from domain.keys import exemplar_status_topic, status_topic
from domain.organisation import Role
from domain.registry import Status
from locales import _
from reports.vocabulary import status_name
from storage.db import Tx
from storage.records import ExemplarRecord, ModelRecord


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


async def tell_secretary(
    tx: Tx,
    now: dt.datetime,
    model: ModelRecord,
    status: Status,
    message: str | None,
    change: int,
) -> None:
    """Tell the unit's secretaries that their model changed status (through the outbox)."""

    def render() -> str:
        text = _("Your model «{name}» is now: {status}.").format(
            name=model.fields.name, status=status_name(status)
        )
        if status is Status.RETURNED and message:
            text += "\n" + _("Question from the standing committee: {message}").format(
                message=message
            )
            text += "\n" + _("Answer by changing the model with /models.")
        elif status is Status.REJECTED and message:
            text += "\n" + _("Reason: {message}").format(message=message)
        return text

    def buttons() -> list[list[list[str]]]:
        return [[[_("✏️ Open my models"), "/models"]]] if status is Status.RETURNED else []

    await notify_unit(
        tx, now, model.unit_id, status_topic(model.id, change), render, buttons=buttons
    )


async def tell_exemplar_secretary(
    tx: Tx,
    now: dt.datetime,
    exemplar: ExemplarRecord,
    status: Status,
    message: str | None,
    change: int,
) -> None:
    """Tell the unit's secretaries that their individual exemplar changed status."""

    def render() -> str:
        text = _("Your individual exemplar {name} is now: {status}.").format(
            name=exemplar.person_name, status=status_name(status)
        )
        if status is Status.RETURNED and message:
            text += "\n" + _("Question from the standing committee: {message}").format(
                message=message
            )
            text += "\n" + _(
                "Send the answer to the standing committee: it will appraise the exemplar again."
            )
        elif status is Status.REJECTED and message:
            text += "\n" + _("Reason: {message}").format(message=message)
        return text

    topic = exemplar_status_topic(exemplar.id, change)
    await notify_unit(tx, now, exemplar.unit_id, topic, render)
