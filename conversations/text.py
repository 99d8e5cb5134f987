"""Matching what people type: folding case and Vietnamese diacritics."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case without diacritics or extra spaces: ``"  Bỏ  qua "`` → ``"bo qua"``."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.casefold().split())


def loose(text: str) -> str:
    """:func:`fold`, also ignoring punctuation: ``"Văn hóa – xã hội"`` → ``"van hoa xa hoi"``."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def split_command(text: str | None) -> tuple[str | None, str]:
    """``"/start@dvk_bot ABC"`` → ``("start", "ABC")``; text that is no command → ``(None, "")``."""
    if not text or not text.startswith("/"):
        return None, ""
    head, _, rest = text[1:].partition(" ")
    name = head.split("@", 1)[0].casefold()
    if not name or not all(ch.isalnum() or ch == "_" for ch in name):
        return None, ""
    return name, rest.strip()
