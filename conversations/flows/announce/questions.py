"""What ``/announce`` offers: the audiences of one's subtree, and how many each reaches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from conversations.flow import Data, Option
from conversations.subtree import committee_scope
from conversations.turn import Turn
from domain.errors import NotAllowed
from locales import N_, _, ngettext
from reports.vocabulary import level_name
from storage.announcements import Audience

KIND: Final = "announcement"
EVERYONE: Final = "all"
#: room for the header line within one Telegram message (4,096 characters)
MAX_ANNOUNCEMENT: Final = 3500
SEND: Final = (Option("send", N_("📣 Send it")), Option("no", N_("❌ Do not send")))


async def audiences(turn: Turn, data: Data) -> Sequence[Option]:
    """Every secretary of the person's units, or those of one level."""
    levels = await turn.tx.announcements.levels_with_secretaries(committee_scope(turn))
    options = [Option(EVERYONE, N_("Every secretary of my units"))]
    for level in levels:
        label = _("Only the secretaries at the level: {level}").format(level=level_name(level))
        options.append(Option(f"level:{level}", label, translate=False))
    return options


async def audience(turn: Turn, data: Data) -> Audience:
    """Who the chosen audience is now; a value that was never offered is refused."""
    chosen = str(data.get("audience"))
    if chosen not in {option.value for option in await audiences(turn, data)}:
        raise NotAllowed()
    level = chosen.removeprefix("level:") if chosen != EVERYONE else None
    return await turn.tx.announcements.audience(committee_scope(turn), level)


async def confirm_prompt(turn: Turn, data: Data) -> str:
    """How many it will reach (and how many blocked the bot), and whether to send."""
    reached = await audience(turn, data)
    reach = len(reached.recipients)
    lines = [
        ngettext(
            "It will reach {count} secretary.",
            "It will reach {count} secretaries.",
            reach,
        ).format(count=reach)
    ]
    if reached.unreachable:
        lines.append(
            ngettext(
                "{count} more has blocked the bot and will not get it.",
                "{count} more have blocked the bot and will not get it.",
                reached.unreachable,
            ).format(count=reached.unreachable)
        )
    lines.append(_("Send it now?"))
    return "\n".join(lines)


def show_photo(value: Any) -> str:
    """Whether a photo goes with it."""
    return _("1 photo") if value else _("(none)")
