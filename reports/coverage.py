"""Where units stand against their yearly model targets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from locales import ngettext
from storage.db import Tx
from storage.records import UnitRecord


@dataclass(frozen=True, slots=True)
class Standing:
    """A unit's registered models of a year against its target (None: no target)."""

    unit: UnitRecord
    year: int
    registered: int
    target: int | None

    @property
    def met(self) -> bool:
        """Whether the target is met (a unit without a target always is)."""
        return self.target is None or self.registered >= self.target


async def unit_standing(
    tx: Tx, unit: UnitRecord, year: int, targets: Mapping[str, int]
) -> Standing:
    """The standing of one unit."""
    counts = await tx.models.counts_for_units([unit.id], year)
    target = targets.get(unit.level)
    return Standing(unit, year, counts.get(unit.id, 0), target or None)


def standing_text(standing: Standing) -> str:
    """One line for the secretary: how many models against the target, and what is missing."""
    values = {
        "unit": standing.unit.name,
        "year": standing.year,
        "count": standing.registered,
        "target": standing.target,
    }
    if standing.target is None:
        return ngettext(
            "{unit} has registered {count} model in {year}.",
            "{unit} has registered {count} models in {year}.",
            standing.registered,
        ).format(**values)
    if standing.met:
        return ngettext(
            "{unit} has registered {count}/{target} model in {year}: target met ✅",
            "{unit} has registered {count}/{target} models in {year}: target met ✅",
            standing.target,
        ).format(**values)
    return ngettext(
        "{unit} has registered {count}/{target} model in {year}: {missing} more to meet "
        "the target.",
        "{unit} has registered {count}/{target} models in {year}: {missing} more to meet "
        "the target.",
        standing.target,
    ).format(missing=standing.target - standing.registered, **values)
