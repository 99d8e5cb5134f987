"""Settings: defaults, one clear line for a bad value, and the README's table in step."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, load_settings, settings_table
from locales import use_locale, user_message

README = Path(__file__).resolve().parents[2] / "README.md"


def test_defaults_are_the_embedded_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for row in settings_table():
        monkeypatch.delenv(row.env, raising=False)
    settings = load_settings()
    assert settings.effective_database_url == f"sqlite+aiosqlite:///{tmp_path / 'data' / 'dvk.db'}"
    assert settings.effective_evidence_dir == Path("data/evidence")
    assert settings.timezone == "Asia/Ho_Chi_Minh" and settings.locale == "vi"
    assert settings.telegram_api_base == "https://api.telegram.org"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DVK_TIMEZONE", "Mars/Olympus"),
        ("DVK_LOCALE", "fr"),
        ("DVK_DATABASE_URL", "mysql://x"),
        ("DVK_TELEGRAM_API_BASE", "ftp://x"),
        ("DVK_LOG_LEVEL", "LOUD"),
    ],
)
def test_a_bad_value_is_named(variable: str, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught, use_locale("en"):
        load_settings()
    message = user_message(caught.value)
    assert variable in message and "\n" not in message


def test_the_token_is_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVK_TELEGRAM_TOKEN", "123:SECRET")
    settings = Settings()
    assert "SECRET" not in repr(settings) and "SECRET" not in str(settings.model_dump())


def test_the_readme_documents_every_setting() -> None:
    text = README.read_text(encoding="utf-8")
    for row in settings_table():
        assert f"| `{row.env}` |" in text, row.env
