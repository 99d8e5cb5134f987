"""Logs at DEBUG: nothing people typed, no invite code and no code hash, unless SQL is asked for."""

from __future__ import annotations

import re
from pathlib import Path

from storage.accounts import hash_code
from tests.support.cli import dvk, environment

CODE = re.compile(r"\b([0-9A-Z]{12})\b")
NAME = "Ksor H'Nhi Độc"
MODEL = "Bếp ăn nghĩa tình Zơ Rem"


async def _join_and_register(tmp_path: Path, **settings: str) -> tuple[str, str]:
    """Join by typing an invite code and giving a name, then register a model, in `dvk chat`
    at DEBUG; returns the code and everything the processes logged."""
    env = environment(tmp_path / "data", log_level="DEBUG", **settings)
    init = await dvk("init", "--sample", env=env, cwd=tmp_path)
    invite = await dvk("invite", "--role", "secretary", "--unit", "BP-DP-TL-A1", env=env)
    code = CODE.search(invite.out)
    assert code is not None, invite.err
    script = [
        code.group(1),
        NAME,
        "/register",
        MODEL,
        "1",  # a collective
        "Đoàn thanh niên xã Đức Liễu",
        "Thôn 4, xã Đức Liễu, Bù Đăng",
        "van hoa xa hoi",
        "35",
        "Đoàn viên và hộ dân",
        "/skip",
        "/skip",
        "1",  # confirm
    ]
    chat = await dvk("chat", stdin="\n".join(script) + "\n", env=env, cwd=tmp_path)
    assert chat.code == 0, chat.err
    assert f"Chào mừng {NAME}!" in chat.out
    assert f"Đã đăng ký mô hình «{MODEL}»" in chat.out
    return code.group(1), init.err + invite.err + chat.err


async def test_a_registration_at_debug_logs_nothing_typed(tmp_path: Path) -> None:
    code, log = await _join_and_register(tmp_path)
    assert " DEBUG " in log  # the level is in force: other loggers do write at DEBUG
    for typed in (MODEL, NAME, code, hash_code(code), "Thôn 4", "Đức Liễu"):
        assert typed not in log, typed
    assert "aiosqlite" not in log and "sqlalchemy" not in log


async def test_sql_logging_is_opt_in_and_then_shows_the_statements(tmp_path: Path) -> None:
    # The other half of the test above: with DVK_LOG_SQL the statements and their parameters
    # are logged, so a leak through them would be found by the greps there.
    code, log = await _join_and_register(tmp_path, log_sql="1")
    assert "aiosqlite" in log and "SELECT" in log
    assert hash_code(code) in log
