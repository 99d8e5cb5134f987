"""Names of the movement's things, in the reader's language.

The names themselves are msgids kept beside what they name in ``domain``; this module translates
them, and words the calendar (deadline titles, date rules, the reminder policy).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from domain.calendar import Deadline, DeadlineKind, NudgePolicy, PhaseStep, StepKind
from domain.i18n import N_
from domain.organisation import LEVEL_NAMES, ROLE_NAMES, Level, Role
from domain.registry import (
    DIRECTION_NAMES,
    DOMAIN_NAMES,
    OWNER_KIND_NAMES,
    STATUS_NAMES,
    Direction,
    Domain,
    OwnerKind,
    Status,
)
from locales import _, format_date, ngettext
from storage.appraisals import ProofRecord


def role_name(role: Role | str) -> str:
    """The role as a person reads it."""
    return _(ROLE_NAMES[Role(role)])


def level_name(level: str) -> str:
    """The level as a person reads it (an unknown level is shown as stored)."""
    try:
        return _(LEVEL_NAMES[Level(level)])
    except ValueError:
        return level


def domain_name(domain: str) -> str:
    """The domain as a person reads it."""
    return _(DOMAIN_NAMES[Domain(domain)])


def owner_kind_name(kind: str) -> str:
    """Collective or person, as a person reads it."""
    return _(OWNER_KIND_NAMES[OwnerKind(kind)])


def direction_name(direction: str) -> str:
    """With whom a model is registered, as a person reads it."""
    return _(DIRECTION_NAMES[Direction(direction)])


def status_name(status: str) -> str:
    """A status as a person reads it."""
    return _(STATUS_NAMES[Status(status)])


OUTBOX_STATUS_NAMES: Final = {
    "pending": N_("pending"),
    "sent": N_("sent"),
    "failed": N_("failed"),
    "unreachable": N_("unreachable (blocked the bot)"),
    "cancelled": N_("cancelled (deadline met)"),
}


OUTBOX_KIND_NAMES: Final = {
    "nudge": N_("reminders"),
    "digest": N_("digests"),
    "notice": N_("notices"),
    "summary": N_("visit summaries"),
    "announcement": N_("announcements"),
}


def outbox_kind_name(kind: str) -> str:
    """What kind of message an outbox row is, as a person reads it (an unknown kind as stored)."""
    name = OUTBOX_KIND_NAMES.get(kind)
    return _(name) if name else kind


def period_title(period: str) -> str:
    """``2026-h1`` → "6-month report 2026", ``2026-annual`` → "annual report 2026"."""
    year, _sep, part = period.partition("-")
    if part == "h1":
        return _("The 6-month report of {year}").format(year=year)
    return _("The annual report of {year}").format(year=year)


def deadline_title(deadline: Deadline, due: dt.date) -> str:
    """What one occurrence of a deadline asks for, in the current language."""
    if deadline.kind is DeadlineKind.REGISTRATION:
        return _("Registering the models of {year}").format(year=due.year)
    if deadline.kind is DeadlineKind.REPORT:
        return period_title(deadline.period_of(due))
    return _("Monthly visits of {month:02d}/{year}").format(month=due.month, year=due.year)


def rule_text(deadline: Deadline) -> str:
    """A deadline's date rule in words."""
    if deadline.on is not None:
        return _("once, on {date}").format(date=format_date(deadline.on))
    if deadline.month is not None:
        return _("every year on {day:02d}/{month:02d}").format(
            day=deadline.day, month=deadline.month
        )
    return _("every month on day {day}").format(day=deadline.day)


STEP_TITLES: Final = {
    StepKind.SURVEY: N_("Survey and registration of the models"),
    StepKind.REVIEW: N_("Final review of the phase"),
}


def step_title(step: PhaseStep) -> str:
    """What a step of the phase is, in the current language."""
    if step.kind is StepKind.COMMEND:
        return _("Commendation round {round}").format(round=step.round)
    return _(STEP_TITLES[step.kind])


STEP_STATE_NAMES: Final = {
    "done": N_("done"),
    "current": N_("now"),
    "next": N_("next"),
    "coming": N_("later"),
}


def step_state_name(state: str) -> str:
    """Where a step of the phase stands: done, now, next or later."""
    return _(STEP_STATE_NAMES[state])


def reminder_policy_text(policy: NudgePolicy) -> str:
    """The policy in one line, in the reader's language; the overdue part only when it applies."""
    parts = []
    if policy.before_days:
        days = sorted(set(policy.before_days), reverse=True)
        parts.append(
            ngettext(
                "reminders: {before} day before", "reminders: {before} days before", days[0]
            ).format(before=", ".join(str(d) for d in days))
        )
    if policy.overdue_max > 0 and policy.overdue_every_days > 0:
        every, most = policy.overdue_every_days, policy.overdue_max
        parts.append(
            ngettext("overdue every {every} day", "overdue every {every} days", every).format(
                every=every
            )
            + ", "
            + ngettext("at most {most} time", "at most {most} times", most).format(most=most)
        )
    else:
        parts.append(_("no reminder once overdue"))
    parts.append(
        _("at {time}, never between {quiet_start} and {quiet_end}").format(
            time=policy.send_at.strftime("%H:%M"),
            quiet_start=policy.quiet_start.strftime("%H:%M"),
            quiet_end=policy.quiet_end.strftime("%H:%M"),
        )
    )
    return "; ".join(parts)


def proof_text(proof: ProofRecord) -> str:
    """The document confirming criterion 1 of an appraisal: "Confirming document: No. 12-QĐ/HĐ,
    dated 05/11/2026" (a part not recorded is left out)."""
    parts = []
    if proof.number:
        parts.append(_("No. {number}").format(number=proof.number))
    if proof.date is not None:
        parts.append(_("dated {date}").format(date=format_date(proof.date)))
    if not parts:
        parts.append(_("attached"))
    return _("Confirming document: {document}").format(document=", ".join(parts))
