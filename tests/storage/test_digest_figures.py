"""The figures of a digest, read through a scope."""

from __future__ import annotations

import datetime as dt

from domain.scope import Scope
from tests.support.scoped_world import PERIOD, YEAR, seed
from tests.support.world import World


async def test_the_figures_of_a_digest(pg_world: World) -> None:
    s = await seed(pg_world)
    district = Scope(roots=(s.district,))
    async with pg_world.runtime.database.transaction() as tx:
        progress = await tx.digest.target_progress(Scope(roots=(s.tan_lap,)), YEAR)
        # ấp 2's only model was rejected; Tân Lập itself has none
        assert sorted((p.unit.name, p.registered, p.unit.level) for p in progress) == [
            ("Chi đoàn ấp 1", 2, "branch"),
            ("Chi đoàn ấp 2", 0, "branch"),
            ("Đoàn xã Tân Lập", 0, "grassroots"),
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


async def test_the_coverage_matrix_counts_each_subtree_by_domain(pg_world: World) -> None:
    s = await seed(pg_world)
    async with pg_world.runtime.database.read() as tx:
        district = await tx.digest.domain_matrix(Scope(roots=(s.district,)), YEAR)
        commune = await tx.digest.domain_matrix(Scope(roots=(s.tan_lap,)), YEAR)
        leaf = await tx.digest.domain_matrix(Scope(roots=(s.a1,)), None)
        everything = await tx.digest.domain_matrix(Scope(everything=True), YEAR)
    # Đồng Phú's three communes: Tân Lập's subtree holds ấp 1's two models of 2026
    assert {p.unit.code: dict(p.by_domain) for p in district} == {
        "BP-DP-TL": {"economy": 1, "culture_society": 1},
        "BP-DP-DT": {},
        "BP-DP-THPT": {},
    }
    assert {p.unit.code: p.registered for p in commune} == {"BP-DP-TL-A1": 2, "BP-DP-TL-A2": 0}
    # a leaf at the top is a row of its own; every year: the 2025 model too
    assert [(p.unit.code, p.registered, p.domains) for p in leaf] == [
        ("BP-DP-TL-A1", 3, frozenset({"economy", "culture_society"}))
    ]
    # the whole organisation: the districts below the province
    assert {p.unit.code: p.registered for p in everything} == {"BP-DP": 2, "BP-BD": 1}
