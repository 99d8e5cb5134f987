"""A phase on Telegram: a step that needs the registration reminds the secretary in its own dates
only, through the outbox, with the button that starts the registration."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import MORNING
from tests.support.clock import RunningClock
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

CALENDAR = """
[[deadline]]
id = "visit"
kind = "visit"
every_month_on = 25
roles = ["btv"]

[phase]
id = "2027-2029"
start = "01/01/2027"
end = "31/12/2029"

[[phase.step]]
id = "survey"
kind = "survey"
start = "10/01/2027"
end = "15/01/2027"
needs = "registration"
levels = ["branch"]

[[phase.step]]
id = "survey_late"
kind = "survey"
start = "13/01/2027"
end = "16/01/2027"
needs = "registration"
levels = ["branch"]
"""


async def test_a_phase_steps_reminder_arrives_in_its_dates_only(tmp_path: Path) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text(CALENDAR, encoding="utf-8")
    # 12/01 08:00: the survey (10/01–15/01) is due in 3 days; the late survey (13/01–16/01)
    # would have its 7-day reminder of 09/01 in force, but it has not begun: nothing for it.
    async with (
        World.open(tmp_path, RunningClock(MORNING), calendar_file=path) as world,
        TelegramEmulator() as emulator,
        world.telegram(emulator) as telegram,
    ):
        await world.bind_telegram(101, "BP-DP-TL-A1")
        assert await world.enqueue_due() == 1
        assert (await world.runtime.sender({"telegram": telegram}).drain()).sent == 1
        (nudge,) = await emulator.wait_for_messages(101)
        assert nudge.text.startswith("⏰ Nhắc hạn: Đăng ký mô hình năm 2027")
        assert "15/01/2027" in nudge.text
        assert nudge.buttons == [[("📝 Đăng ký mô hình", "/register")]]
        assert await world.enqueue_due() == 0  # once only
        async with world.runtime.database.read() as tx:
            (row,) = await tx.outbox.rows()
        assert row["key"].startswith("nudge:survey:2027:") and row["key"].endswith(":d3")
