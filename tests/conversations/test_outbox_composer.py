"""The outbox composer: one row per recipient, in their language, with the key domain/keys names."""

from __future__ import annotations

import datetime as dt

import pytest

from conversations.outbox_composer import Content, OutboxKey, Photo, compose
from domain.keys import digest_key, for_person, visit_topic
from locales import _, current_locale
from storage.records import Recipient

VI = Recipient(person_id=1, locale="vi", account_id=11, channel="telegram", chat_id="101")
EN = Recipient(person_id=2, locale="en", account_id=12, channel="zalo", chat_id="z2")


def summary(_recipient: Recipient) -> str:
    return _("Monthly visit summary")


def visit_button(_recipient: Recipient) -> list[list[list[str]]]:
    return [[[_("📝 Log a visit"), "/visit"]]]


async def test_each_recipient_gets_the_message_and_buttons_in_their_own_language() -> None:
    messages = await compose([VI, EN], OutboxKey(visit_topic(7)), summary, visit_button, kind="x")
    assert [m.text for m in messages] == ["Tổng hợp đi cơ sở trong tháng", "Monthly visit summary"]
    assert [m.buttons for m in messages] == [
        [[["📝 Ghi sổ đi cơ sở", "/visit"]]],
        [[["📝 Log a visit", "/visit"]]],
    ]


async def test_the_locale_is_the_callers_again_afterwards() -> None:
    before = current_locale()
    await compose([EN], OutboxKey("t"), summary, kind="x")
    assert current_locale() == before


async def test_a_row_carries_the_recipients_account_the_key_the_topic_and_the_kind() -> None:
    (message,) = await compose([EN], OutboxKey(visit_topic(7)), summary, kind="notice")
    assert message.key == for_person(visit_topic(7), 2) == "visit:7:p2"
    assert message.topic == "visit:7"
    assert (message.kind, message.person_id, message.account_id) == ("notice", 2, 12)
    assert (message.channel, message.chat_id) == ("zalo", "z2")
    assert message.buttons == [] and message.quiet_hours is True
    assert message.not_before is None
    assert message.photo_sha256 is None and message.photo_mime is None


async def test_a_key_can_be_named_otherwise_per_person() -> None:
    week = dt.date(2027, 1, 4)
    key = OutboxKey("digest:p1", lambda person: digest_key(person, week))
    (message,) = await compose([VI], key, summary, kind="digest")
    assert (message.key, message.topic) == ("digest:p1:2027-W01", "digest:p1")


async def test_a_photo_and_a_time_to_wait_for_go_on_every_row() -> None:
    later = dt.datetime(2027, 1, 9, 1, tzinfo=dt.UTC)
    messages = await compose(
        [VI, EN],
        OutboxKey("announcement:a"),
        summary,
        kind="announcement",
        photo=Photo("ab" * 32, "image/jpeg"),
        not_before=later,
        quiet_hours=False,
    )
    assert {(m.photo_sha256, m.photo_mime) for m in messages} == {("ab" * 32, "image/jpeg")}
    assert {m.not_before for m in messages} == {later}
    assert {m.quiet_hours for m in messages} == {False}


async def test_a_render_may_read_as_it_goes_and_bring_its_own_buttons() -> None:
    async def digest(recipient: Recipient) -> Content:
        return Content(f"{summary(recipient)} #{recipient.person_id}", visit_button(recipient))

    vi, en = await compose([VI, EN], OutboxKey("t"), digest, kind="digest")
    assert vi.text == "Tổng hợp đi cơ sở trong tháng #1"
    assert vi.buttons == [[["📝 Ghi sổ đi cơ sở", "/visit"]]]
    assert (en.text, en.buttons) == ("Monthly visit summary #2", [[["📝 Log a visit", "/visit"]]])


async def test_buttons_come_from_one_place_only() -> None:
    with pytest.raises(ValueError):
        await compose(
            [VI], OutboxKey("t"), lambda _r: Content("x", []), visit_button, kind="digest"
        )


async def test_no_recipient_no_row() -> None:
    assert await compose([], OutboxKey("t"), summary, kind="notice") == []
