"""Run the real ``dvk`` command in a subprocess, as an administrator would."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path

DVK = str(Path(sys.executable).with_name("dvk"))


@dataclass(frozen=True)
class Result:
    """What a command printed and returned."""

    code: int
    out: str
    err: str


def environment(data_dir: Path, **settings: str) -> dict[str, str]:
    """The process environment with only our own DVK_ settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DVK_")}
    env["DVK_DATA_DIR"] = str(data_dir)
    env.update({f"DVK_{k.upper()}": v for k, v in settings.items()})
    return env


async def dvk(*args: str, env: dict[str, str], stdin: str = "", cwd: Path | None = None) -> Result:
    """Run ``dvk ARGS`` to completion (without blocking the event loop of an emulator)."""
    process = await asyncio.create_subprocess_exec(
        DVK,
        *args,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
        cwd=cwd,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(stdin.encode()), timeout=120)
    except TimeoutError:
        process.kill()  # never leave a stuck command running after the test
        await process.wait()
        raise
    assert process.returncode is not None
    return Result(process.returncode, out.decode(), err.decode())
