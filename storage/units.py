"""Units and clusters: the organisation tree."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.errors import DvkError
from domain.i18n import N_
from domain.scope import Scope
from domain.targets import OwnTargets
from storage.records import ClusterRecord, UnitRecord
from storage.sql import non_null
from storage.tables import Cluster, Unit, UnitParent

_CHUNK = 500
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ParentSpell:
    """A spell of a unit under one parent: from ``valid_from`` (None: from the start) until the
    day before ``valid_to`` (None: still)."""

    unit_id: int
    parent: UnitRecord | None
    valid_from: dt.date | None
    valid_to: dt.date | None


def _unit(row: Unit) -> UnitRecord:
    assert row.id is not None
    return UnitRecord(
        row.id,
        row.code,
        row.name,
        row.level,
        row.parent_id,
        row.cluster_id,
        OwnTargets(row.target_models, row.target_per_domain, row.target_gathering_pct),
    )


def _cluster(row: Cluster) -> ClusterRecord:
    assert row.id is not None
    return ClusterRecord(row.id, row.code, row.name)


def normalize_code(code: str) -> str:
    """A unit or cluster code as it is stored and compared: upper case, no spaces or invisible
    characters, any dash a hyphen (`` bp - dp – tl`` is ``BP-DP-TL``)."""
    kept = []
    for ch in unicodedata.normalize("NFC", code):
        category = unicodedata.category(ch)
        if ch.isspace() or category in {"Cc", "Cf"}:
            continue
        kept.append("-" if category == "Pd" else ch)
    return "".join(kept).upper()


def _code_key(column: object) -> sa.ColumnElement[str]:
    """The stored code in SQL as :func:`normalize_code` would write it (codes stored before
    imports normalised them may be in lower case or hold spaces)."""
    return sa.func.upper(sa.func.replace(column, " ", ""))


def chunked(items: Sequence[T], size: int = _CHUNK) -> Iterable[Sequence[T]]:
    """Slices of at most ``size`` items, to keep IN lists short on every backend."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _subtree(root_ids: Sequence[int]) -> sa.Select[int]:
    """The ids of ``root_ids`` and every unit below them (a recursive CTE over ``parent_id``)."""
    tree = (
        sa.select(non_null(Unit.id).label("id"))
        .where(col(Unit.id).in_(list(root_ids)))
        .cte("subtree", recursive=True)
    )
    tree = tree.union_all(sa.select(non_null(Unit.id)).where(col(Unit.parent_id) == tree.c.id))
    return sa.select(tree.c.id)


def _edges_on(day: dt.date) -> sa.Subquery:
    """(child, parent) of every unit as the tree stood on ``day``: the spell in force of a moved
    unit (see ``UnitParent``), ``unit.parent_id`` of a unit that never moved."""
    moved = sa.exists().where(col(UnitParent.unit_id) == Unit.id)
    never_moved: sa.Select[int, int | None] = sa.select(
        non_null(Unit.id).label("child"), col(Unit.parent_id).label("parent")
    ).where(~moved)
    in_force: sa.Select[int, int | None] = sa.select(
        col(UnitParent.unit_id).label("child"), col(UnitParent.parent_id).label("parent")
    ).where(
        sa.or_(col(UnitParent.valid_from).is_(None), col(UnitParent.valid_from) <= day),
        sa.or_(col(UnitParent.valid_to).is_(None), col(UnitParent.valid_to) > day),
    )
    return sa.union_all(never_moved, in_force).subquery("edges")


def _subtree_on(root_ids: Sequence[int], day: dt.date) -> sa.Select[int]:
    """The ids of ``root_ids`` and every unit below them as the tree stood on ``day``.

    UNION, not UNION ALL: moves dated apart may, on some past day, make two units each other's
    parent; the walk then stops at units it has seen instead of looping.
    """
    edges = _edges_on(day)
    tree = (
        sa.select(non_null(Unit.id).label("id"))
        .where(col(Unit.id).in_(list(root_ids)))
        .cte("subtree_on", recursive=True)
    )
    tree = tree.union(sa.select(edges.c.child).join(tree, edges.c.parent == tree.c.id))
    return sa.select(tree.c.id)


def _ids(unit_ids: Sequence[int]) -> sa.Select[int]:
    return sa.select(non_null(Unit.id)).where(col(Unit.id).in_(list(unit_ids)))


def _of_clusters(cluster_ids: Sequence[int]) -> sa.Select[int]:
    return sa.select(non_null(Unit.id)).where(col(Unit.cluster_id).in_(list(cluster_ids)))


def scope_units(scope: Scope, on: dt.date | None = None) -> sa.Select[int] | None:
    """A query of the unit ids in ``scope`` (None: every unit), for the repositories' filters.

    With ``on``, the subtrees of the scope are those of the tree as it stood on that day (the
    figures of a past year: ``domain.unit_moves``); without, today's tree. It never leaves
    ``storage``: callers hand a ``Scope`` to a repository method, which filters with
    :func:`within`.
    """
    if scope.everything:
        return None
    parts: list[sa.Select[int]] = []
    if scope.roots:
        parts.append(_subtree(scope.roots) if on is None else _subtree_on(scope.roots, on))
    if scope.units:
        parts.append(_ids(scope.units))
    if scope.clusters:
        parts.append(_of_clusters(scope.clusters))
    if not parts:
        return _ids(())
    if len(parts) == 1:
        return parts[0]
    return sa.select(sa.union(*parts).subquery().c[0])


def within(column: int | None, scope: Scope, on: dt.date | None = None) -> sa.ColumnElement[bool]:
    """A condition that ``column`` (a unit id) is in ``scope`` (of the tree on ``on``, when
    given: see :func:`scope_units`): always true for everything."""
    query = scope_units(scope, on)
    return sa.true() if query is None else col(column).in_(query)


def _set_targets(row: Unit, own: OwnTargets, columns: Collection[str]) -> bool:
    """Write the named target columns of a unit; whether any value changed."""
    changed = False
    for column in columns:
        value = getattr(own, column.removeprefix("target_"))
        if getattr(row, column) != value:
            setattr(row, column, value)
            changed = True
    return changed


class UnitRepository:
    """Reads and writes of the unit tree and the clusters."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, unit_id: int) -> UnitRecord | None:
        """The unit with this id."""
        row = await self.session.get(Unit, unit_id)
        return _unit(row) if row else None

    async def hold(self, unit_id: int) -> None:
        """Hold the unit's row until the transaction ends, so that writers of the same unit's
        figures (two secretaries registering at once) go one after the other, and the second
        counts the first's model. On SQLite, whose writers already go one at a time, a plain read.
        """
        query = select(Unit.id).where(Unit.id == unit_id).with_for_update()
        await self.session.execute(query)

    async def by_code(self, code: str) -> UnitRecord | None:
        """The unit with this code, however it is typed (case, spaces: see ``normalize_code``)."""
        key = normalize_code(code)
        if not key:
            return None
        query = select(Unit).where(_code_key(Unit.code) == key).order_by(col(Unit.id))
        row = (await self.session.execute(query)).scalars().first()
        return _unit(row) if row else None

    async def existing(self, code: str) -> UnitRecord:
        """The unit with this code (typed by a person); raises ``DvkError`` naming the code."""
        unit = await self.by_code(code)
        if unit is None:
            raise DvkError(N_("There is no unit with the code {code}."), code=code)
        return unit

    async def many(self, unit_ids: Iterable[int]) -> dict[int, UnitRecord]:
        """Units by id."""
        ids = sorted(set(unit_ids))
        found: dict[int, UnitRecord] = {}
        for part in chunked(ids):
            rows = await self.session.scalars(select(Unit).where(col(Unit.id).in_(part)))
            found.update({row.id: _unit(row) for row in rows if row.id is not None})
        return found

    async def count(self) -> int:
        """How many units there are."""
        result = await self.session.execute(select(sa.func.count()).select_from(Unit))
        return int(result.scalar_one())

    async def all(self) -> list[UnitRecord]:
        """Every unit, by code."""
        rows = await self.session.scalars(select(Unit).order_by(Unit.code))
        return [_unit(row) for row in rows]

    async def in_scope(self, scope: Scope) -> set[int] | None:
        """The unit ids in ``scope`` (None: every unit)."""
        query = scope_units(scope)
        if query is None:
            return None
        return {row[0] for row in await self.session.execute(query)}

    async def scope_contains(self, scope: Scope, unit_id: int) -> bool:
        """Whether one unit is in ``scope``."""
        if scope.surely_contains(unit_id):
            return True
        ids = await self.in_scope(scope)
        return ids is not None and unit_id in ids

    async def subtree_ids(self, root_ids: Sequence[int], on: dt.date | None = None) -> list[int]:
        """The ids of ``root_ids`` and every unit below them (in the tree as it stood on ``on``,
        when given; today's tree otherwise)."""
        if not root_ids:
            return []
        query = _subtree(root_ids) if on is None else _subtree_on(root_ids, on)
        rows = await self.session.execute(query)
        return sorted({row[0] for row in rows})

    async def codes_with_parents(self) -> dict[str, str | None]:
        """Every unit code mapped to its parent's code (for the import's cycle check)."""
        parent = sa.orm.aliased(Unit)
        rows = await self.session.execute(
            sa.select(col(Unit.code), col(parent.code)).outerjoin(
                parent, col(Unit.parent_id) == col(parent.id)
            )
        )
        return {
            normalize_code(code): normalize_code(parent_code) if parent_code else None
            for code, parent_code in rows
        }

    async def clusters(self) -> list[ClusterRecord]:
        """Every cluster, by code."""
        rows = await self.session.scalars(select(Cluster).order_by(Cluster.code))
        return [_cluster(row) for row in rows]

    async def cluster_by_code(self, code: str) -> ClusterRecord | None:
        """The cluster with this code, however it is typed (case, spaces)."""
        key = normalize_code(code)
        if not key:
            return None
        query = select(Cluster).where(_code_key(Cluster.code) == key).order_by(col(Cluster.id))
        row = (await self.session.scalars(query)).first()
        return _cluster(row) if row else None

    async def cluster(self, cluster_id: int) -> ClusterRecord | None:
        """The cluster with this id."""
        row = await self.session.get(Cluster, cluster_id)
        return _cluster(row) if row else None

    async def upsert_clusters(
        self, clusters: Sequence[tuple[str, str | None]], now: dt.datetime
    ) -> None:
        """Create clusters by code (normalised), or rename them when a name is given."""
        clusters = [(normalize_code(code), name) for code, name in clusters]
        codes = [code for code, _ in clusters]
        existing: dict[str, Cluster] = {}
        for part in chunked(codes):
            rows = await self.session.scalars(
                select(Cluster).where(_code_key(Cluster.code).in_(part))
            )
            existing.update({normalize_code(row.code): row for row in rows})
        for code, name in clusters:
            row = existing.get(code)
            if row is not None and row.code != code:
                row.code, row.updated_at = code, now
            if row is None:
                row = Cluster(code=code, name=name or code, created_at=now, updated_at=now)
                self.session.add(row)
                existing[code] = row
            elif name and row.name != name:
                row.name = name
                row.updated_at = now
        await self.session.flush()

    async def assign_to_clusters(self, clusters_of: dict[str, str], now: dt.datetime) -> int:
        """Put units (by code) in clusters (by code); returns how many changed."""
        if not clusters_of:
            return 0
        clusters_of = {normalize_code(u): normalize_code(c) for u, c in clusters_of.items()}
        ids = {
            normalize_code(row.code): row.id
            for row in await self.session.scalars(
                select(Cluster).where(
                    _code_key(Cluster.code).in_(sorted(set(clusters_of.values())))
                )
            )
        }
        changed = 0
        for part in chunked(sorted(clusters_of)):
            for row in await self.session.scalars(
                select(Unit).where(_code_key(Unit.code).in_(part))
            ):
                cluster_id = ids[clusters_of[normalize_code(row.code)]]
                if row.cluster_id != cluster_id:
                    row.cluster_id, row.updated_at = cluster_id, now
                    changed += 1
        await self.session.flush()
        return changed

    async def upsert_units(
        self,
        units: Sequence[tuple[str, str, str, str | None, str | None]],
        now: dt.datetime,
        *,
        targets: Mapping[str, tuple[OwnTargets, Collection[str]]] | None = None,
    ) -> tuple[int, int]:
        """Create or update units by code: ``(code, name, level, parent_code, cluster_code)``.

        Parents and clusters must exist in the database or among ``units``; the caller checked.
        ``targets`` gives, by code, a unit's own targets and the columns of them to write
        (``target_models``, ...): the others keep their stored value.
        Returns how many units were created and how many changed.
        """
        wanted_targets = {normalize_code(code): value for code, value in (targets or {}).items()}
        units = [
            (
                normalize_code(code),
                name,
                level,
                normalize_code(parent) if parent else None,
                normalize_code(cluster) if cluster else None,
            )
            for code, name, level, parent, cluster in units
        ]
        codes = [u[0] for u in units]
        wanted = set(codes) | {u[3] for u in units if u[3]}
        existing: dict[str, Unit] = {}
        for part in chunked(sorted(wanted)):
            rows = await self.session.scalars(select(Unit).where(_code_key(Unit.code).in_(part)))
            existing.update({normalize_code(row.code): row for row in rows})
        cluster_ids: dict[str, int] = {}
        cluster_codes = sorted({u[4] for u in units if u[4]})
        for part in chunked(cluster_codes):
            rows = await self.session.scalars(
                select(Cluster).where(_code_key(Cluster.code).in_(part))
            )
            cluster_ids.update(
                {normalize_code(row.code): row.id for row in rows if row.id is not None}
            )

        created: set[str] = set()
        for code, name, level, _parent, _cluster_code in units:
            if code in existing and existing[code].code != code:
                existing[code].code = code  # stored before codes were normalised
            if code not in existing:
                existing[code] = Unit(
                    code=code, name=name, level=level, created_at=now, updated_at=now
                )
                self.session.add(existing[code])
                created.add(code)
        await self.session.flush()

        changed = 0
        for code, name, level, parent_code, cluster_code in units:
            row = existing[code]
            parent_id = existing[parent_code].id if parent_code else None
            cluster_id = cluster_ids[cluster_code] if cluster_code else None
            values = (name, level, parent_id, cluster_id)
            touched = (row.name, row.level, row.parent_id, row.cluster_id) != values
            if touched:
                row.name, row.level, row.parent_id, row.cluster_id = values
            if code in wanted_targets:
                touched = _set_targets(row, *wanted_targets[code]) or touched
            if touched:
                row.updated_at = now
                changed += code not in created
        await self.session.flush()
        return len(created), changed

    async def last_moves(self, codes: Sequence[str]) -> dict[str, dt.date]:
        """The day of the latest move of each unit (by code) that has moved."""
        keys = sorted({normalize_code(code) for code in codes})
        found: dict[str, dt.date] = {}
        for part in chunked(keys):
            rows = await self.session.execute(
                sa.select(col(Unit.code), col(UnitParent.valid_from))
                .join(UnitParent, col(UnitParent.unit_id) == Unit.id)
                .where(
                    _code_key(Unit.code).in_(part),
                    col(UnitParent.valid_to).is_(None),
                    col(UnitParent.valid_from).isnot(None),
                )
            )
            found.update({normalize_code(code): day for code, day in rows if day is not None})
        return found

    async def record_moves(
        self, moves: Sequence[tuple[str, str | None, dt.date]], now: dt.datetime
    ) -> None:
        """Write the history of units that moved: ``(code, old parent code, day)``, the unit
        already under its new parent (``upsert_units``). The spell in force ends on ``day``
        and one under the new parent begins; a unit's first move also writes the spell it had
        from the start. A second move on the same day corrects that day's move."""
        if not moves:
            return
        codes = sorted(
            {normalize_code(c) for c, _old, _day in moves}
            | {normalize_code(old) for _c, old, _day in moves if old}
        )
        rows: dict[str, Unit] = {}
        for part in chunked(codes):
            found = await self.session.scalars(select(Unit).where(_code_key(Unit.code).in_(part)))
            rows.update({normalize_code(row.code): row for row in found})
        unit_ids = [_stored_id(rows[normalize_code(code)]) for code, _old, _day in moves]
        open_spells: dict[int, UnitParent] = {}
        for id_part in chunked(unit_ids):
            spells = await self.session.scalars(
                select(UnitParent).where(
                    col(UnitParent.unit_id).in_(id_part), col(UnitParent.valid_to).is_(None)
                )
            )
            open_spells.update({spell.unit_id: spell for spell in spells})
        for (code, old, day), unit_id in zip(moves, unit_ids, strict=True):
            new_parent = rows[normalize_code(code)].parent_id
            spell = open_spells.get(unit_id)
            if spell is not None and spell.valid_from == day:
                spell.parent_id, spell.recorded_at = new_parent, now
                continue
            if spell is None:
                old_parent = rows[normalize_code(old)].id if old else None
                self.session.add(
                    UnitParent(unit_id=unit_id, parent_id=old_parent, valid_to=day, recorded_at=now)
                )
            else:
                spell.valid_to = day
            spell = UnitParent(
                unit_id=unit_id, parent_id=new_parent, valid_from=day, recorded_at=now
            )
            self.session.add(spell)
            open_spells[unit_id] = spell
        await self.session.flush()

    async def spells(self, unit_id: int) -> list[ParentSpell]:
        """The parents a unit had, oldest first (empty: it never moved)."""
        rows = list(
            await self.session.scalars(
                select(UnitParent)
                .where(UnitParent.unit_id == unit_id)
                .order_by(col(UnitParent.valid_to).is_(None), col(UnitParent.valid_to))
            )
        )
        parents = await self.many(row.parent_id for row in rows if row.parent_id is not None)
        return [
            ParentSpell(
                unit_id,
                parents.get(row.parent_id) if row.parent_id is not None else None,
                row.valid_from,
                row.valid_to,
            )
            for row in rows
        ]

    async def parent_on(self, unit_id: int, day: dt.date) -> UnitRecord | None:
        """The parent a unit had on ``day`` (its current one if it never moved)."""
        edges = _edges_on(day)
        parent_id = (
            await self.session.execute(sa.select(edges.c.parent).where(edges.c.child == unit_id))
        ).scalar_one_or_none()
        return await self.get(parent_id) if parent_id is not None else None


def _stored_id(row: Unit) -> int:
    """The id of a stored unit."""
    assert row.id is not None
    return row.id
