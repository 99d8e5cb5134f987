"""Closing a commendation round: the nominees become commended, and their units are told.

Models and individual exemplars are nominated apart and commended by the same rule: a nominee
whose status is still the one the round takes becomes commended in that round.
"""

from __future__ import annotations

import datetime as dt

from conversations.notify import tell_exemplar_secretary, tell_secretary
from domain.registry import COMMENDED, ELIGIBLE, Status
from domain.scope import Scope
from storage.db import Tx


async def commend_nominees(
    tx: Tx, scope: Scope, round_number: int, now: dt.datetime, by: int | None = None
) -> list[str]:
    """Mark every nominee of the round in scope as commended; returns their names."""
    status = Status(COMMENDED[round_number])
    names = []
    for model in await tx.appraisals.nominees(scope, round_number):
        if model.status != ELIGIBLE[round_number]:
            continue  # commended already, or its status changed since it was proposed
        change = await tx.appraisals.set_status(model.id, status, by, now)
        if change is not None:
            await tell_secretary(tx, now, model, status, None, change)
            names.append(model.fields.name)
    return names


async def commend_exemplar_nominees(
    tx: Tx, scope: Scope, round_number: int, now: dt.datetime, by: int | None = None
) -> list[str]:
    """Mark every individual exemplar nominated for the round in scope as commended, telling
    their units; returns their names."""
    status = Status(COMMENDED[round_number])
    names = []
    for exemplar in await tx.exemplars.nominees(scope, round_number):
        if exemplar.status != ELIGIBLE[round_number]:
            continue  # commended already, or its status changed since it was proposed
        change = await tx.exemplars.set_status(exemplar.id, status, by, now)
        if change is not None:
            await tell_exemplar_secretary(tx, now, exemplar, status, None, change)
            names.append(exemplar.person_name)
    return names
