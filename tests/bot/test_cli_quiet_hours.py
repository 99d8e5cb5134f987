"""`dvk nudge` in quiet hours says that the reminders wait until the send hour, and when."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.cli import dvk, environment

CODE = re.compile(r"\b([0-9A-Z]{12})\b")


async def test_nudge_in_quiet_hours_says_when_the_reminders_go(tmp_path: Path) -> None:
    env = environment(tmp_path / "data", locale="en")
    await dvk("init", "--sample", env=env, cwd=tmp_path)
    invite = await dvk(
        "invite", "--role", "secretary", "--unit", "BP-DP-TL-A1", "--name", "Lan", env=env
    )
    code = CODE.search(invite.out)
    assert code is not None
    await dvk("chat", "--invite", code.group(1), env=env, cwd=tmp_path)
    said = (
        "It is quiet hours (21:00–07:00): the reminders wait until the send hour, 09/01/2027 08:00."
    )

    dry = await dvk("nudge", "--at", "2027-01-08T22:00", "--dry-run", env=env, cwd=tmp_path)
    assert dry.code == 0, dry.err
    assert "registration [d7]" in dry.out and said in dry.out
    after_midnight = await dvk("nudge", "--at", "2027-01-09T02:00", "--dry-run", env=env)
    assert said in after_midnight.out  # the same morning, not the day after

    daytime = await dvk("nudge", "--at", "2027-01-08T08:00", "--dry-run", env=env, cwd=tmp_path)
    assert "registration [d7]" in daytime.out and "quiet hours" not in daytime.out

    enqueued = await dvk("nudge", "--at", "2027-01-08T22:00", env=env, cwd=tmp_path)
    assert "1 newly enqueued" in enqueued.out and said in enqueued.out
    # What is said is what happens: the reminder is held until the send hour.
    sent = await dvk("outbox", "send", env=env, cwd=tmp_path)
    assert sent.code == 0, sent.err
    assert "Sent 0" in sent.out
    assert "pending: 1" in (await dvk("outbox", env=env, cwd=tmp_path)).out
