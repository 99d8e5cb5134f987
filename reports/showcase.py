"""The showcase, as DOCX: a short article per showcased recognised model of a subtree, for the
Union's website and pages (the plans ask for exemplary models to be published there).

Each article: the model's name (a heading), its unit, what it did (the method), its effect in
figures (participants, beneficiaries, money in đồng, what was built, replications) and up to
three of its photos. A large photo is scaled down for the page; the evidence itself is never
changed. With no showcased model nothing is written.
"""

from __future__ import annotations

import asyncio
import io
import os
from pathlib import Path
from typing import Any, Final

from docx import Document
from docx.shared import Cm, Pt
from PIL import Image, ImageOps

from domain.scope import Scope
from locales import _, format_money, format_number, ngettext
from reports.vocabulary import domain_name, owner_kind_name
from storage.db import Database
from storage.evidence import EvidenceStore
from storage.records import UnitRecord
from storage.spreading import ShowcasedModel, StoredPhotoRef

PHOTOS_PER_MODEL: Final = 3
#: pixels of the longer side: a photo larger than this is scaled down for the page
PAGE_SIDE: Final = 1600
PHOTO_WIDTH: Final = Cm(15)
FONT: Final = "Times New Roman"
#: the image types a DOCX shows as they are; any other (WebP) is converted
AS_IS: Final = frozenset({"image/jpeg", "image/png"})


def page_image(data: bytes, mime: str) -> bytes:
    """The photo as the page shows it: the bytes as stored when they fit, otherwise a copy
    turned upright (EXIF), scaled to :data:`PAGE_SIDE` and saved as JPEG."""
    with Image.open(io.BytesIO(data)) as image:
        if mime in AS_IS and max(image.size) <= PAGE_SIDE:
            return data
        shown = ImageOps.exif_transpose(image).convert("RGB")
    shown.thumbnail((PAGE_SIDE, PAGE_SIDE))
    buffer = io.BytesIO()
    shown.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _figures(entry: ShowcasedModel) -> list[str]:
    """The model's effect in figures, one line each (those it has)."""
    fields = entry.model.fields
    lines = [_("Participants: {count}").format(count=format_number(fields.participants))]
    if fields.beneficiaries is not None:
        lines.append(_("Beneficiaries: {count}").format(count=format_number(fields.beneficiaries)))
    if fields.money_vnd is not None:
        lines.append(_("Money raised: {money}").format(money=format_money(fields.money_vnd)))
    if fields.built:
        lines.append(_("Built or made: {built}").format(built=fields.built))
    if entry.replications:
        lines.append(
            ngettext(
                "Replicated: {count} model", "Replicated: {count} models", entry.replications
            ).format(count=format_number(entry.replications))
        )
    return lines


def _article(document: Any, entry: ShowcasedModel, pictures: list[tuple[bytes, str]]) -> None:
    fields = entry.model.fields
    document.add_heading(fields.name, level=1)
    facts = document.add_paragraph()
    facts.add_run(
        _("{unit} · {domain} · {year}").format(
            unit=entry.unit_name, domain=domain_name(fields.domain), year=entry.model.year
        )
    ).italic = True
    document.add_paragraph(
        _("Run by: {owner} ({kind})").format(
            owner=fields.owner_name, kind=owner_kind_name(fields.owner_kind).lower()
        )
    )
    if fields.address:
        document.add_paragraph(_("Where: {address}").format(address=fields.address))
    document.add_heading(_("What it did"), level=2)
    document.add_paragraph(fields.method or _("The method was not stated when registering."))
    document.add_heading(_("Its effect"), level=2)
    if fields.effect:
        document.add_paragraph(fields.effect)
    for line in _figures(entry):
        document.add_paragraph(line, style="List Bullet")
    for picture, caption in pictures:
        document.add_picture(io.BytesIO(picture), width=PHOTO_WIDTH)
        below = document.add_paragraph()
        run = below.add_run(caption)
        run.italic = True
        run.font.size = Pt(11)


async def _pictures(
    store: EvidenceStore, entry: ShowcasedModel, photos: list[StoredPhotoRef]
) -> list[tuple[bytes, str]]:
    pictures = []
    for photo in photos:
        data = await store.get(photo.sha256, photo.mime)
        shown = await asyncio.to_thread(page_image, data, photo.mime)
        pictures.append((shown, photo.caption or entry.model.fields.name))
    return pictures


async def export_showcase(
    database: Database,
    store: EvidenceStore,
    path: Path,
    *,
    unit: UnitRecord,
    year: int | None,
) -> int:
    """Write the articles of the showcased recognised models of ``unit`` and the units below it
    (of ``year``, when given) to ``path``; returns how many. With none, nothing is written.

    The file appears whole or not at all: it is written beside ``path`` and renamed into place.
    """
    async with database.read() as tx:
        models = await tx.spreading.showcased(Scope(roots=(unit.id,)), year)
        photos = await tx.spreading.first_photos([m.model.id for m in models], PHOTOS_PER_MODEL)
    if not models:
        return 0
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    document.add_heading(_("Exemplary “Dân vận khéo” models"), level=0)
    subtitle = unit.name if year is None else _("{unit}, {year}").format(unit=unit.name, year=year)
    document.add_paragraph(subtitle).runs[0].italic = True
    for entry in models:
        pictures = await _pictures(store, entry, photos.get(entry.model.id, []))
        _article(document, entry, pictures)
    await asyncio.to_thread(_save_whole, document, path)
    return len(models)


def _save_whole(document: Any, path: Path) -> None:
    """Save beside ``path`` and rename into place: a failure leaves no half-written file."""
    partial = path.with_name(f".{path.name}.part")
    try:
        document.save(str(partial))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
