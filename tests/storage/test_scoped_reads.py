"""The repository methods that read through a scope, on every backend: the registry stream, the
figures of digests and written reports, recipients, deadline gaps, appraisals, invites, bulk loads.

One small world serves them all: in the district of Đồng Phú, Chi đoàn ấp 1 has two models of
2026 (one with a photo and a report) and one of 2025, Chi đoàn ấp 2 a rejected model; in Bù Đăng,
Chi đoàn thôn 4 has one model. Each branch has a secretary; thôn 4's has blocked the bot.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.organisation import Role
from domain.registry import Status
from domain.scope import Scope
from storage.db import Tx
from storage.model_registry import DomainTotals
from storage.periodic_reports import EntryFields, PeriodTotals
from storage.records import ModelFields, PhotoLink
from storage.visit_log import VisitFields
from tests.support.world import World

YEAR = 2026
PERIOD = "2026-annual"
TARGETS = {"branch": 1, "grassroots": 2}
SHA = "ab" * 32


@dataclass(frozen=True, slots=True)
class Seeded:
    """Ids of what :func:`seed` made."""

    district: int
    tan_lap: int
    a1: int
    a2: int
    t4: int
    c2: int
    lan: int
    nam: int
    thu: int
    road: int
    lights: int
    old: int
    rejected: int
    far: int
    before: dt.datetime


def _fields(name: str, domain: str, participants: int, **more: int) -> ModelFields:
    return ModelFields(
        name, "collective", "Chi đoàn", None, None, None, domain, participants, **more
    )


async def _unit(tx: Tx, code: str) -> int:
    unit = await tx.units.by_code(code)
    assert unit is not None
    return unit.id


async def seed(world: World) -> Seeded:
    lan = await world.bind_telegram(501, "BP-DP-TL-A1")
    nam = await world.bind_telegram(502, "BP-DP-TL-A2")
    thu = await world.bind_telegram(504, "BP-BD-DL-T4")
    now = world.clock.now()
    before = now - dt.timedelta(days=1)
    async with world.runtime.database.transaction() as tx:
        district, tan_lap = await _unit(tx, "BP-DP"), await _unit(tx, "BP-DP-TL")
        a1, a2 = await _unit(tx, "BP-DP-TL-A1"), await _unit(tx, "BP-DP-TL-A2")
        t4 = await _unit(tx, "BP-BD-DL-T4")
        c2 = await tx.units.cluster_by_code("C2")
        assert c2 is not None
        road = await tx.models.create(
            a1,
            YEAR,
            _fields("Tuyến đường hoa", "economy", 30, beneficiaries=5, money_vnd=100),
            lan,
            now,
        )
        lights = await tx.models.create(
            a1, YEAR, _fields("Thắp sáng đường quê", "culture_society", 12), lan, now
        )
        old = await tx.models.create(a1, YEAR - 1, _fields("Mô hình cũ", "economy", 9), lan, before)
        rejected = await tx.models.create(a2, YEAR, _fields("Bị từ chối", "economy", 50), nam, now)
        await tx.appraisals.set_status(rejected, Status.REJECTED, None, now, "trùng")
        far = await tx.models.create(t4, YEAR, _fields("Bon xanh", "economy", 40), thu, now)
        photo = PhotoLink(SHA, 10, 4, 3, "image/jpeg", "ảnh", now)
        await tx.models.link_photos([photo], lan, now, model_id=road)
        await tx.periodic_reports.save(
            a1, PERIOD, "Tổng kết năm", [EntryFields(road, "Xong", beneficiaries=50)], lan, now
        )
        blocked = await tx.accounts.account("telegram", "504")
        assert blocked is not None
        await tx.accounts.mark_unreachable(blocked.id, now)
    return Seeded(
        district, tan_lap, a1, a2, t4, c2.id, lan, nam, thu, road, lights, old, rejected, far,
        before,
    )  # fmt: skip


async def test_the_registry_streams_the_models_of_a_scope(pg_world: World) -> None:
    s = await seed(pg_world)
    district = Scope(roots=(s.district,))
    async with pg_world.runtime.database.read() as tx:
        rows = [row async for row in tx.models.registry(district, YEAR)]
        assert [r.model.id for r in rows] == [s.road, s.lights, s.rejected]
        assert [r.unit_code for r in rows] == ["BP-DP-TL-A1", "BP-DP-TL-A1", "BP-DP-TL-A2"]
        assert rows[0].model.photo_count == 1 and rows[0].registered_by_name == "Người 501"
        # every year, everything, one row per batch: still every model, in order
        every = [
            r.model.id async for r in tx.models.registry(Scope(everything=True), None, batch=1)
        ]
        assert every == [s.far, s.old, s.road, s.lights, s.rejected]
        assert [r async for r in tx.models.registry(Scope(), YEAR)] == []
        counts = await tx.models.counts_by_unit_and_domain(district, YEAR)
        assert [code for code, *_rest in counts] == ["BP-DP-TL-A1"] * 2 + ["BP-DP-TL-A2"]
        assert sorted(counts) == [
            ("BP-DP-TL-A1", "Chi đoàn ấp 1", "culture_society", 1),
            ("BP-DP-TL-A1", "Chi đoàn ấp 1", "economy", 1),
            ("BP-DP-TL-A2", "Chi đoàn ấp 2", "economy", 1),
        ]
        everywhere = await tx.models.counts_by_unit_and_domain(Scope(everything=True), None)
        assert sum(n for *_rest, n in everywhere) == 5
        photos = await tx.models.recent_photos(district, YEAR, 4)
        assert [(p.sha256, p.model_name, p.caption) for p in photos] == [
            (SHA, "Tuyến đường hoa", "ảnh")
        ]
        assert await tx.models.recent_photos(Scope(roots=(s.t4,)), YEAR, 4) == []


async def test_the_figures_of_a_written_report(pg_world: World) -> None:
    s = await seed(pg_world)
    district = Scope(roots=(s.district,))
    async with pg_world.runtime.database.read() as tx:
        assert await tx.periodic_reports.period_totals(district, PERIOD) == PeriodTotals(1, 50, 0)
        assert await tx.periodic_reports.period_totals(
            Scope(roots=(s.t4,)), PERIOD
        ) == PeriodTotals(0, 0, 0)
        # the reported beneficiaries replace the registered ones; a rejected model is not counted
        assert await tx.periodic_reports.achieved_by_domain(district, YEAR, PERIOD) == {
            "economy": DomainTotals(1, 30, 50, 100),
            "culture_society": DomainTotals(1, 12, 0, 0),
        }
        everything = await tx.periodic_reports.achieved_by_domain(
            Scope(everything=True), YEAR, PERIOD
        )
        assert everything["economy"] == DomainTotals(2, 70, 50, 100)
        assert await tx.periodic_reports.summaries(district, PERIOD) == [(s.a1, "Tổng kết năm")]
        assert await tx.periodic_reports.summaries(Scope(units=(s.a2,)), PERIOD) == []


async def test_the_figures_of_a_digest(pg_world: World) -> None:
    s = await seed(pg_world)
    district = Scope(roots=(s.district,))
    async with pg_world.runtime.database.transaction() as tx:
        progress = sorted(await tx.digest.target_progress(Scope(roots=(s.tan_lap,)), TARGETS, YEAR))
        # ấp 2's only model was rejected; Tân Lập itself has none and a target of 2
        assert progress == [
            ("Chi đoàn ấp 1", 2, 1),
            ("Chi đoàn ấp 2", 0, 1),
            ("Đoàn xã Tân Lập", 0, 2),
        ]
        done = dict(await tx.digest.report_progress(district, ["branch"], PERIOD))
        assert done["Chi đoàn ấp 1"] and not done["Chi đoàn ấp 2"] and "Chi đoàn thôn 4" not in done
        since = s.before + dt.timedelta(hours=1)
        assert await tx.digest.new_models_by_domain(district, since) == {
            "economy": 2,
            "culture_society": 1,
        }
        assert await tx.digest.new_photos(district, since) == 1
        assert await tx.digest.new_photos(Scope(roots=(s.t4,)), since) == 0
        assert await tx.digest.unreachable_accounts(district) == 0
        assert await tx.digest.unreachable_accounts(Scope(everything=True)) == 1
        assert await tx.digest.last_sent(s.lan) is None
        await tx.digest.record_sent(s.lan, s.before)
        await tx.digest.record_sent(s.lan, since)
        assert await tx.digest.last_sent(s.lan) == since


async def test_recipients_and_the_gaps_of_deadlines(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    async with pg_world.runtime.database.transaction() as tx:
        found = await tx.recipients.of([s.lan, s.nam, s.thu])
        assert sorted(found) == [s.lan, s.nam]  # thu's only account blocked the bot
        assert found[s.lan].chat_id == "501" and found[s.lan].locale == "vi"
        assert await tx.recipients.of([]) == {}
        holders = await tx.recipients.holding(Role.SECRETARY, [s.a1, s.t4])
        assert [(unit, r.person_id) for unit, r in holders] == [(s.a1, s.lan)]
        assert len(await tx.recipients.holding(Role.SECRETARY)) == 2
        gaps = [
            g
            async for g in tx.deadlines.registration_gaps(
                TARGETS, ["branch"], [Role.SECRETARY], YEAR
            )
        ]
        assert [(g.unit_id, g.progress, g.recipient.person_id) for g in gaps] == [(s.a2, 0, s.nam)]
        late = [g async for g in tx.deadlines.report_gaps(["branch"], [Role.SECRETARY], PERIOD)]
        assert [g.unit_id for g in late] == [s.a2]
        btv = await tx.accounts.create_person("Ủy viên", "vi", now)
        await tx.accounts.add_role(btv, Role.BTV, s.district, s.c2, now)
        await tx.accounts.bind("telegram", "600", "600", btv, None, now)
        month = now.date().replace(day=1)
        duc_lieu = await _unit(tx, "BP-BD-DL")
        await tx.visits.log(btv, VisitFields(duc_lieu, month, True, "Tốt", "Tiếp tục"), now)
        (gap,) = await tx.deadlines.visit_gaps(month, now.date())
        # cluster 2 holds the two communes of Bù Đăng; Đức Liễu was visited this month
        assert gap.recipient.person_id == btv and gap.assigned == 2
        assert gap.missing == ("Đoàn xã Nghĩa Bình",)
        (october,) = await tx.deadlines.visit_gaps(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
        assert october.missing == ("Đoàn xã Đức Liễu", "Đoàn xã Nghĩa Bình")  # Vietnamese order


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
        communes = {await _unit(tx, "BP-BD-DL"), await _unit(tx, "BP-BD-NB")}
        assert await tx.units.in_scope(mixed) == {s.t4, s.a1, *communes}
        assert {m.id for m in await tx.appraisals.nominees(mixed, 1)} == {s.road, s.far}
        assert await tx.appraisals.nominees(Scope(clusters=(s.c2,)), 1) == []
        without = await tx.accounts.units_without_secretary("branch", district)
        assert [u.code for u in without] == ["BP-DP-DT-TH", "BP-DP-THPT-12A1"]
        assert await tx.accounts.units_without_secretary("branch", Scope()) == []


async def test_invites_are_listed_by_who_made_them_and_bulk_rows_go_in(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    async with pg_world.runtime.database.transaction() as tx:
        mine = await tx.accounts.create_invite(
            "ABCDEFGHJKMN", Role.SECRETARY, s.a2, None, None, now + dt.timedelta(days=1), now, s.lan
        )
        cli = await tx.accounts.create_invite(
            "ABCDEFGHJKMP", Role.SECRETARY, s.t4, None, None, now + dt.timedelta(days=1), now
        )
        assert [i.id for i in await tx.accounts.invites()] == [mine, cli]
        assert [i.id for i in await tx.accounts.invites(created_by=s.lan)] == [mine]
        assert await tx.accounts.invites(created_by=s.nam) == []
        row = {"id": 9001, "name": "Hàng loạt", "locale": "vi", "created_at": now}
        assert await tx.bulk.insert("person", [row], ["id"]) == 1
        assert await tx.bulk.insert("person", [row], ["id"]) == 0  # a clash is skipped
        person = await tx.accounts.person(9001)
        assert person is not None and person.name == "Hàng loạt"
