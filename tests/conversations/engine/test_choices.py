"""Choices typed on a channel without buttons, and views that are no drafts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import pytest

from conversations.engine import Command, Engine
from conversations.flow import Data, Flow, Option, Step
from conversations.flows.join import JoinFlow
from conversations.messages import InputKind, Reply
from conversations.turn import Turn
from conversations.validators import parse_whole_number, short_text
from storage.clock import FixedClock
from storage.db import Database
from tests.support.driver import Driver

SAVED: list[dict[str, Any]] = []
DOMAINS = (
    Option("economy", "Kinh tế"),
    Option("culture", "Văn hóa – xã hội"),
    Option("defence", "Quốc phòng – an ninh"),
    Option("politics", "Xây dựng hệ thống chính trị"),
)


class ModelFlow(Flow):
    """A name, a domain, a unit from suggestions (a text step), a count."""

    name: ClassVar[str] = "model"
    title: ClassVar[str] = "Registering a model"
    STEPS: ClassVar[Sequence[Step]] = (
        Step("name", InputKind.TEXT, prompt="Name?", label="Name", parse=short_text),
        Step("domain", InputKind.CHOICE, prompt="Domain?", label="Domain", options=DOMAINS),
        Step(
            "unit",
            InputKind.TEXT,
            prompt="Unit? Tap one or type its code.",
            label="Unit",
            options=(Option("A2", "Chi đoàn ấp 2", translate=False),),
        ),
        Step("count", InputKind.NUMBER, prompt="Count?", label="Count", parse=parse_whole_number),
    )

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        SAVED.append({k: v for k, v in data.items() if not k.startswith("_")})
        return [Reply("saved")]

    def draft_name(self, data: Any, labels: Any) -> str | None:
        return data.get("name")


class LookFlow(Flow):
    """A view: pick a month, then a thing to read; nothing is saved."""

    name: ClassVar[str] = "look"
    title: ClassVar[str] = "Looking"
    summary: ClassVar[bool] = False
    keeps_draft: ClassVar[bool] = False
    STEPS: ClassVar[Sequence[Step]] = (
        Step(
            "month",
            InputKind.CHOICE,
            prompt="Month?",
            label="Month",
            options=(Option("11", "11/2026"), Option("10", "10/2026")),
        ),
        Step(
            "item",
            InputKind.CHOICE,
            prompt="Which one?",
            label="Item",
            options=(Option("close", "Close"),),
        ),
    )

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        return [Reply("closed")]


@pytest.fixture
def driver(sqlite_database: Database, clock: FixedClock) -> Driver:
    SAVED.clear()
    engine = Engine(
        [
            Command("model", "register a model", flow=ModelFlow()),
            Command("look", "look at things", flow=LookFlow()),
        ],
        join_flow=JoinFlow(),
    )
    return Driver(sqlite_database, engine, clock, locale="en")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("quoc phong", "defence"),
        ("văn hóa", "culture"),
        ("VAN HOA", "culture"),
        ("an ninh", "defence"),
        ("chính trị", "politics"),
        ("xa hoi!", "culture"),
        ("Kinh tế", "economy"),
        ("3", "defence"),
    ],
)
async def test_any_unambiguous_part_of_a_label_picks_it(
    driver: Driver, typed: str, value: str
) -> None:
    await driver.bind()
    await driver.send("/model")
    (domain,) = await driver.send("Sân chơi thiếu nhi")
    assert domain.numbered
    (unit,) = await driver.send(typed)
    assert "Unit?" in unit.text, unit.text
    await driver.send("A2")
    await driver.send("35")
    (summary,) = await driver.send("1")
    assert summary.text == "saved"
    assert SAVED[0]["domain"] == value


async def test_parts_are_whole_words_and_a_text_that_fits_no_label_is_refused(
    driver: Driver,
) -> None:
    await driver.bind()
    await driver.send("/model")
    await driver.send("Sân chơi thiếu nhi")
    for typed in ("xây dựng kinh tế", "a", "kinh t", "quoc-phong-an-ninh-x"):
        (refused,) = await driver.send(typed)
        assert refused.text.startswith("⚠️") and "Domain?" in refused.text, typed
    (unit,) = await driver.send("hội")
    assert "Unit?" in unit.text


async def test_an_ambiguous_part_names_every_label_it_fits(
    sqlite_database: Database, clock: FixedClock
) -> None:
    class Pick(LookFlow):
        name: ClassVar[str] = "pick"
        keeps_draft: ClassVar[bool] = True
        STEPS: ClassVar[Sequence[Step]] = (
            Step("unit", InputKind.CHOICE, prompt="Unit?", label="Unit", options=(
                Option("1", "Chi đoàn ấp 1"), Option("2", "Chi đoàn ấp 2"),
                Option("3", "Đoàn xã Tân Lập"),
            )),
        )  # fmt: skip

    engine = Engine([Command("pick", "pick", flow=Pick())], join_flow=JoinFlow())
    driver = Driver(sqlite_database, engine, clock, locale="en")
    await driver.bind()
    await driver.send("/pick")
    (refused,) = await driver.send("chi doan")
    assert "fits more than one option: 1. Chi đoàn ấp 1; 2. Chi đoàn ấp 2" in refused.text
    assert "Unit?" in refused.text
    (done,) = await driver.send("ap 2")
    assert done.text == "closed"


async def test_suggestions_of_a_text_step_are_numbered_and_a_number_picks_one(
    driver: Driver,
) -> None:
    await driver.bind()
    await driver.send("/model")
    await driver.send("Sân chơi thiếu nhi")
    (unit,) = await driver.send("kinh te")
    assert unit.numbered
    assert [b.label for b in unit.all_buttons() if not b.is_command] == ["Chi đoàn ấp 2"]
    (count,) = await driver.send("1")
    assert "Count?" in count.text
    await driver.send("2")  # on a number question a number is the answer itself
    await driver.send("1")
    assert SAVED[0]["unit"] == "Chi đoàn ấp 2" and SAVED[0]["count"] == 2


async def test_a_view_is_no_draft(driver: Driver) -> None:
    await driver.bind()
    (month,) = await driver.send("/look")
    (item,) = await driver.send("11/2026")
    assert "Which one?" in item.text
    (cancelled,) = await driver.send("/cancel")
    assert cancelled.text == "Nothing to cancel: you were only looking."
    (month,) = await driver.send("/look")
    assert "Month?" in month.text and "unfinished" not in month.text
    await driver.send("1")
    # a view left open is dropped when something else starts, and never comes back as a draft
    await driver.send("/model")
    await driver.send("Sân chơi")
    async with driver.database.read() as tx:
        flows = [c.flow for c in await tx.conversations.all_in_chat("test", driver.chat_id)]
    assert flows == ["model"]
    (again,) = await driver.send("/look")
    assert "Month?" in again.text and "start over" not in again.text
    await driver.send("1")
    (confirm,) = await driver.send("/model")  # the real draft comes back
    assert "start over" in confirm.text


async def test_finishing_a_flow_does_not_remind_of_an_open_view(driver: Driver) -> None:
    await driver.bind()
    await driver.send("/look")
    await driver.send("1")  # the view waits at its second step
    await driver.send("/model")
    await driver.send("Sân chơi")
    await driver.send("1")
    await driver.send("1")
    await driver.send("35")
    replies = await driver.send("1")  # confirm
    assert [r.text for r in replies] == ["saved"]
    (help_,) = await driver.send("what")
    assert "unfinished" not in help_.text
