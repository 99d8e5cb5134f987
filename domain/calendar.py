"""The calendar of deadlines and the nudge policy, loaded from a TOML file.

A deadline has a kind (what meets it), a date rule (every year on dd/mm, or every month on a day),
and an audience (levels and roles). The policy says when reminders go out: days before the
deadline, overdue reminders, the hour, and quiet hours in which nothing is sent. Their wording in
the reader's language is ``reports.vocabulary``'s (``deadline_title``, ``rule_text``,
``reminder_policy_text``).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

from domain.errors import DvkError
from domain.i18n import N_
from domain.organisation import Level, Role

DEFAULT_CALENDAR: Final = Path(__file__).parent / "calendar.toml"
REPORT_PERIODS: Final = ("h1", "annual")


class DeadlineKind(StrEnum):
    """What a deadline asks for, and so what meets it."""

    REGISTRATION = "registration"
    REPORT = "report"
    VISIT = "visit"


#: the command that starts the missing conversation
COMMANDS: Final = {
    DeadlineKind.REGISTRATION: "register",
    DeadlineKind.REPORT: "report",
    DeadlineKind.VISIT: "visit",
}

SATISFIED_WHEN: Final = {
    DeadlineKind.REGISTRATION: N_("the unit has registered its target number of models"),
    DeadlineKind.REPORT: N_("the unit has submitted the report of the period"),
    DeadlineKind.VISIT: N_("the BTV member has visited every unit of their clusters this month"),
}


class CalendarError(DvkError):
    """The calendar file cannot be used; the message names the entry."""

    message = N_("Calendar file {path}, {entry}: {problem}")


@dataclass(frozen=True, slots=True)
class NudgePoint:
    """One reminder of one occurrence: when, and how many days before (negative: overdue)."""

    moment: dt.datetime
    days_before: int
    label: str


@dataclass(frozen=True, slots=True)
class NudgePolicy:
    """When reminders go out."""

    before_days: tuple[int, ...] = (7, 3, 1, 0)
    overdue_every_days: int = 3
    overdue_max: int = 3
    send_at: dt.time = dt.time(8, 0)
    quiet_start: dt.time = dt.time(21, 0)
    quiet_end: dt.time = dt.time(7, 0)

    def points(self, due: dt.date, zone: ZoneInfo) -> list[NudgePoint]:
        """The reminders of one occurrence, in time order."""
        points = [
            NudgePoint(self._at(due - dt.timedelta(days=d), zone), d, f"d{d}")
            for d in sorted(set(self.before_days), reverse=True)
        ]
        for n in range(1, self.overdue_max + 1):
            late = n * self.overdue_every_days
            points.append(NudgePoint(self._at(due + dt.timedelta(days=late), zone), -late, f"o{n}"))
        return points

    def current(self, due: dt.date, now: dt.datetime, zone: ZoneInfo) -> NudgePoint | None:
        """The reminder in force at ``now``: the latest one due, until the next one comes.

        A sweep that runs late (the bot was down) finds only this one, so missed reminders are
        coalesced rather than sent in a burst. The last reminder stays in force for one interval.
        """
        points = self.points(due, zone)
        for index, point in enumerate(points):
            if point.moment > now:
                continue
            if index + 1 < len(points):
                until = points[index + 1].moment
            else:
                until = point.moment + dt.timedelta(days=max(self.overdue_every_days, 1))
            if now < until:
                return point
        return None

    def quiet(self, moment: dt.datetime, zone: ZoneInfo) -> bool:
        """Whether ``moment`` falls in the quiet hours."""
        return self.quiet_at(moment.astimezone(zone).time())

    def quiet_at(self, local: dt.time) -> bool:
        """Whether a local time of day falls in the quiet hours (which may span midnight)."""
        if self.quiet_start <= self.quiet_end:
            return self.quiet_start <= local < self.quiet_end
        return local >= self.quiet_start or local < self.quiet_end

    def next_send(self, moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
        """The first send hour after ``moment`` (where reminders found in quiet hours wait)."""
        local = moment.astimezone(zone)
        candidate = self._at(local.date(), zone)
        if candidate <= moment:
            candidate = self._at(local.date() + dt.timedelta(days=1), zone)
        return candidate

    def _at(self, day: dt.date, zone: ZoneInfo) -> dt.datetime:
        return dt.datetime.combine(day, self.send_at, tzinfo=zone).astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class Deadline:
    """A recurring deadline."""

    id: str
    kind: DeadlineKind
    day: int
    month: int | None
    levels: tuple[str, ...]
    roles: tuple[Role, ...]
    period: str | None
    policy: NudgePolicy

    def occurrences(self, around: dt.date) -> list[dt.date]:
        """Due dates near ``around`` (enough to cover every reminder in force)."""
        if self.month is not None:
            years = range(around.year - 1, around.year + 2)
            return [dt.date(year, self.month, self.day) for year in years]
        months = (around.year * 12 + around.month - 1 + offset for offset in range(-2, 3))
        return [dt.date(index // 12, index % 12 + 1, self.day) for index in months]

    def period_of(self, due: dt.date) -> str:
        """The period of an occurrence: ``2027``, ``2027-h1``, ``2027-annual`` or ``2027-01``."""
        if self.kind is DeadlineKind.REGISTRATION:
            return str(due.year)
        if self.kind is DeadlineKind.REPORT:
            return f"{due.year}-{self.period}"
        return f"{due.year}-{due.month:02d}"

    @property
    def command(self) -> str:
        """The command that starts the conversation meeting this deadline."""
        return COMMANDS[self.kind]


@dataclass(frozen=True, slots=True)
class Calendar:
    """Every deadline and the default policy."""

    deadlines: tuple[Deadline, ...]
    policy: NudgePolicy

    def of_kind(self, kind: DeadlineKind) -> list[Deadline]:
        """The deadlines of one kind."""
        return [d for d in self.deadlines if d.kind is kind]

    def report_due(self, period: str) -> dt.date | None:
        """The due date of a report period (``2026-h1``)."""
        year, _sep, part = period.partition("-")
        for deadline in self.of_kind(DeadlineKind.REPORT):
            if deadline.period == part and deadline.month is not None:
                return dt.date(int(year), deadline.month, deadline.day)
        return None


def _time(value: Any, what: str) -> dt.time:
    try:
        hours, minutes = str(value).split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(f"{what} must be HH:MM, not {value!r}") from None


def _policy(raw: Mapping[str, Any], base: NudgePolicy) -> NudgePolicy:
    values: dict[str, Any] = {}
    if "before_days" in raw:
        days = raw["before_days"]
        if not isinstance(days, list) or not all(isinstance(d, int) and 0 <= d <= 60 for d in days):
            raise ValueError("before_days must be a list of whole numbers from 0 to 60")
        values["before_days"] = tuple(days)
    for name in ("overdue_every_days", "overdue_max"):
        if name in raw:
            value = raw[name]
            if not isinstance(value, int) or not 0 <= value <= 31:
                raise ValueError(f"{name} must be a whole number from 0 to 31")
            values[name] = value
    if "send_at" in raw:
        values["send_at"] = _time(raw["send_at"], "send_at")
    if "quiet_hours" in raw:
        hours = raw["quiet_hours"]
        if not isinstance(hours, list) or len(hours) != 2:
            raise ValueError('quiet_hours must be ["HH:MM", "HH:MM"]')
        values["quiet_start"] = _time(hours[0], "quiet_hours")
        values["quiet_end"] = _time(hours[1], "quiet_hours")
    policy = replace(base, **values)
    if policy.overdue_max and not policy.overdue_every_days:
        raise ValueError("overdue_every_days must be at least 1 when overdue_max is set")
    if policy.quiet_at(policy.send_at):
        raise ValueError("send_at falls inside the quiet hours")
    return policy


def _deadline(raw: Mapping[str, Any], policy: NudgePolicy) -> Deadline:
    allowed = {
        "id", "kind", "period", "every_year_on", "every_month_on", "levels", "roles",
        "before_days", "overdue_every_days", "overdue_max", "send_at", "quiet_hours",
    }  # fmt: skip
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)}")
    try:
        kind = DeadlineKind(str(raw.get("kind")))
    except ValueError:
        raise ValueError(
            f"kind must be one of {', '.join(k.value for k in DeadlineKind)}"
        ) from None
    if ("every_year_on" in raw) == ("every_month_on" in raw):
        raise ValueError('give exactly one of every_year_on = "dd/mm" or every_month_on = day')
    month: int | None
    if "every_year_on" in raw:
        try:
            day_text, month_text = str(raw["every_year_on"]).split("/")
            day, month = int(day_text), int(month_text)
            dt.date(2028, month, day)  # a leap year accepts 29/02
        except ValueError:
            raise ValueError(f"every_year_on must be dd/mm, not {raw['every_year_on']!r}") from None
    else:
        day, month = raw["every_month_on"], None
        if not isinstance(day, int) or not 1 <= day <= 28:
            raise ValueError("every_month_on must be a day from 1 to 28")
    levels = tuple(raw.get("levels", []))
    valid_levels = {level.value for level in Level}
    if any(level not in valid_levels for level in levels):
        raise ValueError(f"levels must be among {', '.join(sorted(valid_levels))}")
    try:
        roles = tuple(Role(role) for role in raw.get("roles", ["secretary"]))
    except ValueError:
        raise ValueError(f"roles must be among {', '.join(r.value for r in Role)}") from None
    period = raw.get("period")
    if kind is DeadlineKind.REPORT and period not in REPORT_PERIODS:
        raise ValueError(f"a report deadline needs period = one of {', '.join(REPORT_PERIODS)}")
    if kind is not DeadlineKind.REPORT and period is not None:
        raise ValueError("only report deadlines have a period")
    if kind is not DeadlineKind.VISIT and not levels:
        raise ValueError("levels must name at least one level")
    return Deadline(
        id=str(raw.get("id") or ""),
        kind=kind,
        day=day,
        month=month,
        levels=levels,
        roles=roles,
        period=period,
        policy=_policy(raw, policy),
    )


def load_calendar(path: Path | None = None) -> Calendar:
    """Read and check a calendar file (the packaged default when ``path`` is None)."""
    path = path or DEFAULT_CALENDAR
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CalendarError(path=path, entry="-", problem=str(exc)) from exc
    try:
        policy = _policy(raw.get("nudges", {}), NudgePolicy())
    except ValueError as exc:
        raise CalendarError(path=path, entry="[nudges]", problem=str(exc)) from exc
    entries: Sequence[Any] = raw.get("deadline", [])
    if not entries:
        raise CalendarError(path=path, entry="[[deadline]]", problem="no deadline is defined")
    deadlines = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        name = f"[[deadline]] #{number}" + (f" ({entry.get('id')})" if entry.get("id") else "")
        try:
            deadline = _deadline(entry, policy)
            if not deadline.id:
                raise ValueError("id is missing")
            if deadline.id in seen:
                raise ValueError(f"id {deadline.id!r} is used twice")
        except ValueError as exc:
            raise CalendarError(path=path, entry=name, problem=str(exc)) from exc
        seen.add(deadline.id)
        deadlines.append(deadline)
    return Calendar(tuple(deadlines), policy)


def nearest_deadline(
    calendar: Calendar, today: dt.date, kinds: Sequence[DeadlineKind]
) -> tuple[Deadline, dt.date] | None:
    """The deadline of one of ``kinds`` whose date is nearest today (past or coming)."""
    candidates = [
        (abs((due - today).days), due, deadline)
        for deadline in calendar.deadlines
        if deadline.kind in kinds
        for due in deadline.occurrences(today)
    ]
    if not candidates:
        return None
    _distance, due, deadline = min(candidates, key=lambda c: (c[0], c[1]))
    return deadline, due
