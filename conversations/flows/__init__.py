"""The flows and commands of the bot, assembled into one engine."""

from __future__ import annotations

from conversations.engine import Command, Engine
from conversations.flows.join import JoinFlow
from conversations.flows.language import LanguageFlow
from locales import N_


def build_engine() -> Engine:
    """The engine with every command the bot knows, in the order /help lists them."""
    commands = [
        Command("lang", N_("choose Vietnamese or English"), flow=LanguageFlow()),
    ]
    return Engine(commands, join_flow=JoinFlow())
