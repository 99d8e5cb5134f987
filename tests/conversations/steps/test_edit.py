"""Changing one stored answer: which field, its question under the value it has now, the line
once saved; only the value step of the chosen field applies."""

from __future__ import annotations

from conversations.flow import Data
from conversations.steps import kinds
from conversations.steps.edit import changing, field_choice, saved, value_steps
from conversations.turn import Turn
from locales import use_locale

EDITABLE = {
    "participants": kinds.number("participants", "How many?", "Participants", example="35"),
    "note": kinds.text("note", "Who?", "Who takes part", optional=True),
}


def _now(field: str):  # a Current: the value the record has now
    async def current(turn: Turn, data: Data) -> object:
        return {"participants": 20, "note": None}[field]

    return current


async def test_the_question_shows_the_value_it_has_now() -> None:
    step = changing(EDITABLE["participants"], _now("participants"))
    assert step.field == "value" and step.when is None
    assert callable(step.prompt)
    with use_locale("en"):
        assert await step.prompt(None, {}) == "Now: 20\nHow many?"  # type: ignore[arg-type]  # reads no turn
        assert await changing(EDITABLE["note"], _now("note")).prompt(None, {}) == (  # type: ignore[operator, arg-type]  # a coroutine prompt
            "Now: (skipped)\nWho?"
        )


def test_only_the_value_step_of_the_chosen_field_applies() -> None:
    choice = field_choice(EDITABLE)
    assert [o.value for o in choice.options] == ["participants", "note"]  # type: ignore[union-attr]  # static options
    assert choice.visible({"action": "edit"}) and not choice.visible({"action": "photos"})
    steps = value_steps(EDITABLE, _now)
    chosen = {"action": "edit", "field": "note"}
    assert [s.visible(chosen) for s in steps] == [False, True]
    assert not any(s.visible({"action": "close", "field": "note"}) for s in steps)
    with use_locale("vi"):
        assert saved(EDITABLE["participants"], 45) == "✏️ Đã lưu. Số người tham gia: 45"
