"""The models' repository read through a scope: the registry stream."""

from __future__ import annotations

from domain.scope import Scope
from tests.support.scoped_world import SHA, YEAR, seed
from tests.support.world import World


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
