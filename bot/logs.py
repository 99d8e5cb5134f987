"""Logging that never writes a token: secrets are masked in every formatted line."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Final


class RedactingFormatter(logging.Formatter):
    """A formatter that replaces each secret with ``***`` in the final text."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        """Format as usual, then mask the secrets."""
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


#: loggers of the database drivers: at DEBUG they write every statement with its parameters
#: (what people typed, invite code hashes), so they stay at WARNING unless ``DVK_LOG_SQL`` is set
SQL_LOGGERS: Final = ("aiosqlite", "sqlalchemy.engine", "sqlalchemy.pool", "asyncpg")
#: loggers that write request URLs (with the token) or whole request bodies at INFO or DEBUG
NOISY_LOGGERS: Final = (
    "httpx",
    "httpcore",
    "apscheduler.executors.default",
    "alembic",
    "botocore",
    "aiobotocore",
    "s3transfer",
)


def configure_logging(level: str, secrets: Iterable[str] = (), *, sql: bool = False) -> None:
    """Log to standard error at ``level``, with secrets masked.

    httpx logs every request URL at INFO, and a Bot API URL contains the token, so it is kept at
    WARNING whatever the level. python-telegram-bot logs whole updates and call parameters at
    DEBUG, and a ``/start CODE`` carries an invite code, so it is kept at INFO at least. The SQL
    drivers log statements and their parameters, so they speak at ``level`` only when ``sql``.
    """
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    for driver in SQL_LOGGERS:
        logging.getLogger(driver).setLevel(root.level if sql else max(logging.WARNING, root.level))
    logging.getLogger("telegram").setLevel(max(logging.INFO, root.level))
