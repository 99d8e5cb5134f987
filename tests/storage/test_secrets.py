"""Kept secrets: made once, the same for every later caller and after a restart."""

from __future__ import annotations

import itertools

from tests.support.world import World


async def test_a_secret_is_made_once_and_kept(pg_world: World) -> None:
    made = itertools.count(1)
    now = pg_world.clock.now()

    def make() -> str:
        return f"secret-{next(made)}"

    async with pg_world.runtime.database.transaction() as tx:
        assert await tx.secrets.kept("webhook", make, now) == "secret-1"
        assert await tx.secrets.kept("webhook", make, now) == "secret-1"
        assert await tx.secrets.kept("links", make, now) == "secret-3"
    restarted = pg_world.restarted()
    try:
        async with restarted.database.transaction() as tx:
            assert await tx.secrets.kept("webhook", make, now) == "secret-1"
    finally:
        await restarted.close()
