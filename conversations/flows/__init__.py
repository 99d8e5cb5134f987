"""The flows and commands of the bot, assembled into one engine."""

from __future__ import annotations

from conversations.engine import Command, Engine
from conversations.flows.exemplar import ExemplarFlow
from conversations.flows.join import JoinFlow
from conversations.flows.language import LanguageFlow
from conversations.flows.my_models import MyModelsFlow
from conversations.flows.register_model import REGISTRANTS, RegisterModelFlow
from locales import N_


def build_engine() -> Engine:
    """The engine with every command the bot knows, in the order /help lists them."""
    registrants = frozenset(REGISTRANTS)
    commands = [
        Command(
            "register", N_("register a “Dân vận khéo” model"), registrants, RegisterModelFlow()
        ),
        Command(
            "models", N_("your unit's models: see, add photos, edit"), registrants, MyModelsFlow()
        ),
        Command("exemplar", N_("register an individual exemplar"), registrants, ExemplarFlow()),
        Command("lang", N_("choose Vietnamese or English"), flow=LanguageFlow()),
    ]
    return Engine(commands, join_flow=JoinFlow())
