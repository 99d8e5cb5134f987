"""The strictly typed packages stay honest: every ``type: ignore`` there says why."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# an ignore names its error codes and gives its reason after them on the same line
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[\w\-, ]+\])?(?P<rest>.*)$")


def typed_packages() -> list[str]:
    """The packages ``mypy --strict`` checks (``[tool.mypy] files`` in pyproject.toml)."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return list(tomllib.load(handle)["tool"]["mypy"]["files"])


def unexplained_ignores(source: str) -> list[int]:
    """Line numbers of ``type: ignore`` comments without error codes or without a reason."""
    found = []
    for number, line in enumerate(source.splitlines(), start=1):
        match = IGNORE.search(line)
        if match is None:
            continue
        reason = match.group("rest").strip().lstrip("#").strip()
        if match.group("codes") is None or not reason:
            found.append(number)
    return found


def test_the_strict_packages_include_the_domain_the_storage_and_the_conversations() -> None:
    assert {"domain", "storage", "conversations"} <= set(typed_packages())


def test_every_type_ignore_in_a_strict_package_gives_codes_and_a_reason() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in typed_packages()
        for path in sorted((ROOT / package).rglob("*.py"))
        for number in unexplained_ignores(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_an_ignore_without_a_reason_is_caught() -> None:
    source = (
        "a = f()  # type: ignore\n"
        "b = g()  # type: ignore[arg-type]\n"
        "c = h()  # type: ignore[arg-type]  # the stub is wrong about None\n"
        "d = 1  # an ordinary comment\n"
    )
    assert unexplained_ignores(source) == [1, 2]
