"""Every message a person reads exists in Vietnamese and English, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from locales import LOCALES, ngettext, po_path, use_locale
from tools.i18n import extract

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The msgids found in the code right now (pybabel extract)."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    extract(pot)
    with pot.open("rb") as handle:
        return {str(m.id) for m in read_po(handle) if m.id}


def _filled(string: str | tuple[str, ...]) -> bool:
    """A msgstr, or every msgstr[n] of a plural message, is filled in."""
    return bool(string) and (isinstance(string, str) or all(string))


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_in_the_code_is_translated(locale: str, extracted: set[str]) -> None:
    with po_path(locale).open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    translated = {str(m.id) for m in catalog if m.id and _filled(m.string) and not m.fuzzy}
    missing = sorted(extracted - translated)
    assert missing == [], f"run `make messages` and translate: {missing[:10]}"


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders(locale: str) -> None:
    with po_path(locale).open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    wrong = [
        m.id
        for m in catalog
        if m.id
        and _filled(m.string)
        and set(PLACEHOLDER.findall(str(m.id))) != set(PLACEHOLDER.findall(str(m.string)))
    ]
    assert wrong == []


VIETNAMESE_LETTER = re.compile(
    r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ]", re.IGNORECASE
)


def test_vietnamese_is_really_vietnamese() -> None:
    """An English sentence is translated into Vietnamese, diacritics and all, not copied."""
    with po_path("vi").open("rb") as handle:
        catalog = [m for m in read_po(handle, locale="vi") if m.id]

    def words(msgid: str) -> list[str]:
        return re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub("", msgid))

    english = [m for m in catalog if str(m.id).isascii() and len(words(str(m.id))) >= 4]
    assert len(english) > 100
    untranslated = [m.id for m in english if not VIETNAMESE_LETTER.search(str(m.string))]
    assert untranslated == []


#: Vietnamese that may stay in the English interface: the movement's name, the currency, and the
#: proper names of the people and places that examples use. Nothing else.
ALLOWED_IN_ENGLISH = (
    "Dân vận khéo",
    "đồng",
    "Nguyễn Thị Lan",
    "Nguyễn Văn Tài",
    "Tân Lập",
    "Đồng Phú",
)


def test_english_is_english() -> None:
    """No Vietnamese word in the English catalog, examples included, beyond the proper names."""
    with po_path("en").open("rb") as handle:
        catalog = [m for m in read_po(handle, locale="en") if m.id]
    wrong = []
    for message in catalog:
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for string in strings:
            text = PLACEHOLDER.sub("", string)
            for name in ALLOWED_IN_ENGLISH:
                text = text.replace(name, "")
            if VIETNAMESE_LETTER.search(text):
                wrong.append(string)
    assert wrong == []


@pytest.mark.parametrize(
    ("locale", "plural_forms"),
    [("en", "nplurals=2; plural=(n != 1);"), ("vi", "nplurals=1; plural=0;")],
)
def test_plurals_one_form_in_vietnamese_two_in_english(locale: str, plural_forms: str) -> None:
    with po_path(locale).open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    assert catalog.plural_forms == plural_forms
    plurals = [m for m in catalog if m.id and not isinstance(m.id, str)]
    assert len(plurals) > 20
    assert {len(m.string) for m in plurals} == {2 if locale == "en" else 1}
    with use_locale(locale):
        shown = [ngettext("{count} photo", "{count} photos", n).format(count=n) for n in (1, 3)]
    assert shown == (["1 photo", "3 photos"] if locale == "en" else ["1 ảnh", "3 ảnh"])
