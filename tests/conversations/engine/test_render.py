"""What the person reads: where they are, the question, its choices and navigation, a note
above it, the summary, one acknowledgement per album, and the menu of what one may do."""

from __future__ import annotations

from conversations.engine.render import Note, command_menu, photo_ack, render
from conversations.engine.state import Album, ConversationState, Mode
from conversations.messages import Inbound
from conversations.turn import EngineConfig, Turn
from locales import use_locale
from storage.clock import FixedClock
from storage.db import Database
from tests.conftest import START
from tests.conversations.engine.test_core import PetFlow

FLOW = PetFlow()


def _turn(tx: object) -> Turn:
    inbound = Inbound(channel="c", chat_id="c", user_id="c")
    return Turn(tx, FixedClock(START), EngineConfig(), inbound)  # type: ignore[arg-type]  # a Tx


async def test_a_question_says_where_it_stands_with_its_choices(sqlite_database: Database) -> None:
    async with sqlite_database.read() as tx:
        state = ConversationState(field="kind", data={"name": "Rex"})
        with use_locale("en"):
            reply, shown = await render(_turn(tx), FLOW, state, Note("Please choose."))
        assert reply.text.splitlines()[:3] == [
            "⚠️ Please choose.",
            "",
            "Step 2/3 · Registering a pet",
        ]
        assert "Kind?" in reply.text
        assert [b.label for b in reply.choices] == ["Cat", "Dog"]
        assert [b.value for b in reply.navigation] == ["/back"]  # a choice cannot be skipped
        assert shown.offered == (("cat", "Cat"), ("dog", "Dog"))  # what the answer is matched with


async def test_the_summary_lists_the_answers_and_offers_to_confirm(
    sqlite_database: Database,
) -> None:
    async with sqlite_database.read() as tx:
        data = {"name": "Rex", "kind": "dog", "tricks": None, "photos": []}
        state = ConversationState(mode=Mode.SUMMARY, data=data, labels={"kind": "Dog"})
        with use_locale("en"):
            reply, shown = await render(_turn(tx), FLOW, state)
    assert "Name: Rex" in reply.text and "Kind: Dog" in reply.text
    assert "Tricks: (skipped)" in reply.text
    assert [value for value, _label in shown.offered] == ["confirm", "edit", "cancel"]


def test_an_album_is_acknowledged_once_and_says_what_was_already_there() -> None:
    inbound = Inbound(channel="c", chat_id="c", user_id="c", media_group_id="g1")
    with use_locale("en"):
        ack = photo_ack(inbound, Album("g1", 2), "Received 3 photos.")
    assert ack.coalesce_key == "album:g1"
    assert "2 photos of this album were already attached" in ack.text
    assert [b.value for b in ack.navigation] == ["/done"]


def test_the_menu_numbers_the_commands_with_their_words_and_reminds_of_a_draft() -> None:
    commands = [("register", "register a model", "dang ky"), ("lang", "choose a language", "lang")]
    with use_locale("en"):
        menu = command_menu(commands, "You have an unfinished draft.")
    assert menu.text.splitlines() == [
        "I did not understand that. What would you like to do? "
        "Type a number, or the word in brackets.",
        "You have an unfinished draft.",
    ]
    assert menu.numbered
    assert [(b.label, b.value) for b in menu.choices] == [
        ("Register a model (dang ky)", "/register"),
        ("Choose a language (lang)", "/lang"),
    ]
    assert all(b.is_command for b in menu.choices)  # Telegram's buttons run them as they are
