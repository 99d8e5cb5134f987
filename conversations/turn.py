"""The context of one inbound event: the transaction, the clock, the person and the settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from conversations.messages import Inbound
from domain.calendar import Calendar, load_calendar
from domain.goals import DEFAULT_PILOTS_PER_UNIT
from domain.organisation import Role
from domain.targets import LevelTargets
from storage.clock import Clock
from storage.db import Database, Tx
from storage.evidence import EvidenceStore
from storage.records import AccountRecord, PersonRecord


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """The settings the conversations need, handed down from ``bot.settings``."""

    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Ho_Chi_Minh"))
    default_locale: str = "vi"
    targets: LevelTargets = field(default_factory=LevelTargets)
    calendar: Calendar = field(default_factory=load_calendar)
    max_photos_per_step: int = 30
    #: pilot models (mô hình điểm) a district or province may mark a year
    pilots_per_unit: int = DEFAULT_PILOTS_PER_UNIT
    join_failure_limit: int = 5
    join_failure_window: dt.timedelta = dt.timedelta(minutes=15)
    join_block: dt.timedelta = dt.timedelta(minutes=15)
    #: wrong codes bot-wide (every chat together) in ``join_guess_window`` before every further
    #: attempt is answered late, later and later (at most ``join_slowdown_cap`` seconds)
    join_guess_limit: int = 30
    join_guess_window: dt.timedelta = dt.timedelta(minutes=10)
    join_slowdown_cap: float = 30.0
    #: the link that opens the bot with ``/start PAYLOAD`` (Telegram's deep link), when known;
    #: the channel layer builds it, since nothing here may know a messenger
    start_link: Callable[[str], str | None] = field(default=lambda payload: None)


@dataclass(slots=True)
class Turn:
    """Everything a step or a flow may use while handling one inbound event."""

    tx: Tx
    clock: Clock
    config: EngineConfig
    inbound: Inbound
    person: PersonRecord | None = None
    account: AccountRecord | None = None
    database: Database | None = None
    evidence: EvidenceStore | None = None
    #: the roles of the command whose flow is running (units are picked among those where the
    #: person holds one); None outside a flow, or for a flow any person may run
    roles: frozenset[Role] | None = None
    #: seconds the channel waits before answering (a bot-wide slowdown of invite guessing); the
    #: wait comes after the transaction, so it holds back only this chat
    answer_delay: float = 0.0

    @property
    def now(self) -> dt.datetime:
        """The moment of this turn (UTC)."""
        return self.clock.now()

    @property
    def today(self) -> dt.date:
        """Today's date in the deployment's time zone."""
        return self.clock.now().astimezone(self.config.zone).date()

    def require_person(self) -> PersonRecord:
        """The person being answered (flows other than joining always have one)."""
        assert self.person is not None, "this flow needs a bound person"
        return self.person
