"""Export benchmark: a province of 2,000 branches and 5,000 models (and ten times as many).

    .venv/bin/python bench/exports.py [--branches 2000 --models 5000]

Each export runs as the real command in its own process (`dvk export models --format xlsx|csv`,
`dvk export report`); the figures are its wall time and the process's peak memory (max RSS).
Streaming shows as memory that hardly grows when the number of models grows tenfold.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storage.db import Database  # noqa: E402

DVK = str(Path(sys.executable).with_name("dvk"))
DOMAINS = ["economy", "culture_society", "defence_security", "political_system"]


def run(*args: str, env: dict[str, str]) -> tuple[float, float]:
    """Run ``dvk ARGS``; return (seconds, peak MB of that process)."""
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.execve(DVK, [DVK, *args], env)
    _pid, status, usage = os.wait4(pid, 0)
    if status != 0:
        raise SystemExit(f"dvk {' '.join(args)} failed")
    return time.monotonic() - started, usage.ru_maxrss / 1024


async def seed(url: str, models: int) -> None:
    database = Database(url)
    now = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    rng = random.Random(7)
    async with database.transaction() as tx:
        branches = [unit.id for unit in await tx.units.all() if unit.level == "branch"]
        await tx.bulk.insert(
            "person",
            [{"id": 1, "name": "Bí thư", "locale": "vi", "created_at": now}],
            ["id"],
        )
        rows = []
        for n in range(models):
            rows.append(
                {
                    "unit_id": rng.choice(branches), "year": 2026,
                    "name": f"Mô hình số {n} — tuyến đường hoa thanh niên 🌸",
                    "owner_kind": "collective", "owner_name": f"Chi đoàn số {n % 997}",
                    "address": "Ấp 1, xã Tân Lập", "domain": rng.choice(DOMAINS),
                    "participants": rng.randrange(10, 200),
                    "effect": "Con đường sạch đẹp, an toàn cho người dân trong ấp",
                    "beneficiaries": rng.randrange(0, 500), "money_vnd": rng.randrange(0, 10**9),
                    "status": "registered", "registered_by": 1,
                    "registered_at": now + dt.timedelta(minutes=n), "updated_at": now,
                }
            )  # fmt: skip
        await tx.bulk.insert("model", rows, ["id"])
    await database.dispose()


async def province(work: Path, branches: int, models: int) -> dict[str, str]:
    units = work / "units.csv"
    lines = ["code,name,level,parent_code,cluster", "P,Tỉnh Đoàn Thử nghiệm,province,,"]
    lines += [f"G{g:03d},Đoàn xã số {g},grassroots,P," for g in range(branches // 20)]
    lines += [
        f"B{b:05d},Chi đoàn số {b},branch,G{b % (branches // 20):03d}," for b in range(branches)
    ]
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DVK_")}
    env.update(DVK_DATA_DIR=str(work / "data"), DVK_LOG_LEVEL="WARNING")
    run("init", env=env)
    run("units", "import", str(units), env=env)
    await seed(f"sqlite+aiosqlite:///{work / 'data' / 'dvk.db'}", models)
    return env


async def main(branches: int, models: int) -> None:
    print("| models | export | seconds | peak memory |")
    print("|---|---|---|---|")
    for count in (models, models * 10):
        work = Path(tempfile.mkdtemp(prefix="dvk-exports-"))
        env = await province(work, branches, count)
        for label, args in (
            ("registry XLSX", ["export", "models", "--format", "xlsx", "-o", str(work / "r.xlsx")]),
            ("registry CSV", ["export", "models", "--format", "csv", "-o", str(work / "r.csv")]),
            (
                "report DOCX",
                [
                    "export",
                    "report",
                    "--unit",
                    "P",
                    "--period",
                    "2026-annual",
                    "-o",
                    str(work / "r.docx"),
                ],
            ),
        ):
            seconds, peak = run(*args, env=env)
            print(f"| {count:,} | {label} | {seconds:.1f} | {peak:.0f} MB |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--branches", type=int, default=2000)
    parser.add_argument("--models", type=int, default=5000)
    options = parser.parse_args()
    asyncio.run(main(options.branches, options.models))
