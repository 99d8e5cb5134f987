"""How a flow is declared: ordered steps as data, plus what to do at the start and the end.

The engine (``conversations/engine/``) runs every flow alike: back, skip, edit from the summary,
cancel, help and resume belong to it, never to a flow.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from conversations.messages import InputKind, Reply, StoredPhoto
from conversations.turn import Turn
from locales import N_, _, ngettext

Data = dict[str, Any]
Parser = Callable[[str], Any]
#: validates an answer against the database; gets the answers read-only, may not write
Checker = Callable[[Turn, Mapping[str, Any], Any], Awaitable[Any]]
#: what a kept answer brings with it (see :class:`Loaded`)
Loader = Callable[[Turn, Mapping[str, Any], Any], Awaitable["Loaded"]]
#: what a refused answer leaves behind (a wrong invite code is counted); it may write
Refusal = Callable[[Turn, Any], Awaitable[None]]
OptionsSource = Callable[[Turn, Data], Awaitable[Sequence["Option"]]]
PromptSource = Callable[[Turn, Data], Awaitable[str]]
PhotosSource = Callable[[Turn, Data], Awaitable[Sequence[StoredPhoto]]]
LinkedSource = Callable[[Turn, Data], Awaitable[Collection[str]]]


@dataclass(frozen=True, slots=True)
class Option:
    """One answer of a choice step. ``label`` is a msgid unless ``translate`` is False."""

    value: str
    label: str
    translate: bool = True

    def text(self) -> str:
        """The label in the current language."""
        return _(self.label) if self.translate else self.label


@dataclass(frozen=True, slots=True)
class Loaded:
    """Answers that an answer brings with it: a report period brings the models it covers and
    the answers sent before; an invite code, whether a name is still needed.

    Attributes:
        answers: set in the conversation's answers next to the step's own value.
        clears: :class:`Repeat` groups whose answers go first (those of another period).
    """

    answers: Mapping[str, Any] = field(default_factory=dict)
    clears: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Step:
    """One question of a flow.

    Attributes:
        field: where the answer is kept in the flow's data.
        kind: what the step expects.
        prompt: the question (a msgid), or a coroutine building it from the data.
        label: the field's name in the summary and in the edit menu (a msgid).
        example: an example answer (a msgid), shown under the question.
        parse: a pure function from the typed text to a value; raises ``InvalidInput``.
        check: a coroutine that may look at the database (never write to it, nor change the
            answers, which it sees read-only); returns the value to keep.
        loads: a coroutine giving the answers the kept value brings with it (:class:`Loaded`).
        refused: a coroutine run when ``check`` refuses an answer, to leave a trace of it
            (wrong invite codes are counted); what it writes stays though the answer is refused.
        options: the choices (or a coroutine listing them); on a text step they are suggestions.
        optional: the person may skip it.
        when: the step is asked only when this holds for the data so far.
        show: how the value reads in the summary.
        in_summary: whether the summary lists it (a yes/no gate usually does not).
        attach: photos to show with the question (the model being appraised).
        most_photos: on a photos step, how many it takes (None: the engine's limit); once that
            many arrived the conversation goes on by itself, with no "Done" to tap.
        linked: on a photos step, the SHA-256 of the photos already linked to the record the
            step adds to; sending one of them again is answered "already attached".
        takes_pdf: on a photos step, a PDF is taken as well as a photo (the document
            confirming an appraisal; nowhere else).
    """

    field: str
    kind: InputKind
    prompt: str | PromptSource
    label: str
    example: str | None = None
    parse: Parser | None = None
    check: Checker | None = None
    loads: Loader | None = None
    refused: Refusal | None = None
    options: Sequence[Option] | OptionsSource = ()
    optional: bool = False
    when: Callable[[Mapping[str, Any]], bool] | None = None
    show: Callable[[Any], str] | None = None
    in_summary: bool = True
    attach: PhotosSource | None = None
    linked: LinkedSource | None = None
    most_photos: int | None = None
    takes_pdf: bool = False

    def visible(self, data: Mapping[str, Any]) -> bool:
        """Whether the step applies to this data."""
        return self.when is None or bool(self.when(data))

    async def choices(self, turn: Turn, data: Data) -> Sequence[Option]:
        """The options offered now."""
        if callable(self.options):
            return await self.options(turn, data)
        return self.options

    def display(self, value: Any, label: str | None = None) -> str:
        """The value as the summary shows it; ``label`` is the one picked, for a choice whose
        options are built at run time."""
        if value is None:
            return _("(skipped)")
        if self.show is not None:
            return self.show(value)
        if self.kind is InputKind.CHOICE and not callable(self.options):
            for option in self.options:
                if option.value == value:
                    return option.text()
        if self.kind is InputKind.CHOICE and label is not None:
            return label
        if self.kind is InputKind.PHOTOS:
            return ngettext("{count} photo", "{count} photos", len(value)).format(count=len(value))
        return str(value)


def repeated_field(group: str, key: object, name: str) -> str:
    """Where a :class:`Repeat` group keeps the answer to step ``name`` for item ``key``."""
    return f"{group}.{key}.{name}"


@dataclass(frozen=True, slots=True)
class Repeat:
    """The same questions for each of several items ("for each model of the unit").

    The items are a list of ``[key, title]`` pairs kept in the answers under ``items`` (a
    ``loads`` hook puts them there). Each step is asked once per item, under a heading that
    names the item, and its answer is kept as ``<group>.<key>.<field>``. An item may carry a
    third element, a line (already in the reader's language) shown under its heading: the
    value reported before.
    """

    group: str
    items: str
    steps: Sequence[Step]
    #: the heading above each question: a msgid with ``{name}``, ``{index}`` and ``{total}``
    heading: str

    def field(self, key: object, name: str) -> str:
        """Where the answer to step ``name`` for item ``key`` is kept."""
        return repeated_field(self.group, key, name)

    def keys(self, data: Mapping[str, Any]) -> list[str]:
        """The items' keys, in order."""
        return [str(item[0]) for item in data.get(self.items) or ()]

    def answers(self, data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        """The answers by item key, then by step field (skipped ones as None)."""
        return {
            key: {step.field: data.get(self.field(key, step.field)) for step in self.steps}
            for key in self.keys(data)
        }

    def owns(self, name: str) -> bool:
        """Whether an answer's name is one of this group's."""
        return name.startswith(self.group + ".")

    def expand(self, data: Mapping[str, Any]) -> list[Step]:
        """The steps for each item, with their fields, headings and labels."""
        items = list(data.get(self.items) or ())
        expanded = []
        for index, (key, title, *note) in enumerate(items, start=1):
            heading = _Heading(self.heading, str(title), index, len(items), *note)
            for step in self.steps:
                expanded.append(
                    replace(
                        step,
                        field=self.field(key, step.field),
                        prompt=_headed(heading, step.prompt),
                        label=f"«{title}» · {_(step.label)}",
                    )
                )
        return expanded


@dataclass(frozen=True, slots=True)
class _Heading:
    """What a repeated question is headed with: the item, where it stands, and its note."""

    msgid: str
    name: str
    index: int
    total: int
    note: str | None = None

    def text(self) -> str:
        line = _(self.msgid).format(name=self.name, index=self.index, total=self.total)
        return line + ("\n" + self.note if self.note else "")


def _headed(heading: _Heading, prompt: str | PromptSource) -> Any:
    async def headed(turn: Turn, data: Data) -> str:
        question = await prompt(turn, data) if callable(prompt) else _(prompt)
        return heading.text() + "\n" + question

    return headed


def expand(parts: Sequence[Step | Repeat], data: Mapping[str, Any]) -> list[Step]:
    """A flow's steps with its repeated groups spelled out for the answers so far."""
    steps: list[Step] = []
    for part in parts:
        steps.extend(part.expand(data) if isinstance(part, Repeat) else [part])
    return steps


class Flow(ABC):
    """A guided conversation. Subclasses set the class attributes and override what they need.

    Who may start it is said once, by the command that starts it (``Command.roles``); while it
    runs, ``turn.roles`` holds those roles.
    """

    name: ClassVar[str]
    title: ClassVar[str]
    #: end with a summary the person confirms (False: finish after the last step)
    summary: ClassVar[bool] = True
    #: the summary's confirm button (a msgid)
    confirm_label: ClassVar[str] = N_("✅ Confirm and save")
    #: may be run by someone who has not joined yet (only joining)
    for_unbound: ClassVar[bool] = False
    #: the step that the command's argument answers (``/start CODE``, ``/lang en``)
    argument_field: ClassVar[str | None] = None
    #: list what the person can do after finishing (joining)
    then_help: ClassVar[bool] = False
    #: False for a view that saves nothing (/visits, /export): it is no draft, so it is never
    #: resumed nor reminded of, and /cancel says that nothing is lost
    keeps_draft: ClassVar[bool] = True
    STEPS: ClassVar[Sequence[Step | Repeat]] = ()

    def steps(self, data: Mapping[str, Any]) -> Sequence[Step | Repeat]:
        """The steps for this data (most flows have a fixed list)."""
        return self.STEPS

    async def begin(self, turn: Turn, argument: str) -> Data:
        """The initial data; raise ``DvkError`` to refuse to start."""
        return {}

    @abstractmethod
    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Save what the conversation gathered; raise ``DvkError`` to stay in the summary."""

    def starts_on(self, text: str) -> bool:
        """Whether a plain message from someone with no conversation should start this flow."""
        return False

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """A short name of the draft, to remind the person what they were doing; ``labels``
        are those of the choices picked so far, by field."""
        return None
