"""Translations for everything a user reads.

The catalogs are the ``.po`` files beside this module (``vi`` is the default, ``en`` the second
language). They are compiled in memory on first use, so no build step or binary ``.mo`` file is
needed. The current language lives in a context variable that the dispatcher sets for each person,
the way aiogram's i18n middleware does.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from pathlib import Path
from typing import Final

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from domain.errors import DvkError

LOCALES: Final = ("vi", "en")
DEFAULT_LOCALE: Final = "vi"
DOMAIN: Final = "messages"
CATALOG_DIR: Final = Path(__file__).parent
_BABEL_LOCALES: Final = {"vi": "vi_VN", "en": "en_US"}

_current: ContextVar[str] = ContextVar("dvk_locale", default=DEFAULT_LOCALE)


def po_path(locale: str) -> Path:
    """Where the catalog of one language lives."""
    return CATALOG_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(locale: str) -> gettext.NullTranslations:
    """The compiled catalog of one language (cached for the life of the process)."""
    path = po_path(locale)
    if not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def normalize_locale(value: str | None) -> str:
    """Map a Telegram ``language_code`` or a setting to one of :data:`LOCALES`."""
    if not value:
        return DEFAULT_LOCALE
    short = value.strip().lower().replace("_", "-").split("-")[0]
    return short if short in LOCALES else DEFAULT_LOCALE


def current_locale() -> str:
    """The language of the person being answered now."""
    return _current.get()


def set_locale(locale: str) -> None:
    """Make ``locale`` the language of the current context (the command line sets it once)."""
    _current.set(normalize_locale(locale))


@contextmanager
def use_locale(locale: str) -> Iterator[None]:
    """Translate everything inside the block into ``locale``."""
    token = _current.set(normalize_locale(locale))
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """Translate ``message`` (an English msgid) into the current language."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count (Vietnamese has a single plural form)."""
    return translations(_current.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet (translated when shown)."""
    return message


def user_message(error: DvkError) -> str:
    """A domain error's message in the current language, its parameters filled in."""
    text = _(error.message)
    return text.format(**error.params) if error.params else text


def babel_locale(locale: str | None = None) -> str:
    """The Babel locale name for one of our languages."""
    return _BABEL_LOCALES[normalize_locale(locale or _current.get())]


def format_date(value: dt.date | dt.datetime) -> str:
    """An official date: dd/mm/yyyy in every language."""
    return babel_dates.format_date(value, "dd/MM/yyyy", locale=babel_locale())


def format_datetime(value: dt.datetime, tz: dt.tzinfo) -> str:
    """A moment in the deployment's time zone: dd/mm/yyyy HH:mm."""
    local = value.astimezone(tz)
    return babel_dates.format_datetime(local, "dd/MM/yyyy HH:mm", locale=babel_locale())


def format_number(value: int | float | Decimal) -> str:
    """A number with the reader's grouping (1.234.567 in Vietnamese)."""
    return babel_numbers.format_decimal(value, locale=babel_locale())


def format_percent(value: float) -> str:
    """A share as a percentage, without decimals (``value`` is 0..1)."""
    return babel_numbers.format_percent(value, locale=babel_locale())


def format_money(vnd: int | Decimal) -> str:
    """An amount of Vietnamese đồng (1.234.567 ₫)."""
    return babel_numbers.format_currency(vnd, "VND", locale=babel_locale())


def sort_key(text: str) -> tuple[str, str]:
    """Order Vietnamese names as people expect: by letters first, diacritics second.

    Binary order puts "Đồng Tiến" after "Tân Lập"; folding the marks first keeps "Đ" with "D".
    """
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    base = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn").casefold()
    return base, text
