"""The phase on the command line: `dvk commend` closes a round only from its date in the phase
(or forced, with the reason recorded), and `dvk calendar` shows the phase and where it stands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.phase_rounds import (
    ReasonMissing,
    RoundNotDue,
    RoundNotInPhase,
    closure_text,
    gate,
    phase_lines,
)
from domain.calendar import Phase, load_calendar
from domain.organisation import Role
from domain.registry import Status
from locales import use_locale, user_message
from storage.clock import FixedClock
from storage.commendation_rounds import RoundClosure
from storage.records import ModelFields
from tests.support.cli import dvk, environment
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def calendar_text(today: dt.date) -> str:
    """A phase around ``today``: the survey done, round 1 due in 30 days, round 2 due yesterday."""

    def day(offset: int) -> str:
        return (today + dt.timedelta(days=offset)).strftime("%d/%m/%Y")

    return f"""
[[deadline]]
id = "visit"
kind = "visit"
every_month_on = 25

[phase]
id = "thu-nghiem"
name = "Giai đoạn thử"
start = "{day(-400)}"
end = "{day(800)}"

[[phase.step]]
id = "survey"
kind = "survey"
start = "{day(-400)}"
end = "{day(-300)}"
needs = "registration"
levels = ["branch"]

[[phase.step]]
id = "round1"
kind = "commend"
round = 1
start = "{day(-299)}"
end = "{day(30)}"

[[phase.step]]
id = "round2"
kind = "commend"
round = 2
due = "{day(-1)}"

[[phase.step]]
id = "review"
kind = "review"
due = "{day(700)}"
"""


def phase_of(tmp_path: Path, today: dt.date) -> Phase:
    path = tmp_path / "phase.toml"
    path.write_text(calendar_text(today), encoding="utf-8")
    phase = load_calendar(path).phase
    assert phase is not None
    return phase


def test_the_gate_refuses_before_the_date_unless_forced_with_a_reason(tmp_path: Path) -> None:
    today = dt.date(2027, 3, 1)
    phase = phase_of(tmp_path, today)
    with pytest.raises(RoundNotDue) as caught:
        gate(phase, 1, today, force=False, reason=None)
    with use_locale("en"):
        assert user_message(caught.value).startswith(
            "Round 1 of phase thu-nghiem can be closed on or after 31/03/2027 (today is 01/03/2027)"
        )
    with pytest.raises(ReasonMissing):
        gate(phase, 1, today, force=True, reason="  ")
    assert gate(phase, 1, today, force=True, reason="early review") is True
    assert gate(phase, 1, dt.date(2027, 3, 31), force=False, reason=None) is False  # its day
    assert gate(phase, 2, today, force=False, reason=None) is False  # due yesterday
    assert gate(phase, 2, today, force=True, reason="x") is False  # forcing was not needed
    three = Phase(phase.id, "", phase.start, phase.end, phase.steps[:1])
    with pytest.raises(RoundNotInPhase):
        gate(three, 1, today, force=False, reason=None)
    assert gate(three, 1, today, force=True, reason="no step") is True


def test_the_phase_lines_show_dates_states_and_closures(tmp_path: Path) -> None:
    today = dt.date(2027, 3, 1)
    phase = phase_of(tmp_path, today)
    closed = RoundClosure(
        "thu-nghiem", 2, dt.datetime(2027, 2, 28, 3, 0, tzinfo=dt.UTC), True, "sớm", "cli:lan"
    )
    with use_locale("en"):
        lines = phase_lines(phase, today, {2: closed}, HCM)
        unknown = phase_lines(phase, today, None, HCM)
        text = closure_text(closed, HCM)
    assert lines == [
        "Phase thu-nghiem (Giai đoạn thử): 25/01/2026 – 09/05/2029",
        "  [done] survey: Survey and registration of the models, 25/01/2026 – 05/05/2026",
        "    needs: Registering the models of 2026, due 05/05/2026; who: branch, secretary",
        lines[3],  # the reminder policy, worded by reports.vocabulary
        "  [now] round1: Commendation round 1, 06/05/2026 – 31/03/2027",
        "    round 1 can be closed on or after 31/03/2027; not closed yet",
        "  [done] round2: Commendation round 2, on 28/02/2027",
        "    round 2 can be closed on or after 28/02/2027; " + text,
        "  [next] review: Final review of the phase, on 29/01/2029",
        "Now: Commendation round 1 (round1); next: Final review of the phase (review), "
        "from 29/01/2029",
    ]
    assert lines[3].startswith("    reminders: 7, 3, 1, 0 days before")
    assert text == (
        "closed 28/02/2027 10:00 by the command line, user lan; forced before its date, reason: sớm"
    )
    assert "whether it is closed is unknown (the database is not set up)" in unknown[5]


async def _seeded(tmp_path: Path, calendar: Path | None) -> dict[str, str]:
    """A district with one recognised model nominated for round 1, in the commands' data folder."""
    data = tmp_path / "data"
    clock = FixedClock(dt.datetime.now(dt.UTC))
    url = f"sqlite+aiosqlite:///{data / 'dvk.db'}"
    async with World.open(tmp_path, clock, database_url=url) as world:
        secretary = await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)
        now = clock.now()
        async with world.runtime.database.transaction() as tx:
            unit = await tx.units.by_code("BP-DP-TL-A1")
            assert unit is not None
            fields = ModelFields(
                "Đường hoa", "collective", "Chi đoàn", None, None, None, "economy", 10
            )
            model = await tx.models.create(unit.id, now.year, fields, secretary, now)
            await tx.appraisals.set_status(model, Status.RECOGNISED, None, now)
            await tx.appraisals.nominate(model, 1, secretary, now)
    settings = {"calendar_file": str(calendar)} if calendar else {}
    return environment(data, **settings)


async def _closures(tmp_path: Path) -> list[RoundClosure]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'dvk.db'}"
    async with World.open(
        tmp_path, FixedClock(dt.datetime.now(dt.UTC)), database_url=url, sample=False
    ) as world:
        async with world.runtime.database.read() as tx:
            return await tx.commendation_rounds.of_phase("thu-nghiem")


async def test_commend_is_refused_before_the_date_then_forced_and_recorded(tmp_path: Path) -> None:
    today = dt.datetime.now(HCM).date()
    path = tmp_path / "phase.toml"
    path.write_text(calendar_text(today), encoding="utf-8")
    env = await _seeded(tmp_path, path)
    due = (today + dt.timedelta(days=30)).strftime("%d/%m/%Y")

    shown = await dvk("calendar", env=env)
    assert shown.code == 0, shown.err
    assert "Giai đoạn thu-nghiem (Giai đoạn thử)" in shown.out
    assert "[đang diễn ra] round1: Khen thưởng đợt 1, " in shown.out
    assert f"đợt 1 được đóng từ ngày {due}; chưa đóng" in shown.out
    assert (
        "Hiện tại: Khen thưởng đợt 1 (round1); tiếp theo: Tổng kết giai đoạn (review)" in shown.out
    )

    refused = await dvk("commend", "--round", "1", env=env)
    assert refused.code == 1
    assert f"Đợt 1 của giai đoạn thu-nghiem chỉ được đóng từ ngày {due}" in refused.err
    no_reason = await dvk("commend", "--round", "1", "--force", env=env)
    assert no_reason.code == 1 and "--reason" in no_reason.err
    assert await _closures(tmp_path) == []  # nothing was written by the refusals

    forced = await dvk(
        "commend", "--round", "1", "--force", "--reason", "Tổng kết sớm theo chỉ đạo", env=env
    )
    assert forced.code == 0, forced.err
    assert "• Đường hoa" in forced.out and "1 mô hình được khen thưởng đợt 1." in forced.out
    assert "đóng sớm trước ngày quy định, lý do: Tổng kết sớm theo chỉ đạo" in forced.out
    (closure,) = await _closures(tmp_path)
    assert (closure.round, closure.forced, closure.reason) == (1, True, "Tổng kết sớm theo chỉ đạo")
    assert closure.closed_by.startswith("cli:")

    # Closing it again is harmless: the first closure stands, and nobody is commended twice.
    again = await dvk("commend", "--round", "1", env=env)
    assert again.code == 0, again.err
    assert "0 mô hình được khen thưởng đợt 1." in again.out
    assert "đã được đóng trước đó và giữ nguyên" in again.out and "Tổng kết sớm" in again.out
    # Round 2 was due yesterday: it closes without --force, recorded as not forced.
    second = await dvk("commend", "--round", "2", env=env)
    assert second.code == 0, second.err
    assert [(c.round, c.forced) for c in await _closures(tmp_path)] == [(1, True), (2, False)]

    shown = await dvk("calendar", env=env)
    assert "lý do: Tổng kết sớm theo chỉ đạo" in shown.out
    assert shown.out.count("đã đóng lúc") == 2


async def test_without_a_phase_commend_and_calendar_behave_as_before(tmp_path: Path) -> None:
    env = await _seeded(tmp_path, None)
    shown = await dvk("calendar", env=env)
    assert shown.code == 0, shown.err
    assert "Giai đoạn" not in shown.out and "registration: Đăng ký mô hình năm" in shown.out
    commend = await dvk("commend", "--round", "1", env=env)
    assert commend.code == 0, commend.err
    assert "1 mô hình được khen thưởng đợt 1." in commend.out and "Đợt 1" not in commend.out
    assert await _closures(tmp_path) == []
