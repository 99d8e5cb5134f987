"""The yearly targets read from ``DVK_TARGETS`` (no database)."""

from __future__ import annotations

import pytest

from domain.targets import DEFAULT_TARGETS, parse_targets


def test_the_default_and_what_people_type() -> None:
    assert parse_targets(DEFAULT_TARGETS) == {"branch": 1, "grassroots": 2}
    assert parse_targets(" branch = 3 , district=0,") == {"branch": 3, "district": 0}
    assert parse_targets("") == {}
    assert parse_targets("branch=1,branch=4") == {"branch": 4}


@pytest.mark.parametrize("text", ["ward=1", "branch", "branch=x", "branch=-1", "branch=1.5"])
def test_a_bad_part_is_named(text: str) -> None:
    with pytest.raises(ValueError, match="is not level=count"):
        parse_targets(text)
