"""The evidence store: photos kept once per content, under their SHA-256.

Two stores share one interface: a local folder (the default) and an S3-compatible bucket (when
several machines share the work). Both are content-addressed: the key is the SHA-256 of the bytes,
so the same photo sent twice is stored once. A local write goes to a temporary name in the same
folder and is renamed into place, so a crash never leaves half a photo under a real name.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import tempfile
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol
from urllib.parse import urlparse

from PIL import Image, UnidentifiedImageError

from locales import N_
from storage.errors import DvkError

ACCEPTED_FORMATS: Final = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS: Final = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


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


def inspect_image(data: bytes, max_bytes: int) -> ImageInfo:
    """Verify that ``data`` is a JPEG, PNG or WebP image no larger than ``max_bytes``."""
    if len(data) > max_bytes:
        raise EvidenceRejected(
            N_("This photo is too large ({size} MB); the limit is {limit} MB."),
            size=round(len(data) / 1_000_000, 1),
            limit=round(max_bytes / 1_000_000),
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise EvidenceRejected(
            N_("This file is not a photo I can read. Please send a JPEG, PNG or WebP image.")
        ) from None
    if kind not in ACCEPTED_FORMATS:
        raise EvidenceRejected(
            N_("Photos must be JPEG, PNG or WebP; this one is {kind}."), kind=kind or "?"
        )
    return ImageInfo(
        hashlib.sha256(data).hexdigest(), len(data), width, height, ACCEPTED_FORMATS[kind]
    )


def evidence_key(sha256: str, mime: str) -> str:
    """Where a photo lives inside a store: ``ab/abcdef….jpg``."""
    return f"{sha256[:2]}/{sha256}.{EXTENSIONS.get(mime, 'bin')}"


class EvidenceStore(Protocol):
    """A content-addressed store of photo bytes."""

    async def put(self, info: ImageInfo, data: bytes) -> bool:
        """Store ``data`` under its hash; False when it was there already."""
        ...

    async def get(self, sha256: str, mime: str) -> bytes:
        """The bytes of a stored photo."""
        ...

    async def exists(self, sha256: str, mime: str) -> bool:
        """Whether a photo is stored."""
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

    async def put(self, info: ImageInfo, data: bytes) -> bool:
        """Write atomically (temporary file, fsync, rename); a photo already there is kept."""
        return await asyncio.to_thread(self._put, info, data)

    def _put(self, info: ImageInfo, data: bytes) -> bool:
        target = self.path(info.sha256, info.mime)
        if target.exists():
            return False
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
        key = evidence_key(sha256, mime)
        return f"{self.prefix}/{key}" if self.prefix else key


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

    async def put(self, info: ImageInfo, data: bytes) -> bool:
        """Upload unless an object with this hash is there already (a PUT is atomic)."""
        if await self.exists(info.sha256, info.mime):
            return False
        client = await self._s3()
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

    async def close(self) -> None:
        """Close the client."""
        await self._stack.aclose()
        self._client = None
