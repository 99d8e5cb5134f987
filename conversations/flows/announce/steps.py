"""The questions of ``/announce``: to whom, the text, one optional photo, and the go-ahead."""

from __future__ import annotations

from typing import Final

from conversations.flow import Step
from conversations.flows.announce.questions import (
    MAX_ANNOUNCEMENT,
    SEND,
    audiences,
    confirm_prompt,
    show_photo,
)
from conversations.steps import kinds
from locales import N_

STEPS: Final[tuple[Step, ...]] = (
    kinds.choice("audience", N_("To whom?"), N_("To"), audiences,
                 example=N_("Every secretary of my units")),
    kinds.text("text", N_("Write the announcement."), N_("Text"),
               example=N_("The district Union meets every branch secretary at 8:00 on Saturday "
                          "05/12 in the hall of the commune People's Committee."),
               limit=MAX_ANNOUNCEMENT),
    kinds.photos("photo", N_("Send one photo to go with it, or skip."), N_("Photo"),
                 example=N_("the invitation, photographed"), most_photos=1, show=show_photo),
    kinds.choice("confirm", confirm_prompt, N_("Send"), SEND, example=N_("📣 Send it"),
                 in_summary=False),
)  # fmt: skip
