"""What flows between a channel and the engine: plain inbound events and replies."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class InputKind(StrEnum):
    """What a step expects."""

    TEXT = "text"
    NUMBER = "number"
    CHOICE = "choice"
    PHOTOS = "photos"
    LOCATION = "location"
    CONFIRM = "confirm"


@dataclass(frozen=True, slots=True)
class Photo:
    """A photo already verified and put in the evidence store (content-addressed)."""

    sha256: str
    size: int
    width: int
    height: int
    mime: str
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Pdf:
    """A PDF already verified and put in the evidence store: only the document confirming an
    appraisal may be one."""

    sha256: str
    size: int
    pages: int
    filename: str | None = None
    mime: str = "application/pdf"


@dataclass(frozen=True, slots=True)
class Inbound:
    """One event from a person, whatever the channel.

    ``choice`` is the value of a pressed button; ``rejected_file`` is set when the person sent a
    file that is not an acceptable photo (its value is a message id saying why); ``pdf`` is a
    PDF sent where a step takes one (the confirming document of an appraisal).
    """

    channel: str
    chat_id: str
    user_id: str
    update_id: int | None = None
    text: str | None = None
    choice: str | None = None
    photo: Photo | None = None
    pdf: Pdf | None = None
    rejected_file: str | None = None
    rejected_params: dict[str, object] = field(default_factory=dict)
    location: tuple[float, float] | None = None
    media_group_id: str | None = None
    display_name: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Button:
    """A choice offered to the person: a label to read and a short value to send back.

    A value starting with ``/`` is a command (back, skip, done...), shown as such on channels
    without buttons; other values are numbered there.
    """

    label: str
    value: str

    @property
    def is_command(self) -> bool:
        """Whether pressing it runs a command rather than answering the question."""
        return self.value.startswith("/")


@dataclass(frozen=True, slots=True)
class Document:
    """A file to send (an export); a temporary one is deleted once sent."""

    path: Path
    filename: str
    temporary: bool = False


@dataclass(frozen=True, slots=True)
class StoredPhoto:
    """A photo in the evidence store, to show to a person (sent before the reply's text)."""

    sha256: str
    mime: str
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """One message back to the person, already in their language.

    ``choices`` answer the question and ``navigation`` holds the commands (back, skip, done...),
    both flat: the channel decides how they look (rows of buttons, numbered lines).
    ``numbered`` says the person may answer with the number of a choice (channels without
    buttons number them); ``coalesce_key`` lets a channel send only the last of a burst of
    replies with the same key (one acknowledgement for an album); ``produce`` makes the file to
    attach after the turn's transaction has ended (an export takes seconds and must not hold it).
    """

    text: str
    choices: tuple[Button, ...] = ()
    navigation: tuple[Button, ...] = ()
    numbered: bool = False
    document: Document | None = None
    coalesce_key: str | None = None
    produce: Callable[[], Awaitable[Document]] | None = None
    photos: tuple[StoredPhoto, ...] = ()
    #: send the text as the caption of the (last) photo when the platform allows it that long
    text_as_caption: bool = False
    #: the language of the person it goes to, for what a channel adds to it (set on the way out)
    locale: str | None = None

    def all_buttons(self) -> list[Button]:
        """The choices, then the navigation commands."""
        return [*self.choices, *self.navigation]


def buttons_of(
    rows: Iterable[Iterable[Sequence[str]]],
) -> tuple[tuple[Button, ...], tuple[Button, ...]]:
    """Stored rows of ``[label, value]`` (an outbox message, a digest) as choices and commands."""
    buttons = [Button(str(label), str(value)) for row in rows for label, value in row]
    return (
        tuple(b for b in buttons if not b.is_command),
        tuple(b for b in buttons if b.is_command),
    )
