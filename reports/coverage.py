"""Where units stand against their own yearly targets (``domain.targets``)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from domain.registry import DOMAIN_NAMES, Domain
from domain.scope import Scope
from domain.targets import SOURCE_NAMES, LevelTargets, Source, Targets, effective_targets
from locales import _, format_number, ngettext, sort_key
from storage.db import Tx
from storage.digest_figures import UnitProgress
from storage.records import UnitRecord


@dataclass(frozen=True, slots=True)
class Standing:
    """A unit's counted models of a year, and the domains they cover, against its targets."""

    unit: UnitRecord
    year: int
    registered: int
    targets: Targets
    domains: frozenset[str] = frozenset()

    @property
    def target(self) -> int | None:
        """The models to register (None: no such target)."""
        return self.targets.model_count or None

    @property
    def met(self) -> bool:
        """Whether the targets are met (a unit without a target always meets them)."""
        return self.targets.met(self.registered, self.domains)

    @property
    def missing_domains(self) -> tuple[Domain, ...]:
        """The domains still without a model, when the unit must cover each."""
        return self.targets.missing_domains(self.domains)


def standing_of(progress: UnitProgress, year: int, defaults: LevelTargets) -> Standing:
    """The standing of a unit whose models were counted."""
    unit = progress.unit
    targets = effective_targets(unit.level, unit.targets, defaults)
    return Standing(unit, year, progress.registered, targets, progress.domains)


async def standings(tx: Tx, scope: Scope, year: int, defaults: LevelTargets) -> list[Standing]:
    """The standing of every unit in scope that has a target (models or each domain)."""
    progress = await tx.digest.target_progress(scope, year)
    found = (standing_of(p, year, defaults) for p in progress)
    return [standing for standing in found if standing.targets.any]


async def unit_standing(tx: Tx, unit: UnitRecord, year: int, defaults: LevelTargets) -> Standing:
    """The standing of one unit (its own models, read fresh: the unit's targets too)."""
    (progress,) = await tx.digest.target_progress(Scope(units=(unit.id,)), year)
    return standing_of(progress, year, defaults)


async def standings_of_units(
    tx: Tx, unit_ids: Sequence[int], year: int, defaults: LevelTargets
) -> list[Standing]:
    """The standing of each of these units (one query for them all), by name."""
    progress = await tx.digest.target_progress(Scope(units=tuple(unit_ids)), year)
    found = [standing_of(p, year, defaults) for p in progress]
    return sorted(found, key=lambda standing: sort_key(standing.unit.name))


def domain_names(domains: Sequence[Domain]) -> str:
    """The domains' names, in the current language, separated by commas."""
    return ", ".join(_(DOMAIN_NAMES[domain]) for domain in domains)


def missing_domains_text(domains: Collection[Domain]) -> str:
    """ "Still without a model: …", or nothing when no domain is missing."""
    if not domains:
        return ""
    return _("Domains still without a model: {domains}.").format(
        domains=domain_names(list(domains))
    )


def standing_text(standing: Standing) -> str:
    """One line for the secretary: how many models against the target, and what is missing."""
    values = {
        "unit": standing.unit.name,
        "year": standing.year,
        "count": standing.registered,
        "target": standing.target,
    }
    missing = standing.missing_domains
    if standing.target is None:
        text = ngettext(
            "{unit} has registered {count} model in {year}.",
            "{unit} has registered {count} models in {year}.",
            standing.registered,
        ).format(**values)
    elif standing.met:
        text = ngettext(
            "{unit} has registered {count}/{target} model in {year}: target met ✅",
            "{unit} has registered {count}/{target} models in {year}: target met ✅",
            standing.target,
        ).format(**values)
    elif standing.registered >= standing.target:
        text = ngettext(
            "{unit} has registered {count}/{target} model in {year}.",
            "{unit} has registered {count}/{target} models in {year}.",
            standing.target,
        ).format(**values)
    else:
        text = ngettext(
            "{unit} has registered {count}/{target} model in {year}: {missing} more to meet "
            "the target.",
            "{unit} has registered {count}/{target} models in {year}: {missing} more to meet "
            "the target.",
            standing.target,
        ).format(missing=standing.target - standing.registered, **values)
    if standing.targets.each_domain:
        if missing:
            text += "\n" + missing_domains_text(missing)
        else:
            text += "\n" + _("A model in each of the four domains ✅")
    return text


def gathering_text(targets: Targets) -> str:
    """The gathering-rate target in force (the bot does not measure the rate itself)."""
    if targets.gathering_pct.value is None:
        return ""
    return _("Youth gathering rate target: {percent} %").format(
        percent=format_number(targets.gathering_pct.value)
    )


def _shown(value: object, source: Source) -> str:
    if value is None:
        text = "—"
    elif isinstance(value, bool):
        text = _("yes") if value else _("no")
    else:
        text = format_number(value)
    return f"{text} ({_(SOURCE_NAMES[source])})"


def targets_table(units: Sequence[UnitRecord], defaults: LevelTargets) -> list[str]:
    """The targets in force of each unit, as a table with a heading: the units as a tree (each
    under its parent, by name), and after each value where it comes from."""
    children: dict[int | None, list[UnitRecord]] = {}
    ids = {unit.id for unit in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(parent, []).append(unit)
    rows: list[list[str]] = [
        [_("Code"), _("Unit"), _("Models a year"), _("Each domain"), _("Gathering rate %")]
    ]

    def walk(parent: int | None, depth: int) -> None:
        for unit in sorted(children.get(parent, []), key=lambda u: sort_key(u.name)):
            targets = effective_targets(unit.level, unit.targets, defaults)
            rows.append(
                [
                    unit.code,
                    "  " * depth + unit.name,
                    _shown(targets.models.value, targets.models.source),
                    _shown(targets.per_domain.value, targets.per_domain.source),
                    _shown(targets.gathering_pct.value, targets.gathering_pct.source),
                ]
            )
            walk(unit.id, depth + 1)

    walk(None, 0)
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
