"""Real image bytes for tests, made with Pillow."""

from __future__ import annotations

import io
import random

from PIL import Image


def jpeg(width: int = 640, height: int = 480, seed: int = 1) -> bytes:
    """A JPEG photo with noisy content (so each seed gives different bytes)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (rng.randrange(256), rng.randrange(256), 90))
    for _ in range(200):
        x, y = rng.randrange(width), rng.randrange(height)
        image.putpixel((x, y), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def png(width: int = 320, height: int = 240, seed: int = 2) -> bytes:
    """A PNG image."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (10, rng.randrange(256), 200))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def gif(seed: int = 3) -> bytes:
    """A GIF image: an image, but not an accepted format."""
    image = Image.new("P", (20, 20), seed)
    buffer = io.BytesIO()
    image.save(buffer, "GIF")
    return buffer.getvalue()


def huge_jpeg(min_bytes: int, seed: int = 4) -> bytes:
    """A real JPEG larger than ``min_bytes`` (random pixels do not compress)."""
    rng = random.Random(seed)
    side = 256
    while True:
        image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=100)
        if buffer.tell() > min_bytes:
            return buffer.getvalue()
        side *= 2


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF\n"


def truncated_jpeg(seed: int = 5, keep: float = 0.6) -> bytes:
    """Real JPEG bytes cut short, as a broken upload leaves them: the header reads, the pixels
    do not."""
    data = jpeg(seed=seed)
    return data[: int(len(data) * keep)]


def wide_png(width: int, height: int) -> bytes:
    """A PNG of ``width`` × ``height`` pixels that is small in bytes (one bit a pixel, all black),
    for the pixel-count limits."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()
