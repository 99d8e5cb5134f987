"""Real PDF bytes for tests, written by pypdf."""

from __future__ import annotations

import io

from pypdf import PdfWriter


def pdf(pages: int = 1, *, title: str = "Quyết định công nhận") -> bytes:
    """A small, whole PDF of blank A4 pages (the title makes different documents differ)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
