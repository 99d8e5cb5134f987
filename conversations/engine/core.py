"""The conversation engine: runs every flow alike and keeps its state in the database.

For each inbound event it finds the chat's active conversation, reads the answer for the current
step (or a command such as /back, /skip, /cancel, /help, slashed or typed as its word: "huy",
"dang ky"), stores the new state, and returns the replies. What navigation does is decided in
``navigation.py``, what the person reads in ``render.py``; this module reads answers and
photos, and carries the decisions out.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, Final

from conversations.engine.choices import chosen, keep, numbers_pick, stale_or_unclear
from conversations.engine.navigation import (
    Advance,
    Drop,
    Finish,
    Nav,
    Outcome,
    Restart,
    Show,
    answer_menu,
    as_nav,
    navigate,
    typed_command,
    typed_navigation,
)
from conversations.engine.render import (
    Note,
    already_attached,
    command_menu,
    current_step,
    draft_line,
    help_text,
    how_to_join,
    photo_ack,
    received,
    render,
    visible,
)
from conversations.engine.state import Album, ConversationState, Mode, from_json, to_json
from conversations.flow import Flow, Loaded, Step
from conversations.messages import InputKind, Reply
from conversations.text import loose, split_command
from conversations.turn import Turn
from conversations.validators import clean_text
from domain.errors import DvkError, InvalidInput
from domain.organisation import Role
from locales import N_, _, user_message
from storage.conversations import ConversationRecord

log = logging.getLogger(__name__)

Action = Callable[[Turn, str], Awaitable[list[Reply]]]

#: The words of the engine's own commands (a flow's are on its :class:`Command`).
ENGINE_WORDS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {"help": ("tro giup", "giup"), "cancel": ("huy",), "start": ("bat dau",)}
)
#: How many of the person's command words the help gives as examples (then the cancel word).
_EXAMPLE_WORDS: Final = 3


@dataclass(frozen=True, slots=True)
class Command:
    """A slash command: it starts a flow or runs an action.

    ``words`` are what people type instead, without a slash or diacritics ("dang ky"); they are
    Vietnamese whatever the person's language, and the command's name alone works too.
    """

    name: str
    description: str
    roles: frozenset[Role] | None = None
    flow: Flow | None = None
    action: Action | None = None
    in_help: bool = True
    words: tuple[str, ...] = ()

    @property
    def word(self) -> str:
        """The word shown to people (in the menu, in the help)."""
        return self.words[0] if self.words else self.name

    def allowed(self, turn: Turn) -> bool:
        """Whether the person of this turn may use it."""
        if self.roles is None:
            return True
        person = turn.person
        return person is not None and person.has_role(*self.roles)


def command_words(commands: Sequence[Command]) -> dict[str, str]:
    """The command each word stands for, the words folded; a word claimed twice is an error."""
    claims = [(name, name) for name in ENGINE_WORDS]
    claims += [(word, name) for name, words in ENGINE_WORDS.items() for word in words]
    for command in commands:
        claims += [(word, command.name) for word in (command.name, *command.words)]
    words: dict[str, str] = {}
    for word, name in claims:
        key = loose(word)
        if words.setdefault(key, name) != name:
            raise ValueError(f"the word {word!r} is claimed by /{words[key]} and /{name}")
    return words


class Engine:
    """Runs the flows of the given commands."""

    def __init__(self, commands: Sequence[Command], join_flow: Flow) -> None:
        self.commands = {command.name: command for command in commands}
        self.flows = {c.flow.name: c.flow for c in commands if c.flow is not None}
        self.flows[join_flow.name] = join_flow
        self.join_flow = join_flow
        self._command_of = {c.flow.name: c.name for c in commands if c.flow is not None}
        self._roles_of = {c.flow.name: c.roles for c in commands if c.flow is not None}
        #: the command each word stands for (folded), the slash-less way to type one
        self.words = command_words(commands)

    # ----------------------------------------------------------------- entry points

    async def handle(self, turn: Turn) -> list[Reply]:
        """Answer one inbound event. Domain errors other than bad answers propagate."""
        conversations = await turn.tx.conversations.all_in_chat(
            turn.inbound.channel, turn.inbound.chat_id
        )
        active = next((c for c in conversations if c.active), None)
        if active is not None and active.flow not in self.flows:
            log.warning("dropping conversation of unknown flow %s", active.flow)
            await self._forget(turn, active.flow)
            active = None
        if active is not None:
            turn.roles = self._roles_of.get(active.flow)
        inbound = turn.inbound
        command, argument = split_command(inbound.choice or inbound.text)
        if command is None and inbound.choice is None:
            command = self._typed_command(inbound.text, active)
        if turn.person is None:
            return await self._unbound(turn, active, command, argument)
        if command is not None:
            return await self._command(turn, conversations, active, command, argument)
        if active is not None:
            return await self._answer(turn, active)
        if inbound.photo is not None or inbound.rejected_file is not None:
            return [
                Reply(_("I was not expecting a photo now. To add photos to a model, use /models."))
            ]
        picked = self._picked(turn, inbound.text)
        if picked is not None:
            return await self._command(turn, conversations, None, picked.name, "")
        return [self._not_understood(turn, conversations)]

    async def expects_photo(self, turn: Turn) -> bool:
        """Whether the chat's active conversation is waiting for photos (before downloading)."""
        return await self.photo_step(turn) is not None

    async def photo_step(self, turn: Turn) -> Step | None:
        """The photos step the chat's active conversation is waiting on, if any: whether it
        takes a PDF too is the step's to say (before downloading)."""
        conversations = await turn.tx.conversations.all_in_chat(
            turn.inbound.channel, turn.inbound.chat_id
        )
        active = next((c for c in conversations if c.active), None)
        if active is None or active.flow not in self.flows:
            return None
        state = from_json(active.state)
        if state.mode is not Mode.ASK:
            return None
        step = current_step(self.flows[active.flow], state)
        return step if step is not None and step.kind is InputKind.PHOTOS else None

    def help_commands(self, turn: Turn) -> list[Command]:
        """The commands this person may use, in the order they were declared."""
        return [c for c in self.commands.values() if c.in_help and c.allowed(turn)]

    # ----------------------------------------------------------------- commands

    def _typed_command(self, text: str | None, active: ConversationRecord | None) -> str | None:
        """The command a word typed alone stands for, unless it answers the open conversation."""
        if active is None:
            return typed_command(text, self.words, None)
        return typed_command(text, self.words, (self.flows[active.flow], from_json(active.state)))

    def _picked(self, turn: Turn, text: str | None) -> Command | None:
        """The command of the menu whose number was typed (the menu follows from the roles)."""
        typed = (text or "").strip().rstrip(".")
        if not typed.isdecimal():
            return None
        commands = self.help_commands(turn)
        number = int(typed)
        return commands[number - 1] if 1 <= number <= len(commands) else None

    async def _unbound(
        self, turn: Turn, active: ConversationRecord | None, command: str | None, argument: str
    ) -> list[Reply]:
        join = self.join_flow
        if command == "start":
            return await self._start(turn, [], join, argument)
        if command == "cancel" and active is not None:
            await self._forget(turn, active.flow)
            return [Reply(_("Cancelled."))]
        if command == "help":
            replies = [Reply(how_to_join())]
            if active is not None and active.flow == join.name:
                replies.append(await self._show(turn, join, from_json(active.state)))
            return replies
        if active is not None and active.flow == join.name:
            if command is None:
                return await self._answer(turn, active)
            nav = as_nav(command)
            if nav is not None:
                return await self._run(turn, join, navigate(join, from_json(active.state), nav))
            note = Note(
                N_("Please finish joining first: answer the question below, or type /cancel.")
            )
            return [await self._show(turn, join, from_json(active.state), note)]
        text = turn.inbound.text or ""
        if command is None and join.starts_on(text):
            return await self._start(turn, [], join, text)
        return [Reply(how_to_join())]

    async def _command(
        self,
        turn: Turn,
        conversations: list[ConversationRecord],
        active: ConversationRecord | None,
        command: str,
        argument: str,
    ) -> list[Reply]:
        nav = as_nav(command)
        if nav is not None:
            if active is None:
                return [
                    Reply(
                        _(
                            "There is nothing open to go back to, skip or cancel. "
                            "Type /help to see what you can do."
                        )
                    )
                ]
            flow = self.flows[active.flow]
            return await self._run(turn, flow, navigate(flow, from_json(active.state), nav))
        if command == "help":
            return [await self._help(turn, active)]
        if command == "start":
            if argument:
                return await self._start(turn, conversations, self.join_flow, argument)
            return [
                Reply(_("Welcome back, {name}!").format(name=turn.require_person().name)),
                await self._help(turn, None),
            ]
        spec = self.commands.get(command)
        if spec is None:
            return [
                Reply(
                    _(
                        "I do not know the command /{command}. Type /help to see what you can do."
                    ).format(command=command)
                )
            ]
        if not spec.allowed(turn):
            return [
                Reply(
                    _(
                        "The command /{command} is not for your role. "
                        "Type /help to see what you can do."
                    ).format(command=command)
                )
            ]
        if spec.flow is not None:
            return await self._start(turn, conversations, spec.flow, argument)
        assert spec.action is not None
        return await spec.action(turn, argument)

    async def _start(
        self, turn: Turn, conversations: list[ConversationRecord], flow: Flow, argument: str
    ) -> list[Reply]:
        turn.roles = self._roles_of.get(flow.name)
        for other in conversations:
            viewed = self.flows.get(other.flow)
            if other.flow != flow.name and viewed is not None and not viewed.keeps_draft:
                await self._forget(turn, other.flow)  # a view left open is no draft to keep
        draft = next((c for c in conversations if c.flow == flow.name), None)
        if draft is not None and not argument and flow.keeps_draft:
            state = from_json(draft.state)
            if state.data:
                if state.mode not in {Mode.RESUME, Mode.CANCEL}:
                    state = replace(state, paused=state.pause())
                return [await self._show(turn, flow, replace(state, mode=Mode.RESUME))]
        return await self._begin(turn, flow, argument)

    async def _begin(self, turn: Turn, flow: Flow, argument: str) -> list[Reply]:
        """A new conversation of ``flow``; the command's argument may answer its first step."""
        turn.roles = self._roles_of.get(flow.name)
        data = await flow.begin(turn, argument)
        state = ConversationState(data=data)
        field = flow.argument_field
        step = next((s for s in visible(flow, data) if s.field == field), None)
        if not argument or step is None:
            return await self._advance(turn, flow, state, after=None)
        offered = tuple((o.value, o.text()) for o in await step.choices(turn, data))
        state = replace(state, offered=offered, mode=Mode.ASK, field=step.field)
        return await self._take(turn, flow, state, step, text=argument, choice=None)

    # ----------------------------------------------------------------- answers

    async def _answer(self, turn: Turn, active: ConversationRecord) -> list[Reply]:
        flow = self.flows[active.flow]
        state = from_json(active.state)
        if state.mode is Mode.ASK:
            return await self._answer_step(turn, flow, state)
        try:
            value = chosen(state.offered, turn.inbound.text, turn.inbound.choice)
        except InvalidInput as error:
            return [await self._show(turn, flow, state, Note.of(error))]
        if value is None:
            note = Note(stale_or_unclear(turn.inbound.choice))
            return [await self._show(turn, flow, state, note)]
        return await self._run(turn, flow, answer_menu(flow, state, value))

    async def _answer_step(self, turn: Turn, flow: Flow, state: ConversationState) -> list[Reply]:
        step = current_step(flow, state)
        if step is None:
            return await self._advance(turn, flow, state, after=None)
        inbound = turn.inbound
        typed = typed_navigation(inbound.text, step)
        if typed is not None:
            return await self._run(turn, flow, navigate(flow, state, typed))
        if step.kind is InputKind.PHOTOS:
            try:
                return await self._add_photo(turn, flow, state, step)
            except InvalidInput as error:
                return [await self._show(turn, flow, state, Note.of(error))]
        return await self._take(turn, flow, state, step, text=inbound.text, choice=inbound.choice)

    async def _take(
        self,
        turn: Turn,
        flow: Flow,
        state: ConversationState,
        step: Step,
        *,
        text: str | None,
        choice: str | None,
    ) -> list[Reply]:
        """Read and check the answer to ``step``: keep it (with what it brings) and go on, or
        ask again saying why. A check and a loader only read: the engine changes the answers."""
        answers = MappingProxyType(state.data)
        loaded: Loaded | None = None
        try:
            value = self._read(turn, state, step, text=text, choice=choice)
            if step.check is not None:
                value = await self._check(turn, step, answers, value)
            if step.loads is not None:
                async with turn.tx.read_only():
                    loaded = await step.loads(turn, answers, value)
        except InvalidInput as error:
            return [await self._show(turn, flow, state, Note.of(error))]
        state = keep(step, state, value)
        if loaded is not None:
            state = state.loaded(loaded.answers, clears=loaded.clears)
        return await self._advance(turn, flow, state, after=step.field)

    async def _check(self, turn: Turn, step: Step, answers: Mapping[str, Any], value: Any) -> Any:
        """The step's check, read-only; a refusal leaves its trace through ``step.refused``."""
        assert step.check is not None
        try:
            async with turn.tx.read_only():
                return await step.check(turn, answers, value)
        except InvalidInput:
            if step.refused is not None:
                await step.refused(turn, value)
            raise

    def _read(
        self,
        turn: Turn,
        state: ConversationState,
        step: Step,
        *,
        text: str | None,
        choice: str | None,
    ) -> Any:
        inbound = turn.inbound
        if inbound.rejected_file is not None:
            raise InvalidInput(inbound.rejected_file, **inbound.rejected_params)
        if step.kind is InputKind.CHOICE or step.kind is InputKind.CONFIRM:
            value = chosen(state.offered, text, choice)
            if value is None:
                raise InvalidInput(stale_or_unclear(choice))
            return value
        if step.kind is InputKind.LOCATION and inbound.location is not None:
            latitude, longitude = inbound.location
            return {"text": None, "lat": latitude, "lon": longitude}
        raw = text
        offered = state.offered
        if choice is not None:
            # a suggestion button on a text step: its label is the answer
            raw = dict(offered).get(choice)
            if raw is None:
                raise InvalidInput(stale_or_unclear(choice))
        elif raw is not None and numbers_pick(step) and offered:
            # suggestions are numbered where there are no buttons: "2" is the second one
            typed = raw.strip().rstrip(".")
            if typed.isdigit() and 1 <= int(typed) <= len(offered):
                raw = offered[int(typed) - 1][1]
        if raw is None:
            if inbound.photo is not None:
                raise InvalidInput(N_("This step needs text, not a photo."))
            raise InvalidInput(N_("Please answer with text."))
        parsed = step.parse(raw) if step.parse is not None else clean_text(raw)
        if step.kind is InputKind.LOCATION and isinstance(parsed, str):
            return {"text": parsed, "lat": None, "lon": None}
        return parsed

    # ----------------------------------------------------------------- photos

    async def _add_photo(
        self, turn: Turn, flow: Flow, state: ConversationState, step: Step
    ) -> list[Reply]:
        inbound = turn.inbound
        if inbound.rejected_file is not None:
            raise InvalidInput(inbound.rejected_file, **inbound.rejected_params)
        photo, pdf = inbound.photo, inbound.pdf
        if pdf is not None and not step.takes_pdf:  # the channel checked the step: a race
            raise InvalidInput(N_("This step takes photos only, not a PDF."))
        sent = photo if photo is not None else pdf
        if sent is None:
            if step.takes_pdf:
                raise InvalidInput(N_("Send a photo of the document or its PDF file, or skip."))
            raise InvalidInput(N_("Send a photo, or tap “Done” when you have sent them all."))
        photos: list[dict[str, Any]] = list(state.data.get(step.field) or [])
        if await self._already_attached(turn, state, step, photos, sent.sha256):
            return await self._duplicate_photo(turn, flow, state, len(photos))
        limit = min(turn.config.max_photos_per_step, step.most_photos or sys.maxsize)
        if step.takes_pdf and limit == 1:
            photos = []  # one document: a new one (from the summary's edit) replaces the old
        if len(photos) >= limit:
            raise InvalidInput(
                N_("That is the most photos one step takes ({limit}). Tap “Done”."), limit=limit
            )
        if photo is not None:
            item: dict[str, Any] = {
                "sha256": photo.sha256,
                "size": photo.size,
                "width": photo.width,
                "height": photo.height,
                "mime": photo.mime,
                "caption": photo.caption,
            }
        else:
            assert pdf is not None
            item = {
                "sha256": pdf.sha256,
                "size": pdf.size,
                "pages": pdf.pages,
                "mime": pdf.mime,
                "filename": pdf.filename,
            }
        photos.append({**item, "at": turn.now.isoformat()})
        state = replace(state, data={**state.data, step.field: photos})
        if len(photos) == step.most_photos:  # the step is full: nothing more to send or tap
            return await self._advance(turn, flow, keep(step, state, photos), after=step.field)
        await self._save(turn, flow, state)
        return [photo_ack(inbound, state.album, received(len(photos)))]

    async def _already_attached(
        self,
        turn: Turn,
        state: ConversationState,
        step: Step,
        photos: list[dict[str, Any]],
        sha256: str,
    ) -> bool:
        """Whether this photo is in the step's photos already, or linked to its record."""
        if any(p.get("sha256") == sha256 for p in photos):
            return True
        return step.linked is not None and sha256 in await step.linked(turn, state.data)

    async def _duplicate_photo(
        self, turn: Turn, flow: Flow, state: ConversationState, count: int
    ) -> list[Reply]:
        """A photo sent again is neither linked nor counted twice; an album says how many."""
        group = turn.inbound.media_group_id
        if group is None:
            return [photo_ack(turn.inbound, state.album, already_attached(count))]
        album = state.album
        repeats = (album.repeats if album is not None and album.id == group else 0) + 1
        state = replace(state, album=Album(group, repeats))
        await self._save(turn, flow, state)
        return [photo_ack(turn.inbound, state.album, received(count))]

    # ----------------------------------------------------------------- progress

    async def _run(self, turn: Turn, flow: Flow, outcome: Outcome) -> list[Reply]:
        """Carry out what navigation decided."""
        if isinstance(outcome, Show):
            return [await self._show(turn, flow, outcome.state, outcome.error)]
        if isinstance(outcome, Advance):
            return await self._advance(turn, flow, outcome.state, after=outcome.after)
        if isinstance(outcome, Finish):
            return await self._finish(turn, flow, outcome.state)
        if isinstance(outcome, Drop):
            await self._forget(turn, flow.name)
            return [Reply(_(outcome.message))]
        assert isinstance(outcome, Restart)
        data = await flow.begin(turn, "")
        return await self._advance(turn, flow, ConversationState(data=data), after=None)

    async def _advance(
        self, turn: Turn, flow: Flow, state: ConversationState, *, after: str | None
    ) -> list[Reply]:
        data = state.data
        steps = visible(flow, data)
        fields = [step.field for step in steps]
        target: Step | None = None
        if after is None or state.editing or after not in fields:
            target = next((s for s in steps if s.field not in data), None)
        else:
            # The next step not answered yet, or passed over by /back: steps filled in already
            # (an amendment starts from the stored answers) are not asked again.
            revisit = set(state.revisit)
            following = steps[fields.index(after) + 1 :]
            target = next((s for s in following if s.field not in data or s.field in revisit), None)
        if target is not None:
            return [await self._show(turn, flow, replace(state, mode=Mode.ASK, field=target.field))]
        state = replace(state, editing=False)
        if flow.summary:
            return [await self._show(turn, flow, replace(state, mode=Mode.SUMMARY, field=None))]
        return await self._finish(turn, flow, state)

    async def _finish(self, turn: Turn, flow: Flow, state: ConversationState) -> list[Reply]:
        data = dict(state.data)
        try:
            async with turn.tx.savepoint():
                replies = await flow.finish(turn, data)
        except DvkError as error:
            if not flow.summary:
                await self._forget(turn, flow.name)
                return [Reply("⚠️ " + user_message(error))]
            state = replace(state, data=data, mode=Mode.SUMMARY, field=None)
            return [await self._show(turn, flow, state, Note.of(error))]
        await self._forget(turn, flow.name)
        if flow.then_help:
            replies.append(await self._help(turn, None))
        reminder = await self._draft_reminder(turn, exclude=flow.name)
        return [*replies, *([reminder] if reminder else [])]

    # ----------------------------------------------------------------- drafts

    async def _draft_reminder(self, turn: Turn, exclude: str) -> Reply | None:
        conversations = await turn.tx.conversations.all_in_chat(
            turn.inbound.channel, turn.inbound.chat_id
        )
        for conversation in conversations:
            if conversation.flow != exclude and self._is_draft(conversation):
                return Reply(self._draft_line(conversation))
        return None

    def _is_draft(self, conversation: ConversationRecord) -> bool:
        """Whether a stored conversation is a draft worth reminding of (not a view, not joining)."""
        flow = self.flows.get(conversation.flow)
        return conversation.flow in self._command_of and flow is not None and flow.keeps_draft

    def _draft_line(self, conversation: ConversationRecord) -> str:
        flow = self.flows[conversation.flow]
        command = self._command_of[conversation.flow]
        return draft_line(flow, from_json(conversation.state), command)

    def _not_understood(self, turn: Turn, conversations: list[ConversationRecord]) -> Reply:
        """The menu of what the person may do, and the draft they left, if any."""
        drafts = [c for c in conversations if self._is_draft(c)]
        draft = self._draft_line(drafts[0]) if drafts else None
        commands = [(c.name, c.description, c.word) for c in self.help_commands(turn)]
        return command_menu(commands, draft)

    # ----------------------------------------------------------------- showing

    async def _show(
        self, turn: Turn, flow: Flow, state: ConversationState, error: Note | None = None
    ) -> Reply:
        """Render the state and store it as shown (the choices offered are what the next
        answer is matched against)."""
        reply, shown = await render(turn, flow, state, error)
        await self._save(turn, flow, shown)
        return reply

    async def _help(self, turn: Turn, active: ConversationRecord | None) -> Reply:
        asking = None
        if active is not None:
            asking = (self.flows[active.flow], from_json(active.state))
        commands = self.help_commands(turn)
        words = [*(c.word for c in commands[:_EXAMPLE_WORDS]), ENGINE_WORDS["cancel"][0]]
        listed = [(c.name, c.description) for c in commands]
        return Reply(await help_text(turn, listed, asking, words))

    # ----------------------------------------------------------------- storage

    async def _save(self, turn: Turn, flow: Flow, state: ConversationState) -> None:
        await turn.tx.conversations.save(
            turn.inbound.channel, turn.inbound.chat_id, flow.name, to_json(state), turn.now
        )

    async def _forget(self, turn: Turn, flow_name: str) -> None:
        await turn.tx.conversations.delete(turn.inbound.channel, turn.inbound.chat_id, flow_name)


__all__ = ["Action", "Command", "Engine", "Nav"]
