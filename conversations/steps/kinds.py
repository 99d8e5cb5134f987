"""The kinds of question a step can be, each with its parsing and its display wired in.

A flow declares ``kinds.number("participants", N_("How many…?"), N_("Participants"),
example=N_("35"))`` rather than spelling out the input kind, the parser and the formatter each
time. Every keyword of :class:`~conversations.flow.Step` not named here passes through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

from conversations.flow import Option, OptionsSource, PromptSource, Step
from conversations.messages import InputKind
from conversations.validators import (
    long_text,
    parse_count,
    parse_money,
    parse_month,
    parse_whole_number,
)
from conversations.validators import (
    text as limited_text,
)
from locales import N_, _, format_date, format_money, format_number, ngettext

Prompt = str | PromptSource
PDF_MIME: Final = "application/pdf"
YES_NO: Final = (Option("yes", N_("Yes")), Option("no", N_("No")))


def _ask(kind: InputKind, field: str, prompt: Prompt, label: str, **more: Any) -> Step:
    return Step(field, kind, prompt=prompt, label=label, **more)


def text(field: str, prompt: Prompt, label: str, *, limit: int | None = 500, **more: Any) -> Step:
    """A text answer of at most ``limit`` characters (None: a long text), unless ``parse``
    says otherwise."""
    more.setdefault("parse", limited_text(limit) if limit is not None else long_text)
    return _ask(InputKind.TEXT, field, prompt, label, **more)


def count(field: str, prompt: Prompt, label: str, **more: Any) -> Step:
    """A number of people or things, from 0 (optional figures such as beneficiaries)."""
    return _ask(
        InputKind.NUMBER, field, prompt, label, parse=parse_count, show=format_number, **more
    )


def number(field: str, prompt: Prompt, label: str, **more: Any) -> Step:
    """A whole number from 1 (how many take part)."""
    parse = parse_whole_number
    return _ask(InputKind.NUMBER, field, prompt, label, parse=parse, show=format_number, **more)


def money(field: str, prompt: Prompt, label: str, **more: Any) -> Step:
    """An amount of đồng."""
    return _ask(
        InputKind.NUMBER, field, prompt, label, parse=parse_money, show=format_money, **more
    )


def choice(
    field: str, prompt: Prompt, label: str, options: Sequence[Option] | OptionsSource, **more: Any
) -> Step:
    """One of the options, by button (or number, or words where a channel has no buttons)."""
    return _ask(InputKind.CHOICE, field, prompt, label, options=options, **more)


def yes_no(field: str, prompt: Prompt, label: str, **more: Any) -> Step:
    """Yes or no (kept as ``"yes"`` or ``"no"``)."""
    return choice(field, prompt, label, YES_NO, **more)


def location(field: str, prompt: Prompt, label: str, **more: Any) -> Step:
    """An address typed, or a location shared (kept as ``{"text", "lat", "lon"}``)."""
    parse = limited_text(500)
    return _ask(InputKind.LOCATION, field, prompt, label, parse=parse, show=show_place, **more)


def photos(field: str, prompt: Prompt, label: str, **more: Any) -> Step:
    """Photos, until "Done" (or until ``most_photos`` arrived); skippable unless told."""
    more.setdefault("optional", True)
    return _ask(InputKind.PHOTOS, field, prompt, label, **more)


def document(field: str, prompt: Prompt, label: str, **more: Any) -> Step:
    """One document: a photo of it or a PDF (kept as a one-item list, as photos are); skippable
    unless told."""
    more.setdefault("optional", True)
    more.setdefault("show", show_document)
    return _ask(InputKind.PHOTOS, field, prompt, label, most_photos=1, takes_pdf=True, **more)


def date(field: str, prompt: Prompt, label: str, **more: Any) -> Step:
    """A day, kept in ISO form and shown as dd/mm/yyyy (``parse`` or ``check`` reads it)."""
    return _ask(InputKind.TEXT, field, prompt, label, show=show_date, **more)


def month(field: str, prompt: Prompt, label: str, **more: Any) -> Step:
    """A month, typed as mm/yyyy or picked among suggestions (kept as ``yyyy-mm``)."""
    return _ask(InputKind.TEXT, field, prompt, label, parse=parse_month, show=show_month, **more)


def show_date(value: str) -> str:
    """``2026-11-30`` as 30/11/2026."""
    return format_date(dt.date.fromisoformat(value))


def show_document(value: Any) -> str:
    """A document as a photo of it, or a PDF by name and pages."""
    if not value:
        return _("(none)")
    item = value[0]
    if item.get("mime") != PDF_MIME:
        return _("1 photo")
    pages = int(item.get("pages") or 1)
    return ngettext("PDF «{name}», {pages} page", "PDF «{name}», {pages} pages", pages).format(
        name=item.get("filename") or "?", pages=pages
    )


def show_month(value: str) -> str:
    """``2026-11`` as 11/2026."""
    year, number_ = value.split("-")
    return f"{number_}/{year}"


def show_place(value: Any) -> str:
    """An address as typed, or the shared location."""
    parts = []
    if value.get("text"):
        parts.append(str(value["text"]))
    if value.get("lat") is not None:
        parts.append(f"📍 {value['lat']:.6f}, {value['lon']:.6f}")
    return " ".join(parts)
