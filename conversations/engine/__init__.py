"""The conversation engine, one for every flow.

- ``state``: the frozen conversation state (a :class:`Mode` and the answers), stored as
  versioned JSON; drafts stored before the version still load.
- ``render``: what the person reads, as text plus flat choices (the channel lays them out).
- ``navigation``: back, skip, done, cancel, edit and resume, decided as plain outcomes.
- ``choices``: matching what the person picked among the choices offered.
- ``core``: the :class:`Engine`, which reads answers and photos and carries the decisions out.
"""

from __future__ import annotations

from conversations.engine.core import Action, Command, Engine
from conversations.engine.state import ConversationState, Mode

__all__ = ["Action", "Command", "ConversationState", "Engine", "Mode"]
