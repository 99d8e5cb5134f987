"""The digest a BTV member reads in thirty seconds: coverage, what is new, who is late.

It fits in one Telegram message (4,096 characters): a long list of late units is cut with
"and N more" and a button to the full list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Final
from zoneinfo import ZoneInfo

from domain.calendar import Calendar, DeadlineKind, nearest_deadline
from domain.goals import per_cent
from domain.registry import DOMAIN_NAMES
from domain.scope import Scope
from domain.stages import stage_counts
from domain.targets import LevelTargets
from locales import (
    _,
    format_date,
    format_number,
    format_percent,
    ngettext,
    sort_key,
)
from reports.coverage import standings
from reports.goal_progress import goal_text
from reports.vocabulary import deadline_title, period_title
from storage.db import Tx
from storage.periodic_reports import Voices

MESSAGE_LIMIT: Final = 4096
QUOTED: Final = 2  # the newest difficulties and recommendations quoted in a digest
QUOTE_LENGTH: Final = 80  # characters of each quote; longer ones end with "…"
FULL_LIST: Final = "/digest late"
PILOTS_LISTED: Final = 10  # pilot models listed by name in a digest; more are counted


@dataclass(frozen=True, slots=True)
class Digest:
    """A rendered digest: the message, its button, and the full list of late units."""

    text: str
    buttons: list[list[list[str]]] = field(default_factory=list)
    late: tuple[str, ...] = ()
    late_title: str = ""


async def build_digest(
    tx: Tx,
    scope: Scope,
    scope_name: str,
    *,
    calendar: Calendar,
    targets: LevelTargets,
    now: dt.datetime,
    zone: ZoneInfo,
    since: dt.datetime,
    limit: int = MESSAGE_LIMIT,
) -> Digest:
    """The digest of a scope, in the current language."""
    figures = tx.digest
    today = now.astimezone(zone).date()
    progress = await standings(tx, scope, today.year, targets)
    met = sum(1 for standing in progress if standing.met)
    lines = [
        _("📊 “Dân vận khéo” digest · {scope} · {date}").format(
            scope=scope_name, date=format_date(today)
        ),
        ngettext(
            "Target {year}: {met}/{total} unit met it ({share}).",
            "Target {year}: {met}/{total} units met it ({share}).",
            len(progress),
        ).format(
            year=today.year,
            met=format_number(met),
            total=format_number(len(progress)),
            share=format_percent(met / len(progress) if progress else 0),
        ),
    ]
    each_domain = [standing for standing in progress if standing.targets.each_domain]
    if each_domain:
        lacking = sum(1 for standing in each_domain if standing.missing_domains)
        lines.append(
            ngettext(
                "A model in every domain: {done}/{total} unit.",
                "A model in every domain: {done}/{total} units.",
                len(each_domain),
            ).format(
                done=format_number(len(each_domain) - lacking),
                total=format_number(len(each_domain)),
            )
        )
    new = await figures.new_models_by_domain(scope, since)
    lines.append(
        _("New models since {date}: {count}").format(
            date=format_date(since.astimezone(zone)), count=format_number(sum(new.values()))
        )
    )
    for domain, name in DOMAIN_NAMES.items():
        if new.get(domain.value):
            lines.append(f"  • {_(name)}: {format_number(new[domain.value])}")
    replications = await tx.spreading.new_replications(scope, since)
    if replications:
        lines.append(
            _("New replications of recognised models: {count}").format(
                count=format_number(replications)
            )
        )
    photos = await figures.new_photos(scope, since)
    lines.append(_("New photos: {count}").format(count=format_number(photos)))
    lines.extend(await _exemplar_lines(tx, scope, today.year))
    report = nearest_deadline(calendar, today, [DeadlineKind.REPORT])
    if report is not None:
        deadline, due = report
        done = await figures.report_progress(scope, deadline.levels, deadline.period_of(due))
        lines.append(
            ngettext(
                "{title}: {done}/{total} unit sent it.",
                "{title}: {done}/{total} units sent it.",
                len(done),
            ).format(
                title=period_title(deadline.period_of(due)),
                done=format_number(sum(1 for _n, sent in done if sent)),
                total=format_number(len(done)),
            )
        )
        voices = await tx.periodic_reports.voices(scope, deadline.period_of(due), newest=QUOTED)
        lines.extend(_voice_lines(voices))
    lines.extend(await _pilot_lines(tx, scope, today.year))
    late: list[str] = []
    late_title = ""
    current = nearest_deadline(calendar, today, [DeadlineKind.REGISTRATION, DeadlineKind.REPORT])
    if current is not None:
        deadline, due = current
        if deadline.kind is DeadlineKind.REGISTRATION:
            yearly = await standings(tx, scope, due.year, targets)
            late = [standing.unit.name for standing in yearly if not standing.met]
        else:
            done = await figures.report_progress(scope, deadline.levels, deadline.period_of(due))
            late = [name for name, sent in done if not sent]
        late = sorted(late, key=sort_key)
        late_title = _("Not done yet: {title}, due {date}").format(
            title=deadline_title(deadline, due), date=format_date(due)
        )
    unreachable = await figures.unreachable_accounts(scope)
    tail = [_("Accounts that blocked the bot: {count}").format(count=format_number(unreachable))]
    text, cut = _fit(lines, late_title, late, tail, limit)
    buttons = [[[_("📋 The full list"), FULL_LIST]]] if cut else []
    return Digest(text, buttons, tuple(late), late_title)


async def _pilot_lines(tx: Tx, scope: Scope, year: int) -> list[str]:
    """The pilot models (mô hình điểm) of the year in scope, each with its goals' progress in
    per cent (the latest report); nothing when there is none."""
    pilots = await tx.goals.pilots(scope, year)
    if not pilots:
        return []
    shown: dict[int, str] = {}  # a model that two units mark is listed once
    for pilot in pilots:
        shown.setdefault(pilot.model_id, f"«{pilot.model_name}» ({pilot.model_unit_name})")
    goals = await tx.goals.of_models(list(shown))
    achieved = await tx.goals.achieved([g.id for listed in goals.values() for g in listed])
    lines = [_("⭐ Pilot models: {count}").format(count=format_number(len(shown)))]
    for model_id, title in list(shown.items())[:PILOTS_LISTED]:
        parts = [
            _("{goal} {per_cent} %").format(
                goal=goal_text(g.goal), per_cent=per_cent(achieved[g.id], g.goal.quantity)
            )
            if g.id in achieved
            else _("{goal} not reported").format(goal=goal_text(g.goal))
            for g in goals.get(model_id, [])
        ]
        lines.append(f"  ⭐ {title}" + (": " + "; ".join(parts) if parts else ""))
    if len(shown) > PILOTS_LISTED:
        more = len(shown) - PILOTS_LISTED
        lines.append(_("  … and {count} more").format(count=format_number(more)))
    return lines


async def _exemplar_lines(tx: Tx, scope: Scope, year: int) -> list[str]:
    """The individual exemplars of the year by stage, when the scope has any."""
    counts = stage_counts(await tx.exemplars.status_counts(scope, year))
    if not counts.registered:
        return []
    return [
        _(
            "Individual exemplars of {year}: {registered} registered, {recognised} recognised, "
            "{commended} commended."
        ).format(
            year=year,
            registered=format_number(counts.registered),
            recognised=format_number(counts.recognised),
            commended=format_number(counts.commended),
        )
    ]


def _voice_lines(voices: Voices) -> list[str]:
    """The reports' difficulties and recommendations: how many, and the newest quoted briefly."""
    lines = []
    for title, count, newest in (
        (_("Difficulties stated: {count}"), voices.difficulties, voices.newest_difficulties),
        (_("Recommendations: {count}"), voices.recommendations, voices.newest_recommendations),
    ):
        if not count:
            continue
        lines.append(title.format(count=format_number(count)))
        for voice in newest:
            lines.append(
                _("  “{text}” ({unit})").format(text=_brief(voice.text), unit=voice.unit_name)
            )
    return lines


def _brief(text: str) -> str:
    """A quote on one line, cut at a word to at most ``QUOTE_LENGTH`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= QUOTE_LENGTH:
        return flat
    cut = flat[: QUOTE_LENGTH - 1].rsplit(" ", 1)[0] or flat[: QUOTE_LENGTH - 1]
    return cut.rstrip(" ,.;:") + "…"


def _fit(
    lines: list[str], title: str, late: list[str], tail: list[str], limit: int
) -> tuple[str, bool]:
    """The digest text within ``limit`` characters, cutting the late list when needed."""
    if not title:
        return "\n".join([*lines, *tail]), False
    head = ngettext("{title}: {count} unit", "{title}: {count} units", len(late)).format(
        title=title, count=format_number(len(late))
    )
    if not late:
        return "\n".join([*lines, head, *tail]), False
    whole = "\n".join([*lines, head, "  " + ", ".join(late), *tail])
    if len(whole) <= limit:
        return whole, False
    fixed = len("\n".join([*lines, head, "", *tail])) + 2
    shown: list[str] = []
    for name in late:
        rest = len(late) - len(shown) - 1
        more = _(" … and {count} more").format(count=format_number(rest))
        if fixed + len(", ".join([*shown, name])) + len(more) > limit:
            break
        shown.append(name)
    more = _(" … and {count} more").format(count=format_number(len(late) - len(shown)))
    return "\n".join([*lines, head, "  " + ", ".join(shown) + more, *tail]), True


def full_late_list(digest: Digest) -> str:
    """Every late unit, one per line (sent in as many messages as it takes)."""
    if not digest.late:
        return _("No unit is late.")
    return "\n".join([f"{digest.late_title}:", *(f"• {name}" for name in digest.late)])


MISSING_CELL: Final = "—"
DOMAINS_COMMAND: Final = "/digest domains"
_MARKS: Final = ("①", "②", "③", "④")


async def domain_matrix_text(
    tx: Tx, scope: Scope, scope_name: str, year: int, *, limit: int = MESSAGE_LIMIT
) -> str:
    """The coverage matrix: the units below the scope's top × the four domains, counting the
    models of each unit's subtree; a domain without a model is marked "—". Within ``limit``
    characters (a long list ends with "… and N more")."""
    rows = await tx.digest.domain_matrix(scope, year)
    domains = list(DOMAIN_NAMES)
    head = [
        _("🧩 Models by domain, {year} · {scope}").format(year=year, scope=scope_name),
        " · ".join(
            f"{mark} {_(DOMAIN_NAMES[domain])}"
            for mark, domain in zip(_MARKS, domains, strict=True)
        ),
    ]
    if not rows:
        return "\n".join([*head, _("No units to show.")])
    lacking = sum(1 for row in rows if len(row.domains) < len(domains))
    tail = [
        ngettext(
            "{missing} of {total} unit has a domain without a model ({mark}).",
            "{missing} of {total} units have a domain without a model ({mark}).",
            len(rows),
        ).format(missing=format_number(lacking), total=format_number(len(rows)), mark=MISSING_CELL)
    ]
    lines = []
    for row in sorted(rows, key=lambda r: sort_key(r.unit.name)):
        counts = [row.by_domain.get(domain.value, 0) for domain in domains]
        cells = [
            f"{mark} {format_number(count) if count else MISSING_CELL}"
            for mark, count in zip(_MARKS, counts, strict=True)
        ]
        lines.append(f"{row.unit.name}: " + " · ".join(cells))
    budget = limit - len("\n".join([*head, *tail])) - 1
    if sum(len(line) + 1 for line in lines) <= budget:
        return "\n".join([*head, *lines, *tail])
    reserve = len(_("… and {count} more").format(count=format_number(len(lines)))) + 1
    shown: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 + reserve > budget:
            break
        shown.append(line)
        used += len(line) + 1
    shown.append(_("… and {count} more").format(count=format_number(len(lines) - len(shown))))
    return "\n".join([*head, *shown, *tail])
