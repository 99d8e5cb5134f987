"""Which offered choice a person picked, and keeping an answer with the label they saw."""

from __future__ import annotations

from typing import Any

from conversations.engine.state import ConversationState, Offered
from conversations.flow import Step
from conversations.messages import InputKind
from conversations.text import loose
from domain.errors import InvalidInput
from locales import N_


def numbers_pick(step: Step) -> bool:
    """Whether a typed number picks one of the step's options (and so they are numbered).

    Everywhere but on a number question, where "2" is the answer itself.
    """
    return step.kind is not InputKind.NUMBER


def chosen(offered: Offered, text: str | None, choice: str | None) -> str | None:
    """The offered value the person picked: by button, by number, by typing its label, or by
    typing any part of one label (whole words, without diacritics, case or punctuation:
    ``quoc phong`` picks "Quốc phòng – an ninh").

    Raises ``InvalidInput`` when the part typed fits more than one label.
    """
    values = [value for value, _label in offered]
    if choice is not None:
        return choice if choice in values else None
    if not text:
        return None
    typed = text.strip().rstrip(".")
    if typed.isdigit() and 1 <= int(typed) <= len(values):
        return values[int(typed) - 1]
    folded = loose(typed)
    if not folded:
        return None
    for value, label in offered:
        if folded in {loose(label), loose(value)}:
            return value
    fits = [
        (number, value, label)
        for number, (value, label) in enumerate(offered, start=1)
        if f" {folded} " in f" {loose(label)} "
    ]
    if len(fits) == 1:
        return fits[0][1]
    if len(fits) > 1:
        raise InvalidInput(
            N_("“{typed}” fits more than one option: {options}. Type more of it, or its number."),
            typed=typed,
            options="; ".join(f"{number}. {label}" for number, _value, label in fits),
        )
    return None


def stale_or_unclear(choice: str | None) -> str:
    """Why an answer picked nothing (a msgid): a button of an older message, or no match."""
    if choice is not None:
        return N_("That button belongs to an earlier message. Please use the buttons below.")
    return N_("Please choose one of the options: tap a button or type its number.")


def keep(step: Step, state: ConversationState, value: Any) -> ConversationState:
    """The state with an answer kept (and, for a choice, the label the person saw)."""
    if step.kind is InputKind.CHOICE:
        return state.answered(step.field, value, choice=True, label=dict(state.offered).get(value))
    return state.answered(step.field, value)
