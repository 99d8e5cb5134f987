"""People, invites and inbound bookkeeping, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib

import sqlalchemy as sa

from bot.runtime import SAMPLE_ORGANISATION
from domain.organisation import Role
from storage.accounts import (
    CODE_ALPHABET,
    CODE_LENGTH,
    hash_code,
    looks_like_code,
    new_invite_code,
    normalize_code,
)
from storage.db import Database
from storage.invites import issue_invite
from storage.org_import import import_units

NOW = dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC)


def test_codes_are_random_url_safe_and_forgiving_to_type() -> None:
    codes = {new_invite_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == CODE_LENGTH >= 10
        assert set(code) <= set(CODE_ALPHABET)
        assert looks_like_code(code)
    code = "7K3M9QXR2T5A"
    assert normalize_code(" 7k3m-9qxr-2t5a ") == code
    assert normalize_code("7K3M9QXR2T5A".replace("0", "O")) == code
    assert hash_code("7k3m 9qxr 2t5a") == hashlib.sha256(code.encode()).hexdigest()


async def test_an_invite_is_stored_hashed_and_used_once(database: Database) -> None:
    await import_units(database, SAMPLE_ORGANISATION, NOW)
    async with database.transaction() as tx:
        code, invite = await issue_invite(
            tx,
            role=Role.SECRETARY,
            unit_code="BP-DP-TL-A1",
            cluster_code=None,
            name="Lan",
            expires_at=NOW + dt.timedelta(days=1),
            now=NOW,
        )
        person = await tx.accounts.create_person("Lan", "vi", NOW)
    async with database.engine.connect() as connection:  # what is on disk, not a record
        stored = (await connection.execute(sa.text("SELECT code_hash FROM invite"))).scalars().all()
    assert stored == [hash_code(code)] and code not in stored[0]
    async with database.transaction() as tx:
        assert await tx.accounts.claim_invite(invite.id, person, NOW)
        assert not await tx.accounts.claim_invite(invite.id, person, NOW)


async def test_an_expired_invite_cannot_be_claimed(database: Database) -> None:
    await import_units(database, SAMPLE_ORGANISATION, NOW)
    async with database.transaction() as tx:
        _code, invite = await issue_invite(
            tx,
            role=Role.BTV,
            unit_code="BP-DP",
            cluster_code=None,
            name=None,
            expires_at=NOW + dt.timedelta(hours=1),
            now=NOW,
        )
        person = await tx.accounts.create_person("Bình", "vi", NOW)
        assert not await tx.accounts.claim_invite(invite.id, person, NOW + dt.timedelta(hours=2))


async def test_two_chats_racing_for_one_invite_get_it_once(database: Database) -> None:
    await import_units(database, SAMPLE_ORGANISATION, NOW)
    async with database.transaction() as tx:
        _code, invite = await issue_invite(
            tx,
            role=Role.SECRETARY,
            unit_code="BP-DP-TL-A2",
            cluster_code=None,
            name=None,
            expires_at=NOW + dt.timedelta(days=1),
            now=NOW,
        )
        people = [await tx.accounts.create_person(n, "vi", NOW) for n in ("A", "B")]

    async def claim(person_id: int) -> bool:
        async with database.transaction() as tx:
            return await tx.accounts.claim_invite(invite.id, person_id, NOW)

    results = await asyncio.gather(*(claim(p) for p in people))
    assert sorted(results) == [False, True]


async def test_a_redelivered_update_is_recognised(database: Database) -> None:
    async with database.transaction() as tx:
        assert await tx.conversations.first_delivery("telegram", 42, NOW)
    async with database.transaction() as tx:
        assert not await tx.conversations.first_delivery("telegram", 42, NOW)
        assert await tx.conversations.first_delivery("zalo", 42, NOW)


async def test_conversation_state_is_kept_with_one_active_per_chat(database: Database) -> None:
    async with database.transaction() as tx:
        repo = tx.conversations
        await repo.save("telegram", "1", "register", {"data": {"name": "Đường hoa 🌸"}}, NOW)
        await repo.save("telegram", "1", "lang", {"data": {}}, NOW)
    async with database.read() as tx:
        stored = await tx.conversations.all_in_chat("telegram", "1")
    assert [(c.flow, c.active) for c in stored] == [("lang", True), ("register", False)]
    assert stored[1].state == {"data": {"name": "Đường hoa 🌸"}}


async def test_wrong_codes_block_a_chat_for_a_while(database: Database) -> None:
    window, block = dt.timedelta(minutes=15), dt.timedelta(minutes=15)
    async with database.transaction() as tx:
        repo = tx.conversations
        for _ in range(5):
            await repo.record_join_failure(
                "telegram", "9", NOW, window=window, limit=5, block=block
            )
        assert await repo.join_blocked_until("telegram", "9", NOW) == NOW + block
        assert await repo.join_blocked_until("telegram", "9", NOW + block) is None
