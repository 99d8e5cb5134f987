"""The unit tree, on each backend: codes matched however typed, subtrees and scopes as sets, and
long id lists cut into short IN lists."""

from __future__ import annotations

from domain.scope import Scope
from storage.units import chunked, normalize_code
from tests.support.world import World


def test_a_code_is_compared_upper_case_without_spaces_with_plain_hyphens() -> None:
    assert normalize_code(" bp - dp – tl\u200b") == "BP-DP-TL"
    assert normalize_code("") == ""
    assert [list(c) for c in chunked([1, 2, 3, 4, 5], 2)] == [[1, 2], [3, 4], [5]]


async def test_subtrees_and_scopes_are_sets_of_units(pg_world: World) -> None:
    async with pg_world.runtime.database.read() as tx:
        district = await tx.units.by_code("bp-dp")
        a1 = await tx.units.by_code("BP-DP-TL-A1 ")
        t4 = await tx.units.by_code("BP-BD-DL-T4")
        assert district is not None and a1 is not None and t4 is not None
        assert await tx.units.by_code("BP-XX") is None
        subtree = await tx.units.subtree_ids([district.id])
        assert len(subtree) == 8 and a1.id in subtree and t4.id not in subtree
        assert await tx.units.in_scope(Scope(everything=True)) is None
        assert await tx.units.in_scope(Scope()) == set()
        assert await tx.units.in_scope(Scope(roots=(district.id,))) == set(subtree)
        assert await tx.units.scope_contains(Scope(roots=(district.id,)), a1.id)
        assert not await tx.units.scope_contains(Scope(units=(a1.id,)), t4.id)
        assert (await tx.units.cluster_by_code(" c1 ")) is not None
        parents = await tx.units.codes_with_parents()
        assert parents["BP-DP-TL-A1"] == "BP-DP-TL" and parents["BP"] is None
