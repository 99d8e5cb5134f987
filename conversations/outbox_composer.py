"""The one composer of outbox messages: each recipient's row, in their language, with its key.

Every message the bot sends on its own (reminders, digests, visit summaries, notices,
announcements) is composed here: the jobs in ``bot/jobs/`` and the flows that notify call
:func:`compose` and enqueue what it returns. Recipients are reachable accounts already
(``tx.recipients`` leaves out those who blocked the bot).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from domain.keys import for_person
from locales import use_locale
from storage.outbox import OutgoingMessage
from storage.records import Recipient

Buttons = list[list[list[str]]]


@dataclass(frozen=True, slots=True)
class Content:
    """A rendered message with the buttons that belong to it (when both come from one render)."""

    text: str
    buttons: Buttons = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Photo:
    """A photo in the evidence store, sent with the text."""

    sha256: str
    mime: str


@dataclass(frozen=True, slots=True)
class OutboxKey:
    """The topic of the messages and how to name each person's (``domain.keys``).

    By default a person's key is ``for_person(topic, person_id)``; reminders and digests name
    theirs otherwise (``nudge_key``, ``digest_key``).
    """

    topic: str
    per_person: Callable[[int], str] | None = None

    def of(self, person_id: int) -> str:
        """The key of the message to one person."""
        if self.per_person is not None:
            return self.per_person(person_id)
        return for_person(self.topic, person_id)


Render = Callable[[Recipient], "str | Content | Awaitable[str | Content]"]


async def compose(
    recipients: Iterable[Recipient],
    key: OutboxKey,
    message: Render,
    buttons: Callable[[Recipient], Buttons] | None = None,
    *,
    kind: str,
    photo: Photo | None = None,
    not_before: dt.datetime | None = None,
    quiet_hours: bool = True,
) -> list[OutgoingMessage]:
    """One outbox row per recipient, ``message`` and ``buttons`` rendered in their language.

    ``message`` may return the text, or a :class:`Content` carrying its own buttons (then
    ``buttons`` must be None), and may be a coroutine function (a digest reads as it renders).
    """
    composed = []
    for recipient in recipients:
        with use_locale(recipient.locale):
            rendered = message(recipient)
            if inspect.isawaitable(rendered):
                rendered = await rendered
            if isinstance(rendered, Content):
                if buttons is not None:
                    raise ValueError("a message that brings its buttons takes no other buttons")
                text, rows = rendered.text, rendered.buttons
            else:
                text, rows = rendered, buttons(recipient) if buttons is not None else []
        composed.append(
            OutgoingMessage(
                key=key.of(recipient.person_id),
                topic=key.topic,
                kind=kind,
                person_id=recipient.person_id,
                account_id=recipient.account_id,
                channel=recipient.channel,
                chat_id=recipient.chat_id,
                text=text,
                buttons=rows,
                quiet_hours=quiet_hours,
                not_before=not_before,
                photo_sha256=photo.sha256 if photo else None,
                photo_mime=photo.mime if photo else None,
            )
        )
    return composed
