"""One error base for everything a person may be told went wrong.

It lives in the lowest layer so that storage, reports, conversations and the bot can all raise it.
An error carries a msgid and its parameters, never translated text: ``locales.user_message``
renders it in the reader's language.
"""

from __future__ import annotations

from typing import ClassVar

from domain.i18n import N_


class DvkError(Exception):
    """A failure with a message that is safe to show the person who caused it.

    Subclasses set :attr:`message` to an English msgid marked with ``N_``; the parameters given to
    the constructor fill its ``{placeholders}`` after translation.
    """

    message: ClassVar[str] = N_("Something went wrong.")

    def __init__(self, message: str | None = None, /, **params: object) -> None:
        if message is not None:
            self.message = message  # type: ignore[misc]  # an instance may override the class msgid
        self.params = params
        super().__init__(self.message.format(**params) if params else self.message)


class InvalidInput(DvkError):
    """An answer that does not fit the question; the question is asked again."""


class NotAllowed(DvkError):
    """The person may not see or do this."""

    message = N_("You are not allowed to do that.")


class NotFound(DvkError):
    """The thing asked for does not exist, or is outside what the person may see."""

    message = N_("Not found.")
