"""Every message a person reads exists in Vietnamese and English, with the same placeholders."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from locales import LOCALES, po_path

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The msgids found in the code right now (pybabel extract)."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-o",
            str(pot),
            "--no-location",
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        return {str(m.id) for m in read_po(handle) if m.id}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_in_the_code_is_translated(locale: str, extracted: set[str]) -> None:
    with po_path(locale).open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    translated = {str(m.id) for m in catalog if m.id and m.string and not m.fuzzy}
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
        and m.string
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
