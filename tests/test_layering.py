"""Imports point one way: bot → conversations → reports → storage, and no messenger below bot."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["storage", "reports", "conversations", "bot"]  # each may import only those before it
MESSENGER_OR_SCHEDULER = ("telegram", "zalo", "apscheduler", "httpx", "aiohttp")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", LAYERS)
def test_a_layer_imports_only_the_layers_below_it(layer: str) -> None:
    above = LAYERS[LAYERS.index(layer) + 1 :]
    offenders = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top in above:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
            if layer != "bot" and top in MESSENGER_OR_SCHEDULER:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_the_checker_sees_imports() -> None:
    modules = imported_modules(ROOT / "bot" / "telegram.py")
    assert "telegram" in modules and "conversations.messages" in modules
