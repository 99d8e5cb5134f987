"""Time as a port: logic asks a clock instead of calling ``datetime.now()``."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current moment."""

    def now(self) -> dt.datetime:
        """The current moment, aware, in UTC."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> dt.datetime:
        """The current moment, aware, in UTC."""
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock that stands still until moved: for tests, the year walk and ``dvk nudge --at``."""

    def __init__(self, moment: dt.datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.moment = moment.astimezone(dt.UTC)

    def now(self) -> dt.datetime:
        """The moment the clock was set to."""
        return self.moment

    def set(self, moment: dt.datetime) -> None:
        """Move the clock to ``moment``."""
        self.moment = moment.astimezone(dt.UTC)

    def advance(self, delta: dt.timedelta) -> None:
        """Move the clock forward."""
        self.moment += delta
