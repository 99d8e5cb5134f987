"""`dvk settings`: each setting with the value in force, defaults as what they amount to."""

from __future__ import annotations

from pathlib import Path

from domain.calendar import DEFAULT_CALENDAR
from tests.support.cli import dvk, environment


def _values(out: str) -> dict[str, str]:
    lines = [line for line in out.splitlines() if line.startswith("DVK_")]
    return dict(line.split("=", 1) for line in lines)


async def test_settings_shows_the_defaults_in_force(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = await dvk("settings", env=environment(data, locale="en"), cwd=tmp_path)
    assert result.code == 0, result.err
    values = _values(result.out)
    assert values["DVK_DATA_DIR"] == str(data)
    assert values["DVK_DATABASE_URL"] == f"sqlite+aiosqlite:///{data / 'dvk.db'}  (default)"
    assert values["DVK_EVIDENCE_DIR"] == f"{data / 'evidence'}  (default)"
    assert values["DVK_CALENDAR_FILE"] == f"{DEFAULT_CALENDAR.resolve()}  (default)"
    assert str(data / "evidence") in values["DVK_EVIDENCE_URL"]  # photos go to the folder
    assert values["DVK_LOG_SQL"] == "false  (default)"
    assert all(value.strip() for value in values.values()), values


async def test_settings_masks_the_secrets(tmp_path: Path) -> None:
    env = environment(
        tmp_path / "data",
        locale="en",
        telegram_token="123456:TOP-HIDDEN-1",
        s3_secret_access_key="HIDDEN-2",
        database_url="postgresql+asyncpg://dvk:HIDDEN-3@db.example:5432/dvk",
    )
    result = await dvk("settings", env=env, cwd=tmp_path)
    assert result.code == 0, result.err
    assert "HIDDEN" not in result.out + result.err
    values = _values(result.out)
    assert values["DVK_TELEGRAM_TOKEN"] == "***"
    assert values["DVK_S3_SECRET_ACCESS_KEY"] == "***"
    assert values["DVK_DATABASE_URL"] == "postgresql+asyncpg://dvk:***@db.example:5432/dvk"
