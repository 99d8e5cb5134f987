"""What ``/showcase`` offers: the recognised models of the person's subtree, ⭐ on those marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from conversations.flow import Data, Option
from conversations.turn import Turn
from domain.scope import review_scope
from storage.records import ModelRecord

NAME_IN_BUTTON: Final = 30
UNIT_IN_BUTTON: Final = 20
MARK: Final = "⭐ "


async def candidates(turn: Turn) -> list[ModelRecord]:
    """The recognised models a BTV member may showcase: those of their subtree, newest first."""
    return await turn.tx.spreading.recognised(review_scope(turn.require_person()))


async def model_options(turn: Turn, data: Data) -> Sequence[Option]:
    """A button for each, ⭐ first on those marked already."""
    models = await candidates(turn)
    units = await turn.tx.units.many({m.unit_id for m in models})
    return [
        Option(
            str(m.id),
            (MARK if m.showcased_at is not None else "")
            + f"{m.fields.name[:NAME_IN_BUTTON]} · {units[m.unit_id].name[:UNIT_IN_BUTTON]}",
            translate=False,
        )
        for m in models
    ]
