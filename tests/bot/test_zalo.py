"""The Zalo channel's translations: updates in, errors to the outbox's rules, text out."""

from __future__ import annotations

import httpx
import pytest

from bot.channel import PermanentFailure, RateLimited, RecipientBlocked, TemporaryFailure
from bot.zalo import ZaloError, as_text, send_error, unwrap, update_id_of
from conversations.messages import Button, Reply


def test_updates_are_unwrapped_from_a_poll_or_a_webhook_body() -> None:
    update = {"event_name": "message.text.received", "message": {"text": "hi"}}
    assert unwrap({"ok": True, "result": update}) == [update]
    assert unwrap(update) == [update]
    assert unwrap([update, "noise"]) == [update]
    assert unwrap(None) == [] and unwrap({"ok": True, "result": None}) == []


def test_message_ids_give_stable_update_ids() -> None:
    assert update_id_of("m000001") == update_id_of("m000001")
    assert update_id_of("m000001") != update_id_of("m000002")
    assert 0 < (update_id_of("abc") or 0) < 2**63
    assert update_id_of(None) is None and update_id_of("") is None


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (ZaloError("sendMessage", 429, "Quota exceeded", None), RateLimited),
        (ZaloError("sendMessage", -32, "quota exceeded for today", None), RateLimited),
        (ZaloError("sendMessage", 403, "The user has blocked the bot", None), RecipientBlocked),
        (ZaloError("sendMessage", 400, "text is too long", None), PermanentFailure),
        (ZaloError("sendMessage", 401, "Unauthorized", None), PermanentFailure),
        (ZaloError("sendMessage", 502, "Bad Gateway", None), TemporaryFailure),
        (httpx.ConnectError("refused"), TemporaryFailure),
    ],
)
def test_errors_follow_the_same_rules_as_telegram(
    error: ZaloError | httpx.HTTPError, expected: type
) -> None:
    assert isinstance(send_error(error), expected)


def test_a_quota_error_waits_as_long_as_asked_or_five_seconds() -> None:
    asked = send_error(ZaloError("sendMessage", 429, "Quota exceeded", 12.0))
    unsaid = send_error(ZaloError("sendMessage", 429, "Quota exceeded", None))
    assert isinstance(asked, RateLimited) and asked.retry_after == 12.0
    assert isinstance(unsaid, RateLimited) and unsaid.retry_after == 5.0


def test_choices_are_numbered_lines_even_a_single_one() -> None:
    reply = Reply(
        "Chọn chi đoàn:",
        choices=(Button("Chi đoàn ấp 2", "u2"),),
        navigation=(Button("⬅️ Quay lại", "/back"),),
        numbered=True,
    )
    assert as_text(reply) == "Chọn chi đoàn:\n  1. Chi đoàn ấp 2\n  [⬅️ Quay lại: /back]"
