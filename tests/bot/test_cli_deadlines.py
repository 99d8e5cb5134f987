"""`dvk calendar`, `dvk nudge`, `dvk outbox`: the deadline tools an administrator runs."""

from __future__ import annotations

import re
from pathlib import Path

from domain.calendar import DEFAULT_CALENDAR
from tests.support.cli import dvk, environment

CODE = re.compile(r"\b([0-9A-Z]{12})\b")


async def test_calendar_nudge_and_outbox_from_the_command_line(tmp_path: Path) -> None:
    # The shipped calendar without quiet hours, so that the test passes at any time of day.
    calendar_file = tmp_path / "calendar.toml"
    calendar_file.write_text(
        DEFAULT_CALENDAR.read_text(encoding="utf-8").replace(
            'quiet_hours = ["21:00", "07:00"]', 'quiet_hours = ["00:00", "00:00"]'
        ),
        encoding="utf-8",
    )
    env = environment(tmp_path / "data", calendar_file=str(calendar_file))
    await dvk("init", "--sample", env=env)
    calendar = await dvk("calendar", env=env)
    assert calendar.code == 0, calendar.err
    assert "registration: Đăng ký mô hình năm" in calendar.out
    assert "thời hạn: ngày 15/01 hằng năm" in calendar.out
    assert "visit: Đi cơ sở tháng" in calendar.out
    reminders = [line for line in calendar.out.splitlines() if "nhắc: trước" in line]
    assert len(reminders) == 4  # one policy line per deadline
    assert "quá hạn thì cứ 3 ngày nhắc một lần, tối đa 3 lần" in reminders[0]
    assert "tối đa 0 lần" not in calendar.out  # the visits are not reminded once overdue
    assert "không nhắc sau khi quá hạn" in reminders[-1]

    invite = await dvk(
        "invite", "--role", "secretary", "--unit", "BP-DP-TL-A1", "--name", "Lan", env=env
    )
    code = CODE.search(invite.out)
    assert code is not None
    await dvk("chat", "--invite", code.group(1), env=env)

    dry = await dvk("nudge", "--at", "2027-01-08T08:00", "--dry-run", env=env)
    assert dry.code == 0, dry.err
    assert "registration [d7]" in dry.out and "Chi đoàn ấp 1 mới đăng ký 0/1" in dry.out
    assert "1 lời nhắc đến hạn; chưa đưa gì vào hàng đợi" in dry.out
    assert "đang chờ: 0" in (await dvk("outbox", env=env)).out

    first = await dvk("nudge", "--at", "2027-01-08T08:00", env=env)
    assert "1 lời nhắc đến hạn, 1 lời nhắc mới" in first.out
    second = await dvk("nudge", "--at", "2027-01-08T09:30", env=env)
    assert "1 lời nhắc đến hạn, 0 lời nhắc mới" in second.out
    assert "đang chờ: 1" in (await dvk("outbox", env=env)).out

    sent = await dvk("outbox", "send", env=env)
    assert sent.code == 0, sent.err
    assert "⏰ Nhắc hạn: Đăng ký mô hình năm 2027, hạn chót 15/01/2027 (còn 7 ngày)." in sent.out
    assert "Đã gửi 1" in sent.out
    counts = (await dvk("outbox", env=env)).out
    assert "đã gửi: 1" in counts and "đang chờ: 0" in counts


async def test_a_bad_calendar_stops_start_up_naming_the_entry(tmp_path: Path) -> None:
    bad = tmp_path / "calendar.toml"
    bad.write_text('[[deadline]]\nid = "reg"\nkind = "registration"\nevery_year_on = "32/01"\n')
    env = environment(tmp_path / "data", calendar_file=str(bad))
    result = await dvk("calendar", env=env)
    assert result.code == 1
    assert "[[deadline]] #1 (reg)" in result.err and "32/01" in result.err
