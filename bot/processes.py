"""Who this process is, for the outbox claims it takes, and whether the process behind a claim
has ended, so that a sender starting after a crash takes over at once rather than after a lease.

A process is named ``host:pid:start``. ``start`` tells two processes that had the same pid apart
(a pid is reused after a reboot, or at once in a restarted container): on Linux it is the boot id
and the process's start time, which can be read back for any pid, otherwise a random token.
"""

from __future__ import annotations

import functools
import os
import socket
import uuid
from pathlib import Path
from typing import Final

HOST: Final = socket.gethostname()
_PROC: Final = Path("/proc")


def start_marker(pid: int) -> str | None:
    """The boot id and start time of process ``pid`` (None where ``/proc`` cannot tell)."""
    try:
        boot = (_PROC / "sys/kernel/random/boot_id").read_text().strip()
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # Field 2, the command name, may hold spaces and parentheses: count from the last ")".
    fields = stat.rsplit(")", 1)[-1].split()
    if len(fields) < 20:
        return None
    return f"{boot[:8]}-{fields[19]}"  # field 22 of proc(5), starttime in clock ticks


@functools.cache
def _identity(pid: int) -> str:
    return f"{HOST}:{pid}:{start_marker(pid) or uuid.uuid4().hex[:12]}"


def this_process() -> str:
    """The name of this process (a forked child gets its own)."""
    return _identity(os.getpid())


def is_gone(holder: str) -> bool:
    """Whether the process named ``holder`` has certainly ended.

    Only a process of this host can be checked: it is gone when no process has its pid, or when
    the one that has it started at another moment. A process of another host, or a name that
    cannot be read, is taken to be alive (its claims are kept until their lease runs out).
    """
    host, _sep, rest = holder.partition(":")
    pid_text, _sep, marker = rest.partition(":")
    if host != HOST or not pid_text.isdigit() or int(pid_text) <= 0 or not marker:
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return holder != this_process()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, and someone else's
        pass
    now_there = start_marker(pid)
    return now_there is not None and now_there != marker
