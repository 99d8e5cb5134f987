"""``/exemplars``: the individual exemplars of the year in the person's units, where each stands
(registered, recognised, commended...) and how many criteria its latest appraisal found met."""

from __future__ import annotations

from typing import Final

from conversations.messages import Reply
from conversations.turn import Turn
from domain.criteria import EXEMPLAR_CRITERIA_COUNT
from domain.scope import scope_of
from domain.stages import stage_counts
from locales import _, format_number, ngettext
from reports.vocabulary import status_name

LIST_LIMIT: Final = 30


async def list_exemplars(turn: Turn, argument: str) -> list[Reply]:
    """The exemplars of this year in scope, newest first, with the counts by stage."""
    scope = scope_of(turn.require_person())
    year = turn.today.year
    counts = stage_counts(await turn.tx.exemplars.status_counts(scope, year))
    if not counts.registered:
        return [
            Reply(
                _(
                    "No individual exemplar is registered in {year} in your units yet. "
                    "Register one with /exemplar."
                ).format(year=year)
            )
        ]
    exemplars = await turn.tx.exemplars.of_year(scope, year, limit=LIST_LIMIT)
    units = await turn.tx.units.many({e.unit_id for e in exemplars})
    appraisals = await turn.tx.exemplars.latest([e.id for e in exemplars])
    lines = [
        _("Individual exemplars of {year}: {registered} registered, {recognised} recognised, "
          "{commended} commended.").format(
            year=year,
            registered=format_number(counts.registered),
            recognised=format_number(counts.recognised),
            commended=format_number(counts.commended),
        )
    ]  # fmt: skip
    for number, exemplar in enumerate(exemplars, start=1):
        line = _("{number}. {name} · {unit} · {status}").format(
            number=number,
            name=exemplar.person_name,
            unit=units[exemplar.unit_id].name,
            status=status_name(exemplar.status),
        )
        appraisal = appraisals.get(exemplar.id)
        if appraisal is not None:
            line += " · " + ngettext(
                "{met}/{total} criterion met",
                "{met}/{total} criteria met",
                EXEMPLAR_CRITERIA_COUNT,
            ).format(met=appraisal.met, total=EXEMPLAR_CRITERIA_COUNT)
        lines.append(line)
    if counts.registered > len(exemplars):
        rest = counts.registered - len(exemplars)
        lines.append(
            ngettext(
                "… and {count} more individual exemplar (the export lists every one)",
                "… and {count} more individual exemplars (the export lists every one)",
                rest,
            ).format(count=format_number(rest))
        )
    return [Reply("\n".join(lines))]
