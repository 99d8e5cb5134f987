"""Matching what people type: folding, loose matching, and reading a command."""

from __future__ import annotations

import pytest

from conversations.text import fold, loose, split_command


def test_folding_drops_case_diacritics_and_extra_spaces() -> None:
    assert fold("  Bỏ  QUA ") == "bo qua"
    assert fold("Đồng Phú") == "dong phu"
    assert loose("Văn hóa – xã hội!") == "van hoa xa hoi"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("/start@dvk_bot ABC", ("start", "ABC")),
        ("/REPORT 2026-annual ", ("report", "2026-annual")),
        ("/skip", ("skip", "")),
        ("no command", (None, "")),
        ("/", (None, "")),
        ("/a-b c", (None, "")),
        (None, (None, "")),
    ],
)
def test_a_command_and_its_argument(typed: str | None, read: tuple[str | None, str]) -> None:
    assert split_command(typed) == read
