"""What navigation decides, as plain values: back, skip, done and cancel in each mode, the
summary's menu, the navigation words typed where a channel has no buttons, and when a command's
word typed alone is the command."""

from __future__ import annotations

from dataclasses import replace

from conversations.engine.navigation import (
    Advance,
    Drop,
    Finish,
    Nav,
    Restart,
    Show,
    answer_menu,
    as_nav,
    navigate,
    typed_command,
    typed_navigation,
)
from conversations.engine.state import ConversationState, Mode
from tests.conversations.engine.test_core import PetFlow

FLOW = PetFlow()
NAME, KIND, TRICKS, PHOTOS = (FLOW.STEPS[i] for i in range(4))  # type: ignore[misc]  # fixed steps


def test_navigation_words_apply_only_where_they_make_sense() -> None:
    assert as_nav("back") is Nav.BACK and as_nav("register") is None
    assert typed_navigation("Bỏ qua", TRICKS) is Nav.SKIP  # optional
    assert typed_navigation("bỏ qua", NAME) is None  # a name may not be skipped: it is an answer
    assert typed_navigation("Xong", PHOTOS) is Nav.DONE and typed_navigation("xong", NAME) is None
    assert typed_navigation("Hủy", NAME) is Nav.CANCEL and typed_navigation(None, NAME) is None


def test_back_goes_to_the_previous_step_and_stops_at_the_first() -> None:
    at_kind = ConversationState(field="kind", data={"name": "Rex"})
    outcome = navigate(FLOW, at_kind, Nav.BACK)
    assert isinstance(outcome, Show) and outcome.state.field == "name"
    first = navigate(FLOW, ConversationState(field="name"), Nav.BACK)
    assert isinstance(first, Show) and first.error is not None  # "this is the first step"


def test_skip_keeps_none_for_an_optional_step_and_refuses_otherwise() -> None:
    data = {"name": "Rex", "kind": "dog"}
    skipped = navigate(FLOW, ConversationState(field="tricks", data=data), Nav.SKIP)
    assert isinstance(skipped, Advance) and skipped.state.data["tricks"] is None
    refused = navigate(FLOW, ConversationState(field="name"), Nav.SKIP)
    assert isinstance(refused, Show) and refused.error is not None


def test_cancel_asks_first_unless_nothing_was_answered() -> None:
    assert isinstance(navigate(FLOW, ConversationState(field="name"), Nav.CANCEL), Drop)
    asking = navigate(FLOW, ConversationState(field="kind", data={"name": "Rex"}), Nav.CANCEL)
    assert isinstance(asking, Show) and asking.state.mode is Mode.CANCEL
    assert isinstance(answer_menu(FLOW, asking.state, "yes"), Drop)
    kept = answer_menu(FLOW, asking.state, "no")
    assert isinstance(kept, Show) and kept.state.mode is Mode.ASK and kept.state.field == "kind"


def test_the_summary_menu_confirms_edits_and_resumes() -> None:
    summary = ConversationState(mode=Mode.SUMMARY, data={"name": "Rex", "kind": "cat"})
    assert isinstance(answer_menu(FLOW, summary, "confirm"), Finish)
    editing = answer_menu(FLOW, summary, "edit")
    assert isinstance(editing, Show) and editing.state.mode is Mode.EDIT
    field = answer_menu(FLOW, editing.state, "kind")
    assert isinstance(field, Show) and field.state.editing and field.state.field == "kind"
    resume = replace(summary, mode=Mode.RESUME)
    assert isinstance(answer_menu(FLOW, resume, "restart"), Restart)


WORDS = {"dang ky": "register", "cat": "adopt", "tro giup": "help", "huy": "cancel"}


def test_a_command_word_alone_is_the_command_outside_a_conversation() -> None:
    assert typed_command(" Đăng ký! ", WORDS, None) == "register"
    assert typed_command("dang-ky", WORDS, None) == "register"
    assert typed_command("dang ky mo hinh", WORDS, None) is None  # the word alone, nothing more
    assert typed_command(None, WORDS, None) is None


def test_at_a_free_text_step_a_command_word_is_the_answer_but_help() -> None:
    at_name = (FLOW, ConversationState(field="name"))
    assert typed_command("Đăng ký", WORDS, at_name) is None
    assert typed_command("Trợ giúp", WORDS, at_name) == "help"
    assert typed_command("huỷ", WORDS, at_name) is None  # navigation reads it, as before
    at_tricks = (FLOW, ConversationState(field="tricks", data={"name": "Rex", "kind": "dog"}))
    assert typed_command("dang ky", WORDS, at_tricks) is None  # a number step, too


def test_where_choices_are_offered_a_choice_the_word_picks_wins() -> None:
    offered = (("cat", "Cat"), ("dog", "Dog"))
    at_kind = (FLOW, ConversationState(field="kind", data={"name": "Rex"}, offered=offered))
    assert typed_command("Cat", WORDS, at_kind) is None
    assert typed_command("dang ky", WORDS, at_kind) == "register"
    resume = ConversationState(mode=Mode.RESUME, offered=(("continue", "Continue"),))
    assert typed_command("huy", WORDS, (FLOW, resume)) == "cancel"
    cancelling = ConversationState(mode=Mode.CANCEL, offered=(("yes", "Yes, hủy it"),))
    assert typed_command("huy", WORDS, (FLOW, cancelling)) is None  # "yes" it is
    at_photos = (FLOW, ConversationState(field="photos", data={"name": "Rex", "kind": "cat"}))
    assert typed_command("dang ky", WORDS, at_photos) == "register"  # text answers no photo
