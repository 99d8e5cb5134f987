"""Logging that never writes a token: secrets are masked in every formatted line."""

from __future__ import annotations

import logging
from collections.abc import Iterable


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


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    """Log to standard error at ``level``, with secrets masked.

    httpx logs every request URL at INFO, and a Bot API URL contains the token, so it is kept at
    WARNING whatever the level. python-telegram-bot logs whole updates and call parameters at
    DEBUG, and a ``/start CODE`` carries an invite code, so it is kept at INFO at least.
    """
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler.executors.default", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    logging.getLogger("telegram").setLevel(max(logging.INFO, root.level))
