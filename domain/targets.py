"""The yearly targets of a unit, and where each value in force comes from.

Three targets, as the plans set them:

- **models**: how many models a unit must register in a year;
- **per domain**: whether it must have at least one model in each of the four domains (the
  "100 % of communes in every domain" goal);
- **gathering rate**: the share of the youth the unit gathers, in per cent (the bot does not
  measure it; it shows the target in force).

A unit may carry its own value of each (``dvk units import``, columns ``target_models``,
``target_per_domain``, ``target_gathering_pct``). Where it has none, the default of its level
applies: ``DVK_TARGETS`` (``"branch=1,grassroots=2"``), ``DVK_TARGET_PER_DOMAIN``
(``"grassroots=yes"``) and ``DVK_TARGET_GATHERING_PCT`` (``"grassroots=80"``). A level with no
default has no target to meet.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final, Generic, TypeVar

from domain.i18n import N_
from domain.organisation import Level
from domain.registry import DOMAIN_NAMES, Domain

DEFAULT_TARGETS: Final = "branch=1,grassroots=2"
DEFAULT_PER_DOMAIN: Final = ""
DEFAULT_GATHERING_PCT: Final = ""

#: the words a yes/no cell or setting may hold (any case)
YES: Final = frozenset({"yes", "y", "có", "co", "1", "true"})
NO: Final = frozenset({"no", "n", "không", "khong", "0", "false"})

T = TypeVar("T")
V = TypeVar("V")


class Source(StrEnum):
    """Where a target in force comes from."""

    UNIT = "unit"
    LEVEL = "level"
    NONE = "none"


#: how each source is named to a person (msgids)
SOURCE_NAMES: Final = {
    Source.UNIT: N_("the unit's own"),
    Source.LEVEL: N_("level default"),
    Source.NONE: N_("none set"),
}


def parse_yes_no(text: str) -> bool:
    """``yes``/``no`` (also ``có``/``không``, any case) → True/False.

    Raises:
        ValueError: the text is neither.
    """
    word = unicodedata.normalize("NFC", text).strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(f"{text!r} is not yes or no")


def parse_model_count(text: str) -> int:
    """A whole number of models, 0 or more.

    Raises:
        ValueError: it is not one.
    """
    value = text.strip()
    if not (value.isascii() and value.isdigit()):
        raise ValueError(f"{text!r} is not a whole number ≥ 0")
    return int(value)


def parse_target_percent(text: str) -> int:
    """A rate in per cent, a whole number from 0 to 100 (a trailing ``%`` is allowed).

    Raises:
        ValueError: it is not one.
    """
    value = parse_model_count(text.strip().removesuffix("%"))
    if value > 100:
        raise ValueError(f"{text!r} is more than 100")
    return value


def _by_level(text: str, read: Callable[[str], T], what: str) -> dict[str, T]:
    levels = {level.value for level in Level}
    values: dict[str, T] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        level, _, raw = part.partition("=")
        level = level.strip()
        try:
            if level not in levels:
                raise ValueError(level)
            values[level] = read(raw)
        except ValueError:
            raise ValueError(
                f"{part!r} is not level={what} with a level among {sorted(levels)}"
            ) from None
    return values


def parse_targets(text: str) -> dict[str, int]:
    """``"branch=1,grassroots=2"`` → ``{"branch": 1, "grassroots": 2}``.

    Raises:
        ValueError: a part is not ``level=count`` with a known level and a whole number.
    """
    return _by_level(text, parse_model_count, "count")


def parse_per_domain(text: str) -> dict[str, bool]:
    """``"grassroots=yes,branch=no"`` → ``{"grassroots": True, "branch": False}``.

    Raises:
        ValueError: a part is not ``level=yes`` or ``level=no`` with a known level.
    """
    return _by_level(text, parse_yes_no, "yes|no")


def parse_gathering(text: str) -> dict[str, int]:
    """``"grassroots=80"`` → ``{"grassroots": 80}`` (per cent, 0 to 100).

    Raises:
        ValueError: a part is not ``level=percent`` with a known level and 0 to 100.
    """
    return _by_level(text, parse_target_percent, "percent")


@dataclass(frozen=True, slots=True)
class LevelTargets:
    """The defaults of each level, from the settings."""

    models: Mapping[str, int] = field(default_factory=lambda: parse_targets(DEFAULT_TARGETS))
    per_domain: Mapping[str, bool] = field(default_factory=dict)
    gathering_pct: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OwnTargets:
    """The targets a unit carries itself (None: its level's default applies)."""

    models: int | None = None
    per_domain: bool | None = None
    gathering_pct: int | None = None


@dataclass(frozen=True, slots=True)
class InForce(Generic[V]):
    """One target in force, and where it comes from."""

    value: V | None
    source: Source


def _in_force(own: V | None, default: V | None) -> InForce[V]:
    if own is not None:
        return InForce(own, Source.UNIT)
    if default is not None:
        return InForce(default, Source.LEVEL)
    return InForce(None, Source.NONE)


@dataclass(frozen=True, slots=True)
class Targets:
    """The targets in force for one unit."""

    models: InForce[int]
    per_domain: InForce[bool]
    gathering_pct: InForce[int]

    @property
    def model_count(self) -> int:
        """Models the unit must register in a year (0: none)."""
        return self.models.value or 0

    @property
    def each_domain(self) -> bool:
        """Whether the unit must have a model in each of the four domains."""
        return bool(self.per_domain.value)

    @property
    def any(self) -> bool:
        """Whether the unit has anything to meet in models (the gathering rate is not measured)."""
        return self.model_count > 0 or self.each_domain

    def missing_domains(self, covered: Collection[str]) -> tuple[Domain, ...]:
        """The domains still without a model, when the unit must cover each (else none)."""
        if not self.each_domain:
            return ()
        return tuple(domain for domain in DOMAIN_NAMES if domain.value not in covered)

    def missing_models(self, registered: int) -> int:
        """How many more models the unit must register."""
        return max(self.model_count - registered, 0)

    def met(self, registered: int, covered: Collection[str]) -> bool:
        """Whether ``registered`` models covering the domains ``covered`` meet the targets."""
        return not self.missing_models(registered) and not self.missing_domains(covered)


def effective_targets(level: str, own: OwnTargets, defaults: LevelTargets) -> Targets:
    """The targets in force for a unit of ``level``: its own value, else the level's default."""
    return Targets(
        models=_in_force(own.models, defaults.models.get(level)),
        per_domain=_in_force(own.per_domain, defaults.per_domain.get(level)),
        gathering_pct=_in_force(own.gathering_pct, defaults.gathering_pct.get(level)),
    )
