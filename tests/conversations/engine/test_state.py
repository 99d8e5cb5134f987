"""The stored state: versioned JSON, and drafts stored by the engine before the version existed
(an untyped dict, the choices' labels among the answers) still load and resume."""

from __future__ import annotations

from typing import Any

import pytest

from conversations.engine.state import (
    VERSION,
    Album,
    ConversationState,
    Mode,
    Paused,
    from_json,
    to_json,
)
from tests.conversations.engine.test_core import SAVED, driver, photo
from tests.support.driver import Driver

__all__ = ["driver"]  # the fixture, shared with the engine's tests

PHOTO_1 = {
    "sha256": photo(1).sha256,
    "size": 100,
    "width": 10,
    "height": 10,
    "mime": "image/jpeg",
    "caption": None,
    "at": "2026-11-04T02:00:00+00:00",
}
# What the engine stored before the version, copied from its states for the pet flow.
OLD_MID_PHOTOS: dict[str, Any] = {
    "mode": "ask",
    "field": "photos",
    "editing": False,
    "data": {
        "name": "Rex",
        "kind": "dog",
        "_labels": {"kind": "Dog"},
        "tricks": 3,
        "photos": [PHOTO_1],
    },
    "offered": [],
    "album_repeats": {"id": "album-7", "repeats": 1},
}
OLD_SUMMARY: dict[str, Any] = {
    "mode": "summary",
    "field": None,
    "editing": False,
    "data": {"name": "Tom", "kind": "cat", "_labels": {"kind": "Cat"}, "photos": []},
    "offered": [
        ["confirm", "✅ Confirm and save"],
        ["edit", "✏️ Edit a field"],
        ["cancel", "❌ Cancel"],
    ],
}
OLD_CANCEL: dict[str, Any] = {
    "mode": "cancel",
    "field": "kind",
    "editing": False,
    "data": {"name": "Tom"},
    "offered": [["yes", "Yes, discard it"], ["no", "No, continue"]],
    "paused": {"mode": "ask", "field": "kind", "editing": False},
}
OLD_RESUME: dict[str, Any] = {
    **OLD_SUMMARY,
    "mode": "resume",
    "offered": [["continue", "▶️ Continue the draft"], ["restart", "🔄 Start over"]],
    "paused": {"mode": "summary", "field": None, "editing": False},
}


def test_an_old_state_is_read_into_the_typed_state() -> None:
    state = from_json(OLD_MID_PHOTOS)
    assert state == ConversationState(
        mode=Mode.ASK,
        field="photos",
        data={"name": "Rex", "kind": "dog", "tricks": 3, "photos": [PHOTO_1]},
        labels={"kind": "Dog"},
        album=Album("album-7", 1),
    )
    assert from_json(OLD_RESUME).paused == Paused(Mode.SUMMARY)
    assert from_json(OLD_CANCEL).offered == (("yes", "Yes, discard it"), ("no", "No, continue"))
    assert from_json({"data": {"name": "x"}}) == ConversationState(data={"name": "x"})


@pytest.mark.parametrize("old", [OLD_MID_PHOTOS, OLD_SUMMARY, OLD_CANCEL, OLD_RESUME])
def test_a_state_is_stored_with_its_version_and_reads_back_the_same(old: dict[str, Any]) -> None:
    stored = to_json(from_json(old))
    assert stored["version"] == VERSION and "_labels" not in stored["data"]
    assert from_json(stored) == from_json(old)


async def _store(driver: Driver, state: dict[str, Any]) -> None:
    async with driver.database.transaction() as tx:
        await tx.conversations.save("test", driver.chat_id, "pet", state, driver.clock.now())


async def test_an_old_draft_waiting_for_photos_takes_more_and_saves(driver: Driver) -> None:
    await driver.bind()
    await _store(driver, OLD_MID_PHOTOS)
    (ack,) = await driver.send(photo=photo(2), media_group_id="album-7")
    assert "(2 " in ack.text and "1 photo of this album was already attached" in ack.text
    (summary,) = await driver.send("/done")
    assert "Kind: Dog" in summary.text and "Photos: 2 photos" in summary.text
    (saved,) = await driver.press(summary, "✅")
    assert saved.text == "saved Rex"
    assert [p["sha256"] for p in SAVED[0]["photos"]] == [photo(1).sha256, photo(2).sha256]


async def test_an_old_summary_is_confirmed_by_its_number(driver: Driver) -> None:
    await driver.bind()
    await _store(driver, OLD_SUMMARY)
    (saved,) = await driver.send("1")
    assert saved.text == "saved Tom"
    assert SAVED == [{"name": "Tom", "kind": "cat", "photos": []}]


async def test_an_old_cancel_question_goes_back_to_the_paused_step(driver: Driver) -> None:
    await driver.bind()
    await _store(driver, OLD_CANCEL)
    (kind,) = await driver.send("2")  # No, continue
    assert "Kind?" in kind.text
    async with driver.database.read() as tx:
        (stored,) = await tx.conversations.all_in_chat("test", driver.chat_id)
    assert stored.state["version"] == VERSION and stored.state["mode"] == "ask"


async def test_an_old_resume_offer_continues_to_the_summary(driver: Driver) -> None:
    await driver.bind()
    await _store(driver, OLD_RESUME)
    (offer,) = await driver.send("/pet")
    assert "«Tom»" in offer.text
    (summary,) = await driver.press(offer, "Continue")
    assert "Kind: Cat" in summary.text
    (saved,) = await driver.press(summary, "✅")
    assert saved.text == "saved Tom"


def test_a_report_draft_of_version_2_keeps_its_answers_for_each_model() -> None:
    """Version 2 named a report's answers for model 12 ``m12_<field>``; they load as the
    repeated group's ``models.12.<field>``, wherever a field name is kept."""
    stored = {
        "version": 2,
        "mode": "ask",
        "field": "m12_built",
        "editing": False,
        "data": {
            "unit": "3",
            "period": "2026-annual",
            "_models": [[12, "Đường hoa"]],
            "m12_achieved": "2 km",
            "m12_money": 5_000_000,
            "m12_photos": [PHOTO_1],
        },
        "labels": {"period": "Báo cáo năm 2026"},
        "offered": [],
        "revisit": ["m12_money"],
        "album": None,
        "paused": {"mode": "ask", "field": "m12_built", "editing": False},
    }
    state = from_json(stored)
    assert state.field == "models.12.built"
    assert state.data == {
        "unit": "3",
        "period": "2026-annual",
        "_models": [[12, "Đường hoa"]],
        "models.12.achieved": "2 km",
        "models.12.money": 5_000_000,
        "models.12.photos": [PHOTO_1],
    }
    assert state.revisit == ("models.12.money",)
    assert state.paused == Paused(Mode.ASK, "models.12.built", False)
    assert from_json(to_json(state)) == state
