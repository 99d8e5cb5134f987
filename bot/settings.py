"""One settings object, read from ``DVK_*`` environment variables and an optional ``.env`` file.

Every setting is declared once here, with its default and a line of help; the CLI (``dvk settings``)
and the README's configuration table are both checked against this declaration.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from domain.calendar import DEFAULT_CALENDAR
from domain.errors import DvkError
from domain.goals import DEFAULT_PILOTS_PER_UNIT
from domain.targets import (
    DEFAULT_GATHERING_PCT,
    DEFAULT_PER_DOMAIN,
    DEFAULT_TARGETS,
    LevelTargets,
    parse_gathering,
    parse_per_domain,
    parse_targets,
)
from locales import N_, _
from storage.evidence import DEFAULT_MAX_PIXELS, PILLOW_PIXEL_LIMIT, S3Location

ENV_PREFIX: Final = "DVK_"
PUBLIC_TELEGRAM_API: Final = "https://api.telegram.org"
PUBLIC_ZALO_API: Final = "https://bot-api.zaloplatforms.com"
#: settings whose values never appear in a message or a log line
SECRET_FIELDS: Final = frozenset(
    {"telegram_token", "s3_secret_access_key", "zalo_token", "zalo_webhook_secret"}
)
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{8,256}")


class Settings(BaseSettings):
    """The deployment's configuration. Build it once (:func:`load_settings`) and pass it down."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(
        Path("./data"), description=N_("Folder for the embedded database and the evidence store.")
    )
    database_url: str | None = Field(
        None,
        description=N_(
            "SQLAlchemy URL of the database; default SQLite at DATA_DIR/dvk.db. "
            "PostgreSQL: postgresql+asyncpg://user:password@host:5432/dvk"
        ),
    )
    evidence_dir: Path | None = Field(
        None, description=N_("Folder of the local evidence store; default DATA_DIR/evidence.")
    )
    evidence_url: str | None = Field(
        None,
        description=N_(
            "s3://bucket/prefix to keep photos in an S3-compatible bucket instead of the folder."
        ),
    )
    s3_endpoint_url: str | None = Field(
        None, description=N_("Endpoint of the S3-compatible server (empty: Amazon S3).")
    )
    s3_access_key_id: str | None = Field(None, description=N_("Access key of the bucket."))
    s3_secret_access_key: SecretStr | None = Field(
        None, description=N_("Secret key of the bucket.")
    )
    s3_region: str = Field("us-east-1", description=N_("Region of the bucket."))
    evidence_max_mb: int = Field(
        20, ge=1, le=2000, description=N_("Largest photo accepted, in megabytes.")
    )
    proof_max_mb: int = Field(
        10,
        ge=1,
        le=2000,
        description=N_(
            "Largest PDF accepted as the document confirming an appraisal, in megabytes "
            "(Telegram bots download at most 20 MB, unless from a Bot API server of their own)."
        ),
    )
    evidence_max_pixels: int = Field(
        DEFAULT_MAX_PIXELS,
        ge=100_000,
        le=PILLOW_PIXEL_LIMIT,
        description=N_(
            "Most pixels (width × height) a photo may have; larger ones are refused "
            "before they are decoded."
        ),
    )
    targets: str = Field(
        DEFAULT_TARGETS,
        description=N_("Models each unit must register a year, by level: level=count,..."),
    )
    target_per_domain: str = Field(
        DEFAULT_PER_DOMAIN,
        description=N_(
            "Levels whose units must have a model in each of the four domains: "
            "level=yes|no,... (grassroots=yes)."
        ),
    )
    target_gathering_pct: str = Field(
        DEFAULT_GATHERING_PCT,
        description=N_(
            "Youth gathering rate each unit aims at, in per cent, by level: "
            "level=percent,... (grassroots=80)."
        ),
    )
    pilots_per_unit: int = Field(
        DEFAULT_PILOTS_PER_UNIT,
        ge=1,
        description=N_("Pilot models a district or province may mark a year."),
    )
    calendar_file: Path | None = Field(
        None,
        description=N_(
            "TOML file of deadlines and reminders; default the one shipped (dvk calendar)."
        ),
    )
    send_per_second: float = Field(
        28.0,
        gt=0,
        le=30,
        description=N_(
            "Messages a second the bot sends at most (Telegram allows about 30; "
            "a margin keeps delivery jitter from tripping its flood limit)."
        ),
    )
    send_chat_interval: float = Field(
        1.1, ge=0, le=60, description=N_("Seconds between two outbox messages to one chat.")
    )
    digest_day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = Field(
        "mon", description=N_("Day of the week the BTV digest goes out.")
    )
    digest_time: str = Field(
        "07:30", description=N_("Time of day the BTV digest goes out (HH:MM).")
    )
    telegram_token: SecretStr | None = Field(
        None, description=N_("Bot token from @BotFather. Without it `dvk run` opens the console.")
    )
    telegram_api_base: str = Field(
        PUBLIC_TELEGRAM_API,
        description=N_(
            "Root of the Bot API server: the bot calls ROOT/bot<token>/<method> "
            "and downloads from ROOT/file/bot<token>/<path>."
        ),
    )
    zalo_token: SecretStr | None = Field(
        None,
        description=N_(
            "Token of the Zalo bot (Zalo Bot Platform). With it `dvk run` serves Zalo too."
        ),
    )
    zalo_api_base: str = Field(
        PUBLIC_ZALO_API,
        description=N_("Root of the Zalo Bot API: the bot calls ROOT/bot<token>/<method>."),
    )
    zalo_webhook_url: str | None = Field(
        None,
        description=N_(
            "Public https URL where Zalo delivers updates; its path is the route on "
            "HTTP_LISTEN. Empty: long polling."
        ),
    )
    zalo_webhook_secret: SecretStr | None = Field(
        None,
        description=N_(
            "Secret Zalo sends back with each webhook update (8-256 of A-Z a-z 0-9 _ -); "
            "empty: one is generated and kept in the database."
        ),
    )
    zalo_send_per_second: float = Field(
        10.0, gt=0, le=100, description=N_("Messages a second the bot sends to Zalo at most.")
    )
    zalo_send_chat_interval: float = Field(
        1.1, ge=0, le=60, description=N_("Seconds between two outbox messages to one Zalo chat.")
    )
    zalo_download_timeout: float = Field(
        20.0,
        gt=0,
        le=300,
        description=N_("Seconds a photo sent on Zalo may take to download, per try."),
    )
    zalo_allow_private_urls: bool = Field(
        False,
        description=N_(
            "Download photos from loopback, private and link-local addresses and over plain "
            "http (tests against a local emulator only)."
        ),
    )
    http_listen: str = Field(
        "127.0.0.1:8080",
        description=N_(
            "host:port of the HTTP server of `dvk run` (webhooks, file links, /healthz)."
        ),
    )
    public_url: str | None = Field(
        None,
        description=N_(
            "Address where people and platforms reach that server (file links); "
            "default http://HTTP_LISTEN."
        ),
    )
    timezone: str = Field("Asia/Ho_Chi_Minh", description=N_("Time zone of dates and schedules."))
    locale: Literal["vi", "en"] = Field(
        "vi", description=N_("Default language of people and of the command line (vi or en).")
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description=N_("Logging level.")
    )
    log_sql: bool = Field(
        False,
        description=N_(
            "Log the SQL statements and their parameters (which hold what people typed); "
            "off by default, whatever the logging level."
        ),
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("telegram_api_base", "zalo_api_base")
    @classmethod
    def _http_root(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value.rstrip("/")

    @field_validator("zalo_webhook_url", "public_url")
    @classmethod
    def _optional_http_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        parsed = urlsplit(value)
        if parsed.scheme not in {"http", "https"} or not parsed.hostname:
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value.rstrip("/") if parsed.path not in {"", "/"} else value

    @field_validator("zalo_webhook_secret")
    @classmethod
    def _secret_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not _SECRET_TOKEN.fullmatch(value.get_secret_value()):
            raise ValueError("must be 8 to 256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("http_listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        host, sep, port = value.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
            raise ValueError(f"{value!r} is not host:port")
        return value

    @field_validator("evidence_url")
    @classmethod
    def _s3_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        S3Location.parse(value)
        return value

    @field_validator("digest_time")
    @classmethod
    def _hh_mm(cls, value: str) -> str:
        hours, _sep, minutes = value.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
            raise ValueError(f"{value!r} is not a time HH:MM")
        return f"{int(hours):02d}:{int(minutes):02d}"

    @field_validator("targets")
    @classmethod
    def _targets(cls, value: str) -> str:
        parse_targets(value)
        return value

    @field_validator("target_per_domain")
    @classmethod
    def _per_domain(cls, value: str) -> str:
        parse_per_domain(value)
        return value

    @field_validator("target_gathering_pct")
    @classmethod
    def _gathering(cls, value: str) -> str:
        parse_gathering(value)
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                f"{value.split('://')[0]!r} is not supported: use sqlite+aiosqlite:// "
                "or postgresql+asyncpg://"
            )
        return value

    @property
    def effective_database_url(self) -> str:
        """The database URL, defaulting to SQLite inside the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'dvk.db').resolve()}"

    @property
    def effective_evidence_dir(self) -> Path:
        """The folder of the local evidence store."""
        return self.evidence_dir or self.data_dir / "evidence"

    @property
    def target_by_level(self) -> dict[str, int]:
        """The yearly model target of each level."""
        return parse_targets(self.targets)

    @property
    def level_targets(self) -> LevelTargets:
        """The default targets of each level (models, each domain, gathering rate)."""
        return LevelTargets(
            parse_targets(self.targets),
            parse_per_domain(self.target_per_domain),
            parse_gathering(self.target_gathering_pct),
        )

    @property
    def evidence_max_bytes(self) -> int:
        """The photo size limit in bytes."""
        return self.evidence_max_mb * 1_000_000

    @property
    def proof_max_bytes(self) -> int:
        """The size limit of a confirming document's PDF in bytes."""
        return self.proof_max_mb * 1_000_000

    @property
    def listen(self) -> tuple[str, int]:
        """The host and port of the HTTP server."""
        host, _sep, port = self.http_listen.rpartition(":")
        return host.strip("[]"), int(port)

    @property
    def effective_public_url(self) -> str:
        """Where the HTTP server is reached from outside (no trailing slash)."""
        return (self.public_url or f"http://{self.http_listen}").rstrip("/")

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The configured time zone."""
        return zoneinfo.ZoneInfo(self.timezone)


@dataclass(frozen=True, slots=True)
class SettingDoc:
    """One row of the configuration table."""

    env: str
    default: str
    help: str


def settings_table() -> list[SettingDoc]:
    """Every setting with its environment variable, default and help text."""
    rows = []
    for name, field in Settings.model_fields.items():
        default = field.default
        shown = "" if default is None else str(default)
        rows.append(SettingDoc(ENV_PREFIX + name.upper(), shown, _(field.description or "")))
    return rows


def masked_url(url: str) -> str:
    """A URL with its password replaced by ``***``."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


@dataclass(frozen=True, slots=True)
class SettingInForce:
    """One setting with the value it has now."""

    env: str
    value: str
    help: str


def settings_in_force(settings: Settings) -> list[SettingInForce]:
    """Every setting with the value it has now: a default shown as what it amounts to (the
    database URL in the data folder, the shipped calendar file, ...), secrets masked."""
    none = _("(none)")
    evidence_dir = settings.effective_evidence_dir.resolve()
    shown: dict[str, str] = {
        "data_dir": str(settings.data_dir.resolve()),
        "database_url": masked_url(settings.effective_database_url),
        "evidence_dir": str(evidence_dir),
        "evidence_url": settings.evidence_url
        or _("(none: photos are kept in the folder {folder})").format(folder=evidence_dir),
        "s3_endpoint_url": settings.s3_endpoint_url or _("(none: Amazon S3)"),
        "calendar_file": str((settings.calendar_file or DEFAULT_CALENDAR).resolve()),
        "telegram_token": "***"
        if settings.telegram_token
        else _("(none: `dvk run` opens the console)"),
        "zalo_token": "***" if settings.zalo_token else _("(none: no Zalo)"),
        "zalo_webhook_url": settings.zalo_webhook_url or _("(none: long polling)"),
        "zalo_webhook_secret": "***"
        if settings.zalo_webhook_secret
        else _("(none: generated and kept in the database)"),
        "public_url": settings.effective_public_url,
        "target_per_domain": settings.target_per_domain or none,
        "target_gathering_pct": settings.target_gathering_pct or none,
    }
    rows = []
    for name, field in Settings.model_fields.items():
        value = getattr(settings, name)
        if name in shown:
            text = shown[name]
        elif name in SECRET_FIELDS:
            text = "***" if value else none
        elif isinstance(value, bool):
            text = "true" if value else "false"
        else:
            text = none if value is None else str(value)
        if name not in settings.model_fields_set:
            text += "  " + _("(default)")
        rows.append(SettingInForce(ENV_PREFIX + name.upper(), text, _(field.description or "")))
    return rows


class SettingsError(DvkError):
    """A setting has a value the program cannot use."""

    message = N_("Configuration error in {variable}: {problem}")


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning a validation failure into one line naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "?"
        raw = error.get("input")
        problem = str(error["msg"]).removeprefix("Value error, ")
        if raw is not None and not isinstance(raw, dict) and field not in SECRET_FIELDS:
            problem = f"{problem} (got {raw!r})"
        raise SettingsError(variable=ENV_PREFIX + field.upper(), problem=problem) from exc


def cli_locale() -> str:
    """The language of the command line, read leniently before the settings are validated."""

    class _LocaleOnly(BaseSettings):
        model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=".env", extra="ignore")
        locale: str = "vi"

    try:
        return _LocaleOnly().locale
    except ValidationError:
        return "vi"
