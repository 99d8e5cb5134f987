"""A model registered as a replication (nhân rộng) of a recognised one: the question of
``/register``, offered only when the person may see a recognised model, and what a model's view
says about it (how often it was replicated, what it replicates, whether it is showcased)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from conversations.flow import Data, Option
from conversations.steps import kinds
from conversations.turn import Turn
from domain.errors import DvkError
from domain.registry import RECOGNISED
from domain.scope import scope_of
from locales import N_, _, ngettext
from storage.records import ModelRecord

#: the answer that says the question applies (set when the conversation begins)
OFFERED: Final = "_replicable"
NAME_IN_BUTTON: Final = 30
UNIT_IN_BUTTON: Final = 20


async def originals(turn: Turn) -> list[ModelRecord]:
    """The recognised models the person may see (their scope), newest first."""
    return await turn.tx.spreading.recognised(scope_of(turn.require_person()))


async def offers_replication(turn: Turn) -> Data:
    """The answers that open the question, when there is a recognised model to choose."""
    return {OFFERED: True} if await originals(turn) else {}


async def _options(turn: Turn, data: Data) -> Sequence[Option]:
    models = await originals(turn)
    units = await turn.tx.units.many({m.unit_id for m in models})
    return [
        Option(
            str(m.id),
            f"{m.fields.name[:NAME_IN_BUTTON]} · {units[m.unit_id].name[:UNIT_IN_BUTTON]}",
            translate=False,
        )
        for m in models
    ]


#: the original, among the recognised models in scope (skipped: a model of its own)
REPLICATES: Final = kinds.choice(
    "replicates",
    N_(
        "Does this model replicate a recognised model (spread it to a new place)? Choose the "
        "original, or tap “Skip” when the model is new."
    ),
    N_("Replication of"),
    _options,
    optional=True,
    when=lambda data: bool(data.get(OFFERED)),
)


async def checked_original(turn: Turn, data: Mapping[str, Any]) -> int | None:
    """The original chosen, checked again: still recognised and in the person's scope (never
    trust a draft); None when the model replicates none."""
    value = data.get(REPLICATES.field)
    if value is None:
        return None
    original = await turn.tx.models.get(int(value))
    scope = scope_of(turn.require_person())
    if (
        original is None
        or original.status.value not in RECOGNISED
        or not await turn.tx.units.scope_contains(scope, original.unit_id)
    ):
        raise DvkError(
            N_(
                "The model chosen as the original can no longer be chosen. Edit “Replication "
                "of” to choose another, or skip it."
            )
        )
    return original.id


async def spreading_lines(turn: Turn, model: ModelRecord) -> list[str]:
    """What a model's view says of its spreading: its replications ("Được nhân rộng: 3 mô
    hình"), the model it replicates, and its showcase mark."""
    lines = []
    count = (await turn.tx.spreading.replication_counts([model.id])).get(model.id, 0)
    if count:
        lines.append(
            ngettext("Replicated: {count} model", "Replicated: {count} models", count).format(
                count=count
            )
        )
    if model.replicates_model_id is not None:
        original = await turn.tx.models.get(model.replicates_model_id)
        if original is not None:
            lines.append(
                _("Replication of: «{name}» (no. {id})").format(
                    name=original.fields.name, id=original.id
                )
            )
    if model.showcased_at is not None:
        lines.append(_("⭐ Marked for showcasing"))
    return lines
