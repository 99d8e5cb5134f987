"""From a photo a person sent to a verified photo in the evidence store; where a step takes a PDF
too (the document confirming an appraisal), from a PDF to a verified PDF there."""

from __future__ import annotations

import asyncio
import logging
from typing import Final

from bot.channel import DownloadFailed
from bot.dispatch import Attachment
from conversations.messages import Pdf, Photo
from locales import N_
from storage.evidence import (
    DEFAULT_MAX_PIXELS,
    PDF_MIME,
    EvidenceRejected,
    EvidenceStore,
    inspect_image,
    inspect_pdf,
)

log = logging.getLogger(__name__)

DOWNLOAD_ATTEMPTS: Final = 3
IMAGE_EXTENSIONS: Final = (".jpg", ".jpeg", ".png", ".webp")
#: the default limit of a PDF (``DVK_PROOF_MAX_MB``)
DEFAULT_MAX_PDF_BYTES: Final = 10_000_000


class PhotoIntake:
    """Downloads (with retries), verifies and stores a photo; refuses anything else clearly."""

    def __init__(
        self,
        store: EvidenceStore,
        max_bytes: int,
        *,
        max_pixels: int = DEFAULT_MAX_PIXELS,
        max_pdf_bytes: int = DEFAULT_MAX_PDF_BYTES,
        backoff: float = 0.5,
    ) -> None:
        self.store = store
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels
        self.max_pdf_bytes = max_pdf_bytes
        self.backoff = backoff

    async def __call__(self, attachment: Attachment) -> Photo:
        """The stored photo; raises ``EvidenceRejected`` saying why when it cannot be one."""
        self._precheck(attachment)
        return await self._photo(await self._download(attachment), attachment)

    async def document(self, attachment: Attachment) -> Photo | Pdf:
        """A photo of a document, or the document as a PDF (where a step takes one).

        A file declared a PDF (by its type or name), or declared nothing and starting as a PDF
        does, must be a whole PDF within the PDF limit; anything else must be a photo.
        """
        declared = self._declared_pdf(attachment)
        if not declared and (attachment.mime is not None or attachment.filename is not None):
            self._precheck(attachment, pdf_too=True)
            return await self._photo(await self._download(attachment), attachment)
        size = attachment.declared_size
        if declared and size is not None and size > self.max_pdf_bytes:
            raise EvidenceRejected(
                N_("This PDF is too large ({size} MB); the limit is {limit} MB."),
                size=round(size / 1_000_000, 1),
                limit=round(self.max_pdf_bytes / 1_000_000),
            )
        data = await self._download(attachment)
        if not declared and not data.startswith(b"%PDF-"):  # no type said: the bytes tell
            return await self._photo(data, attachment)
        info = await asyncio.to_thread(inspect_pdf, data, self.max_pdf_bytes)
        await self.store.put(info, data)
        return Pdf(info.sha256, info.size, info.pages, attachment.filename)

    async def _photo(self, data: bytes, attachment: Attachment) -> Photo:
        # Decoding every pixel of a large photo takes a while: not on the event loop.
        info = await asyncio.to_thread(inspect_image, data, self.max_bytes, self.max_pixels)
        await self.store.put(info, data)  # the bytes as sent: nothing is re-encoded
        caption = (attachment.caption or "").strip() or None
        return Photo(info.sha256, info.size, info.width, info.height, info.mime, caption)

    @staticmethod
    def _declared_pdf(attachment: Attachment) -> bool:
        mime = (attachment.mime or "").lower()
        return mime == PDF_MIME or (attachment.filename or "").lower().endswith(".pdf")

    def _precheck(self, attachment: Attachment, *, pdf_too: bool = False) -> None:
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
            if pdf_too:
                raise EvidenceRejected(
                    N_(
                        "“{name}” is neither a photo nor a PDF. Please send a photo of the "
                        "document, or the document as a PDF."
                    ),
                    name=attachment.filename or mime,
                )
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
