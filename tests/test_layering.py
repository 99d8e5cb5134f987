"""Imports point one way: bot → conversations → reports → storage → domain, no messenger below bot,
and the domain imports only the standard library."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["domain", "storage", "reports", "conversations", "bot"]  # each imports only those before
OURS = (*LAYERS, "locales", "tests", "tools", "bench")
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


def test_the_domain_imports_only_the_standard_library() -> None:
    offenders = []
    for path in sorted((ROOT / "domain").rglob("*.py")):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top == "domain":
                continue
            if top in OURS or top not in sys.stdlib_module_names:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def _domain_names() -> dict[str, str]:
    """Every name the domain defines at the top of a module, with that module."""
    names: dict[str, str] = {}
    for path in sorted((ROOT / "domain").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names[node.name] = module
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names.update((t.id, module) for t in targets if isinstance(t, ast.Name))
    names.pop("N_")  # locales has its own, which translates
    return names


def test_domain_names_are_imported_from_the_domain() -> None:
    """No layer hands on a domain name it imported itself: a half-moved layer is not allowed."""
    names = _domain_names()
    offenders = []
    for top in (*LAYERS[1:], "locales", "tests", "tools", "bench"):
        for path in sorted((ROOT / top).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.ImportFrom) and node.module and node.level == 0):
                    continue
                if node.module.split(".")[0] not in OURS or node.module.startswith("domain"):
                    continue
                offenders.extend(
                    f"{path.relative_to(ROOT)} imports {alias.name} from {node.module}, "
                    f"not {names[alias.name]}"
                    for alias in node.names
                    if alias.name in names
                )
    assert offenders == []


def test_the_checker_sees_imports() -> None:
    modules = imported_modules(ROOT / "bot" / "telegram.py")
    assert "telegram" in modules and "conversations.messages" in modules
