"""Models with measurable goals, made through the conversation as a secretary makes them."""

from __future__ import annotations

import re

from tests.support.chat import Chat

CHILDREN_AND_HOUSES = "3.000 trẻ em; 90 căn nhà"


async def register_with_goals(chat: Chat, name: str, goals: str = CHILDREN_AND_HOUSES) -> int:
    """Register a model through ``/register`` with its details asked, only the goals given;
    its id."""
    await chat.say("/register")
    for answer in [name, "1", "Chi đoàn", "Ấp 1", "1", "20", "/skip"]:
        await chat.say(answer)
    await chat.press("➕ Thêm ngay")
    for _skipped in range(6):  # direction, method, effect, beneficiaries, money, things built
        await chat.say("/skip")
    await chat.say(goals)
    await chat.say("/skip")  # no photos
    saved = await chat.press("✅")
    found = re.search(r"\(số (\d+)\)", saved)
    assert found is not None, saved
    return int(found[1])
