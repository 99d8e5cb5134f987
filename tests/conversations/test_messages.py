"""Replies as channels read them: choices then navigation commands, and stored button rows."""

from __future__ import annotations

from conversations.messages import Button, Reply, buttons_of


def test_stored_rows_split_into_choices_and_commands() -> None:
    choices, navigation = buttons_of([[["✏️ Mở", "/models"], ["Có", "yes"]], [["Không", "no"]]])
    assert [b.value for b in choices] == ["yes", "no"]
    assert [b.label for b in navigation] == ["✏️ Mở"] and navigation[0].is_command
    reply = Reply("?", choices=choices, navigation=navigation)
    assert [b.value for b in reply.all_buttons()] == ["yes", "no", "/models"]
    assert not Button("1", "1").is_command and buttons_of([]) == ((), ())
