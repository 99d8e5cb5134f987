"""The calendar of deadlines and the nudge policy, loaded from a TOML file.

A deadline has a kind (what meets it), a date rule (every year on dd/mm, or every month on a day),
and an audience (levels and roles). The policy says when reminders go out: days before the
deadline, overdue reminders, the hour, and quiet hours in which nothing is sent. Their wording in
the reader's language is ``reports.vocabulary``'s (``deadline_title``, ``rule_text``,
``reminder_policy_text``).

The file may also hold one multi-year phase (``[phase]`` and its ``[[phase.step]]``), as the plans
run them: survey and register, commendation round 1, round 2, the final review. A step that needs
something (a registration, a report) becomes a one-off deadline due on the step's end and reminded
only from the step's start; a commendation step says from when its round may be closed.
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

    def points(
        self, due: dt.date, zone: ZoneInfo, since: dt.date | None = None
    ) -> list[NudgePoint]:
        """The reminders of one occurrence, in time order (none before the day ``since``)."""
        points = [
            NudgePoint(self._at(due - dt.timedelta(days=d), zone), d, f"d{d}")
            for d in sorted(set(self.before_days), reverse=True)
        ]
        for n in range(1, self.overdue_max + 1):
            late = n * self.overdue_every_days
            points.append(NudgePoint(self._at(due + dt.timedelta(days=late), zone), -late, f"o{n}"))
        if since is not None:
            opening = dt.datetime.combine(since, dt.time(0), tzinfo=zone)
            points = [point for point in points if point.moment >= opening]
        return points

    def current(
        self, due: dt.date, now: dt.datetime, zone: ZoneInfo, since: dt.date | None = None
    ) -> NudgePoint | None:
        """The reminder in force at ``now``: the latest one due, until the next one comes.

        A sweep that runs late (the bot was down) finds only this one, so missed reminders are
        coalesced rather than sent in a burst. The last reminder stays in force for one interval.
        """
        points = self.points(due, zone, since)
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
    #: a one-off deadline (a step of the phase) is due on this date only
    on: dt.date | None = None
    #: a one-off deadline is reminded from this date only (its step's start)
    opens: dt.date | None = None

    def occurrences(self, around: dt.date) -> list[dt.date]:
        """Due dates near ``around`` (enough to cover every reminder in force)."""
        if self.on is not None:
            return [self.on]
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

    def reminder(self, due: dt.date, now: dt.datetime, zone: ZoneInfo) -> NudgePoint | None:
        """The reminder of the occurrence ``due`` in force at ``now`` (none before it opens)."""
        return self.policy.current(due, now, zone, since=self.opens)

    @property
    def command(self) -> str:
        """The command that starts the conversation meeting this deadline."""
        return COMMANDS[self.kind]


class StepKind(StrEnum):
    """What a step of a phase is, as the plans name them."""

    SURVEY = "survey"
    COMMEND = "commend"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class PhaseStep:
    """One step of a phase: its dates, and what it needs."""

    id: str
    kind: StepKind
    start: dt.date
    end: dt.date
    #: the commendation round a commend step closes
    round: int | None = None
    #: what the step asks of the units, due on its end (a one-off deadline), if anything
    deadline: Deadline | None = None

    def state(self, today: dt.date) -> str:
        """``done``, ``current`` or ``coming`` on ``today``."""
        if today > self.end:
            return "done"
        return "current" if today >= self.start else "coming"


@dataclass(frozen=True, slots=True)
class Phase:
    """A multi-year phase of the movement (giai đoạn) and its steps, in date order."""

    id: str
    name: str
    start: dt.date
    end: dt.date
    steps: tuple[PhaseStep, ...]

    def round_step(self, number: int) -> PhaseStep | None:
        """The step that closes commendation round ``number``."""
        return next((s for s in self.steps if s.round == number), None)

    def closes_on(self, number: int) -> dt.date | None:
        """The first day commendation round ``number`` may be closed: its step's end."""
        step = self.round_step(number)
        return step.end if step is not None else None

    def current(self, today: dt.date) -> list[PhaseStep]:
        """The steps under way on ``today``."""
        return [s for s in self.steps if s.start <= today <= s.end]

    def next(self, today: dt.date) -> PhaseStep | None:
        """The first step that has not started on ``today``."""
        return next((s for s in self.steps if s.start > today), None)


@dataclass(frozen=True, slots=True)
class Calendar:
    """Every deadline (the phase's steps' among them), the default policy, and the phase."""

    deadlines: tuple[Deadline, ...]
    policy: NudgePolicy
    phase: Phase | None = None

    @property
    def recurring(self) -> list[Deadline]:
        """The deadlines that come back every year or month (not a step of the phase)."""
        return [d for d in self.deadlines if d.on is None]

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


def _audience(raw: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[Role, ...]]:
    levels = tuple(raw.get("levels", []))
    valid_levels = {level.value for level in Level}
    if any(level not in valid_levels for level in levels):
        raise ValueError(f"levels must be among {', '.join(sorted(valid_levels))}")
    try:
        roles = tuple(Role(role) for role in raw.get("roles", ["secretary"]))
    except ValueError:
        raise ValueError(f"roles must be among {', '.join(r.value for r in Role)}") from None
    return levels, roles


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
    levels, roles = _audience(raw)
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


_POLICY_KEYS: Final = {"before_days", "overdue_every_days", "overdue_max", "send_at", "quiet_hours"}
#: what a step of the phase may ask of the units (a visit is monthly, never a step's)
STEP_NEEDS: Final = (DeadlineKind.REGISTRATION, DeadlineKind.REPORT)
#: the commendation rounds ``dvk commend`` closes
COMMEND_ROUNDS: Final = (1, 2)


def _day(raw: Mapping[str, Any], name: str) -> dt.date:
    value = raw[name]
    try:
        return dt.datetime.strptime(str(value), "%d/%m/%Y").date()
    except ValueError:
        raise ValueError(f"{name} must be a date dd/mm/yyyy, not {value!r}") from None


def _dates(raw: Mapping[str, Any]) -> tuple[dt.date, dt.date]:
    """A step's start and end: ``start`` and ``end``, or one ``due`` date (both ends)."""
    if "due" in raw:
        if "start" in raw or "end" in raw:
            raise ValueError("give either due, or start and end, not both")
        due = _day(raw, "due")
        return due, due
    if "start" not in raw or "end" not in raw:
        raise ValueError('give start = "dd/mm/yyyy" and end = "dd/mm/yyyy", or due = "dd/mm/yyyy"')
    start, end = _day(raw, "start"), _day(raw, "end")
    if end < start:
        raise ValueError(f"end {raw['end']!r} is before start {raw['start']!r}")
    return start, end


def _step(raw: Mapping[str, Any], phase: tuple[dt.date, dt.date], policy: NudgePolicy) -> PhaseStep:
    allowed = {"id", "kind", "start", "end", "due", "needs", "period", "round", "levels", "roles"}
    unknown = sorted(set(raw) - allowed - _POLICY_KEYS)
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)}")
    step_id = raw.get("id")
    if not isinstance(step_id, str) or not step_id:
        raise ValueError("id is missing")
    try:
        kind = StepKind(str(raw.get("kind")))
    except ValueError:
        raise ValueError(
            f"kind must be one of {', '.join(k.value for k in StepKind)}, not {raw.get('kind')!r}"
        ) from None
    start, end = _dates(raw)
    if start < phase[0]:
        raise ValueError(f"start {start:%d/%m/%Y} is before the phase starts ({phase[0]:%d/%m/%Y})")
    if end > phase[1]:
        raise ValueError(f"end {end:%d/%m/%Y} is after the phase ends ({phase[1]:%d/%m/%Y})")
    number = raw.get("round")
    if kind is StepKind.COMMEND and number not in COMMEND_ROUNDS:
        rounds = ", ".join(map(str, COMMEND_ROUNDS))
        raise ValueError(f"a commend step needs round = one of {rounds}, not {number!r}")
    if kind is not StepKind.COMMEND and number is not None:
        raise ValueError(f"only a commend step has a round, not a {kind.value} step")
    return PhaseStep(
        step_id, kind, start, end, number, _step_deadline(raw, step_id, start, end, policy)
    )


def _step_deadline(
    raw: Mapping[str, Any], step_id: str, start: dt.date, end: dt.date, policy: NudgePolicy
) -> Deadline | None:
    if "needs" not in raw:
        extra = sorted(set(raw) & (_POLICY_KEYS | {"period", "levels", "roles"}))
        if extra:
            raise ValueError(f"{', '.join(extra)} only go with needs")
        return None
    needs = raw["needs"]
    if needs not in {k.value for k in STEP_NEEDS}:
        raise ValueError(
            f"needs must be one of {', '.join(k.value for k in STEP_NEEDS)}, not {needs!r}"
        )
    kind = DeadlineKind(needs)
    period = raw.get("period")
    if kind is DeadlineKind.REPORT and period not in REPORT_PERIODS:
        raise ValueError(
            f"a step that needs a report needs period = one of {', '.join(REPORT_PERIODS)}, "
            f"not {period!r}"
        )
    if kind is not DeadlineKind.REPORT and period is not None:
        raise ValueError(f"only a step that needs a report has a period, not {period!r}")
    levels, roles = _audience(raw)
    if not levels:
        raise ValueError("levels must name at least one level")
    return Deadline(
        id=step_id,
        kind=kind,
        day=end.day,
        month=None,
        levels=levels,
        roles=roles,
        period=period,
        policy=_policy(raw, policy),
        on=end,
        opens=start,
    )


def _phase(raw: Any, path: Path, policy: NudgePolicy, taken: set[str]) -> Phase:
    """The ``[phase]`` table and its steps, checked; ``taken`` holds the deadline ids."""
    if not isinstance(raw, Mapping):
        raise CalendarError(path=path, entry="[phase]", problem="must be a table")
    try:
        unknown = sorted(set(raw) - {"id", "name", "start", "end", "step"})
        if unknown:
            raise ValueError(f"unknown key(s) {', '.join(unknown)}")
        phase_id = raw.get("id")
        if not isinstance(phase_id, str) or not phase_id:
            raise ValueError("id is missing")
        name = raw.get("name", "")
        if not isinstance(name, str):
            raise ValueError(f"name must be text, not {name!r}")
        if "start" not in raw or "end" not in raw:
            raise ValueError('give start = "dd/mm/yyyy" and end = "dd/mm/yyyy"')
        dates = _dates({"start": raw["start"], "end": raw["end"]})
        entries = raw.get("step", [])
        if not isinstance(entries, list) or not entries:
            raise ValueError("no [[phase.step]] is defined")
    except ValueError as exc:
        raise CalendarError(path=path, entry="[phase]", problem=str(exc)) from exc
    steps: list[PhaseStep] = []
    seen = set(taken)
    rounds: set[int] = set()
    for number, entry in enumerate(entries, start=1):
        label = entry.get("id") if isinstance(entry, Mapping) else None
        name_of = f"[[phase.step]] #{number}" + (f" ({label})" if label else "")
        try:
            if not isinstance(entry, Mapping):
                raise ValueError("must be a table")
            step = _step(entry, dates, policy)
            if step.id in seen:
                raise ValueError(f"id {step.id!r} is used twice (ids of deadlines and steps)")
            if step.round is not None and step.round in rounds:
                raise ValueError(f"round {step.round} is closed by two steps")
        except ValueError as exc:
            raise CalendarError(path=path, entry=name_of, problem=str(exc)) from exc
        seen.add(step.id)
        if step.round is not None:
            rounds.add(step.round)
        steps.append(step)
    steps.sort(key=lambda s: (s.start, s.end))
    return Phase(phase_id, name, dates[0], dates[1], tuple(steps))


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
    if "phase" not in raw:
        return Calendar(tuple(deadlines), policy)
    phase = _phase(raw["phase"], path, policy, seen)
    steps = tuple(step.deadline for step in phase.steps if step.deadline is not None)
    return Calendar((*deadlines, *steps), policy, phase)


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
