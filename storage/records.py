"""Plain frozen values that repositories hand out; SQLModel rows never leave ``storage``.

The roles and statuses they carry are the domain's (``domain.organisation``, ``domain.registry``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.organisation import Role
from domain.registry import Status
from domain.targets import OwnTargets


@dataclass(frozen=True, slots=True)
class ClusterRecord:
    """An emulation cluster."""

    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """A unit of the tree."""

    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    cluster_id: int | None
    #: the targets the unit carries itself (its level's defaults fill the rest)
    targets: OwnTargets = field(default_factory=OwnTargets)


@dataclass(frozen=True, slots=True)
class RoleRecord:
    """One role of a person, with the unit or cluster it applies to."""

    role: Role
    unit_id: int | None
    cluster_id: int | None


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person and their roles."""

    id: int
    name: str
    locale: str
    roles: tuple[RoleRecord, ...]

    def has_role(self, *roles: Role) -> bool:
        """Whether the person holds any of ``roles``."""
        return any(r.role in roles for r in self.roles)

    def units_where(self, *roles: Role) -> list[int]:
        """The units the person holds one of ``roles`` in."""
        return [r.unit_id for r in self.roles if r.role in roles and r.unit_id is not None]

    def clusters_where(self, *roles: Role) -> list[int]:
        """The clusters the person holds one of ``roles`` in."""
        return [r.cluster_id for r in self.roles if r.role in roles and r.cluster_id is not None]


@dataclass(frozen=True, slots=True)
class AccountRecord:
    """A messenger account bound to a person."""

    id: int
    channel: str
    external_user_id: str
    chat_id: str
    person_id: int
    unreachable_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class InviteRecord:
    """An invite, without its code (only the hash is stored)."""

    id: int
    role: Role
    unit_id: int | None
    cluster_id: int | None
    name: str | None
    expires_at: dt.datetime
    used_at: dt.datetime | None
    #: who made it in the chat (None: the command line)
    created_by: int | None = None
    #: the person a link code binds another account to (``/link``); None: an invite to join
    person_id: int | None = None


@dataclass(frozen=True, slots=True)
class PhotoLink:
    """A photo to link to a record (already in the evidence store)."""

    sha256: str
    size: int
    width: int
    height: int
    mime: str
    caption: str | None
    sent_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ModelFields:
    """What a person tells about a model; the same shape for a new model and an edit."""

    name: str
    owner_kind: str
    owner_name: str
    address: str | None
    latitude: float | None
    longitude: float | None
    domain: str
    participants: int
    participants_note: str | None = None
    direction: str | None = None
    method: str | None = None
    effect: str | None = None
    beneficiaries: int | None = None
    money_vnd: int | None = None
    built: str | None = None
    #: answers to questions without a column of their own (JSON values), by step field
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ModelRecord:
    """A stored model with its unit, status and number of photos."""

    id: int
    unit_id: int
    year: int
    fields: ModelFields
    status: Status
    registered_by: int
    registered_at: dt.datetime
    photo_count: int
    #: the model it replicates (nhân rộng), if any
    replicates_model_id: int | None = None
    #: when a BTV member marked it for showcasing (None: not marked)
    showcased_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ExemplarRecord:
    """A stored individual exemplar."""

    id: int
    unit_id: int
    year: int
    person_name: str
    position: str | None
    achievement: str
    status: Status
    registered_by: int
    registered_at: dt.datetime
    photo_count: int


@dataclass(frozen=True, slots=True)
class Recipient:
    """A person the bot writes to on its own, through one of their reachable accounts."""

    person_id: int
    locale: str
    account_id: int
    channel: str
    chat_id: str
