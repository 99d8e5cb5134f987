"""Making invites: the checks of a request, then the codes, in the caller's transaction.

It works through the transaction's repositories and writes no SQL of its own, so it can import
``Tx`` (``storage.db`` imports the repositories, never this module).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.errors import DvkError
from domain.organisation import Role
from domain.scope import Scope
from locales import N_
from storage.accounts import new_invite_code
from storage.db import Tx
from storage.records import InviteRecord, UnitRecord


async def issue_invite(
    tx: Tx,
    *,
    role: Role,
    unit_code: str | None,
    cluster_code: str | None,
    name: str | None,
    expires_at: dt.datetime,
    now: dt.datetime,
    created_by: int | None = None,
) -> tuple[str, InviteRecord]:
    """Create an invite and return its code (shown once, never stored) with the record.

    ``created_by`` is the person who made it in the chat (None: the command line).
    """
    unit = await tx.units.existing(unit_code) if unit_code else None
    cluster = await tx.units.cluster_by_code(cluster_code) if cluster_code else None
    if cluster_code and cluster is None:
        raise DvkError(N_("There is no cluster with the code {code}."), code=cluster_code)
    if role in {Role.SECRETARY, Role.BTV} and unit is None:
        raise DvkError(N_("A {role} invite needs --unit."), role=role.value)
    if role is Role.CLUSTER_LEAD and cluster is None:
        raise DvkError(N_("A cluster_lead invite needs --cluster."))
    if expires_at <= now:
        raise DvkError(N_("The expiry must be in the future."))
    code = new_invite_code()
    invite_id = await tx.accounts.create_invite(
        code,
        role,
        unit.id if unit else None,
        cluster.id if cluster else None,
        name,
        expires_at,
        now,
        created_by,
    )
    record = await tx.accounts.invite(invite_id)
    assert record is not None
    return code, record


@dataclass(frozen=True, slots=True)
class UnitInvite:
    """A secretary invite made for one unit by :func:`issue_unit_invites`."""

    unit: UnitRecord
    code: str
    invite: InviteRecord


async def issue_unit_invites(
    tx: Tx,
    *,
    level: str,
    scope: Scope,
    expires_at: dt.datetime,
    now: dt.datetime,
    created_by: int | None = None,
) -> list[UnitInvite]:
    """A secretary invite for every unit of ``level`` in ``scope`` without a secretary.

    Everything happens in the caller's transaction, so a file that cannot be written afterwards
    leaves no invite behind when the caller lets the transaction roll back.
    """
    if expires_at <= now:
        raise DvkError(N_("The expiry must be in the future."))
    units = await tx.accounts.units_without_secretary(level, scope)
    codes = [new_invite_code() for _unit in units]
    records = await tx.accounts.create_unit_invites(
        [(unit.id, code) for unit, code in zip(units, codes, strict=True)],
        Role.SECRETARY,
        expires_at,
        now,
        created_by,
    )
    return [
        UnitInvite(unit, code, record)
        for unit, code, record in zip(units, codes, records, strict=True)
    ]
