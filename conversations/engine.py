"""The conversation engine: runs every flow alike and keeps its state in the database.

For each inbound event it finds the chat's active conversation, reads the answer for the current
step (or a command such as /back, /skip, /cancel, /help), stores the new state, and returns the
replies. Back, skip, done, edit from the summary, cancel and resume are handled here once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from conversations.flow import Data, Flow, Step
from conversations.messages import Button, InputKind, Reply, StoredPhoto
from conversations.text import fold, loose, split_command
from conversations.turn import Turn
from conversations.validators import clean_text
from domain.errors import DvkError, InvalidInput
from domain.organisation import Role
from locales import N_, _, ngettext, user_message
from storage.conversations import ConversationRecord

log = logging.getLogger(__name__)

Action = Callable[[Turn, str], Awaitable[list[Reply]]]

# Words that do what the navigation commands do, for channels without buttons.
_TYPED_NAVIGATION: Final = {
    "back": {"back", "quay lai", "tro lai", "lui"},
    "skip": {"skip", "bo qua"},
    "done": {"done", "xong", "hoan thanh", "het"},
    "cancel": {"cancel", "huy", "thoat"},
}
_NAVIGATION: Final = frozenset({"back", "skip", "done", "cancel"})
_ROW_WIDTH: Final = 2
_SHORT_LABEL: Final = 18


@dataclass(frozen=True, slots=True)
class Command:
    """A slash command: it starts a flow or runs an action."""

    name: str
    description: str
    roles: frozenset[Role] | None = None
    flow: Flow | None = None
    action: Action | None = None
    in_help: bool = True

    def allowed(self, turn: Turn) -> bool:
        """Whether the person of this turn may use it."""
        if self.roles is None:
            return True
        person = turn.person
        return person is not None and person.has_role(*self.roles)


def _rows(buttons: Sequence[Button]) -> list[tuple[Button, ...]]:
    """Short labels two to a row, long ones on their own row."""
    rows: list[tuple[Button, ...]] = []
    pending: list[Button] = []
    for button in buttons:
        if len(button.label) > _SHORT_LABEL:
            if pending:
                rows.append(tuple(pending))
                pending = []
            rows.append((button,))
            continue
        pending.append(button)
        if len(pending) == _ROW_WIDTH:
            rows.append(tuple(pending))
            pending = []
    if pending:
        rows.append(tuple(pending))
    return rows


class Engine:
    """Runs the flows of the given commands."""

    def __init__(self, commands: Sequence[Command], join_flow: Flow) -> None:
        self.commands = {command.name: command for command in commands}
        self.flows = {c.flow.name: c.flow for c in commands if c.flow is not None}
        self.flows[join_flow.name] = join_flow
        self.join_flow = join_flow
        self._command_of = {c.flow.name: c.name for c in commands if c.flow is not None}

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
        command, argument = split_command(turn.inbound.choice or turn.inbound.text)
        if turn.person is None:
            return await self._unbound(turn, active, command, argument)
        if command is not None:
            return await self._command(turn, conversations, active, command, argument)
        if active is not None:
            return await self._answer(turn, active)
        if turn.inbound.photo is not None or turn.inbound.rejected_file is not None:
            return [
                Reply(_("I was not expecting a photo now. To add photos to a model, use /models."))
            ]
        return [self._not_understood(conversations)]

    async def expects_photo(self, turn: Turn) -> bool:
        """Whether the chat's active conversation is waiting for photos (before downloading)."""
        conversations = await turn.tx.conversations.all_in_chat(
            turn.inbound.channel, turn.inbound.chat_id
        )
        active = next((c for c in conversations if c.active), None)
        if active is None or active.flow not in self.flows:
            return False
        state = active.state
        if state.get("mode") != "ask":
            return False
        step = self._step(self.flows[active.flow], state)
        return step is not None and step.kind is InputKind.PHOTOS

    def help_commands(self, turn: Turn) -> list[Command]:
        """The commands this person may use, in the order they were declared."""
        return [c for c in self.commands.values() if c.in_help and c.allowed(turn)]

    # ----------------------------------------------------------------- commands

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
            replies = [Reply(self._how_to_join())]
            if active is not None and active.flow == join.name:
                replies.append(await self._render(turn, join, active.state))
            return replies
        if active is not None and active.flow == join.name:
            if command is None:
                return await self._answer(turn, active)
            if command in _NAVIGATION:
                return await self._navigate(turn, active, command)
            note = _("Please finish joining first: answer the question below, or type /cancel.")
            return [await self._render(turn, join, active.state, error=note)]
        text = turn.inbound.text or ""
        if command is None and join.starts_on(text):
            return await self._start(turn, [], join, text)
        return [Reply(self._how_to_join())]

    def _how_to_join(self) -> str:
        """What the bot is and how to join: all that someone who has not joined may do."""
        return _(
            "Hello! DVK Bot is the Youth Union's assistant for the “Dân vận khéo” movement: "
            "branch secretaries register their models and send photos and reports, and the "
            "standing committee follows and appraises them.\n"
            "To use it you need an invite code from your Union committee. Open the link they "
            "sent you, or send the code here, for example: /start 7K3M9QXR2T5A"
        )

    async def _command(
        self,
        turn: Turn,
        conversations: list[ConversationRecord],
        active: ConversationRecord | None,
        command: str,
        argument: str,
    ) -> list[Reply]:
        if command in _NAVIGATION:
            if active is None:
                return [
                    Reply(
                        _(
                            "There is nothing open to go back to, skip or cancel. "
                            "Type /help to see what you can do."
                        )
                    )
                ]
            return await self._navigate(turn, active, command)
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
        for other in conversations:
            viewed = self.flows.get(other.flow)
            if other.flow != flow.name and viewed is not None and not viewed.keeps_draft:
                await self._forget(turn, other.flow)  # a view left open is no draft to keep
        draft = next((c for c in conversations if c.flow == flow.name), None)
        if draft is not None and draft.state.get("data") and not argument and flow.keeps_draft:
            state = draft.state
            if state.get("mode") not in {"resume", "cancel"}:
                state["paused"] = _paused(state)
            state["mode"] = "resume"
            await self._save(turn, flow, state)
            return [await self._render(turn, flow, state)]
        data = await flow.begin(turn, argument)
        state: Data = {"mode": "ask", "field": None, "editing": False, "data": data}
        field = flow.argument_field
        step = next((s for s in self._visible(flow, data) if s.field == field), None)
        if not argument or step is None:
            return await self._advance(turn, flow, state, after=None)
        state["offered"] = [[o.value, o.text()] for o in await step.choices(turn, data)]
        state.update(mode="ask", field=step.field)
        try:
            value = await self._read(turn, state, step, text=argument, choice=None)
            if step.check is not None:
                value = await step.check(turn, data, value)
        except InvalidInput as error:
            await self._save(turn, flow, state)
            return [await self._render(turn, flow, state, error=user_message(error))]
        _keep(step, state, value)
        return await self._advance(turn, flow, state, after=step.field)

    # ----------------------------------------------------------------- answers

    async def _answer(self, turn: Turn, active: ConversationRecord) -> list[Reply]:
        flow = self.flows[active.flow]
        state = active.state
        mode = state.get("mode", "ask")
        if mode == "ask":
            return await self._answer_step(turn, flow, state)
        try:
            value = _chosen(state, turn.inbound.text, turn.inbound.choice)
        except InvalidInput as error:
            return [await self._render(turn, flow, state, error=user_message(error))]
        if value is None:
            note = _stale_or_unclear(turn.inbound.choice)
            return [await self._render(turn, flow, state, error=note)]
        if mode == "summary":
            if value == "confirm":
                return await self._finish(turn, flow, state)
            if value == "edit":
                state["mode"] = "edit"
                await self._save(turn, flow, state)
                return [await self._render(turn, flow, state)]
            return await self._navigate(turn, active, "cancel")
        if mode == "edit":
            state.update(mode="ask", field=value, editing=True)
            await self._save(turn, flow, state)
            return [await self._render(turn, flow, state)]
        if mode == "cancel":
            if value == "yes":
                await self._forget(turn, flow.name)
                return [Reply(_("The draft was discarded. Type /help to see what you can do."))]
            state.update(state.pop("paused", {"mode": "ask"}))
            await self._save(turn, flow, state)
            return [await self._render(turn, flow, state)]
        # mode == "resume"
        if value == "restart":
            data = await flow.begin(turn, "")
            state = {"mode": "ask", "field": None, "editing": False, "data": data}
            return await self._advance(turn, flow, state, after=None)
        state.update(state.pop("paused", {"mode": "ask"}))
        await self._save(turn, flow, state)
        return [await self._render(turn, flow, state)]

    async def _answer_step(self, turn: Turn, flow: Flow, state: Data) -> list[Reply]:
        step = self._step(flow, state)
        if step is None:
            return await self._advance(turn, flow, state, after=None)
        inbound = turn.inbound
        typed = self._typed_navigation(inbound.text, step)
        if typed is not None:
            return await self._navigate_state(turn, flow, state, typed)
        data = state["data"]
        try:
            if step.kind is InputKind.PHOTOS:
                return await self._add_photo(turn, flow, state, step)
            value = await self._read(turn, state, step, text=inbound.text, choice=inbound.choice)
            if step.check is not None:
                value = await step.check(turn, data, value)
        except InvalidInput as error:
            await self._save(turn, flow, state)
            return [await self._render(turn, flow, state, error=user_message(error))]
        _keep(step, state, value)
        return await self._advance(turn, flow, state, after=step.field)

    async def _read(
        self, turn: Turn, state: Data, step: Step, *, text: str | None, choice: str | None
    ) -> Any:
        inbound = turn.inbound
        if inbound.rejected_file is not None:
            raise InvalidInput(inbound.rejected_file, **inbound.rejected_params)
        if step.kind is InputKind.CHOICE or step.kind is InputKind.CONFIRM:
            value = _chosen(state, text, choice)
            if value is None:
                raise InvalidInput(_stale_or_unclear(choice))
            return value
        if step.kind is InputKind.LOCATION and inbound.location is not None:
            latitude, longitude = inbound.location
            return {"text": None, "lat": latitude, "lon": longitude}
        raw = text
        offered: list[list[str]] = state.get("offered", [])
        if choice is not None:
            # a suggestion button on a text step: its label is the answer
            labels = dict(map(tuple, offered))
            raw = labels.get(choice)
            if raw is None:
                raise InvalidInput(_stale_or_unclear(choice))
        elif raw is not None and _numbers_pick(step) and offered:
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

    async def _add_photo(self, turn: Turn, flow: Flow, state: Data, step: Step) -> list[Reply]:
        inbound = turn.inbound
        if inbound.rejected_file is not None:
            raise InvalidInput(inbound.rejected_file, **inbound.rejected_params)
        photo = inbound.photo
        if photo is None:
            raise InvalidInput(N_("Send a photo, or tap “Done” when you have sent them all."))
        photos: list[dict[str, Any]] = list(state["data"].get(step.field) or [])
        if await self._already_attached(turn, state, step, photos, photo.sha256):
            return await self._duplicate_photo(turn, flow, state, len(photos))
        if len(photos) >= turn.config.max_photos_per_step:
            raise InvalidInput(
                N_("That is the most photos one step takes ({limit}). Tap “Done”."),
                limit=turn.config.max_photos_per_step,
            )
        photos.append(
            {
                "sha256": photo.sha256,
                "size": photo.size,
                "width": photo.width,
                "height": photo.height,
                "mime": photo.mime,
                "caption": photo.caption,
                "at": turn.now.isoformat(),
            }
        )
        state["data"][step.field] = photos
        await self._save(turn, flow, state)
        return [self._photo_ack(turn, state, _received(len(photos)))]

    async def _already_attached(
        self, turn: Turn, state: Data, step: Step, photos: list[dict[str, Any]], sha256: str
    ) -> bool:
        """Whether this photo is in the step's photos already, or linked to its record."""
        if any(p.get("sha256") == sha256 for p in photos):
            return True
        return step.linked is not None and sha256 in await step.linked(turn, state["data"])

    async def _duplicate_photo(
        self, turn: Turn, flow: Flow, state: Data, count: int
    ) -> list[Reply]:
        """A photo sent again is neither linked nor counted twice; an album says how many."""
        group = turn.inbound.media_group_id
        if group is None:
            text = _(
                "This photo is already attached; I did not add it again ({count} so far). "
                "Send another, or tap “Done”."
            ).format(count=count)
            return [self._photo_ack(turn, state, text)]
        album = state.get("album_repeats") or {}
        repeats = (album.get("repeats", 0) if album.get("id") == group else 0) + 1
        state["album_repeats"] = {"id": group, "repeats": repeats}
        await self._save(turn, flow, state)
        return [self._photo_ack(turn, state, _received(count))]

    def _photo_ack(self, turn: Turn, state: Data, text: str) -> Reply:
        """The answer to a photo; the photos of an album are answered once, by the last one."""
        group = turn.inbound.media_group_id
        album = state.get("album_repeats") or {}
        if group is not None and album.get("id") == group and album.get("repeats"):
            text += "\n" + ngettext(
                "{repeats} photo of this album was already attached and was not added again.",
                "{repeats} photos of this album were already attached and were not added again.",
                album["repeats"],
            ).format(repeats=album["repeats"])
        return Reply(
            text,
            buttons=((Button(_("✅ Done"), "/done"),),),
            coalesce_key=f"album:{group}" if group else None,
        )

    # ----------------------------------------------------------------- navigation

    async def _navigate(self, turn: Turn, active: ConversationRecord, command: str) -> list[Reply]:
        return await self._navigate_state(turn, self.flows[active.flow], active.state, command)

    async def _navigate_state(
        self, turn: Turn, flow: Flow, state: Data, command: str
    ) -> list[Reply]:
        mode = state.get("mode", "ask")
        if command == "cancel":
            if not flow.keeps_draft:
                await self._forget(turn, flow.name)
                return [Reply(_("Nothing to cancel: you were only looking."))]
            if mode == "cancel":
                return [await self._render(turn, flow, state)]
            if not state.get("data"):
                await self._forget(turn, flow.name)
                return [Reply(_("Cancelled."))]
            state["paused"] = _paused(state)
            state["mode"] = "cancel"
            await self._save(turn, flow, state)
            return [await self._render(turn, flow, state)]
        if mode in {"cancel", "resume"}:
            if command == "back":
                state.update(state.pop("paused", {"mode": "ask"}))
                await self._save(turn, flow, state)
            return [await self._render(turn, flow, state)]
        if mode == "edit":
            if command == "back":
                state["mode"] = "summary"
                await self._save(turn, flow, state)
            return [await self._render(turn, flow, state)]
        visible = self._visible(flow, state["data"])
        if mode == "summary":
            if command == "back" and visible:
                state.update(mode="ask", field=visible[-1].field, editing=False)
                await self._save(turn, flow, state)
            return [await self._render(turn, flow, state)]
        step = self._step(flow, state)
        if step is None:
            return await self._advance(turn, flow, state, after=None)
        data = state["data"]
        if command == "back":
            if state.get("editing") and all(s.field in data for s in visible):
                state.update(mode="summary", editing=False)
                await self._save(turn, flow, state)
                return [await self._render(turn, flow, state)]
            position = [s.field for s in visible].index(step.field)
            if step.field in data:
                state["revisit"] = sorted({*state.get("revisit", []), step.field})
            if position == 0:
                return [
                    await self._render(
                        turn, flow, state, error=_("This is the first step. To stop, type /cancel.")
                    )
                ]
            state["field"] = visible[position - 1].field
            await self._save(turn, flow, state)
            return [await self._render(turn, flow, state)]
        if command == "skip":
            if not step.optional and not (step.kind is InputKind.PHOTOS and data.get(step.field)):
                note = _("This step cannot be skipped.")
                return [await self._render(turn, flow, state, error=note)]
            photos = step.kind is InputKind.PHOTOS  # skipping after some photos keeps them
            _keep(step, state, (data.get(step.field) or []) if photos else None)
            return await self._advance(turn, flow, state, after=step.field)
        # done
        if step.kind is not InputKind.PHOTOS:
            return [await self._render(turn, flow, state)]
        if not data.get(step.field) and not step.optional:
            note = _("Send at least one photo first.")
            return [await self._render(turn, flow, state, error=note)]
        _keep(step, state, data.get(step.field) or [])
        return await self._advance(turn, flow, state, after=step.field)

    def _typed_navigation(self, text: str | None, step: Step) -> str | None:
        if not text:
            return None
        word = fold(text)
        for command, words in _TYPED_NAVIGATION.items():
            if word in words:
                if command == "skip" and not step.optional:
                    return None
                if command == "done" and step.kind is not InputKind.PHOTOS:
                    return None
                return command
        return None

    # ----------------------------------------------------------------- progress

    def _visible(self, flow: Flow, data: Data) -> list[Step]:
        return [step for step in flow.steps(data) if step.visible(data)]

    def _step(self, flow: Flow, state: Data) -> Step | None:
        field = state.get("field")
        return next((s for s in self._visible(flow, state["data"]) if s.field == field), None)

    async def _advance(
        self, turn: Turn, flow: Flow, state: Data, *, after: str | None
    ) -> list[Reply]:
        data = state["data"]
        visible = self._visible(flow, data)
        fields = [step.field for step in visible]
        target: Step | None = None
        if after is None or state.get("editing") or after not in fields:
            target = next((s for s in visible if s.field not in data), None)
        else:
            # The next step not answered yet, or passed over by /back: steps filled in already
            # (an amendment starts from the stored answers) are not asked again.
            revisit = set(state.get("revisit", []))
            following = visible[fields.index(after) + 1 :]
            target = next((s for s in following if s.field not in data or s.field in revisit), None)
        if target is not None:
            state.update(mode="ask", field=target.field)
            await self._save(turn, flow, state)
            return [await self._render(turn, flow, state)]
        state["editing"] = False
        if flow.summary:
            state.update(mode="summary", field=None)
            await self._save(turn, flow, state)
            return [await self._render(turn, flow, state)]
        return await self._finish(turn, flow, state)

    async def _finish(self, turn: Turn, flow: Flow, state: Data) -> list[Reply]:
        try:
            async with turn.tx.savepoint():
                replies = await flow.finish(turn, state["data"])
        except DvkError as error:
            if not flow.summary:
                await self._forget(turn, flow.name)
                return [Reply("⚠️ " + user_message(error))]
            state.update(mode="summary", field=None)
            await self._save(turn, flow, state)
            return [await self._render(turn, flow, state, error=user_message(error))]
        await self._forget(turn, flow.name)
        if flow.then_help:
            replies.append(await self._help(turn, None))
        reminder = await self._draft_reminder(turn, exclude=flow.name)
        return [*replies, *([reminder] if reminder else [])]

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
        name = flow.draft_name(conversation.state.get("data", {}))
        return _(
            "You have an unfinished draft: {title}{name}. Type /{command} to continue it."
        ).format(
            title=_(flow.title),
            name=f" «{name}»" if name else "",
            command=self._command_of[conversation.flow],
        )

    def _not_understood(self, conversations: list[ConversationRecord]) -> Reply:
        text = _("I did not understand that. Type /help to see what you can do.")
        drafts = [c for c in conversations if self._is_draft(c)]
        if drafts:
            text += "\n" + self._draft_line(drafts[0])
        return Reply(text)

    # ----------------------------------------------------------------- rendering

    async def _render(
        self, turn: Turn, flow: Flow, state: Data, *, error: str | None = None
    ) -> Reply:
        """The message for the state the conversation is in (a question, the summary, a menu)."""
        mode = state.get("mode", "ask")
        lines = [f"⚠️ {_(error)}", ""] if error else []
        buttons: list[Button] = []
        commands: list[Button] = []
        numbered = True
        data = state["data"]
        if mode == "ask":
            step = self._step(flow, state)
            if step is None:
                state["mode"] = "summary" if flow.summary else "ask"
                return await self._render(turn, flow, state, error=error)
            visible = self._visible(flow, data)
            position = [s.field for s in visible].index(step.field) + 1
            if len(visible) > 1:
                lines.append(
                    _("Step {number}/{total} · {title}").format(
                        number=position, total=len(visible), title=_(flow.title)
                    )
                )
            prompt = step.prompt
            lines.append(await prompt(turn, data) if callable(prompt) else _(prompt))
            if step.example:
                lines.append(_("Example: {example}").format(example=_(step.example)))
            if state.get("editing") and data.get(step.field) is not None:
                lines.append(_("Now: {value}").format(value=step.display(data[step.field], data)))
            if step.kind is InputKind.PHOTOS and data.get(step.field):
                lines.append(_("Photos so far: {count}.").format(count=len(data[step.field])))
            buttons = [Button(o.text(), o.value) for o in await step.choices(turn, data)]
            numbered = _numbers_pick(step)
            if step.kind is InputKind.PHOTOS:
                commands.append(Button(_("✅ Done"), "/done"))
            if position > 1 or state.get("editing"):
                commands.append(Button(_("⬅️ Back"), "/back"))
            if step.optional and step.kind is not InputKind.PHOTOS:
                commands.append(Button(_("Skip ⏭️"), "/skip"))
            elif step.optional and not data.get(step.field):
                commands.append(Button(_("Skip ⏭️"), "/skip"))
        elif mode == "summary":
            lines.append(_("Please check {title}:").format(title=_(flow.title).lower()))
            shown = [s for s in self._visible(flow, data) if s.in_summary]
            for number, step in enumerate(shown, start=1):
                value = step.display(data.get(step.field), data)
                lines.append(f"{number}. {_(step.label)}: {value}")
            buttons = [
                Button(_(flow.confirm_label), "confirm"),
                Button(_("✏️ Edit a field"), "edit"),
                Button(_("❌ Cancel"), "cancel"),
            ]
        elif mode == "edit":
            lines.append(_("Which field do you want to change?"))
            buttons = [
                Button(_(s.label), s.field) for s in self._visible(flow, data) if s.in_summary
            ]
            commands.append(Button(_("⬅️ Back"), "/back"))
        elif mode == "cancel":
            lines.append(
                _("Discard this draft of {title}? What you entered will be lost.").format(
                    title=_(flow.title).lower()
                )
            )
            buttons = [Button(_("Yes, discard it"), "yes"), Button(_("No, continue"), "no")]
        else:  # resume
            name = flow.draft_name(data)
            lines.append(
                _(
                    "You have an unfinished draft of {title}{name}. "
                    "Continue where you stopped, or start over?"
                ).format(title=_(flow.title).lower(), name=f" «{name}»" if name else "")
            )
            buttons = [
                Button(_("▶️ Continue the draft"), "continue"),
                Button(_("🔄 Start over"), "restart"),
            ]
        photos: tuple[StoredPhoto, ...] = ()
        if mode == "ask" and not error:
            step = self._step(flow, state)
            if step is not None and step.attach is not None:
                photos = tuple(await step.attach(turn, data))
        state["offered"] = [[b.value, b.label] for b in buttons]
        await self._save(turn, flow, state)
        rows = _rows(buttons) + ([tuple(commands)] if commands else [])
        return Reply(
            "\n".join(lines),
            buttons=tuple(rows),
            numbered=numbered and bool(buttons),
            photos=photos,
        )

    async def _help(self, turn: Turn, active: ConversationRecord | None) -> Reply:
        lines: list[str] = []
        if active is not None and active.state.get("mode") == "ask":
            flow = self.flows[active.flow]
            step = self._step(flow, active.state)
            if step is not None:
                prompt = step.prompt
                lines.append(_("You are in: {title}.").format(title=_(flow.title)))
                lines.append(
                    await prompt(turn, active.state["data"]) if callable(prompt) else _(prompt)
                )
                if step.example:
                    lines.append(_("Example: {example}").format(example=_(step.example)))
                lines.append(
                    _(
                        "/back goes to the previous step, /skip skips an optional step, "
                        "/cancel stops."
                    )
                )
                lines.append("")
        lines.append(_("What you can do:"))
        for command in self.help_commands(turn):
            lines.append(f"/{command.name} — {_(command.description)}")
        lines.append("/cancel — " + _("stop what you are doing"))
        lines.append("/help — " + _("show this list"))
        return Reply("\n".join(lines))

    # ----------------------------------------------------------------- storage

    async def _save(self, turn: Turn, flow: Flow, state: Data) -> None:
        await turn.tx.conversations.save(
            turn.inbound.channel, turn.inbound.chat_id, flow.name, state, turn.now
        )

    async def _forget(self, turn: Turn, flow_name: str) -> None:
        await turn.tx.conversations.delete(turn.inbound.channel, turn.inbound.chat_id, flow_name)


def _paused(state: Data) -> Data:
    return {key: state.get(key) for key in ("mode", "field", "editing")}


def _numbers_pick(step: Step) -> bool:
    """Whether a typed number picks one of the step's options (and so they are numbered).

    Everywhere but on a number question, where "2" is the answer itself.
    """
    return step.kind is not InputKind.NUMBER


def _chosen(state: Data, text: str | None, choice: str | None) -> str | None:
    """The offered value the person picked: by button, by number, by typing its label, or by
    typing any part of one label (whole words, without diacritics, case or punctuation:
    ``quoc phong`` picks "Quốc phòng – an ninh").

    Raises ``InvalidInput`` when the part typed fits more than one label.
    """
    offered: list[list[str]] = state.get("offered", [])
    values = [value for value, _label in offered]
    if choice is not None:
        return choice if choice in values else None
    if not text:
        return None
    typed = text.strip().rstrip(".")
    if typed.isdigit() and 1 <= int(typed) <= len(values):
        return values[int(typed) - 1]
    folded = loose(typed)
    if not folded:
        return None
    for value, label in offered:
        if folded in {loose(label), loose(value)}:
            return value
    fits = [
        (number, value, label)
        for number, (value, label) in enumerate(offered, start=1)
        if f" {folded} " in f" {loose(label)} "
    ]
    if len(fits) == 1:
        return fits[0][1]
    if len(fits) > 1:
        raise InvalidInput(
            N_("“{typed}” fits more than one option: {options}. Type more of it, or its number."),
            typed=typed,
            options="; ".join(f"{number}. {label}" for number, _value, label in fits),
        )
    return None


def _received(count: int) -> str:
    """The answer to a photo taken: how many the step has now."""
    return _("Photo received ({count} so far). Send more, or tap “Done”.").format(count=count)


def _stale_or_unclear(choice: str | None) -> str:
    if choice is not None:
        return N_("That button belongs to an earlier message. Please use the buttons below.")
    return N_("Please choose one of the options: tap a button or type its number.")


def _keep(step: Step, state: Data, value: Any) -> None:
    """Store an answer (and, for a choice, the label the person saw, for the summary)."""
    data = state["data"]
    data[step.field] = value
    if step.field in state.get("revisit", []):
        state["revisit"] = [f for f in state["revisit"] if f != step.field]
    if step.kind is InputKind.CHOICE:
        labels = dict(map(tuple, state.get("offered", [])))
        data.setdefault("_labels", {})[step.field] = labels.get(value)
