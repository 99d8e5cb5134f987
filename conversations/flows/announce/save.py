"""What ``/announce`` sends: one outbox message per reachable secretary, in their language."""

from __future__ import annotations

from conversations.flow import Data
from conversations.flows.announce.questions import KIND, audience
from conversations.messages import Reply
from conversations.outbox_composer import OutboxKey, Photo, compose
from conversations.turn import Turn
from domain.keys import announcement_topic
from locales import _, ngettext
from storage.records import Recipient


async def announce(turn: Turn, data: Data) -> list[Reply]:
    """Enqueue one message per reachable secretary, in their language, or nothing."""
    if data.get("confirm") != "send":
        return [Reply(_("Nothing was sent."))]
    person = turn.require_person()
    reached = await audience(turn, data)
    photos = data.get("photo") or []
    photo = photos[0] if photos else None
    announcement = data["_announcement"]

    def render(_recipient: Recipient) -> str:
        header = _("📣 Announcement from {name}:").format(name=person.name)
        return f"{header}\n{data['text']}"

    messages = await compose(
        reached.recipients,
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
    if reached.unreachable:
        lines.append(
            ngettext(
                "{count} secretary has blocked the bot and was left out.",
                "{count} secretaries have blocked the bot and were left out.",
                reached.unreachable,
            ).format(count=reached.unreachable)
        )
    return [Reply("\n".join(lines))]
