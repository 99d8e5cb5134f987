"""Tests mirror the code: every module with logic has ``tests/<package>/test_<module>.py``, and
every flow package ``tests/conversations/flows/test_<flow>.py`` playing it whole.

A module without a mirror must be a declaration, said below with why.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("domain", "storage", "reports", "conversations", "bot", "locales", "tools")

#: modules that declare and do nothing else
DECLARATIONS = {
    "bot/channel.py": "the Channel protocol",
    "domain/i18n.py": "N_, which marks a msgid and returns it",
    "domain/organisation.py": "roles and levels with their names",
    "domain/registry.py": "statuses, domains and decisions with their names",
    "storage/records.py": "the frozen records repositories return (one-line helpers at most)",
    "storage/tables.py": "the SQLModel tables",
}


def modules() -> list[str]:
    """Every module of ours but packages' ``__init__``, migrations and the flows' insides."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if path.name == "__init__.py" or "migrations" in relative.parts:
                continue
            if relative.parts[:2] == ("conversations", "flows"):
                continue  # a flow is tested whole, below
            found.append(relative.as_posix())
    return found


def mirror(module: str) -> Path:
    """``storage/outbox.py`` → ``tests/storage/test_outbox.py``."""
    path = Path(module)
    return ROOT / "tests" / path.parent / f"test_{path.name}"


def test_every_module_with_logic_has_its_mirror_or_is_listed() -> None:
    missing = [m for m in modules() if not mirror(m).exists()]
    unlisted = [m for m in missing if m not in DECLARATIONS]
    assert unlisted == []


def test_the_declarations_name_only_modules_that_exist_and_lack_a_mirror() -> None:
    listed = DECLARATIONS
    gone = [m for m in listed if not (ROOT / m).exists()]
    mirrored = [m for m in listed if mirror(m).exists()]
    assert gone == [] and mirrored == []


def test_every_flow_is_played_whole() -> None:
    flows = ROOT / "conversations" / "flows"
    names = sorted(
        p.stem if p.is_file() else p.name
        for p in flows.iterdir()
        if p.name not in {"__init__.py", "__pycache__"}
    )
    unplayed = [
        n for n in names if not (ROOT / "tests/conversations/flows" / f"test_{n}.py").exists()
    ]
    assert "register_model" in names and unplayed == []
