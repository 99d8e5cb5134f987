"""The engine's own behaviour, for any flow: back, skip, edit, cancel, help, resume, choices."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import pytest

from conversations.engine import Command, Engine
from conversations.flow import Data, Flow, Loaded, Option, Repeat, Step
from conversations.flows import build_engine
from conversations.flows.join import JoinFlow
from conversations.messages import InputKind, Photo, Reply
from conversations.turn import Turn
from conversations.validators import parse_whole_number, short_text
from domain.errors import InvalidInput
from domain.organisation import Role
from storage.clock import FixedClock
from storage.db import Database, WriteRefused
from tests.support.driver import Driver

SAVED: list[dict[str, Any]] = []
ADMINS = frozenset({Role.ADMIN})


class PetFlow(Flow):
    """A small flow exercising every kind of step."""

    name: ClassVar[str] = "pet"
    title: ClassVar[str] = "Registering a pet"
    STEPS: ClassVar[Sequence[Step]] = (
        Step("name", InputKind.TEXT, prompt="Name?", label="Name", parse=short_text),
        Step(
            "kind",
            InputKind.CHOICE,
            prompt="Kind?",
            label="Kind",
            options=(Option("cat", "Cat"), Option("dog", "Dog")),
        ),
        Step(
            "tricks",
            InputKind.NUMBER,
            prompt="Tricks?",
            label="Tricks",
            parse=parse_whole_number,
            optional=True,
            when=lambda data: data.get("kind") == "dog",
        ),
        Step("photos", InputKind.PHOTOS, prompt="Photos?", label="Photos", optional=True),
    )

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        SAVED.append({k: v for k, v in data.items() if not k.startswith("_")})
        return [Reply(f"saved {data['name']}")]

    def draft_name(self, data: Any, labels: Any) -> str | None:
        return data.get("name")


#: what the brief of the Zalo issue asked for, word by word
SOME_WORDS = {
    "dang ky": "register", "mo hinh": "models", "bao cao": "report", "huy": "cancel",
    "tro giup": "help", "giup": "help", "dien hinh": "exemplar", "guong dien hinh": "exemplar",
    "tham dinh": "review", "de cu": "nominate", "danh sach de cu": "nominees",
    "ban tin": "digest", "di co so": "visit", "so di co so": "visits", "xuat": "export",
    "xuat file": "export", "moi": "invite", "thong bao": "announce", "ngon ngu": "lang",
    "bat dau": "start",
}  # fmt: skip


def photo(n: int = 1) -> Photo:
    return Photo(sha256=f"{n:064x}", size=100, width=10, height=10, mime="image/jpeg")


async def call_the_vet(turn: Turn, argument: str) -> list[Reply]:
    return [Reply("the vet is coming")]


@pytest.fixture
def driver(sqlite_database: Database, clock: FixedClock) -> Driver:
    SAVED.clear()
    commands = [
        Command("pet", "register a pet", flow=PetFlow(), words=("nuoi thu", "thu cung")),
        Command("vet", "call the vet", ADMINS, action=call_the_vet, words=("bac si",)),
    ]
    return Driver(sqlite_database, Engine(commands, join_flow=JoinFlow()), clock, locale="en")


async def test_walks_the_steps_shows_a_summary_and_saves_on_confirm(driver: Driver) -> None:
    await driver.bind()
    (first,) = await driver.send("/pet")
    assert "Name?" in first.text
    assert "1/3" in first.text  # tricks is hidden until a dog is chosen
    (kind,) = await driver.send("  Mèo 🐱 ")
    assert kind.numbered and [b.label for b in kind.all_buttons() if not b.is_command] == [
        "Cat",
        "Dog",
    ]
    (tricks,) = await driver.send("2")  # the number of "Dog"
    assert "Tricks?" in tricks.text and "3/4" in tricks.text
    (photos,) = await driver.send("12 tricks")
    assert "Photos?" in photos.text
    (ack,) = await driver.send(photo=photo(1))
    assert "1" in ack.text
    (ack,) = await driver.send(photo=photo(2))
    (summary,) = await driver.send("/done")
    assert "Mèo 🐱" in summary.text and "12" in summary.text
    (saved,) = await driver.press(summary, "✅")
    assert saved.text == "saved Mèo 🐱"
    assert SAVED == [
        {
            "name": "Mèo 🐱",
            "kind": "dog",
            "tricks": 12,
            "photos": [
                {
                    **{"sha256": photo(i).sha256, "size": 100, "width": 10, "height": 10},
                    "mime": "image/jpeg",
                    "caption": None,
                    "at": SAVED[0]["photos"][i - 1]["at"],
                }
                for i in (1, 2)
            ],
        }
    ]


async def test_a_wrong_answer_repeats_the_question_and_keeps_the_step(driver: Driver) -> None:
    await driver.bind()
    await driver.send("/pet")
    await driver.send("Rex")
    await driver.send("Dog")  # typed label
    (error,) = await driver.send("many")
    assert error.text.startswith("⚠️")
    assert "Tricks?" in error.text
    (again,) = await driver.send("0")
    assert "Tricks?" in again.text
    (photos,) = await driver.send("3")
    assert "Photos?" in photos.text


async def test_back_goes_to_the_previous_step_and_skip_only_skips_optional_steps(
    driver: Driver,
) -> None:
    await driver.bind()
    await driver.send("/pet")
    (refused,) = await driver.send("/skip")
    assert "⚠️" in refused.text and "Name?" in refused.text
    await driver.send("Rex")
    (name_again,) = await driver.send("/back")
    assert "Name?" in name_again.text
    await driver.send("Max")
    await driver.send("Dog")
    (photos,) = await driver.send("bỏ qua")  # typed skip on the optional tricks step
    assert "Photos?" in photos.text
    (summary,) = await driver.send("/skip")
    assert "Max" in summary.text
    await driver.press(summary, "✅")
    assert SAVED[0]["tricks"] is None and SAVED[0]["photos"] == []


async def test_editing_a_field_from_the_summary_asks_only_what_changed(driver: Driver) -> None:
    await driver.bind()
    await driver.send("/pet")
    await driver.send("Tom")
    await driver.send("Cat")
    (summary,) = await driver.send("/skip")
    (menu,) = await driver.press(summary, "✏️")
    (kind,) = await driver.press(menu, "Kind")
    assert "Kind?" in kind.text
    (tricks,) = await driver.press(kind, "Dog")  # a dog has tricks: newly visible, so asked
    assert "Tricks?" in tricks.text
    (summary,) = await driver.send("4")
    assert "Tricks: 4" in summary.text
    await driver.press(summary, "✅")
    assert SAVED == [{"name": "Tom", "kind": "dog", "photos": [], "tricks": 4}]


async def test_cancel_asks_first_and_discards_only_when_confirmed(driver: Driver) -> None:
    await driver.bind()
    await driver.send("/pet")
    await driver.send("Tom")
    (question,) = await driver.send("/cancel")
    (kind_again,) = await driver.press(question, "No")
    assert "Kind?" in kind_again.text
    (question,) = await driver.send("hủy")
    (done,) = await driver.press(question, "Yes")
    assert "/help" in done.text
    (nothing,) = await driver.send("/cancel")
    assert "nothing" in nothing.text.lower()
    assert SAVED == []


async def test_a_draft_is_offered_again_and_survives_another_command(driver: Driver) -> None:
    await driver.bind()
    await driver.send("/pet")
    await driver.send("Tom")
    (help_reply,) = await driver.send("/help")
    assert "Kind?" in help_reply.text and "/pet" in help_reply.text
    (offer,) = await driver.send("/pet")
    assert "Tom" in offer.text
    (kind,) = await driver.press(offer, "Continue")
    assert "Kind?" in kind.text
    (offer,) = await driver.send("/pet")
    (name,) = await driver.press(offer, "Start over")
    assert "Name?" in name.text


async def test_a_stale_button_is_refused_kindly(driver: Driver) -> None:
    await driver.bind()
    await driver.send("/pet")
    (kind,) = await driver.send("Tom")
    await driver.press(kind, "Cat")
    (stale,) = await driver.send(choice="dog")  # the old message's button
    assert "⚠️" in stale.text and "Photos?" in stale.text


async def test_unknown_text_and_unbound_people_get_guidance(driver: Driver) -> None:
    (how,) = await driver.send("xin chào")
    assert "/start" in how.text
    await driver.bind()
    (unclear,) = await driver.send("xin chào")
    assert "What would you like to do?" in unclear.text  # and the menu of what one may do
    assert unclear.numbered and [b.value for b in unclear.choices] == ["/pet"]
    (unknown,) = await driver.send("/fly")
    assert "/fly" in unknown.text


async def test_a_word_typed_alone_runs_its_command_as_the_slash_would(driver: Driver) -> None:
    (how,) = await driver.send("Trợ giúp")  # before joining: how to join, as /help
    assert "/start" in how.text and "invite code" in how.text
    await driver.bind()
    (name,) = await driver.send("  Nuôi thú! ")
    assert "Name?" in name.text
    (cancelled,) = await driver.send("huy")
    assert cancelled.text == "Cancelled."
    (refused,) = await driver.send("bác sĩ")  # the role check of /vet
    assert "The command /vet is not for your role" in refused.text
    (name,) = await driver.send("PET")  # the command's own name alone
    assert "Name?" in name.text


async def test_a_word_at_a_text_step_is_the_answer_but_help_and_navigation(
    driver: Driver,
) -> None:
    await driver.bind()
    await driver.send("nuoi thu")
    (helped,) = await driver.send("giúp")
    assert "You are in: Registering a pet." in helped.text and "Name?" in helped.text
    (kind,) = await driver.send("Thú cưng")  # a name that is a command's word: the answer
    assert "Kind?" in kind.text
    (pet,) = await driver.send("pet")  # no option says "pet": the command, offering the draft
    assert "unfinished draft" in pet.text and "Thú cưng" in pet.text
    (cancel,) = await driver.send("huỷ")  # no choice of the resume menu: /cancel
    assert "Discard this draft" in cancel.text
    (offer,) = await driver.press(cancel, "No")
    (kind,) = await driver.press(offer, "Continue")
    assert "Kind?" in kind.text
    (cancel,) = await driver.send("hủy")  # at a choice step, the navigation word as before
    assert "Discard this draft" in cancel.text


async def test_at_a_choice_step_a_choice_the_word_picks_wins_else_the_command_runs(
    sqlite_database: Database, clock: FixedClock
) -> None:
    class Adopt(PetFlow):
        name: ClassVar[str] = "adopt"
        title: ClassVar[str] = "Adopting a cat"

    commands = [
        Command("pet", "register a pet", flow=PetFlow()),
        Command("cat", "adopt a cat", flow=Adopt(), words=("dog", "meo")),
    ]
    driver = Driver(sqlite_database, Engine(commands, join_flow=JoinFlow()), clock, locale="en")
    await driver.bind()
    await driver.send("/pet")
    await driver.send("Rex")
    (tricks,) = await driver.send("Dog")  # an option of the step before the word of /cat
    assert "Tricks?" in tricks.text
    await driver.send("/back")
    (photos,) = await driver.send("Cat")  # also an option, though /cat is named so
    assert "Photos?" in photos.text
    await driver.send("/back")
    (adopt,) = await driver.send("Mèo")  # no option of the kind step: /cat it is
    assert "Adopting a cat" in adopt.text and "Name?" in adopt.text


def test_a_word_claimed_by_two_commands_is_refused() -> None:
    pet = Command("pet", "register a pet", flow=PetFlow(), words=("Trợ giúp",))
    with pytest.raises(ValueError, match="claimed by /help and /pet"):
        Engine([pet], join_flow=JoinFlow())


def test_every_command_of_the_bot_answers_to_its_vietnamese_words() -> None:
    engine = build_engine()
    words = engine.words
    assert {word: words[word] for word in SOME_WORDS} == SOME_WORDS
    assert all(command.words for command in engine.commands.values())
    assert words["register"] == "register" and words["help"] == "help"


async def test_unknown_text_gets_the_menu_and_a_number_picks_from_it(driver: Driver) -> None:
    await driver.bind()
    (menu,) = await driver.send("what now")
    assert menu.numbered and [(b.label, b.value) for b in menu.choices] == [
        ("Register a pet (nuoi thu)", "/pet")  # /vet is not for this person: not offered
    ]
    (name,) = await driver.send("1")
    assert "Name?" in name.text
    await driver.send("Tom")
    (kind,) = await driver.send("mmm")  # inside a conversation a wrong answer is asked again
    assert "⚠️" in kind.text and "Kind?" in kind.text
    await driver.send("/pet")  # the draft offered: answering with "1" continues it
    (kind,) = await driver.send("1")
    assert "Kind?" in kind.text
    await driver.send("/help")  # leaves the draft active: a number is its answer
    (tricks,) = await driver.send("2")
    assert "Tricks?" in tricks.text


async def test_a_number_off_the_menu_shows_the_menu_again_with_the_draft(driver: Driver) -> None:
    await driver.bind()
    await driver.send("/pet")
    await driver.send("Tom")
    async with driver.database.transaction() as tx:  # the draft kept, no conversation open
        await tx.conversations.suspend("test", driver.chat_id)
    (menu,) = await driver.send("7")
    assert "What would you like to do?" in menu.text
    assert "You have an unfinished draft: Registering a pet «Tom»" in menu.text
    assert [b.value for b in menu.choices] == ["/pet"]


async def test_the_help_says_the_words_work_without_a_slash(driver: Driver) -> None:
    await driver.bind()
    (help_reply,) = await driver.send("/help")
    last = help_reply.text.splitlines()[-1]
    assert last == "You can also type the words without the slash, for example: nuoi thu, huy."


async def test_while_joining_other_commands_point_back_to_the_question(driver: Driver) -> None:
    (question,) = await driver.send("/start")
    assert "invite code" in question.text
    (again,) = await driver.send("/pet")
    assert "finish joining" in again.text and "invite code" in again.text
    (cancelled,) = await driver.send("/cancel")
    assert cancelled.text == "Cancelled."


# ----------------------------------------------------------------- hooks and repeated groups

REFUSED: list[str] = []
STOPS = Repeat(
    "stops",
    items="_stops",
    heading="Stop {name} ({index}/{total})",
    steps=(Step("note", InputKind.TEXT, prompt="Note?", label="Note", parse=short_text),),
)


async def _known_town(turn: Turn, data: Mapping[str, Any], typed: Any) -> str:
    if typed == "Nowhere":
        raise InvalidInput("No such town.")
    return str(typed)


async def _count_refusal(turn: Turn, typed: Any) -> None:
    REFUSED.append(str(typed))


async def _stops_of(turn: Turn, data: Mapping[str, Any], town: Any) -> Loaded:
    stops = [["a", "Alpha"], ["b", "Beta"]] if town == "Huế" else [["c", "Gamma"]]
    return Loaded({"_stops": stops}, clears=(STOPS.group,))


class TripFlow(Flow):
    """A town brings its stops; the same question is asked for each stop."""

    name: ClassVar[str] = "trip"
    title: ClassVar[str] = "Planning a trip"
    STEPS = (
        Step(
            "town",
            InputKind.TEXT,
            prompt="Town?",
            label="Town",
            check=_known_town,
            refused=_count_refusal,
            loads=_stops_of,
        ),
        STOPS,
    )

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        SAVED.append(STOPS.answers(data))
        return [Reply("saved")]


async def _writing_check(turn: Turn, data: Mapping[str, Any], typed: Any) -> str:
    await turn.tx.accounts.create_person("Written by a check", "vi", turn.now)
    return str(typed)


class WritingFlow(Flow):
    """A flow whose check breaks the rule and writes."""

    name: ClassVar[str] = "writing"
    title: ClassVar[str] = "Writing"
    STEPS = (Step("x", InputKind.TEXT, prompt="X?", label="X", check=_writing_check),)

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        return [Reply("saved")]


@pytest.fixture
def trip_driver(sqlite_database: Database, clock: FixedClock) -> Driver:
    SAVED.clear()
    REFUSED.clear()
    commands = [
        Command("trip", "plan a trip", flow=TripFlow()),
        Command("writing", "write", flow=WritingFlow()),
    ]
    return Driver(sqlite_database, Engine(commands, join_flow=JoinFlow()), clock, locale="en")


async def test_a_repeated_group_asks_each_item_and_a_new_answer_replaces_the_items(
    trip_driver: Driver,
) -> None:
    driver = trip_driver
    await driver.bind()
    await driver.send("/trip")
    (refused,) = await driver.send("Nowhere")
    assert "No such town." in refused.text and "Town?" in refused.text
    assert REFUSED == ["Nowhere"]  # the refusal left its trace
    (alpha,) = await driver.send("Huế")
    assert "Stop Alpha (1/2)\nNote?" in alpha.text
    (beta,) = await driver.send("The citadel")
    assert "Stop Beta (2/2)\nNote?" in beta.text
    (summary,) = await driver.send("The river")
    assert "«Alpha» · Note: The citadel" in summary.text
    (menu,) = await driver.press(summary, "✏️")
    (town,) = await driver.press(menu, "Town")
    (gamma,) = await driver.send("Đà Nẵng")  # another town: Alpha and Beta's answers go
    assert "Stop Gamma (1/1)" in gamma.text
    (summary,) = await driver.send("The bridge")
    assert "Alpha" not in summary.text
    await driver.press(summary, "✅")
    assert SAVED == [{"c": {"note": "The bridge"}}]


async def test_a_check_that_writes_is_stopped_and_nothing_is_written(
    trip_driver: Driver, sqlite_database: Database
) -> None:
    driver = trip_driver
    await driver.bind()
    await driver.send("/writing")
    async with sqlite_database.read() as tx:
        people = len(await tx.accounts.people(range(1, 1000)))
    with pytest.raises(WriteRefused):
        await driver.send("anything")
    async with sqlite_database.read() as tx:
        assert len(await tx.accounts.people(range(1, 1000))) == people == 1
