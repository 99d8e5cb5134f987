"""One error base carrying a msgid and its parameters (no database)."""

from __future__ import annotations

from domain.errors import DvkError, InvalidInput, NotAllowed, NotFound
from domain.i18n import N_
from locales import use_locale, user_message


def test_an_error_keeps_its_msgid_and_parameters_until_it_is_shown() -> None:
    error = InvalidInput(N_("From {low} to {high}."), low=1, high=9)
    assert error.message == "From {low} to {high}." and error.params == {"low": 1, "high": 9}
    assert str(error) == "From 1 to 9."
    assert isinstance(error, DvkError)


def test_the_family_has_kind_defaults_in_each_language() -> None:
    assert NotFound().message == "Not found." and NotAllowed().message.startswith("You are not")
    with use_locale("en"):
        assert user_message(NotFound()) == "Not found."
    with use_locale("vi"):
        assert user_message(NotFound()) != "Not found."
        assert user_message(DvkError()) != "Something went wrong."


def test_n_marks_without_translating() -> None:
    assert N_("Not found.") == "Not found."
