"""People, their roles, their messenger accounts, and the invites that create them."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from typing import Final

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.organisation import Role
from domain.scope import Scope
from storage.records import AccountRecord, InviteRecord, PersonRecord, RoleRecord, UnitRecord
from storage.sql import cursor, non_null
from storage.tables import ChannelAccount, Invite, Person, RoleAssignment, Unit
from storage.units import _unit, chunked, within

# Crockford's base32: no I, L, O or U, so a code read aloud or typed on a phone survives.
CODE_ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH: Final = 12  # 60 bits
_LOOKALIKES: Final = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_invite_code() -> str:
    """A fresh random invite code: 12 characters of Crockford base32 (URL-safe, unambiguous)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(typed: str) -> str:
    """A code as typed (any case, spaces, dashes, look-alike letters) in its canonical form."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    return cleaned.translate(_LOOKALIKES)


def looks_like_code(typed: str) -> bool:
    """Whether a message could be an invite code (so that it is checked, and counted if wrong)."""
    code = normalize_code(typed)
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


def hash_code(code: str) -> str:
    """The stored form of a code: SHA-256 of its canonical form."""
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def _account(row: ChannelAccount) -> AccountRecord:
    assert row.id is not None
    return AccountRecord(
        row.id, row.channel, row.external_user_id, row.chat_id, row.person_id, row.unreachable_at
    )


def _invite(row: Invite) -> InviteRecord:
    assert row.id is not None
    return InviteRecord(
        row.id,
        Role(row.role),
        row.unit_id,
        row.cluster_id,
        row.name,
        row.expires_at,
        row.used_at,
        row.created_by,
        row.person_id,
    )


class AccountRepository:
    """Reads and writes of people, roles, accounts and invites."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def person(self, person_id: int) -> PersonRecord | None:
        """A person with their roles."""
        return (await self.people([person_id])).get(person_id)

    async def people(self, person_ids: Iterable[int]) -> dict[int, PersonRecord]:
        """People with their roles, by id."""
        ids = sorted(set(person_ids))
        found: dict[int, PersonRecord] = {}
        for part in chunked(ids):
            rows = list(await self.session.scalars(select(Person).where(col(Person.id).in_(part))))
            roles: dict[int, list[RoleRecord]] = {}
            assigned = await self.session.scalars(
                select(RoleAssignment)
                .where(col(RoleAssignment.person_id).in_(part))
                .order_by(col(RoleAssignment.id))
            )
            for role in assigned:
                roles.setdefault(role.person_id, []).append(
                    RoleRecord(Role(role.role), role.unit_id, role.cluster_id)
                )
            for row in rows:
                assert row.id is not None
                found[row.id] = PersonRecord(
                    row.id, row.name, row.locale, tuple(roles.get(row.id, ()))
                )
        return found

    async def create_person(self, name: str, locale: str, now: dt.datetime) -> int:
        """A new person; returns the id."""
        row = Person(name=name, locale=locale, created_at=now)
        self.session.add(row)
        await self.session.flush()
        assert row.id is not None
        return row.id

    async def set_locale(self, person_id: int, locale: str) -> None:
        """Change the language a person reads."""
        await self.session.execute(
            sa.update(Person).where(col(Person.id) == person_id).values(locale=locale)
        )

    async def add_role(
        self,
        person_id: int,
        role: Role,
        unit_id: int | None,
        cluster_id: int | None,
        now: dt.datetime,
    ) -> bool:
        """Give a person a role (a role held already is not doubled); True when it was new."""
        held = await self.session.scalars(
            select(RoleAssignment).where(
                RoleAssignment.person_id == person_id,
                RoleAssignment.role == role.value,
                col(RoleAssignment.unit_id).is_(None)
                if unit_id is None
                else RoleAssignment.unit_id == unit_id,
                col(RoleAssignment.cluster_id).is_(None)
                if cluster_id is None
                else RoleAssignment.cluster_id == cluster_id,
            )
        )
        if held.first() is not None:
            return False
        self.session.add(
            RoleAssignment(
                person_id=person_id,
                role=role.value,
                unit_id=unit_id,
                cluster_id=cluster_id,
                created_at=now,
            )
        )
        await self.session.flush()
        return True

    async def _account_row(self, channel: str, external_user_id: str) -> ChannelAccount | None:
        query = select(ChannelAccount).where(
            ChannelAccount.channel == channel, ChannelAccount.external_user_id == external_user_id
        )
        return (await self.session.scalars(query)).first()

    async def account(self, channel: str, external_user_id: str) -> AccountRecord | None:
        """The account of a messenger user, if bound."""
        row = await self._account_row(channel, external_user_id)
        return _account(row) if row else None

    async def bind(
        self,
        channel: str,
        external_user_id: str,
        chat_id: str,
        person_id: int,
        display_name: str | None,
        now: dt.datetime,
    ) -> AccountRecord:
        """Bind a messenger account to a person (rebinding moves it to the new person)."""
        row = await self._account_row(channel, external_user_id)
        if row is None:
            row = ChannelAccount(
                channel=channel,
                external_user_id=external_user_id,
                chat_id=chat_id,
                person_id=person_id,
                display_name=display_name,
                created_at=now,
            )
            self.session.add(row)
        else:
            row.chat_id, row.person_id, row.unreachable_at = chat_id, person_id, None
            row.display_name = display_name or row.display_name
        await self.session.flush()
        return _account(row)

    async def accounts_of(self, person_ids: Sequence[int]) -> dict[int, list[AccountRecord]]:
        """Every account of each person (a person may use several channels)."""
        found: dict[int, list[AccountRecord]] = {}
        for part in chunked(sorted(set(person_ids))):
            rows = await self.session.scalars(
                select(ChannelAccount)
                .where(col(ChannelAccount.person_id).in_(part))
                .order_by(col(ChannelAccount.id))
            )
            for row in rows:
                found.setdefault(row.person_id, []).append(_account(row))
        return found

    async def mark_unreachable(self, account_id: int, now: dt.datetime) -> None:
        """The person blocked the bot on this account."""
        await self.session.execute(
            sa.update(ChannelAccount)
            .where(col(ChannelAccount.id) == account_id)
            .values(unreachable_at=now)
        )

    async def seen(self, account_id: int, now: dt.datetime) -> None:
        """The person wrote from this account now: it is the one the bot writes to first, and
        it is reachable again if it was not."""
        await self.session.execute(
            sa.update(ChannelAccount)
            .where(col(ChannelAccount.id) == account_id)
            .values(last_seen_at=now, unreachable_at=None)
        )

    async def create_invite(
        self,
        code: str,
        role: Role,
        unit_id: int | None,
        cluster_id: int | None,
        name: str | None,
        expires_at: dt.datetime,
        now: dt.datetime,
        created_by: int | None = None,
    ) -> int:
        """Store an invite under the hash of its code; returns the id.

        ``created_by`` is the person who made it in the chat (None: the command line).
        """
        row = Invite(
            code_hash=hash_code(code),
            role=role.value,
            unit_id=unit_id,
            cluster_id=cluster_id,
            name=name,
            created_at=now,
            expires_at=expires_at,
            created_by=created_by,
        )
        self.session.add(row)
        await self.session.flush()
        assert row.id is not None
        return row.id

    async def create_link(
        self, code: str, person: PersonRecord, expires_at: dt.datetime, now: dt.datetime
    ) -> int:
        """Store a link code: typed in another messenger, it binds that account to ``person``
        (with the roles they hold already); returns the id."""
        first = person.roles[0] if person.roles else None
        row = Invite(
            code_hash=hash_code(code),
            role=(first.role if first else Role.SECRETARY).value,
            unit_id=first.unit_id if first else None,
            cluster_id=first.cluster_id if first else None,
            name=person.name,
            created_at=now,
            expires_at=expires_at,
            created_by=person.id,
            person_id=person.id,
        )
        self.session.add(row)
        await self.session.flush()
        assert row.id is not None
        return row.id

    async def create_unit_invites(
        self,
        codes: Sequence[tuple[int, str]],
        role: Role,
        expires_at: dt.datetime,
        now: dt.datetime,
        created_by: int | None = None,
    ) -> list[InviteRecord]:
        """Store one invite per ``(unit id, code)`` in one flush (a province's branches at once,
        not a statement per unit); returns the records in the same order."""
        rows = [
            Invite(
                code_hash=hash_code(code),
                role=role.value,
                unit_id=unit_id,
                created_at=now,
                expires_at=expires_at,
                created_by=created_by,
            )
            for unit_id, code in codes
        ]
        self.session.add_all(rows)
        await self.session.flush()
        return [_invite(row) for row in rows]

    async def units_without_secretary(self, level: str, scope: Scope) -> list[UnitRecord]:
        """Units of ``level`` in ``scope`` with no bound secretary, by code.

        A secretary is bound when they hold the role in the unit and have a messenger account.
        """
        bound = (
            sa.select(non_null(RoleAssignment.unit_id))
            .join(ChannelAccount, col(ChannelAccount.person_id) == RoleAssignment.person_id)
            .where(
                col(RoleAssignment.role) == Role.SECRETARY.value,
                col(RoleAssignment.unit_id).isnot(None),
            )
        )
        query = select(Unit).where(
            Unit.level == level, col(Unit.id).not_in(bound), within(Unit.id, scope)
        )
        rows = await self.session.scalars(query.order_by(col(Unit.code)))
        return [_unit(row) for row in rows]

    async def invite_for_code(self, code: str) -> InviteRecord | None:
        """The invite a typed code stands for, if any."""
        row = (
            await self.session.scalars(select(Invite).where(Invite.code_hash == hash_code(code)))
        ).first()
        return _invite(row) if row else None

    async def invite(self, invite_id: int) -> InviteRecord | None:
        """An invite by id."""
        row = await self.session.get(Invite, invite_id)
        return _invite(row) if row else None

    async def invites(self, *, created_by: int | None = None) -> list[InviteRecord]:
        """Every invite (made by ``created_by`` in the chat, when given), oldest first."""
        query = select(Invite).order_by(col(Invite.id))
        if created_by is not None:
            query = query.where(Invite.created_by == created_by)
        return [_invite(row) for row in await self.session.scalars(query)]

    async def claim_invite(self, invite_id: int, person_id: int, now: dt.datetime) -> bool:
        """Use an invite up, atomically; False when it was used or expired meanwhile."""
        result = await self.session.execute(
            sa.update(Invite)
            .where(
                col(Invite.id) == invite_id,
                col(Invite.used_at).is_(None),
                col(Invite.expires_at) > now,
            )
            .values(used_at=now, used_by_person_id=person_id)
        )
        return bool(cursor(result).rowcount)
