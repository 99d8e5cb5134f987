"""The kinds of question: each wires the parsing and the display of its answers."""

from __future__ import annotations

import pytest

from conversations.flow import Option
from conversations.messages import InputKind
from conversations.steps import kinds
from domain.errors import InvalidInput
from locales import use_locale


def test_money_reads_amounts_as_typed_and_shows_them_in_dong() -> None:
    step = kinds.money("m", "How much?", "Money", example="600.000.000")
    assert step.kind is InputKind.NUMBER and step.parse is not None
    assert step.parse("600.000.000") == 600_000_000
    assert step.parse("45 triệu") == 45_000_000
    with pytest.raises(InvalidInput):
        step.parse("1e9")
    with use_locale("vi"):
        assert step.display(600_000_000) == "600.000.000\xa0₫"


def test_a_count_takes_zero_and_a_number_does_not() -> None:
    count = kinds.count("c", "How many?", "Count", example="120")
    number = kinds.number("n", "How many?", "Number", example="35")
    assert count.parse is not None and number.parse is not None
    assert count.parse("0") == 0
    with pytest.raises(InvalidInput):
        number.parse("0")
    with use_locale("vi"):
        assert number.display(1200) == "1.200"


def test_text_is_limited_and_a_long_text_longer() -> None:
    short = kinds.text("t", "What?", "T", limit=10)
    long = kinds.text("t", "What?", "T", limit=None)
    assert short.parse is not None and long.parse is not None
    with pytest.raises(InvalidInput):
        short.parse("Mười một chữ cái")
    assert long.parse("Mười một chữ cái " * 50).startswith("Mười một")


def test_month_and_date_are_kept_in_iso_form_and_shown_day_first() -> None:
    month = kinds.month("m", "Which month?", "Month", example="11/2026")
    assert month.parse is not None and month.parse("11/2026") == "2026-11"
    assert month.display("2026-11") == "11/2026"
    day = kinds.date("d", "Which day?", "Day", example="05/11")
    with use_locale("vi"):
        assert day.display("2026-11-05") == "05/11/2026"


def test_yes_no_photos_and_location() -> None:
    question = kinds.yes_no("y", "Did you?", "Y")
    assert [o.value for o in question.options] == ["yes", "no"]  # type: ignore[union-attr]  # static options
    with use_locale("vi"):
        assert question.display("yes") == "Có"
    photos = kinds.photos("p", "Photos?", "Photos")
    assert photos.kind is InputKind.PHOTOS and photos.optional
    assert not kinds.photos("p", "Photos?", "Photos", optional=False).optional
    place = kinds.location("a", "Where?", "Address", example="Ấp 1")
    assert place.display({"text": "Ấp 1", "lat": 11.5, "lon": 106.9}) == (
        "Ấp 1 📍 11.500000, 106.900000"
    )
    pick = kinds.choice("c", "Which?", "C", (Option("a", "A"),), optional=True)
    assert pick.kind is InputKind.CHOICE and pick.optional


def test_a_document_is_one_photo_or_one_pdf_and_may_be_skipped() -> None:
    step = kinds.document("proof", "The document?", "Document")
    assert step.kind is InputKind.PHOTOS and step.takes_pdf and step.optional
    assert step.most_photos == 1
    assert not kinds.photos("photos", "Photos?", "Photos").takes_pdf  # nowhere else
    pdf = [{"sha256": "a" * 64, "mime": "application/pdf", "pages": 3, "filename": "qd.pdf"}]
    with use_locale("vi"):
        assert step.display(pdf) == "PDF «qd.pdf», 3 trang"
        assert step.display([{"sha256": "b" * 64, "mime": "image/jpeg"}]) == "1 ảnh"
        assert step.display([]) == "(không có)"
    with use_locale("en"):
        assert step.display([{**pdf[0], "pages": 1}]) == "PDF «qd.pdf», 1 page"
