"""The evidence store: photos (and the PDFs confirming appraisals) kept once per content, under
their SHA-256.

Two stores share one interface: a local folder (the default) and an S3-compatible bucket (when
several machines share the work). Both are content-addressed: the key is the SHA-256 of the bytes,
so the same photo sent twice is stored once. A local write goes to a temporary name in the same
folder and is renamed into place, so a crash never leaves half a photo under a real name.

A photo is checked before it is stored: its type and byte size, its pixel count read from the
header (before anything is decoded), then a full decode of its pixels, so that a truncated or
damaged file is refused. The stored bytes are always the bytes that were sent: nothing is
re-encoded, because the original is the evidence.

A PDF is accepted in one place only, the document confirming the first criterion of an appraisal:
it must start as a PDF does (``%PDF-``), end with the ``%%EOF`` trailer, and be read by pypdf to
its page count, within its own size limit.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
import os
import re
import tempfile
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol
from urllib.parse import urlparse

from PIL import Image, UnidentifiedImageError

from domain.errors import DvkError
from locales import N_

ACCEPTED_FORMATS: Final = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PDF_MIME: Final = "application/pdf"
EXTENSIONS: Final = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", PDF_MIME: "pdf"}
#: a PDF's trailer ends with ``%%EOF``, possibly followed by a line end or a little padding
PDF_TAIL: Final = 1024
DEFAULT_MAX_PIXELS: Final = 40_000_000
#: Pillow warns about a possible decompression bomb above this many pixels (and refuses twice as
#: many); a limit of ours above it would let Pillow speak first, so settings stay below it
PILLOW_PIXEL_LIMIT: Final = Image.MAX_IMAGE_PIXELS or 89_478_485
#: the names our stores give: ``ab/<sha256>.<ext>``, and the temporary name of a local write
STORED_NAME: Final = re.compile(
    r"(?P<dir>[0-9a-f]{2})/(?P<sha>[0-9a-f]{64})\.(?:jpg|png|webp|pdf|bin)"
)
INCOMING_NAME: Final = re.compile(r"[0-9a-f]{2}/\.incoming-[^/]+")


class EvidenceRejected(DvkError):
    """The bytes are not an acceptable photo; nothing was stored."""


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What a verified photo is."""

    sha256: str
    size: int
    width: int
    height: int
    mime: str


@dataclass(frozen=True, slots=True)
class PdfInfo:
    """What a verified PDF is."""

    sha256: str
    size: int
    pages: int
    mime: str = PDF_MIME


#: what a store is told about the bytes it keeps
BlobInfo = ImageInfo | PdfInfo


def _too_many_pixels(max_pixels: int) -> EvidenceRejected:
    megapixels = max_pixels / 1_000_000
    return EvidenceRejected(
        N_("This photo has too many pixels; the limit is {limit} megapixels."),
        limit=int(megapixels) if megapixels.is_integer() else round(megapixels, 1),
    )


def inspect_image(data: bytes, max_bytes: int, max_pixels: int = DEFAULT_MAX_PIXELS) -> ImageInfo:
    """Check that ``data`` is a whole JPEG, PNG or WebP image within both limits.

    The byte size and the pixel count (from the header) are checked before any pixel is
    decoded; then every pixel is decoded once, in a fresh image (``verify()`` leaves the one it
    checked unusable, and does not decode the pixels of a JPEG at all).
    """
    if len(data) > max_bytes:
        raise EvidenceRejected(
            N_("This photo is too large ({size} MB); the limit is {limit} MB."),
            size=round(len(data) / 1_000_000, 1),
            limit=round(max_bytes / 1_000_000),
        )
    unreadable = EvidenceRejected(
        N_("This file is not a photo I can read. Please send a JPEG, PNG or WebP image.")
    )
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            kind = image.format
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard (a warning turned into an error by a filter, or its hard limit)
        raise _too_many_pixels(max_pixels) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise unreadable from None
    if kind not in ACCEPTED_FORMATS:
        raise EvidenceRejected(
            N_("Photos must be JPEG, PNG or WebP; this one is {kind}."), kind=kind or "?"
        )
    if width * height > max_pixels:
        raise _too_many_pixels(max_pixels)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(max_pixels) from None
    except Exception:  # a decoder fed hostile bytes may fail in any way
        raise EvidenceRejected(
            N_(
                "This photo is damaged or incomplete (it could not be read to the end). "
                "Please send it again."
            )
        ) from None
    return ImageInfo(
        hashlib.sha256(data).hexdigest(), len(data), width, height, ACCEPTED_FORMATS[kind]
    )


def inspect_pdf(data: bytes, max_bytes: int) -> PdfInfo:
    """Check that ``data`` is a whole PDF within the size limit: its header, its ``%%EOF``
    trailer, and that pypdf reads it to its pages (a renamed photo or a cut-off download is
    refused, saying which)."""
    if len(data) > max_bytes:
        raise EvidenceRejected(
            N_("This PDF is too large ({size} MB); the limit is {limit} MB."),
            size=round(len(data) / 1_000_000, 1),
            limit=round(max_bytes / 1_000_000),
        )
    if not data.startswith(b"%PDF-"):
        raise EvidenceRejected(
            N_(
                "This file is not a real PDF (it does not start as a PDF does). "
                "Please send the document as a PDF, or a photo of it."
            )
        )
    incomplete = EvidenceRejected(
        N_("This PDF is damaged or incomplete (it could not be read to the end). Send it again.")
    )
    if b"%%EOF" not in data[-PDF_TAIL:]:
        raise incomplete
    from pypdf import PdfReader  # loaded by the one step that takes a PDF, not by every command
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise EvidenceRejected(
                N_("This PDF is protected by a password. Please send it without one.")
            )
        pages = len(reader.pages)
    except EvidenceRejected:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        # pypdf fed hostile bytes fails in these ways (a bad xref, a missing key...)
        raise incomplete from None
    if pages < 1:
        raise incomplete
    return PdfInfo(hashlib.sha256(data).hexdigest(), len(data), pages)


@dataclass(frozen=True, slots=True)
class StoredObject:
    """A file in an evidence store: its key (``ab/<sha256>.jpg``), size and last change."""

    key: str
    size: int
    modified: dt.datetime

    @property
    def sha256(self) -> str | None:
        """The photo's hash, or None for a leftover temporary file."""
        match = STORED_NAME.fullmatch(self.key)
        return match.group("sha") if match else None


def is_store_key(key: str) -> bool:
    """Whether ``key`` is a name our stores give (a photo or a temporary file), nothing else."""
    return bool(STORED_NAME.fullmatch(key) or INCOMING_NAME.fullmatch(key))


def evidence_key(sha256: str, mime: str) -> str:
    """Where a photo lives inside a store: ``ab/abcdef….jpg``."""
    return f"{sha256[:2]}/{sha256}.{EXTENSIONS.get(mime, 'bin')}"


class EvidenceStore(Protocol):
    """A content-addressed store of photo bytes."""

    async def put(self, info: BlobInfo, data: bytes) -> bool:
        """Store ``data`` under its hash; False when it was there already."""
        ...

    async def get(self, sha256: str, mime: str) -> bytes:
        """The bytes of a stored photo."""
        ...

    async def exists(self, sha256: str, mime: str) -> bool:
        """Whether a photo is stored."""
        ...

    def stored(self) -> AsyncIterator[StoredObject]:
        """Every photo file in the store (and every leftover temporary file), in no order."""
        ...

    async def remove(self, key: str, *, unless_modified_after: dt.datetime) -> bool:
        """Delete one stored file, unless it changed after that moment; True when removed."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


class LocalEvidenceStore:
    """Photos in a folder: ``ROOT/ab/<sha256>.<ext>``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str, mime: str) -> Path:
        """The file of a photo."""
        return self.root / evidence_key(sha256, mime)

    async def put(self, info: BlobInfo, data: bytes) -> bool:
        """Write atomically (temporary file, fsync, rename); a photo already there is kept."""
        return await asyncio.to_thread(self._put, info, data)

    def _put(self, info: BlobInfo, data: bytes) -> bool:
        target = self.path(info.sha256, info.mime)
        try:
            # Sent again: the file counts as new, so the clean-up of unlinked photos spares it.
            os.utime(target)
            return False
        except FileNotFoundError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return True

    async def get(self, sha256: str, mime: str) -> bytes:
        """Read a stored photo."""
        return await asyncio.to_thread(self.path(sha256, mime).read_bytes)

    async def exists(self, sha256: str, mime: str) -> bool:
        """Whether the photo's file exists."""
        return self.path(sha256, mime).exists()

    async def stored(self) -> AsyncIterator[StoredObject]:
        """The files under the root that this store wrote; anything else there is left alone.

        One fan-out folder (``ab/``) is read at a time, so a store of millions of photos is never
        listed into memory whole."""
        if not await asyncio.to_thread(self.root.is_dir):
            return
        folders = await asyncio.to_thread(
            lambda: sorted(folder for folder in self.root.iterdir() if folder.is_dir())
        )
        for folder in folders:
            for found in await asyncio.to_thread(self._scan, folder):
                yield found

    @staticmethod
    def _scan(folder: Path) -> list[StoredObject]:
        found: list[StoredObject] = []
        for file in folder.iterdir():
            key = f"{folder.name}/{file.name}"
            if not is_store_key(key):
                continue
            try:
                status = file.stat()
            except FileNotFoundError:  # renamed or removed meanwhile
                continue
            modified = dt.datetime.fromtimestamp(status.st_mtime, dt.UTC)
            found.append(StoredObject(key, status.st_size, modified))
        return found

    async def remove(self, key: str, *, unless_modified_after: dt.datetime) -> bool:
        """Delete the file, unless it was written or sent again after ``unless_modified_after``."""
        return await asyncio.to_thread(self._remove, key, unless_modified_after)

    def _remove(self, key: str, unless_modified_after: dt.datetime) -> bool:
        if not is_store_key(key):
            raise ValueError(f"{key!r} is not an evidence key")
        file = self.root / key
        try:
            modified = dt.datetime.fromtimestamp(file.stat().st_mtime, dt.UTC)
            if modified > unless_modified_after:
                return False
            file.unlink()
        except FileNotFoundError:
            return False
        return True

    async def close(self) -> None:
        """Nothing to release."""


@dataclass(frozen=True, slots=True)
class S3Location:
    """A bucket and a key prefix, from ``s3://bucket/prefix``."""

    bucket: str
    prefix: str

    @classmethod
    def parse(cls, url: str) -> S3Location:
        """Read an ``s3://bucket/prefix`` URL."""
        parsed = urlparse(url)
        if parsed.scheme != "s3" or not parsed.netloc:
            raise ValueError(f"{url!r} is not an s3://bucket/prefix URL")
        return cls(parsed.netloc, parsed.path.strip("/"))

    def key(self, sha256: str, mime: str) -> str:
        """The object key of a photo."""
        return self.object_key(evidence_key(sha256, mime))

    def object_key(self, key: str) -> str:
        """The bucket's key of a store key (``ab/<sha256>.jpg``)."""
        return f"{self.prefix}/{key}" if self.prefix else key

    def store_key(self, object_key: str) -> str | None:
        """The store key of a bucket key, or None when it is outside the prefix."""
        if not self.prefix:
            return object_key
        head = self.prefix + "/"
        return object_key[len(head) :] if object_key.startswith(head) else None


class S3EvidenceStore:
    """Photos in an S3-compatible bucket, through aioboto3 (one client, opened on first use)."""

    def __init__(
        self,
        location: S3Location,
        *,
        endpoint_url: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        region: str = "us-east-1",
    ) -> None:
        self.location = location
        self._client_options: dict[str, Any] = {
            "endpoint_url": endpoint_url,
            "aws_access_key_id": access_key_id,
            "aws_secret_access_key": secret_access_key,
            "region_name": region,
        }
        self._stack = AsyncExitStack()
        self._client: Any = None
        self._lock = asyncio.Lock()

    async def _s3(self) -> Any:
        async with self._lock:
            if self._client is None:
                import aioboto3

                session = aioboto3.Session()
                self._client = await self._stack.enter_async_context(
                    session.client("s3", **self._client_options)
                )
        return self._client

    async def put(self, info: BlobInfo, data: bytes) -> bool:
        """Upload unless an object with this hash is there already (a PUT is atomic)."""
        client = await self._s3()
        if await self.exists(info.sha256, info.mime):
            # Sent again: copying the object onto itself makes it new, so the clean-up of
            # unlinked photos spares it (S3 has no cheaper way to touch an object).
            key = self.location.key(info.sha256, info.mime)
            await client.copy_object(
                Bucket=self.location.bucket,
                Key=key,
                CopySource={"Bucket": self.location.bucket, "Key": key},
                MetadataDirective="REPLACE",
                ContentType=info.mime,
            )
            return False
        await client.put_object(
            Bucket=self.location.bucket,
            Key=self.location.key(info.sha256, info.mime),
            Body=data,
            ContentType=info.mime,
        )
        return True

    async def get(self, sha256: str, mime: str) -> bytes:
        """Download a stored photo."""
        client = await self._s3()
        response = await client.get_object(
            Bucket=self.location.bucket, Key=self.location.key(sha256, mime)
        )
        async with response["Body"] as body:
            return bytes(await body.read())

    async def exists(self, sha256: str, mime: str) -> bool:
        """Whether the object exists (HEAD)."""
        from botocore.exceptions import ClientError

        client = await self._s3()
        try:
            await client.head_object(
                Bucket=self.location.bucket, Key=self.location.key(sha256, mime)
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return False
            raise
        return True

    async def stored(self) -> AsyncIterator[StoredObject]:
        """The objects under the prefix that this store wrote, page by page."""
        client = await self._s3()
        prefix = self.location.prefix + "/" if self.location.prefix else ""
        paginator = client.get_paginator("list_objects_v2")
        async for page in paginator.paginate(Bucket=self.location.bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                key = self.location.store_key(item["Key"])
                if key is None or not is_store_key(key):
                    continue
                yield StoredObject(key, int(item["Size"]), item["LastModified"])

    async def remove(self, key: str, *, unless_modified_after: dt.datetime) -> bool:
        """Delete the object, unless it was written or sent again after that moment."""
        from botocore.exceptions import ClientError

        if not is_store_key(key):
            raise ValueError(f"{key!r} is not an evidence key")
        client = await self._s3()
        bucket, object_key = self.location.bucket, self.location.object_key(key)
        try:
            head = await client.head_object(Bucket=bucket, Key=object_key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return False
            raise
        if head["LastModified"] > unless_modified_after:
            return False
        await client.delete_object(Bucket=bucket, Key=object_key)
        return True

    async def close(self) -> None:
        """Close the client."""
        await self._stack.aclose()
        self._client = None
