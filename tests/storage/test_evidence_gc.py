"""The clean-up of the evidence store, on the folder and on the bucket, on every database.

Only files that nothing refers to and that are old enough go: not a linked photo, not the document
confirming an appraisal, not a photo an unfinished draft holds, not an announcement's photo
waiting in the outbox, not anything in the folder or bucket that the store did not write.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.scheduler import evidence_gc_job
from storage.appraisals import CriterionResult, Proof
from storage.clock import FixedClock
from storage.evidence import (
    EvidenceStore,
    ImageInfo,
    LocalEvidenceStore,
    S3EvidenceStore,
    S3Location,
    evidence_key,
    inspect_image,
    inspect_pdf,
)
from storage.evidence_gc import collect_evidence
from storage.outbox import OutgoingMessage
from storage.records import ModelFields, PhotoLink
from tests.support.images import jpeg
from tests.support.pdfs import pdf
from tests.support.s3 import ACCESS_KEY, REGION, SECRET_KEY, S3Server, s3_server
from tests.support.world import World

MB = 1_000_000
WEEK = dt.timedelta(days=7)
PREFIX = "dvk/evidence"


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    with s3_server() as server:
        yield server


class Place:
    """A store under test, and a look at it from outside the code under test."""

    def __init__(self, store: EvidenceStore, keys, plant) -> None:  # type: ignore[no-untyped-def]
        self.store = store
        self.keys = keys
        self.plant = plant


@pytest.fixture(params=["folder", "bucket"])
async def place(
    request: pytest.FixtureRequest, tmp_path: Path, s3: S3Server
) -> AsyncIterator[Place]:
    if request.param == "folder":
        root = tmp_path / "evidence"
        store: EvidenceStore = LocalEvidenceStore(root)

        def keys() -> list[str]:
            return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

        def plant(key: str, data: bytes) -> None:
            (root / key).parent.mkdir(parents=True, exist_ok=True)
            (root / key).write_bytes(data)

    else:
        bucket = s3.new_bucket()
        client = s3.client()
        store = S3EvidenceStore(
            S3Location.parse(f"s3://{bucket}/{PREFIX}"),
            endpoint_url=s3.endpoint,
            access_key_id=ACCESS_KEY,
            secret_access_key=SECRET_KEY,
            region=REGION,
        )

        def keys() -> list[str]:
            listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
            return sorted(o["Key"].removeprefix(PREFIX + "/") for o in listed)

        def plant(key: str, data: bytes) -> None:
            client.put_object(Bucket=bucket, Key=f"{PREFIX}/{key}", Body=data)

    yield Place(store, keys, plant)
    await store.close()


async def put(store: EvidenceStore, seed: int) -> ImageInfo:
    data = jpeg(seed=seed)
    info = inspect_image(data, 20 * MB)
    assert await store.put(info, data)
    return info


def link(info: ImageInfo, at: dt.datetime) -> PhotoLink:
    return PhotoLink(info.sha256, info.size, info.width, info.height, info.mime, None, at)


def key(info: ImageInfo) -> str:
    return evidence_key(info.sha256, info.mime)


@pytest.mark.parametrize("batch", [1000, 1], ids=["one-batch", "file-by-file"])
async def test_only_old_files_that_nothing_refers_to_are_removed(
    pg_world: World, place: Place, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the old files are checked against the database a batch at a time: one, or many batches
    monkeypatch.setattr("storage.evidence_gc._BATCH", batch)
    world, store = pg_world, place.store
    linked, drafted, announced, orphan = [await put(store, seed) for seed in (71, 72, 73, 74)]
    place.plant("ab/.incoming-x1y2z3", b"half a photo")  # a write interrupted by a crash
    place.plant("notes.txt", b"not ours")  # something else in the folder or the bucket
    now = dt.datetime.now(dt.UTC)
    person = await world.bind_telegram(4242)
    async with world.runtime.database.transaction() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        fields = ModelFields("Mô hình", "collective", "Chi đoàn", None, None, None, "economy", 9)
        model_id = await tx.models.create(unit.id, 2026, fields, person, now)
        await tx.models.link_photos([link(linked, now)], person, now, model_id=model_id)
        draft = {"mode": "ask", "data": {"name": "Nháp", "photos": [{"sha256": drafted.sha256}]}}
        await tx.conversations.save("telegram", "4242", "register", draft, now)
        account = await tx.accounts.account("telegram", "4242")
        assert account is not None
        message = OutgoingMessage(
            "announce:1:4242", "announce:1", "announcement", person, account.id, "telegram",
            "4242", "Thông báo", photo_sha256=announced.sha256, photo_mime=announced.mime,
        )  # fmt: skip
        await tx.outbox.enqueue([message], now)
    everything = place.keys()
    database = world.runtime.database

    # Nothing is a week old yet.
    young = await collect_evidence(database, store, now)
    assert young.orphans == () and place.keys() == everything

    later = now + WEEK + dt.timedelta(hours=1)
    dry = await collect_evidence(database, store, later, dry_run=True)
    assert [o.key for o in dry.orphans] == sorted([key(orphan), "ab/.incoming-x1y2z3"])
    assert dry.size == orphan.size + len(b"half a photo") and dry.removed == ()
    assert place.keys() == everything

    done = await collect_evidence(database, store, later)
    assert sorted(o.key for o in done.removed) == sorted([key(orphan), "ab/.incoming-x1y2z3"])
    assert place.keys() == sorted([key(linked), key(drafted), key(announced), "notes.txt"])
    again = await collect_evidence(database, store, later)
    assert again.orphans == () and again.removed == ()

    # The draft is cancelled: its photo goes a week after it was stored, not before.
    async with database.transaction() as tx:
        await tx.conversations.delete("telegram", "4242", "register")
    assert (await collect_evidence(database, store, now + dt.timedelta(days=6))).orphans == ()
    gone = await collect_evidence(database, store, later)
    assert [o.key for o in gone.removed] == [key(drafted)]
    assert await store.exists(linked.sha256, linked.mime)
    assert not await store.exists(drafted.sha256, drafted.mime)


async def test_a_photo_sent_again_counts_as_new_and_is_spared(
    sqlite_database, place: Place
) -> None:  # type: ignore[no-untyped-def]
    store = place.store
    info = await put(store, 75)
    (first,) = [o async for o in store.stored()]
    await asyncio.sleep(1.1)  # S3 keeps LastModified to the second
    data = jpeg(seed=75)
    assert await store.put(info, data) is False  # stored once, as before
    (second,) = [o async for o in store.stored()]
    assert second.modified > first.modified
    # a clean-up that listed it before it was sent again checks once more, and keeps it
    assert not await store.remove(key(info), unless_modified_after=first.modified)
    assert await store.get(info.sha256, info.mime) == data
    removed = await collect_evidence(sqlite_database, store, second.modified + WEEK)
    assert [o.key for o in removed.removed] == [key(info)]


async def test_the_daily_job_uses_its_clock_and_runs_once_at_a_time(
    sqlite_database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    store = LocalEvidenceStore(tmp_path / "evidence")
    info = await put(store, 76)
    path = tmp_path / "evidence" / key(info)
    eight_days_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=8)).timestamp()
    os.utime(path, (eight_days_ago, eight_days_ago))
    clock = FixedClock(dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    result = await evidence_gc_job(sqlite_database, store, clock)
    assert result is not None and result.removed == () and path.exists()  # 6 days old then
    async with sqlite_database.exclusive("dvk:evidence-gc"):
        clock.set(dt.datetime.now(dt.UTC))
        assert await evidence_gc_job(sqlite_database, store, clock) is None  # another runs it
    result = await evidence_gc_job(sqlite_database, store, clock)
    assert result is not None and [o.key for o in result.removed] == [key(info)]
    assert not path.exists()


async def test_a_photo_is_linked_once_to_a_record_however_often_it_is_sent(
    pg_world: World,
) -> None:
    world = pg_world
    info = inspect_image(jpeg(seed=77), 20 * MB)
    other = inspect_image(jpeg(seed=78), 20 * MB)
    now = world.clock.now()
    person = await world.bind_telegram(4343)
    async with world.runtime.database.transaction() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        fields = ModelFields("Mô hình", "collective", "Chi đoàn", None, None, None, "economy", 9)
        model_id = await tx.models.create(unit.id, 2026, fields, person, now)
        exemplar_id = await tx.models.create_exemplar(
            unit.id, 2026, "Chị Lan", None, "…", person, now
        )
        photos = [link(info, now), link(info, now)]
        assert await tx.models.link_photos(photos, person, now, model_id=model_id) == 1
        again = [link(info, now), link(other, now)]
        assert await tx.models.link_photos(again, person, now, model_id=model_id) == 1
        assert await tx.models.link_photos(photos, person, now, exemplar_id=exemplar_id) == 1
        assert await tx.models.photo_hashes(model_id) == [info.sha256, other.sha256]
        model = await tx.models.get(model_id)
        exemplar = await tx.models.exemplar(exemplar_id)
    assert model is not None and model.photo_count == 2
    assert exemplar is not None and exemplar.photo_count == 1


async def test_the_document_confirming_an_appraisal_is_kept(pg_world: World, place: Place) -> None:
    world, store = pg_world, place.store
    linked_pdf, orphan_pdf = (inspect_pdf(pdf(title=t), 10 * MB) for t in ("linked", "orphan"))
    for info, title in ((linked_pdf, "linked"), (orphan_pdf, "orphan")):
        assert await store.put(info, pdf(title=title))
    photo = await put(store, 77)  # a photo of the document, the other way to attach one
    now = dt.datetime.now(dt.UTC)
    person = await world.bind_telegram(4243)
    async with world.runtime.database.transaction() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        fields = ModelFields("Mô hình", "collective", "Chi đoàn", None, None, None, "economy", 9)
        model_id = await tx.models.create(unit.id, 2026, fields, person, now)
        met = [CriterionResult(True)] * 5
        for info, width in ((linked_pdf, 0), (photo, photo.width)):
            file = PhotoLink(info.sha256, info.size, width, width, info.mime, None, now)
            proof = Proof(file, "12-QĐ/HĐ", dt.date(2026, 11, 5))
            await tx.appraisals.record(model_id, person, met, "recognise", None, now, proof)
    later = now + WEEK + dt.timedelta(hours=1)
    done = await collect_evidence(world.runtime.database, store, later)
    assert [o.key for o in done.removed] == [f"{orphan_pdf.sha256[:2]}/{orphan_pdf.sha256}.pdf"]
    assert await store.exists(linked_pdf.sha256, linked_pdf.mime)
    assert await store.exists(photo.sha256, photo.mime)
