"""Links that expire, to the files the bot hands out where a platform takes no file (Zalo):
an export, or a photo of the evidence store for ``sendPhoto``, which takes only a URL.

A link is ``{public}/files/<token>/<name>``. The token carries what it opens and until when, and
an HMAC-SHA256 over both with a key the bot generated and keeps in the database, so any process
can check a link another made, and nobody can make one or stretch its time. Exports are copied
into a folder of their own and removed once their link has expired.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import mimetypes
import secrets
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Final
from urllib.parse import quote

from conversations.messages import Document, StoredPhoto
from storage.clock import Clock
from storage.evidence import EvidenceStore

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger(__name__)

LINK_LIFETIME: Final = dt.timedelta(hours=24)
KEY_NAME: Final = "file-links"
ROUTE: Final = "/files/{token}/{name}"


def new_key() -> str:
    """A fresh signing key."""
    return secrets.token_urlsafe(32)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class FileLinks:
    """Makes signed links and serves what they open."""

    def __init__(
        self,
        key: str,
        public_url: str,
        folder: Path,
        evidence: EvidenceStore,
        clock: Clock,
        *,
        lifetime: dt.timedelta = LINK_LIFETIME,
    ) -> None:
        self._key = key.encode()
        self.public_url = public_url.rstrip("/")
        self.folder = folder
        self.evidence = evidence
        self.clock = clock
        self.lifetime = lifetime

    # ------------------------------------------------------------------ making links

    def _sign(self, payload: dict[str, object]) -> str:
        body = _b64(json.dumps(payload, separators=(",", ":")).encode())
        mac = hmac.new(self._key, body.encode(), hashlib.sha256).digest()
        return f"{body}.{_b64(mac)}"

    def _expiry(self) -> int:
        return int((self.clock.now() + self.lifetime).timestamp())

    def _link(self, payload: dict[str, object], name: str, expires: int | None = None) -> str:
        token = self._sign({**payload, "e": expires or self._expiry()})
        return f"{self.public_url}/files/{token}/{quote(name)}"

    def photo(self, photo: StoredPhoto) -> str:
        """A link to a photo of the evidence store."""
        extension = mimetypes.guess_extension(photo.mime) or ".jpg"
        return self._link({"k": "photo", "s": photo.sha256, "m": photo.mime}, f"photo{extension}")

    def document(self, document: Document) -> str:
        """A link to a copy of an export (a temporary file is moved, not copied)."""
        self.sweep()
        expires = self._expiry()
        place = f"{expires}-{secrets.token_hex(8)}"  # the folder says when it may go
        target = self.folder / place / document.filename
        target.parent.mkdir(parents=True, exist_ok=True)
        if document.temporary:
            shutil.move(document.path, target)
        else:
            shutil.copyfile(document.path, target)
        payload = {"k": "file", "p": f"{place}/{document.filename}"}
        return self._link(payload, document.filename, expires)

    def sweep(self) -> int:
        """Remove the copies whose links have expired; returns how many."""
        if not self.folder.is_dir():
            return 0
        now = self.clock.now().timestamp()
        removed = 0
        for place in self.folder.iterdir():
            expires, _dash, _rest = place.name.partition("-")
            if place.is_dir() and expires.isdigit() and int(expires) < now:
                shutil.rmtree(place, ignore_errors=True)
                removed += 1
        return removed

    # ------------------------------------------------------------------ serving

    def _payload(self, token: str) -> dict[str, object] | None:
        body, _dot, mac = token.partition(".")
        try:
            expected = hmac.new(self._key, body.encode(), hashlib.sha256).digest()
            if not hmac.compare_digest(expected, _unb64(mac)):
                return None
            payload = json.loads(_unb64(body))
        except (ValueError, TypeError):
            return None
        return payload if isinstance(payload, dict) else None

    async def serve(self, request: web.Request) -> web.StreamResponse:
        """``GET /files/<token>/<name>``: 404 for a link not made here, 410 once expired."""
        from aiohttp import web  # the HTTP server is loaded by `dvk run` only

        payload = self._payload(request.match_info["token"])
        if payload is None:
            raise web.HTTPNotFound()
        if int(str(payload.get("e", 0))) < self.clock.now().timestamp():
            raise web.HTTPGone(text="This link has expired.")
        headers = {"Cache-Control": "private, max-age=3600"}
        if payload.get("k") == "photo":
            sha256, mime = str(payload.get("s")), str(payload.get("m"))
            try:
                data = await self.evidence.get(sha256, mime)
            except OSError as error:
                raise web.HTTPNotFound() from error
            return web.Response(body=data, content_type=mime, headers=headers)
        if payload.get("k") == "file":
            relative = Path(str(payload.get("p")))
            path = (self.folder / relative).resolve()
            if self.folder.resolve() not in path.parents or not path.is_file():
                raise web.HTTPNotFound()
            headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(path.name)}"
            return web.FileResponse(path, headers=headers)
        raise web.HTTPNotFound()
