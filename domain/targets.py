"""The yearly targets: how many models a unit of each level must register in a year.

They are read from the ``DVK_TARGETS`` setting (``"branch=1,grassroots=2"``); a level with no
target has none to meet.
"""

from __future__ import annotations

from typing import Final

from domain.organisation import Level

DEFAULT_TARGETS: Final = "branch=1,grassroots=2"


def parse_targets(text: str) -> dict[str, int]:
    """``"branch=1,grassroots=2"`` → ``{"branch": 1, "grassroots": 2}``.

    Raises:
        ValueError: a part is not ``level=count`` with a known level and a whole number.
    """
    levels = {level.value for level in Level}
    targets: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        level, _, count = part.partition("=")
        level = level.strip()
        if level not in levels or not count.strip().isdigit():
            raise ValueError(f"{part!r} is not level=count with a level among {sorted(levels)}")
        targets[level] = int(count)
    return targets
