"""How a flow is declared: a step's display and visibility, and a repeated group's names,
headings, labels and answers."""

from __future__ import annotations

from typing import Any

from conversations.flow import Option, Repeat, Step, expand, repeated_field
from conversations.messages import InputKind
from locales import use_locale

NOTE = Step("note", InputKind.TEXT, prompt="Note?", label="Note")
SCORE = Step("score", InputKind.CHOICE, prompt="Score?", label="Score",
             options=(Option("hi", "High"), Option("lo", "Low")))  # fmt: skip
STOPS = Repeat(
    "stops", items="_stops", heading="Stop {name} ({index}/{total})", steps=(NOTE, SCORE)
)
DATA: dict[str, Any] = {"_stops": [["a", "Alpha"], [7, "Beta"]]}


def test_a_repeated_group_names_each_answer_by_group_item_and_step() -> None:
    assert STOPS.field(7, "note") == repeated_field("stops", 7, "note") == "stops.7.note"
    assert STOPS.keys(DATA) == ["a", "7"]
    assert STOPS.owns("stops.a.note") and not STOPS.owns("stopsx.a.note")


def test_expanding_asks_every_step_for_every_item_with_its_heading_and_label() -> None:
    with use_locale("en"):
        steps = expand((NOTE, STOPS), DATA)
    assert [s.field for s in steps] == [
        "note", "stops.a.note", "stops.a.score", "stops.7.note", "stops.7.score",
    ]  # fmt: skip
    assert steps[3].label == "«Beta» · Note"
    assert steps[4].options == SCORE.options and steps[4].kind is InputKind.CHOICE


async def test_the_heading_names_the_item_and_where_it_stands() -> None:
    step = expand((STOPS,), DATA)[2]
    prompt = step.prompt
    assert callable(prompt)
    with use_locale("en"):
        assert await prompt(None, DATA) == "Stop Beta (2/2)\nNote?"  # type: ignore[arg-type]  # the prompt reads no turn


def test_the_answers_by_item_include_skipped_steps_as_none() -> None:
    data = {**DATA, "stops.a.note": "Citadel", "stops.a.score": "hi", "stops.7.score": "lo"}
    assert STOPS.answers(data) == {
        "a": {"note": "Citadel", "score": "hi"},
        "7": {"note": None, "score": "lo"},
    }
    assert STOPS.expand({}) == [] and STOPS.answers({}) == {}


def test_a_step_displays_its_value_and_applies_only_when_told() -> None:
    gated = Step("x", InputKind.TEXT, prompt="X?", label="X", when=lambda d: d.get("on") == 1)
    assert gated.visible({"on": 1}) and not gated.visible({})
    with use_locale("en"):
        assert SCORE.display("lo") == "Low"
        assert NOTE.display(None) == "(skipped)"
        photos = Step("p", InputKind.PHOTOS, prompt="P?", label="P")
        assert photos.display([{}, {}]) == "2 photos"
