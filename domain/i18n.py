"""Marking messages for translation without translating them.

The domain may import nothing of ours, so it cannot reach the catalogs in ``locales``. It marks its
msgids with this ``N_`` (which ``pybabel extract`` finds like the one in ``locales``), and the
layers above translate them when a person reads them.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction and return it unchanged."""
    return message
