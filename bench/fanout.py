"""Fan-out benchmark: 10,000 due reminders to 10,000 chats through the Bot API emulator.

    .venv/bin/python bench/fanout.py [--chats 10000]

It builds a province of N branches (imported with `dvk units import`), gives each branch a
secretary with a Telegram chat, enqueues the registration reminders with
`dvk nudge --at 2027-01-08T08:00`, then runs `dvk outbox send` against the emulator with its flood
limits on (30 messages a second overall, one a second per chat), and reports the rate achieved and
the 429s received. Goal: at least 27 messages a second and no 429.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.organisation import Role  # noqa: E402
from storage.db import Database  # noqa: E402
from tests.support.telegram_emulator import TelegramEmulator  # noqa: E402

DVK = str(Path(sys.executable).with_name("dvk"))


async def run(*args: str, env: dict[str, str]) -> str:
    process = await asyncio.create_subprocess_exec(
        DVK, *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"dvk {' '.join(args)} failed: {err.decode()}")
    return out.decode()


async def seed_people(url: str, chats: int) -> None:
    """One secretary with a Telegram chat per branch (bulk inserts; joining is not measured)."""
    database = Database(url)
    now = dt.datetime.now(dt.UTC)
    async with database.transaction() as tx:
        branches = [unit.id for unit in await tx.units.all() if unit.level == "branch"]
        await tx.bulk.insert(
            "person",
            [
                {"id": i + 1, "name": f"Bí thư {i + 1}", "locale": "vi", "created_at": now}
                for i in range(chats)
            ],
            ["id"],
        )
        await tx.bulk.insert(
            "role_assignment",
            [
                {
                    "person_id": i + 1,
                    "role": Role.SECRETARY.value,
                    "unit_id": branches[i],
                    "created_at": now,
                }
                for i in range(chats)
            ],
            ["id"],
        )
        await tx.bulk.insert(
            "channel_account",
            [
                {
                    "channel": "telegram",
                    "external_user_id": str(100_000 + i),
                    "chat_id": str(100_000 + i),
                    "person_id": i + 1,
                    "created_at": now,
                }
                for i in range(chats)
            ],
            ["channel", "external_user_id"],
        )
    await database.dispose()


async def main(chats: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="dvk-fanout-"))
    units = work / "units.csv"
    lines = ["code,name,level,parent_code,cluster", "P,Tỉnh Đoàn Thử nghiệm,province,,"]
    lines += [f"B{i:05d},Chi đoàn số {i},branch,P," for i in range(chats)]
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    calendar = work / "calendar.toml"  # no quiet hours, so the run does not depend on the hour
    calendar.write_text(
        (ROOT / "domain" / "calendar.toml")
        .read_text(encoding="utf-8")
        .replace('quiet_hours = ["21:00", "07:00"]', 'quiet_hours = ["00:00", "00:00"]'),
        encoding="utf-8",
    )
    async with TelegramEmulator(flood_limits=True) as emulator:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DVK_")}
        env.update(
            DVK_DATA_DIR=str(work / "data"),
            DVK_CALENDAR_FILE=str(calendar),
            DVK_TELEGRAM_TOKEN=emulator.token,
            DVK_TELEGRAM_API_BASE=emulator.root,
            DVK_LOG_LEVEL="WARNING",
        )
        await run("init", env=env)
        await run("units", "import", str(units), env=env)
        await seed_people(f"sqlite+aiosqlite:///{work / 'data' / 'dvk.db'}", chats)
        started = time.monotonic()
        print((await run("nudge", "--at", "2027-01-08T08:00", env=env)).strip())
        print(f"sweep: {time.monotonic() - started:.1f} s for {chats} reminders")
        started = time.monotonic()
        print((await run("outbox", "send", env=env)).strip())
        wall = time.monotonic() - started
    accepted = [r for r in emulator.requests if r.method == "sendMessage" and r.status == 200]
    refused = [r for r in emulator.requests if r.method == "sendMessage" and r.status == 429]
    span = accepted[-1].at - accepted[0].at if len(accepted) > 1 else 0.0
    rate = (len(accepted) - 1) / span if span else 0.0
    worst = max(
        (sum(1 for r in accepted if a.at <= r.at < a.at + 1.0) for a in accepted), default=0
    )
    print(f"delivered {len(accepted)} of {chats} in {span:.1f} s (outbox send took {wall:.1f} s)")
    print(f"rate {rate:.1f} messages/s against the 30/s limit; busiest second {worst}")
    print(f"429 received: {len(refused)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=10_000)
    asyncio.run(main(parser.parse_args().chats))
