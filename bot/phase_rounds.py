"""The phase on the command line: the gate of ``dvk commend`` and the phase in ``dvk calendar``.

A commendation round closes on or after its step's end date in the phase. Before it, the close is
refused, unless forced with a reason; the closure (when, by whom, forced or not, why) is recorded
once, and a second close of the same round keeps the first record.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Mapping

from domain.calendar import Phase, PhaseStep
from domain.errors import DvkError
from domain.i18n import N_
from locales import _, format_date, format_datetime
from reports.vocabulary import (
    deadline_title,
    level_name,
    reminder_policy_text,
    role_name,
    step_state_name,
    step_title,
)
from storage.commendation_rounds import RoundClosure

#: how a closure made on the command line names who closed it (the OS user follows)
CLI_CLOSER = "cli:"


class RoundNotDue(DvkError):
    """A commendation round closed before its date in the phase, without ``--force``."""

    message = N_(
        "Round {round} of phase {phase} can be closed on or after {date} (today is {today}). "
        'To close it now, give --force --reason "why" (the reason is recorded).'
    )


class RoundNotInPhase(DvkError):
    """A commendation round the phase has no step for, without ``--force``."""

    message = N_(
        "Phase {phase} has no step that closes commendation round {round}: add one to the "
        'calendar file, or give --force --reason "why".'
    )


class ReasonMissing(DvkError):
    """``--force`` without ``--reason``."""

    message = N_('--force needs --reason "why": the reason is recorded with the round.')


def gate(phase: Phase, number: int, today: dt.date, *, force: bool, reason: str | None) -> bool:
    """Whether closing round ``number`` on ``today`` is forced; raises when it is refused."""
    if force and not (reason or "").strip():
        raise ReasonMissing()
    closes_on = phase.closes_on(number)
    if closes_on is None:
        if not force:
            raise RoundNotInPhase(phase=phase.id, round=number)
        return True
    if today < closes_on:
        if not force:
            raise RoundNotDue(
                round=number, phase=phase.id, date=format_date(closes_on), today=format_date(today)
            )
        return True
    return False


def closer() -> str:
    """Who closes a round from the command line: no person, so the OS user."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        user = "?"
    return CLI_CLOSER + user


def closure_text(closure: RoundClosure, zone: dt.tzinfo) -> str:
    """How a round was closed, in the current language."""
    who = closure.closed_by
    if who.startswith(CLI_CLOSER):
        who = _("the command line, user {user}").format(user=who.removeprefix(CLI_CLOSER))
    text = _("closed {when} by {who}").format(
        when=format_datetime(closure.closed_at, zone), who=who
    )
    if closure.forced:
        text += "; " + _("forced before its date, reason: {reason}").format(
            reason=closure.reason or ""
        )
    return text


def phase_lines(
    phase: Phase,
    today: dt.date,
    closures: Mapping[int, RoundClosure] | None,
    zone: dt.tzinfo,
) -> list[str]:
    """The phase, its steps with their dates and state, and what is current and next.

    ``closures`` is None when the database cannot be read (not set up yet).
    """
    title = _("Phase {phase}").format(phase=phase.id)
    if phase.name:
        title += f" ({phase.name})"
    lines = [f"{title}: {format_date(phase.start)} – {format_date(phase.end)}"]
    coming = phase.next(today)
    for step in phase.steps:
        state = "next" if step is coming else step.state(today)
        lines.append(f"  [{step_state_name(state)}] {step.id}: {step_title(step)}, {_dates(step)}")
        lines.extend("    " + line for line in _step_details(step, closures, zone))
    stepless = sorted(set(closures or {}) - {s.round for s in phase.steps})
    for number in stepless:
        assert closures is not None
        lines.append(
            "  "
            + _("round {round} (no step in the phase): {closure}").format(
                round=number, closure=closure_text(closures[number], zone)
            )
        )
    current = phase.current(today)
    now = ", ".join(f"{step_title(s)} ({s.id})" for s in current) or _("no step")
    after = (
        _("{step} ({id}), from {date}").format(
            step=step_title(coming), id=coming.id, date=format_date(coming.start)
        )
        if coming is not None
        else _("no step")
    )
    lines.append(_("Now: {current}; next: {next}").format(current=now, next=after))
    return lines


def _dates(step: PhaseStep) -> str:
    if step.start == step.end:
        return _("on {date}").format(date=format_date(step.end))
    return f"{format_date(step.start)} – {format_date(step.end)}"


def _step_details(
    step: PhaseStep, closures: Mapping[int, RoundClosure] | None, zone: dt.tzinfo
) -> list[str]:
    lines = []
    deadline = step.deadline
    if deadline is not None:
        audience = ", ".join(
            [
                *(level_name(level) for level in deadline.levels),
                *(role_name(r) for r in deadline.roles),
            ]
        )
        lines.append(
            _("needs: {title}, due {date}; who: {audience}").format(
                title=deadline_title(deadline, step.end),
                date=format_date(step.end),
                audience=audience,
            )
        )
        lines.append(reminder_policy_text(deadline.policy))
    if step.round is not None:
        line = _("round {round} can be closed on or after {date}").format(
            round=step.round, date=format_date(step.end)
        )
        if closures is None:
            line += "; " + _("whether it is closed is unknown (the database is not set up)")
        elif step.round in closures:
            line += "; " + closure_text(closures[step.round], zone)
        else:
            line += "; " + _("not closed yet")
        lines.append(line)
    return lines
