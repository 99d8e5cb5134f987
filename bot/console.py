"""The console channel: the same engine in a terminal, with numbered choices.

It reads lines from standard input, so it can be scripted
(``printf '/help\\n' | dvk chat --invite CODE``), and stops at the end of input.
``/photo PATH`` sends an image file as if it were a photo from a phone; ``/file PATH`` sends any
file as a document (a PDF, where a step takes one: the document confirming an appraisal).
"""

from __future__ import annotations

import asyncio
import mimetypes
import sys
from pathlib import Path
from typing import Final, TextIO

from bot.channel import DownloadFailed, choice_lines
from bot.dispatch import Attachment, Dispatcher
from conversations.messages import Inbound, Reply
from conversations.text import split_command
from locales import _
from storage.evidence import evidence_key

CHANNEL: Final = "console"


def render(reply: Reply) -> str:
    """A reply as terminal text: numbered choices, commands shown as commands."""
    lines = [
        _("🖼 Photo: {caption} ({key})").format(
            caption=photo.caption or "-", key=evidence_key(photo.sha256, photo.mime)
        )
        for photo in reply.photos
    ]
    lines.append(reply.text)
    lines.extend(choice_lines(reply))
    if reply.document is not None:
        lines.append(_("📎 File: {path}").format(path=reply.document.path))
    return "\n".join(lines)


class ConsoleChannel:
    """A terminal conversation as one chat of the ``console`` channel."""

    name: Final = CHANNEL

    def __init__(
        self,
        dispatcher: Dispatcher,
        chat_id: str = "terminal",
        *,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
    ) -> None:
        self.dispatcher = dispatcher
        self.chat_id = chat_id
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout

    async def send(self, chat_id: str, reply: Reply) -> None:
        """Print a reply; a message the bot sends on its own to another console chat says whom
        it is for (``dvk outbox send`` prints every console chat's messages)."""
        text = render(reply)
        if chat_id != self.chat_id:
            text = _("✉️ To {chat}:").format(chat=chat_id) + "\n" + text
        self.stdout.write(text + "\n\n")
        self.stdout.flush()

    async def say(self, text: str) -> None:
        """Hand one line to the engine as if the person typed it, and print the replies."""
        attachment = None
        command, argument = split_command(text)
        if command in {"photo", "file"}:
            attachment = self._file(argument)
            text = ""
        inbound = Inbound(
            channel=CHANNEL,
            chat_id=self.chat_id,
            user_id=self.chat_id,
            text=text or None,
            display_name=None,
        )
        for reply in await self.dispatcher.handle(inbound, attachment):
            await self.send(self.chat_id, reply)

    def _file(self, argument: str) -> Attachment:
        path = Path(argument.strip().strip("'\"")).expanduser()

        async def read() -> bytes:
            try:
                return await asyncio.to_thread(path.read_bytes)
            except OSError as error:
                raise DownloadFailed(str(error), retryable=False) from error

        size = path.stat().st_size if path.is_file() else None
        return Attachment(
            download=read,
            declared_size=size,
            mime=mimetypes.guess_type(path.name)[0],
            filename=path.name,
        )

    async def run(self, *, prompt: bool = False) -> None:
        """Read lines until the end of input."""
        while True:
            if prompt:
                self.stdout.write("> ")
                self.stdout.flush()
            line = await asyncio.to_thread(self.stdin.readline)
            if not line:
                return
            line = line.rstrip("\n")
            if line.strip():
                await self.say(line)
