"""A conversation's state: which mode it is in, which step it asks, the answers so far.

The state is a frozen value; the engine makes a new one for every change. It is stored as JSON
with a version number, and :func:`from_json` reads every older version too, so that an old
draft still resumes:
- version 1, before the version existed: an untyped dict with the same keys, and the labels of
  choices kept among the answers as ``_labels``;
- version 2: a report's answers for each model named ``m<id>_<field>``, which version 3 keeps
  as ``models.<id>.<field>`` (the names of a repeated group, ``Repeat``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Final

#: the version :func:`to_json` writes; a stored state without one is of version 1
VERSION: Final = 3
#: a report's answer for one model, as version 2 and before named it
_OLD_MODEL_ANSWER: Final = re.compile(r"^m(\d+)_(achieved|beneficiaries|money|built|photos)$")

Answers = dict[str, Any]
#: the choices last offered, in order, as (value, label the person saw)
Offered = tuple[tuple[str, str], ...]


class Mode(StrEnum):
    """What the conversation waits for."""

    ASK = "ask"  # the answer to the current step
    SUMMARY = "summary"  # confirm, edit or cancel what was gathered
    EDIT = "edit"  # which field of the summary to change
    CANCEL = "cancel"  # whether to discard the draft
    RESUME = "resume"  # whether to continue the draft or start over


@dataclass(frozen=True, slots=True)
class Paused:
    """Where the conversation was before it asked to cancel or to resume, to go back there."""

    mode: Mode = Mode.ASK
    field: str | None = None
    editing: bool = False


@dataclass(frozen=True, slots=True)
class Album:
    """The album photos are arriving from, and how many of it were attached already."""

    id: str
    repeats: int = 0


@dataclass(frozen=True, slots=True)
class ConversationState:
    """Everything the engine keeps between two turns of a conversation.

    Attributes:
        mode: what the conversation waits for.
        field: the step being asked (in ``ASK``).
        editing: the step was opened from the summary, which it goes back to.
        data: the flow's answers (JSON values), as the flow's hooks see them.
        labels: for each answered choice step, the label the person picked (for the summary).
        offered: the choices of the last message, to match a button, a number or a label.
        revisit: steps passed over by /back, asked again even though they have an answer.
        album: the album photos are arriving from.
        paused: where to go back to from ``CANCEL`` or ``RESUME``.
    """

    mode: Mode = Mode.ASK
    field: str | None = None
    editing: bool = False
    data: Answers = dataclasses.field(default_factory=dict)
    labels: Mapping[str, str | None] = dataclasses.field(default_factory=dict)
    offered: Offered = ()
    revisit: tuple[str, ...] = ()
    album: Album | None = None
    paused: Paused | None = None

    def pause(self) -> Paused:
        """Where the conversation is now, to come back to."""
        return Paused(self.mode, self.field, self.editing)

    def unpause(self) -> ConversationState:
        """Back to where it was before cancel or resume asked (the current step by default)."""
        paused = self.paused or Paused(Mode.ASK, self.field, self.editing)
        return replace(
            self, mode=paused.mode, field=paused.field, editing=paused.editing, paused=None
        )

    def answered(
        self, field: str, value: Any, *, choice: bool = False, label: str | None = None
    ) -> ConversationState:
        """With the answer to ``field`` kept (and, for a choice, the label picked)."""
        labels = {**self.labels, field: label} if choice else self.labels
        return replace(
            self,
            data={**self.data, field: value},
            labels=labels,
            revisit=tuple(f for f in self.revisit if f != field),
        )

    def loaded(
        self, answers: Mapping[str, Any], *, clears: tuple[str, ...] = ()
    ) -> ConversationState:
        """With ``answers`` set, after the answers of the repeated groups ``clears`` went."""
        prefixes = tuple(group + "." for group in clears)

        def kept(name: str) -> bool:
            return not name.startswith(prefixes) if prefixes else True

        return replace(
            self,
            data={**{k: v for k, v in self.data.items() if kept(k)}, **answers},
            labels={k: v for k, v in self.labels.items() if kept(k)},
            revisit=tuple(f for f in self.revisit if kept(f)),
        )


def _mode(value: Any) -> Mode:
    return Mode(value) if value in Mode._value2member_map_ else Mode.ASK


def _paused(raw: Any) -> Paused | None:
    if not isinstance(raw, Mapping):
        return None
    return Paused(_mode(raw.get("mode", "ask")), raw.get("field"), bool(raw.get("editing")))


def _album(raw: Any) -> Album | None:
    if not isinstance(raw, Mapping) or raw.get("id") is None:
        return None
    return Album(str(raw["id"]), int(raw.get("repeats") or 0))


def _offered(raw: Any) -> Offered:
    return tuple((str(value), str(label)) for value, label in raw or ())


def from_json(raw: Mapping[str, Any]) -> ConversationState:
    """A stored state, of this version or of an older one."""
    version = raw.get("version")
    if version == VERSION:
        return _from_version_3(raw)
    if version == 2:
        return _renamed_model_answers(_from_version_3(raw))
    return _renamed_model_answers(_from_version_1(raw))


def _renamed_model_answers(state: ConversationState) -> ConversationState:
    """Version 2's ``m<id>_<field>`` answers as ``models.<id>.<field>``."""

    def new(name: str | None) -> str | None:
        match = _OLD_MODEL_ANSWER.match(name or "")
        return f"models.{match[1]}.{match[2]}" if match else name

    def renamed(mapping: Mapping[str, Any]) -> dict[str, Any]:
        return {str(new(key)): value for key, value in mapping.items()}

    paused = state.paused
    return replace(
        state,
        field=new(state.field),
        data=renamed(state.data),
        labels=renamed(state.labels),
        revisit=tuple(str(new(f)) for f in state.revisit),
        paused=None if paused is None else replace(paused, field=new(paused.field)),
    )


def _from_version_3(raw: Mapping[str, Any]) -> ConversationState:
    return ConversationState(
        mode=Mode(raw["mode"]),
        field=raw.get("field"),
        editing=bool(raw.get("editing")),
        data=dict(raw.get("data") or {}),
        labels=dict(raw.get("labels") or {}),
        offered=_offered(raw.get("offered")),
        revisit=tuple(raw.get("revisit") or ()),
        album=_album(raw.get("album")),
        paused=_paused(raw.get("paused")),
    )


def _from_version_1(raw: Mapping[str, Any]) -> ConversationState:
    """The untyped dict: modes as strings, the choices' labels among the answers as ``_labels``.

    A missing mode was ``ask``; in cancel or resume without ``paused`` the engine went back to
    asking the current step, as :meth:`ConversationState.unpause` does.
    """
    data = dict(raw.get("data") or {})
    labels = data.pop("_labels", None) or {}
    return ConversationState(
        mode=_mode(raw.get("mode", "ask")),
        field=raw.get("field"),
        editing=bool(raw.get("editing")),
        data=data,
        labels=dict(labels),
        offered=_offered(raw.get("offered")),
        revisit=tuple(raw.get("revisit") or ()),
        album=_album(raw.get("album_repeats")),
        paused=_paused(raw.get("paused")),
    )


def to_json(state: ConversationState) -> dict[str, Any]:
    """The state as stored (JSON values only)."""
    return {
        "version": VERSION,
        "mode": state.mode.value,
        "field": state.field,
        "editing": state.editing,
        "data": state.data,
        "labels": dict(state.labels),
        "offered": [list(pair) for pair in state.offered],
        "revisit": list(state.revisit),
        "album": None
        if state.album is None
        else {"id": state.album.id, "repeats": state.album.repeats},
        "paused": None
        if state.paused is None
        else {
            "mode": state.paused.mode.value,
            "field": state.paused.field,
            "editing": state.paused.editing,
        },
    }
