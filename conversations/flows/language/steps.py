"""The question of ``/lang``."""

from __future__ import annotations

from typing import Final

from conversations.flow import Option, Step
from conversations.steps import kinds
from locales import N_

#: each language under its own name, whatever the language being read
LANGUAGES: Final = (
    Option("vi", "Tiếng Việt", translate=False),
    Option("en", "English", translate=False),
)
STEPS: Final[tuple[Step, ...]] = (
    kinds.choice("locale", N_("Which language should I write in?"), N_("Language"), LANGUAGES),
)
