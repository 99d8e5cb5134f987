"""A clock that starts at a chosen moment and then runs in real time."""

from __future__ import annotations

import datetime as dt
import time


class RunningClock:
    """``now()`` is ``start`` plus the real time elapsed since the clock was made."""

    def __init__(self, start: dt.datetime) -> None:
        self.start = start.astimezone(dt.UTC)
        self._origin = time.monotonic()

    def now(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=time.monotonic() - self._origin)

    def set(self, moment: dt.datetime) -> None:
        self.start = moment.astimezone(dt.UTC)
        self._origin = time.monotonic()
