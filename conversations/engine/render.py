"""What the person reads: the question, the summary or a menu, as text plus flat choices.

Nothing here decides rows or numbers: a reply carries its choices and its navigation commands
in order, and the channel lays them out (buttons on Telegram, numbered lines in the console).
Messages are msgids (:class:`Note`) until they are rendered here, in the person's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from conversations.engine.choices import numbers_pick
from conversations.engine.state import Album, ConversationState, Mode
from conversations.flow import Data, Flow, Step, expand
from conversations.messages import Button, Inbound, InputKind, Reply, StoredPhoto
from conversations.turn import Turn
from domain.errors import DvkError
from locales import _, ngettext


@dataclass(frozen=True, slots=True)
class Note:
    """A message to show above a question: a msgid and its parameters, translated when shown."""

    message: str
    params: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def of(cls, error: DvkError) -> Note:
        """The message of a domain error (a refused answer, a refused save)."""
        return cls(error.message, dict(error.params))

    def text(self) -> str:
        """The message in the current language, its parameters filled in."""
        text = _(self.message)
        return text.format(**self.params) if self.params else text


def visible(flow: Flow, data: Data) -> list[Step]:
    """The steps that apply to the answers so far."""
    return [step for step in expand(flow.steps(data), data) if step.visible(data)]


def current_step(flow: Flow, state: ConversationState) -> Step | None:
    """The step being asked, if it still applies."""
    return next((s for s in visible(flow, state.data) if s.field == state.field), None)


async def question(turn: Turn, step: Step, data: Data) -> str:
    """The step's question in the current language."""
    prompt = step.prompt
    return await prompt(turn, data) if callable(prompt) else _(prompt)


async def render(
    turn: Turn, flow: Flow, state: ConversationState, error: Note | None = None
) -> tuple[Reply, ConversationState]:
    """The message for the state the conversation is in, and the state as shown (with the
    choices offered, which the next answer is matched against)."""
    lines = [f"⚠️ {error.text()}", ""] if error else []
    choices: list[Button] = []
    navigation: list[Button] = []
    numbered = True
    data = state.data
    mode = state.mode
    photos: tuple[StoredPhoto, ...] = ()
    if mode is Mode.ASK:
        step = current_step(flow, state)
        if step is None:
            if not flow.summary:
                raise LookupError(f"no step {state.field!r} to ask in {flow.name}")
            return await render(turn, flow, replace(state, mode=Mode.SUMMARY), error)
        steps = visible(flow, data)
        position = [s.field for s in steps].index(step.field) + 1
        if len(steps) > 1:
            lines.append(
                _("Step {number}/{total} · {title}").format(
                    number=position, total=len(steps), title=_(flow.title)
                )
            )
        lines.append(await question(turn, step, data))
        if step.example:
            lines.append(_("Example: {example}").format(example=_(step.example)))
        if state.editing and data.get(step.field) is not None:
            now = step.display(data[step.field], state.labels.get(step.field))
            lines.append(_("Now: {value}").format(value=now))
        if step.kind is InputKind.PHOTOS and data.get(step.field):
            lines.append(_("Photos so far: {count}.").format(count=len(data[step.field])))
        choices = [Button(o.text(), o.value) for o in await step.choices(turn, data)]
        numbered = numbers_pick(step)
        navigation = _navigation(step, state, position)
        if not error and step.attach is not None:
            photos = tuple(await step.attach(turn, data))
    elif mode is Mode.SUMMARY:
        lines.append(_("Please check {title}:").format(title=_(flow.title).lower()))
        shown = [s for s in visible(flow, data) if s.in_summary]
        for number, step in enumerate(shown, start=1):
            value = step.display(data.get(step.field), state.labels.get(step.field))
            lines.append(f"{number}. {_(step.label)}: {value}")
        choices = [
            Button(_(flow.confirm_label), "confirm"),
            Button(_("✏️ Edit a field"), "edit"),
            Button(_("❌ Cancel"), "cancel"),
        ]
    elif mode is Mode.EDIT:
        lines.append(_("Which field do you want to change?"))
        choices = [Button(_(s.label), s.field) for s in visible(flow, data) if s.in_summary]
        navigation = [Button(_("⬅️ Back"), "/back")]
    elif mode is Mode.CANCEL:
        lines.append(
            _("Discard this draft of {title}? What you entered will be lost.").format(
                title=_(flow.title).lower()
            )
        )
        choices = [Button(_("Yes, discard it"), "yes"), Button(_("No, continue"), "no")]
    else:  # resume
        name = flow.draft_name(data, state.labels)
        lines.append(
            _(
                "You have an unfinished draft of {title}{name}. "
                "Continue where you stopped, or start over?"
            ).format(title=_(flow.title).lower(), name=f" «{name}»" if name else "")
        )
        choices = [
            Button(_("▶️ Continue the draft"), "continue"),
            Button(_("🔄 Start over"), "restart"),
        ]
    reply = Reply(
        "\n".join(lines),
        choices=tuple(choices),
        navigation=tuple(navigation),
        numbered=numbered and bool(choices),
        photos=photos,
    )
    return reply, replace(state, mode=mode, offered=tuple((b.value, b.label) for b in choices))


def _navigation(step: Step, state: ConversationState, position: int) -> list[Button]:
    """The commands a step offers: done (photos), back, skip (an optional step)."""
    commands: list[Button] = []
    if step.kind is InputKind.PHOTOS:
        commands.append(done_button())
    if position > 1 or state.editing:
        commands.append(Button(_("⬅️ Back"), "/back"))
    if step.optional and step.kind is not InputKind.PHOTOS:
        commands.append(Button(_("Skip ⏭️"), "/skip"))
    elif step.optional and not state.data.get(step.field):
        commands.append(Button(_("Skip ⏭️"), "/skip"))
    return commands


def done_button() -> Button:
    """The command that ends a photos step."""
    return Button(_("✅ Done"), "/done")


def received(count: int) -> str:
    """The answer to a photo taken: how many the step has now."""
    return _("Photo received ({count} so far). Send more, or tap “Done”.").format(count=count)


def already_attached(count: int) -> str:
    """The answer to a photo the step has already."""
    return _(
        "This photo is already attached; I did not add it again ({count} so far). "
        "Send another, or tap “Done”."
    ).format(count=count)


def photo_ack(inbound: Inbound, album: Album | None, text: str) -> Reply:
    """The answer to a photo; the photos of an album are answered once, by the last one."""
    group = inbound.media_group_id
    if group is not None and album is not None and album.id == group and album.repeats:
        text += "\n" + ngettext(
            "{repeats} photo of this album was already attached and was not added again.",
            "{repeats} photos of this album were already attached and were not added again.",
            album.repeats,
        ).format(repeats=album.repeats)
    return Reply(
        text,
        navigation=(done_button(),),
        coalesce_key=f"album:{group}" if group else None,
    )


def how_to_join() -> str:
    """What the bot is and how to join: all that someone who has not joined may do."""
    return _(
        "Hello! DVK Bot is the Youth Union's assistant for the “Dân vận khéo” movement: "
        "branch secretaries register their models and send photos and reports, and the "
        "standing committee follows and appraises them.\n"
        "To use it you need an invite code from your Union committee. Open the link they "
        "sent you, or send the code here, for example: /start 7K3M9QXR2T5A"
    )


def draft_line(flow: Flow, state: ConversationState, command: str) -> str:
    """A reminder of an unfinished draft and the command that continues it."""
    name = flow.draft_name(state.data, state.labels)
    return _("You have an unfinished draft: {title}{name}. Type /{command} to continue it.").format(
        title=_(flow.title), name=f" «{name}»" if name else "", command=command
    )


def command_menu(commands: Sequence[tuple[str, str, str]], draft: str | None) -> Reply:
    """What someone reads when a message was not understood: the commands they may use
    (``commands``: name, description msgid and word), numbered, and the draft they left."""
    text = _(
        "I did not understand that. What would you like to do? "
        "Type a number, or the word in brackets."
    )
    if draft:
        text += "\n" + draft
    choices = tuple(
        Button(f"{_capitalised(_(description))} ({word})", f"/{name}")
        for name, description, word in commands
    )
    return Reply(text, choices=choices, numbered=True)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


async def help_text(
    turn: Turn,
    commands: Sequence[tuple[str, str]],
    asking: tuple[Flow, ConversationState] | None,
    words: Sequence[str] = (),
) -> str:
    """The help: where the person is (the step asked, if any), then the commands they may use
    (``commands``: name and description msgid) and a few ``words`` that work without a slash."""
    lines: list[str] = []
    if asking is not None:
        flow, state = asking
        step = current_step(flow, state) if state.mode is Mode.ASK else None
        if step is not None:
            lines.append(_("You are in: {title}.").format(title=_(flow.title)))
            lines.append(await question(turn, step, state.data))
            if step.example:
                lines.append(_("Example: {example}").format(example=_(step.example)))
            lines.append(
                _("/back goes to the previous step, /skip skips an optional step, /cancel stops.")
            )
            lines.append("")
    lines.append(_("What you can do:"))
    for name, description in commands:
        lines.append(f"/{name} — {_(description)}")
    lines.append("/cancel — " + _("stop what you are doing"))
    lines.append("/help — " + _("show this list"))
    if words:
        lines.append(
            _("You can also type the words without the slash, for example: {words}.").format(
                words=", ".join(words)
            )
        )
    return "\n".join(lines)
