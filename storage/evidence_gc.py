"""Clean-up of the evidence store: files that nothing refers to, once they are old enough.

A photo is put in the store as soon as it arrives, before the conversation that received it is
saved; a draft that is cancelled, or a crash in between, leaves a file that no record links to.
Such a file is removed once it has not changed for a while (7 days by default). A file is kept,
however old, while anything refers to its SHA-256: an evidence link (of a model, report, visit
or exemplar, or the document confirming an appraisal, a photo or a PDF), a stored conversation (an
unfinished draft holds its photos in its state) or an outbox message (an announcement's photo).

Running the clean-up twice removes nothing the second time. The candidates are listed before the
references are read, and each file is checked again just before it is removed: a photo sent again
meanwhile counts as new (the stores refresh it), so it is spared.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

import sqlalchemy as sa
from sqlmodel import col, select

from storage.db import Database
from storage.evidence import EvidenceStore, StoredObject
from storage.tables import Conversation, Evidence, EvidenceBlob, Outbox
from storage.units import chunked

DEFAULT_AGE: Final = dt.timedelta(days=7)
GC_LOCK: Final = "dvk:evidence-gc"
SHA256: Final = re.compile(r"[0-9a-f]{64}")
_BATCH: Final = 1000  # old files checked against the database at a time


@dataclass(frozen=True, slots=True)
class Collected:
    """What a clean-up found (and, unless it was a dry run, removed)."""

    orphans: tuple[StoredObject, ...]
    removed: tuple[StoredObject, ...]
    dry_run: bool

    @property
    def size(self) -> int:
        """The bytes of the files found."""
        return sum(orphan.size for orphan in self.orphans)

    @property
    def removed_size(self) -> int:
        """The bytes of the files removed."""
        return sum(orphan.size for orphan in self.removed)


def _hashes_in(value: Any) -> Iterator[str]:
    """Every SHA-256 anywhere in a conversation's state, whatever the flow calls the field."""
    if isinstance(value, str):
        if SHA256.fullmatch(value):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _hashes_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _hashes_in(item)


async def _draft_hashes(database: Database) -> set[str]:
    """The SHA-256 of every photo or PDF a stored conversation holds (drafts are few; states
    stream)."""
    found: set[str] = set()
    async with database.read() as tx:
        states = await tx._session.stream_scalars(select(Conversation.state))
        async for state in states:
            found.update(_hashes_in(state))
    return found


async def _linked(database: Database, hashes: Sequence[str]) -> set[str]:
    """Which of ``hashes`` an evidence link or an outbox message refers to (indexed lookups)."""
    found: set[str] = set()
    async with database.read() as tx:
        session = tx._session  # storage may use the session itself
        for part in chunked(hashes):
            found.update(
                await session.scalars(
                    select(Evidence.sha256).where(col(Evidence.sha256).in_(part)).distinct()
                )
            )
            found.update(
                sha
                for sha in await session.scalars(
                    select(Outbox.photo_sha256).where(col(Outbox.photo_sha256).in_(part)).distinct()
                )
                if sha
            )
    return found


async def _unreferenced(
    database: Database, batch: Sequence[StoredObject], drafts: set[str]
) -> list[StoredObject]:
    """The files of ``batch`` that nothing refers to (temporary leftovers have no SHA-256)."""
    hashes = [found.sha256 for found in batch if found.sha256 is not None]
    linked = await _linked(database, hashes) if hashes else set()
    return [
        found
        for found in batch
        if found.sha256 is None or (found.sha256 not in linked and found.sha256 not in drafts)
    ]


async def _forget_blob_rows(database: Database, hashes: list[str]) -> None:
    """Drop the ``evidence_blob`` rows of removed files that no link refers to."""
    if not hashes:
        return
    async with database.transaction() as tx:
        for part in chunked(hashes):
            unlinked = ~sa.exists().where(col(Evidence.sha256) == EvidenceBlob.sha256)
            await tx._session.execute(
                sa.delete(EvidenceBlob).where(col(EvidenceBlob.sha256).in_(part), unlinked)
            )


async def collect_evidence(
    database: Database,
    store: EvidenceStore,
    now: dt.datetime,
    *,
    older_than: dt.timedelta = DEFAULT_AGE,
    dry_run: bool = False,
) -> Collected:
    """Find, and unless ``dry_run`` remove, the files nothing refers to, older than ``older_than``.

    ``now`` comes from the caller's clock. Leftover temporary files of interrupted writes are
    removed on the same terms.
    """
    cutoff = now - older_than
    # The store may hold millions of photos: the old files are checked a batch at a time against
    # the indexed links, never by loading every reference into memory.
    drafts: set[str] | None = None

    async def unreferenced(batch: Sequence[StoredObject]) -> list[StoredObject]:
        nonlocal drafts
        if drafts is None:  # read once, and only when some file is old enough to go
            drafts = await _draft_hashes(database)
        return await _unreferenced(database, batch, drafts)

    found_orphans: list[StoredObject] = []
    batch: list[StoredObject] = []
    async for found in store.stored():
        if found.modified > cutoff:
            continue
        batch.append(found)
        if len(batch) >= _BATCH:
            found_orphans.extend(await unreferenced(batch))
            batch = []
    if batch:
        found_orphans.extend(await unreferenced(batch))
    orphans = tuple(sorted(found_orphans, key=lambda found: found.key))
    if not orphans:
        return Collected((), (), dry_run)
    if dry_run:
        return Collected(orphans, (), True)
    removed: list[StoredObject] = []
    for orphan in orphans:
        if await store.remove(orphan.key, unless_modified_after=cutoff):
            removed.append(orphan)
    await _forget_blob_rows(database, [r.sha256 for r in removed if r.sha256 is not None])
    return Collected(orphans, tuple(removed), False)
