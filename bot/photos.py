"""From a photo a person sent to a verified photo in the evidence store."""

from __future__ import annotations

import asyncio
import logging
from typing import Final

from bot.channel import DownloadFailed
from bot.dispatch import Attachment
from conversations.messages import Photo
from locales import N_
from storage.evidence import (
    DEFAULT_MAX_PIXELS,
    EvidenceRejected,
    EvidenceStore,
    inspect_image,
)

log = logging.getLogger(__name__)

DOWNLOAD_ATTEMPTS: Final = 3
IMAGE_EXTENSIONS: Final = (".jpg", ".jpeg", ".png", ".webp")


class PhotoIntake:
    """Downloads (with retries), verifies and stores a photo; refuses anything else clearly."""

    def __init__(
        self,
        store: EvidenceStore,
        max_bytes: int,
        *,
        max_pixels: int = DEFAULT_MAX_PIXELS,
        backoff: float = 0.5,
    ) -> None:
        self.store = store
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels
        self.backoff = backoff

    async def __call__(self, attachment: Attachment) -> Photo:
        """The stored photo; raises ``EvidenceRejected`` saying why when it cannot be one."""
        self._precheck(attachment)
        data = await self._download(attachment)
        # Decoding every pixel of a large photo takes a while: not on the event loop.
        info = await asyncio.to_thread(inspect_image, data, self.max_bytes, self.max_pixels)
        await self.store.put(info, data)  # the bytes as sent: nothing is re-encoded
        caption = (attachment.caption or "").strip() or None
        return Photo(info.sha256, info.size, info.width, info.height, info.mime, caption)

    def _precheck(self, attachment: Attachment) -> None:
        """Refuse what is plainly no photo, or too large, before spending a download on it."""
        size = attachment.declared_size
        if size is not None and size > self.max_bytes:
            raise EvidenceRejected(
                N_("This photo is too large ({size} MB); the limit is {limit} MB."),
                size=round(size / 1_000_000, 1),
                limit=round(self.max_bytes / 1_000_000),
            )
        mime = (attachment.mime or "").lower()
        name = (attachment.filename or "").lower()
        if mime and not mime.startswith("image/") and not name.endswith(IMAGE_EXTENSIONS):
            raise EvidenceRejected(
                N_("“{name}” is not a photo. Please send a JPEG, PNG or WebP image."),
                name=attachment.filename or mime,
            )

    async def _download(self, attachment: Attachment) -> bytes:
        for attempt in range(1, DOWNLOAD_ATTEMPTS + 1):
            try:
                return await attachment.download()
            except DownloadFailed as failure:
                log.warning("photo download failed (attempt %d): %s", attempt, failure)
                if not failure.retryable or attempt == DOWNLOAD_ATTEMPTS:
                    break
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
        raise EvidenceRejected(
            N_("I could not download your photo, even after several tries. Please send it again.")
        )
