"""Imports point one way: bot → conversations → reports → storage → domain, no messenger below bot,
the domain imports only the standard library, and only storage speaks SQL."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["domain", "storage", "reports", "conversations", "bot"]  # each imports only those before
OURS = (*LAYERS, "locales", "tests", "tools", "bench")
MESSENGER_OR_SCHEDULER = ("telegram", "zalo", "apscheduler", "httpx", "aiohttp")
SQL = ("sqlalchemy", "sqlmodel", "aiosqlite", "asyncpg")
#: every package of ours but storage: none may import SQL libraries or touch a session
OUTSIDE_STORAGE = ("domain", "reports", "conversations", "bot", "locales", "tools", "bench")
#: the only parts of the tests that may speak SQL: storage's own tests and the test support
#: (seeding, creating and resetting the databases of the run)
TESTS_WITH_SQL = ("tests/storage", "tests/support")


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


def sql_imports(path: Path) -> list[str]:
    """The SQL libraries (SQLAlchemy, SQLModel, the drivers) a module imports."""
    return sorted(m for m in imported_modules(path) if m.split(".")[0] in SQL)


def session_uses(path: Path) -> list[str]:
    """Every ``something.session`` (or ``._session``) a module reads: a transaction's session."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [
        (node.lineno, node.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in {"session", "_session"}
    ]
    return [f"line {line}: .{attr}" for line, attr in sorted(found)]


def _modules_outside_storage() -> list[Path]:
    paths = [path for top in OUTSIDE_STORAGE for path in sorted((ROOT / top).rglob("*.py"))]
    return [*paths, *sorted((ROOT / "tests").rglob("*.py"))]


def test_only_storage_imports_sqlalchemy() -> None:
    """bot, conversations, reports, domain (and tools, bench) import no SQL library; tests only
    where they check storage itself or seed and reset databases."""
    offenders = []
    for path in _modules_outside_storage():
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(TESTS_WITH_SQL):
            continue
        offenders.extend(f"{relative} imports {module}" for module in sql_imports(path))
    assert offenders == []


def test_nothing_outside_storage_uses_the_session_of_a_transaction() -> None:
    """Callers reach the data through repositories (``tx.units.in_scope(scope)``)."""
    offenders = [
        f"{path.relative_to(ROOT)} {use}"
        for path in _modules_outside_storage()
        for use in session_uses(path)
    ]
    assert offenders == []


def test_the_sql_checks_fail_when_broken_on_purpose(tmp_path: Path) -> None:
    broken = tmp_path / "flow.py"
    broken.write_text(
        "import sqlalchemy as sa\n"
        "from sqlmodel import col\n"
        "import asyncpg.exceptions\n"
        "async def f(turn, tx):\n"
        "    await turn.tx.session.execute(sa.select(1))\n"
        "    return tx._session\n",
        encoding="utf-8",
    )
    assert sql_imports(broken) == ["asyncpg.exceptions", "sqlalchemy", "sqlmodel"]
    assert session_uses(broken) == ["line 5: .session", "line 6: ._session"]
    clean = tmp_path / "clean.py"
    clean.write_text("async def f(tx, scope):\n    return await tx.units.in_scope(scope)\n")
    assert sql_imports(clean) == [] and session_uses(clean) == []
    # and the real tree has what the checks look for where it is allowed
    assert "sqlalchemy" in sql_imports(ROOT / "storage" / "units.py")
    assert session_uses(ROOT / "storage" / "evidence_gc.py")


def test_the_engine_imports_no_flow_and_no_report() -> None:
    offenders = []
    for path in sorted((ROOT / "conversations" / "engine").rglob("*.py")):
        for module in imported_modules(path):
            if (
                module.startswith(("conversations.flows", "reports"))
                or module == "conversations.flows"
            ):
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


FLOWS = ROOT / "conversations" / "flows"


def flow_of(module: str) -> str | None:
    """The flow a module belongs to (``conversations.flows.review.save`` → ``review``)."""
    parts = module.split(".")
    return parts[2] if parts[:2] == ["conversations", "flows"] and len(parts) > 2 else None


def test_no_flow_imports_another_and_only_the_flows_package_imports_flows() -> None:
    """A flow is built from conversations/steps; what two flows share lives there, and only
    ``conversations/flows/__init__.py`` (which assembles the commands) imports the flows."""
    offenders = []
    for path in sorted((ROOT / "conversations").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative == Path("conversations/flows/__init__.py"):
            continue
        own = relative.parts[2].removesuffix(".py") if path.is_relative_to(FLOWS) else None
        for module in imported_modules(path):
            other = flow_of(module)
            if module == "conversations.flows" or (other is not None and other != own):
                offenders.append(f"{relative} imports {module}")
    assert offenders == []


def test_the_flow_check_sees_a_flow_importing_another(tmp_path: Path) -> None:
    broken = tmp_path / "flow.py"
    broken.write_text("from conversations.flows.review.save import appraise\n", encoding="utf-8")
    assert [flow_of(m) for m in imported_modules(broken)] == ["review"]


#: the one module that builds outbox rows (storage defines them)
COMPOSER = "conversations/outbox_composer.py"


def enqueue_calls(path: Path) -> list[str]:
    """Every ``….enqueue(…)`` a module calls: putting messages in the outbox."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "enqueue"
    ]
    return [f"line {line}: enqueue" for line in sorted(found)]


def outgoing_messages_built(path: Path) -> list[str]:
    """Every ``OutgoingMessage(…)`` a module builds itself, and every import of it to build one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name | ast.Attribute)
        and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
        == "OutgoingMessage"
    ]
    return [f"line {line}: OutgoingMessage(...)" for line in sorted(found)]


def test_reports_do_not_enqueue() -> None:
    """reports/ is the read side: who is due, what a digest or a matrix says; bot/jobs enqueues."""
    offenders = [
        f"{path.relative_to(ROOT)} {call}"
        for path in sorted((ROOT / "reports").rglob("*.py"))
        for call in [*enqueue_calls(path), *outgoing_messages_built(path)]
    ]
    assert offenders == []


def test_every_outbox_message_is_built_by_the_composer() -> None:
    """Reminders, digests, summaries, notices, announcements: all through ``compose``."""
    offenders = []
    for top in ("reports", "conversations", "bot"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if path.relative_to(ROOT).as_posix() == COMPOSER:
                continue
            offenders.extend(f"{path.relative_to(ROOT)} {b}" for b in outgoing_messages_built(path))
    assert offenders == []


def test_the_outbox_checks_fail_when_broken_on_purpose(tmp_path: Path) -> None:
    broken = tmp_path / "job.py"
    broken.write_text(
        "from storage.outbox import OutgoingMessage\n"
        "async def f(tx, now):\n"
        "    message = OutgoingMessage('k', 't', 'nudge', 1, 1, 'telegram', '1', 'x')\n"
        "    await tx.outbox.enqueue([message], now)\n",
        encoding="utf-8",
    )
    assert enqueue_calls(broken) == ["line 4: enqueue"]
    assert outgoing_messages_built(broken) == ["line 3: OutgoingMessage(...)"]
    # and the real tree has what the checks look for where it is allowed
    assert outgoing_messages_built(ROOT / COMPOSER)
    assert enqueue_calls(ROOT / "bot" / "jobs" / "nudges.py")
