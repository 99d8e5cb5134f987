"""A model's questions: the answers become the stored fields (details for questions without a
column) and back, and a stored model reads with every field."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from conversations.steps import model
from domain.registry import Status
from locales import use_locale
from storage.records import ModelRecord

ANSWERS = {
    "name": "Đường hoa",
    "owner_kind": "collective",
    "owner_name": "Chi đoàn ấp 1",
    "address": {"text": "Ấp 1", "lat": 11.5, "lon": 106.9},
    "domain": "culture_society",
    "participants": 35,
    "money_vnd": 45_000_000,
}


def test_answers_become_fields_and_fields_become_answers_again() -> None:
    fields = model.model_fields(ANSWERS)
    assert (fields.address, fields.latitude, fields.longitude) == ("Ấp 1", 11.5, 106.9)
    assert fields.money_vnd == 45_000_000 and fields.method is None and fields.details == {}
    answers = model.field_answers(fields)
    assert {k: answers[k] for k in ANSWERS} == ANSWERS


def test_a_question_without_a_column_is_kept_in_details(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "DETAILS", ("core_members",))
    fields = model.model_fields({**ANSWERS, "core_members": 12})
    assert fields.details == {"core_members": 12}
    assert model.field_answers(fields)["core_members"] == 12
    assert "details" not in model.COLUMNS and "participants" in model.COLUMNS


def test_a_stored_model_reads_with_its_status_and_fields() -> None:
    stored = ModelRecord(
        7, 1, 2026, model.model_fields(ANSWERS), Status.REGISTERED, 1,
        dt.datetime(2026, 11, 4, 2, tzinfo=dt.UTC), 2,
    )  # fmt: skip
    with use_locale("vi"):
        text = model.describe(stored, "Chi đoàn ấp 1", ZoneInfo("Asia/Ho_Chi_Minh"))
    lines = text.splitlines()
    assert lines[0] == "«Đường hoa» (số 7) · Chi đoàn ấp 1 · 2026"
    assert "2 ảnh" in lines[1] and "04/11/2026" in lines[1]
    assert "• Kinh phí huy động: 45.000.000\xa0₫" in lines
