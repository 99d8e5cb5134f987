"""The month's visits per cluster: who visited which unit, what is missing, and the texts."""

from __future__ import annotations

import datetime as dt

from locales import use_locale
from reports.visit_matrix import cluster_months, month_bounds, render_matrix
from tests.e2e.test_visits import cluster_c1
from tests.support.world import World


def test_month_bounds_know_february_and_december() -> None:
    assert month_bounds(2028, 2) == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert month_bounds(2026, 12) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


async def test_each_cluster_month_lists_its_visits_and_what_is_missing(world: World) -> None:
    people = await cluster_c1(world)
    async with world.runtime.database.read() as tx:
        clusters = {c.code: c.id for c in await tx.units.clusters()}
        c1, c2 = await cluster_months(tx, [clusters["C1"], clusters["C2"]], 2026, 11)
        (october,) = await cluster_months(tx, [clusters["C1"]], 2026, 10)
    assert sorted(u.code for u in c1.units) == ["BP-DP-DT", "BP-DP-THPT", "BP-DP-TL"]
    assert len(c1.visits) == 2 and {v.person_id for v in c1.visits} == {people["hoa"]}
    missing = {(m.person_id, u.code) for m, u in c1.missing()}
    assert (people["hoa"], "BP-DP-THPT") in missing and len(missing) == 4
    assert c2.members == () and c2.visits == ()
    assert october.visits == () and len(october.missing()) == 6
    with use_locale("vi"):
        text = render_matrix(c1)
    assert text.splitlines()[0] == "🗓 Cụm thi đua số 1 · tháng 11/2026"
    assert "Lê Thị Hoa: 1 ❌ 2 ✅ 3 ✅ (2/3)" in text
