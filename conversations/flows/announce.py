"""``/announce``: a BTV member or an administrator writes to the secretaries of their subtree.

The message goes through the outbox (paced, once per person: the key is the announcement and the
person), with the bot's own words in each reader's language. Secretaries who blocked the bot are
neither counted nor enqueued; the confirmation says how many they are.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow, Option, Step
from conversations.messages import InputKind, Reply
from conversations.outbox_composer import OutboxKey, Photo, compose
from conversations.subtree import committee_scope
from conversations.turn import Turn
from conversations.validators import text
from domain.errors import NotAllowed
from domain.keys import announcement_topic
from locales import N_, _, ngettext
from reports.vocabulary import level_name
from storage.announcements import Audience
from storage.records import Recipient

KIND: Final = "announcement"
EVERYONE: Final = "all"
#: room for the header line within one Telegram message (4,096 characters)
MAX_ANNOUNCEMENT: Final = 3500
SEND: Final = (Option("send", N_("📣 Send it")), Option("no", N_("❌ Do not send")))


async def _audiences(turn: Turn, data: Data) -> Sequence[Option]:
    levels = await turn.tx.announcements.levels_with_secretaries(committee_scope(turn))
    options = [Option(EVERYONE, N_("Every secretary of my units"))]
    for level in levels:
        label = _("Only the secretaries at the level: {level}").format(level=level_name(level))
        options.append(Option(f"level:{level}", label, translate=False))
    return options


async def _audience(turn: Turn, data: Data) -> Audience:
    """Who the chosen audience is now; a value that was never offered is refused."""
    chosen = str(data.get("audience"))
    if chosen not in {option.value for option in await _audiences(turn, data)}:
        raise NotAllowed()
    level = chosen.removeprefix("level:") if chosen != EVERYONE else None
    return await turn.tx.announcements.audience(committee_scope(turn), level)


async def _confirm_prompt(turn: Turn, data: Data) -> str:
    audience = await _audience(turn, data)
    reach = len(audience.recipients)
    lines = [
        ngettext(
            "It will reach {count} secretary.",
            "It will reach {count} secretaries.",
            reach,
        ).format(count=reach)
    ]
    if audience.unreachable:
        lines.append(
            ngettext(
                "{count} more has blocked the bot and will not get it.",
                "{count} more have blocked the bot and will not get it.",
                audience.unreachable,
            ).format(count=audience.unreachable)
        )
    lines.append(_("Send it now?"))
    return "\n".join(lines)


def _show_photo(value: Any) -> str:
    return _("1 photo") if value else _("(none)")


class AnnounceFlow(Flow):
    """To whom, the text, an optional photo; then the count and the confirmation."""

    name: ClassVar[str] = "announce"
    title: ClassVar[str] = N_("Announcement")
    summary: ClassVar[bool] = False
    STEPS: ClassVar[Sequence[Step]] = (
        Step(
            "audience",
            InputKind.CHOICE,
            prompt=N_("To whom?"),
            label=N_("To"),
            example=N_("Every secretary of my units"),
            options=_audiences,
        ),
        Step(
            "text",
            InputKind.TEXT,
            prompt=N_("Write the announcement."),
            label=N_("Text"),
            example=N_(
                "The district Union meets every branch secretary at 8:00 on Saturday 05/12 "
                "in the hall of the commune People's Committee."
            ),
            parse=text(MAX_ANNOUNCEMENT),
        ),
        Step(
            "photo",
            InputKind.PHOTOS,
            prompt=N_("Send one photo to go with it, or skip."),
            label=N_("Photo"),
            example=N_("the invitation, photographed"),
            optional=True,
            most_photos=1,
            show=_show_photo,
        ),
        Step(
            "confirm",
            InputKind.CHOICE,
            prompt=_confirm_prompt,
            label=N_("Send"),
            example=N_("📣 Send it"),
            options=SEND,
            in_summary=False,
        ),
    )

    async def begin(self, turn: Turn, argument: str) -> Data:
        """A fresh id: the outbox key of each message is this announcement and its reader."""
        return {"_announcement": uuid.uuid4().hex[:16]}

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """Nothing worth naming."""
        return None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Enqueue one message per reachable secretary, in their language, or nothing."""
        if data.get("confirm") != "send":
            return [Reply(_("Nothing was sent."))]
        person = turn.require_person()
        audience = await _audience(turn, data)
        photos = data.get("photo") or []
        photo = photos[0] if photos else None
        announcement = data["_announcement"]

        def render(_recipient: Recipient) -> str:
            header = _("📣 Announcement from {name}:").format(name=person.name)
            return f"{header}\n{data['text']}"

        messages = await compose(
            audience.recipients,
            OutboxKey(announcement_topic(announcement)),
            render,
            kind=KIND,
            photo=Photo(photo["sha256"], photo["mime"]) if photo else None,
        )
        added = await turn.tx.outbox.enqueue(messages, turn.now)
        lines = [
            ngettext(
                "📣 Sent to the outbox for {count} secretary.",
                "📣 Sent to the outbox for {count} secretaries.",
                added,
            ).format(count=added)
        ]
        if audience.unreachable:
            lines.append(
                ngettext(
                    "{count} secretary has blocked the bot and was left out.",
                    "{count} secretaries have blocked the bot and were left out.",
                    audience.unreachable,
                ).format(count=audience.unreachable)
            )
        return [Reply("\n".join(lines))]
