"""Appraisals, nominees and the units of a mixed scope."""

from __future__ import annotations

import datetime as dt

from domain.registry import Status
from domain.scope import Scope
from storage.appraisals import CriterionResult, Proof, ProofRecord
from storage.evidence import inspect_image, inspect_pdf
from storage.records import PhotoLink
from tests.support.images import jpeg
from tests.support.pdfs import pdf
from tests.support.scoped_world import seed, unit_id
from tests.support.world import World

MB = 1_000_000


async def test_appraisals_and_invites_in_a_scope(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    district = Scope(roots=(s.district,))
    async with pg_world.runtime.database.transaction() as tx:
        waiting = await tx.appraisals.models_with_status(district, [Status.REGISTERED.value])
        assert [m.id for m in waiting] == [s.old, s.road, s.lights]
        everywhere = await tx.appraisals.models_with_status(
            Scope(everything=True), [Status.REGISTERED.value], limit=2
        )
        assert [m.id for m in everywhere] == [s.old, s.road]
        await tx.appraisals.set_status(s.road, Status.RECOGNISED, None, now)
        await tx.appraisals.set_status(s.far, Status.RECOGNISED, None, now)
        assert await tx.appraisals.nominate(s.road, 1, s.lan, now)
        assert await tx.appraisals.nominate(s.far, 1, s.lan, now)
        assert [m.id for m in await tx.appraisals.nominees(district, 1)] == [s.road]
        assert len(await tx.appraisals.nominees(Scope(everything=True), 1)) == 2
        assert await tx.appraisals.nominees(district, 2) == []
        # a subtree, a single unit and a cluster: the union of the three
        mixed = Scope(roots=(s.t4,), units=(s.a1,), clusters=(s.c2,))
        communes = {await unit_id(tx, "BP-BD-DL"), await unit_id(tx, "BP-BD-NB")}
        assert await tx.units.in_scope(mixed) == {s.t4, s.a1, *communes}
        assert {m.id for m in await tx.appraisals.nominees(mixed, 1)} == {s.road, s.far}
        assert await tx.appraisals.nominees(Scope(clusters=(s.c2,)), 1) == []
        without = await tx.accounts.units_without_secretary("branch", district)
        assert [u.code for u in without] == ["BP-DP-DT-TH", "BP-DP-THPT-12A1"]
        assert await tx.accounts.units_without_secretary("branch", Scope()) == []


async def test_the_confirming_document_is_linked_to_the_appraisal(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    met = [CriterionResult(True)] * 5
    data = pdf()
    info = inspect_pdf(data, 10 * MB)
    file = PhotoLink(info.sha256, info.size, 0, 0, info.mime, "quyet-dinh.pdf", now)
    async with pg_world.runtime.database.transaction() as tx:
        proof = Proof(file, "12-QĐ/HĐ", dt.date(2026, 11, 5))
        await tx.appraisals.record(s.road, s.lan, met, "recognise", None, now, proof)
        await tx.appraisals.record(s.old, s.lan, met[:4], "return", "Thiếu văn bản", now)
    async with pg_world.runtime.database.read() as tx:
        latest = await tx.appraisals.latest([s.road, s.old, s.lights])
        photos = await tx.models.photo_hashes(s.road)
    assert set(latest) == {s.road, s.old}
    assert latest[s.road].proof == ProofRecord(
        "12-QĐ/HĐ", dt.date(2026, 11, 5), info.sha256, "application/pdf", "quyet-dinh.pdf"
    )
    assert latest[s.old].proof is None
    assert info.sha256 not in photos  # the document is not one of the model's photos


async def test_a_newer_appraisal_without_a_document_replaces_the_older_one(
    pg_world: World,
) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    photo = jpeg(seed=31)
    info = inspect_image(photo, 10 * MB)
    file = PhotoLink(info.sha256, info.size, info.width, info.height, info.mime, None, now)
    async with pg_world.runtime.database.transaction() as tx:
        proof = Proof(file, "7-CV/ĐTN", dt.date(2026, 10, 1))
        await tx.appraisals.record(s.road, s.lan, [CriterionResult(True)] * 5, "return", "?", now)
        later = now + dt.timedelta(minutes=5)
        await tx.appraisals.record(s.road, s.lan, [CriterionResult(True)] * 5, "recognise", None,
                                   later, proof)  # fmt: skip
    async with pg_world.runtime.database.read() as tx:
        latest = (await tx.appraisals.latest([s.road]))[s.road]
    assert latest.decision == "recognise"
    assert latest.proof is not None and latest.proof.mime == "image/jpeg"
    assert (latest.proof.number, latest.proof.date) == ("7-CV/ĐTN", dt.date(2026, 10, 1))
