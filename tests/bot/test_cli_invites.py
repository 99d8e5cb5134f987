"""`dvk invite --all-units`: secretary invites as a spreadsheet, all or nothing; outbox kinds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from storage.clock import FixedClock
from storage.db import Database
from storage.outbox import OutgoingMessage
from tests.support.cli import dvk, environment
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

HEADER = ("Mã đơn vị", "Đơn vị", "Mã mời", "Đường liên kết", "Có hiệu lực đến")


async def organisation(tmp_path: Path) -> tuple[dict[str, str], str]:
    """The sample organisation, Chi đoàn ấp 1 with its secretary, and an announcement queued."""
    clock = FixedClock(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC))
    data = tmp_path / "data"
    url = f"sqlite+aiosqlite:///{data / 'dvk.db'}"
    async with World.open(tmp_path, clock, database_url=url) as world:
        person = await world.bind_telegram(501, "BP-DP-TL-A1")
        async with world.runtime.database.transaction() as tx:
            account = await tx.accounts.account("telegram", "501")
            assert account is not None
            message = OutgoingMessage(
                "announcement:x:p1", "announcement:x", "announcement", person, account.id,
                "telegram", "501", "📣 Thông báo",
            )  # fmt: skip
            await tx.outbox.enqueue([message], clock.now())
    return environment(data), url


async def invite_count(url: str) -> int:
    database = Database(url)
    try:
        async with database.read() as tx:
            return len(await tx.accounts.invites())
    finally:
        await database.dispose()


async def test_bulk_invites_of_the_branches_without_a_secretary(tmp_path: Path) -> None:
    env, url = await organisation(tmp_path)
    out = tmp_path / "invites.xlsx"
    args = ("invite", "--role", "secretary", "--all-units", "--level", "branch")
    result = await dvk(*args, "--under", "bp-dp", "-o", str(out), env=env)
    assert result.code == 0, result.err
    assert "Đã ghi 3 mã mời" in result.out
    assert "cột đường liên kết để trống" in result.out
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.freeze_panes == "A2" and rows[0] == HEADER
    assert rows[1:] == [
        ("BP-DP-DT-TH", "Chi đoàn ấp Thuận Hòa", rows[1][2], None, rows[1][4]),
        ("BP-DP-THPT-12A1", "Chi đoàn lớp 12A1", rows[2][2], None, rows[2][4]),
        ("BP-DP-TL-A2", "Chi đoàn ấp 2", rows[3][2], None, rows[3][4]),
    ]
    for row in rows[1:]:
        assert len(str(row[2])) == 12
        moment = dt.datetime.strptime(str(row[4]), "%d/%m/%Y %H:%M")
        assert moment > dt.datetime.now() + dt.timedelta(days=13)
    assert await invite_count(url) == 3

    # Every branch of the province this time, with the deep links from getMe.
    async with TelegramEmulator() as emulator:
        everywhere = tmp_path / "all.xlsx"
        linked = dict(env, DVK_TELEGRAM_TOKEN=emulator.token, DVK_TELEGRAM_API_BASE=emulator.root)
        result = await dvk(*args, "-o", str(everywhere), env=linked)
    assert result.code == 0, result.err
    rows = list(load_workbook(everywhere).worksheets[0].iter_rows(values_only=True))[1:]
    assert [row[0] for row in rows] == [
        "BP-BD-DL-T4",
        "BP-BD-NB-BK",
        "BP-DP-DT-TH",
        "BP-DP-THPT-12A1",
        "BP-DP-TL-A2",
    ]
    assert all(row[3] == f"https://t.me/dvk_test_bot?start={row[2]}" for row in rows)


async def test_nothing_is_committed_when_the_file_cannot_be_written(tmp_path: Path) -> None:
    env, url = await organisation(tmp_path)
    missing = tmp_path / "no-such-folder" / "invites.xlsx"
    result = await dvk(
        "invite", "--role", "secretary", "--all-units", "--level", "branch", "-o", str(missing),
        env=env,
    )  # fmt: skip
    assert result.code == 1
    assert "Chưa tạo mã mời nào." in result.err
    assert await invite_count(url) == 0
    wrong = await dvk("invite", "--role", "btv", "--all-units", "--level", "branch", env=env)
    assert wrong.code == 2 and "--all-units" in wrong.err


async def test_the_outbox_counts_announcements_as_their_own_kind(tmp_path: Path) -> None:
    env, _url = await organisation(tmp_path)
    result = await dvk("outbox", env=env)
    assert result.code == 0, result.err
    assert "Theo loại:" in result.out
    (line,) = [line for line in result.out.splitlines() if line.startswith("  thông báo:")]
    assert line.endswith(" 1")
