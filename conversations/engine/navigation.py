"""Moving around a conversation: back, skip, done, cancel, and the menus of the summary, of
editing, of cancelling and of resuming; and when a command's word typed alone is the command.

Each function here decides what happens as an :data:`Outcome`, a plain value; the engine carries
it out (stores the state, asks the next step, saves, forgets the draft).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from conversations.engine.choices import chosen, keep
from conversations.engine.render import Note, current_step, visible
from conversations.engine.state import ConversationState, Mode
from conversations.flow import Flow, Step
from conversations.messages import InputKind
from conversations.text import fold, loose
from domain.errors import InvalidInput
from locales import N_


class Nav(StrEnum):
    """The navigation commands (``/back``, ``/skip``, ``/done``, ``/cancel``)."""

    BACK = "back"
    SKIP = "skip"
    DONE = "done"
    CANCEL = "cancel"


# Words that do what the navigation commands do, for channels without buttons.
_TYPED: Final = {
    Nav.BACK: {"back", "quay lai", "tro lai", "lui"},
    Nav.SKIP: {"skip", "bo qua"},
    Nav.DONE: {"done", "xong", "hoan thanh", "het"},
    Nav.CANCEL: {"cancel", "huy", "thoat"},
}

# Steps whose answer may be any text: a command's word typed there is the answer (but help).
_FREE_TEXT: Final = frozenset({InputKind.TEXT, InputKind.NUMBER, InputKind.LOCATION})


@dataclass(frozen=True, slots=True)
class Show:
    """Store this state and show it (with a note above the question, if any)."""

    state: ConversationState
    error: Note | None = None


@dataclass(frozen=True, slots=True)
class Advance:
    """An answer was kept: go on to the step after ``after`` (or the first missing one)."""

    state: ConversationState
    after: str | None


@dataclass(frozen=True, slots=True)
class Finish:
    """The person confirmed the summary: save what the conversation gathered."""

    state: ConversationState


@dataclass(frozen=True, slots=True)
class Drop:
    """Forget the conversation and say so (``message`` is a msgid)."""

    message: str


@dataclass(frozen=True, slots=True)
class Restart:
    """Forget the draft's answers and begin the flow again."""


Outcome = Show | Advance | Finish | Drop | Restart


def as_nav(command: str) -> Nav | None:
    """The navigation command of a slash command's name, if it is one."""
    return Nav(command) if command in Nav._value2member_map_ else None


def typed_navigation(text: str | None, step: Step) -> Nav | None:
    """A navigation word typed as an answer ("bỏ qua", "xong"), where it applies to the step."""
    if not text:
        return None
    word = fold(text)
    for command, words in _TYPED.items():
        if word in words:
            if command is Nav.SKIP and not step.optional:
                return None
            if command is Nav.DONE and step.kind is not InputKind.PHOTOS:
                return None
            return command
    return None


def typed_command(
    text: str | None,
    words: Mapping[str, str],
    asking: tuple[Flow, ConversationState] | None,
) -> str | None:
    """The command a word typed alone stands for ("Đăng ký" → ``register``; ``words`` are
    folded by :func:`~conversations.text.loose`), unless it answers the conversation ``asking``.

    On a step that takes any text only help is a command (the navigation words are read as
    such by :func:`typed_navigation`); where choices are offered, a choice the word picks wins.
    """
    if not text:
        return None
    command = words.get(loose(text))
    if command is None or asking is None:
        return command
    flow, state = asking
    if state.mode is Mode.ASK:
        step = current_step(flow, state)
        if step is not None:
            if typed_navigation(text, step) is not None:
                return None
            if step.kind in _FREE_TEXT:
                return command if command == "help" else None
    try:
        picked = chosen(state.offered, text, None)
    except InvalidInput:  # a part of several choices: the word typed whole is the command
        picked = None
    return command if picked is None else None


def navigate(flow: Flow, state: ConversationState, command: Nav) -> Outcome:
    """What a navigation command does in the state the conversation is in."""
    mode = state.mode
    if command is Nav.CANCEL:
        if not flow.keeps_draft:
            return Drop(N_("Nothing to cancel: you were only looking."))
        if mode is Mode.CANCEL:
            return Show(state)
        if not state.data:
            return Drop(N_("Cancelled."))
        return Show(replace(state, paused=state.pause(), mode=Mode.CANCEL))
    if mode in {Mode.CANCEL, Mode.RESUME}:
        return Show(state.unpause() if command is Nav.BACK else state)
    if mode is Mode.EDIT:
        return Show(replace(state, mode=Mode.SUMMARY) if command is Nav.BACK else state)
    steps = visible(flow, state.data)
    if mode is Mode.SUMMARY:
        if command is Nav.BACK and steps:
            return Show(replace(state, mode=Mode.ASK, field=steps[-1].field, editing=False))
        return Show(state)
    step = current_step(flow, state)
    if step is None:
        return Advance(state, after=None)
    if command is Nav.BACK:
        return _back(state, steps, step)
    data = state.data
    if command is Nav.SKIP:
        if not step.optional and not (step.kind is InputKind.PHOTOS and data.get(step.field)):
            return Show(state, Note(N_("This step cannot be skipped.")))
        photos = step.kind is InputKind.PHOTOS  # skipping after some photos keeps them
        value = (data.get(step.field) or []) if photos else None
        return Advance(keep(step, state, value), after=step.field)
    # done
    if step.kind is not InputKind.PHOTOS:
        return Show(state)
    if not data.get(step.field) and not step.optional:
        return Show(state, Note(N_("Send at least one photo first.")))
    return Advance(keep(step, state, data.get(step.field) or []), after=step.field)


def _back(state: ConversationState, steps: list[Step], step: Step) -> Outcome:
    """The previous step; from a step opened from the summary, the summary again."""
    if state.editing and all(s.field in state.data for s in steps):
        return Show(replace(state, mode=Mode.SUMMARY, editing=False))
    position = [s.field for s in steps].index(step.field)
    if step.field in state.data:  # asked again on the way forward, answered or not
        state = replace(state, revisit=tuple(sorted({*state.revisit, step.field})))
    if position == 0:
        return Show(state, Note(N_("This is the first step. To stop, type /cancel.")))
    return Show(replace(state, field=steps[position - 1].field))


def answer_menu(flow: Flow, state: ConversationState, value: str) -> Outcome:
    """What a choice does outside a step: in the summary, the edit menu, cancel or resume."""
    mode = state.mode
    if mode is Mode.SUMMARY:
        if value == "confirm":
            return Finish(state)
        if value == "edit":
            return Show(replace(state, mode=Mode.EDIT))
        return navigate(flow, state, Nav.CANCEL)
    if mode is Mode.EDIT:
        return Show(replace(state, mode=Mode.ASK, field=value, editing=True))
    if mode is Mode.CANCEL:
        if value == "yes":
            return Drop(N_("The draft was discarded. Type /help to see what you can do."))
        return Show(state.unpause())
    # resume
    if value == "restart":
        return Restart()
    return Show(state.unpause())
