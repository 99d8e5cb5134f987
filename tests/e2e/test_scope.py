"""Nobody sees or acts on a model outside their scope, whatever ids they type or forge."""

from __future__ import annotations

from openpyxl import load_workbook

from conversations.messages import Inbound, Reply
from domain.organisation import Role
from domain.scope import Scope, scope_of
from storage.records import PersonRecord, RoleRecord
from tests.support.people import join_console
from tests.support.seed import seed_district
from tests.support.world import World


async def send(
    world: World, chat: str, text: str | None = None, choice: str | None = None
) -> list[Reply]:
    return await world.runtime.dispatcher.handle(
        Inbound(channel="console", chat_id=chat, user_id=chat, text=text, choice=choice)
    )


async def text_of(world: World, chat: str, text: str) -> str:
    return "\n".join(r.text for r in await send(world, chat, text))


async def test_the_scope_of_each_role(world: World) -> None:
    async with world.runtime.database.read() as tx:
        district = await tx.units.by_code("BP-DP")
        branch = await tx.units.by_code("BP-DP-TL-A1")
        cluster = await tx.units.cluster_by_code("C2")
        assert district and branch and cluster
        btv = scope_of(PersonRecord(1, "A", "vi", (RoleRecord(Role.BTV, district.id, None),)))
        secretary = scope_of(
            PersonRecord(2, "B", "vi", (RoleRecord(Role.SECRETARY, branch.id, None),))
        )
        lead = scope_of(
            PersonRecord(3, "C", "vi", (RoleRecord(Role.CLUSTER_LEAD, None, cluster.id),))
        )
        admin = scope_of(PersonRecord(4, "D", "vi", (RoleRecord(Role.ADMIN, None, None),)))
        names = {}
        for key, scope in (("btv", btv), ("secretary", secretary), ("lead", lead)):
            ids = await tx.units.in_scope(scope)
            assert ids is not None
            found = await tx.units.many(ids)
            names[key] = sorted(unit.code for unit in found.values())
        assert await tx.units.in_scope(admin) is None and admin.everything
        assert await tx.units.in_scope(Scope()) == set()
    assert names["btv"] == sorted(
        ["BP-DP", "BP-DP-TL", "BP-DP-DT", "BP-DP-THPT", "BP-DP-TL-A1", "BP-DP-TL-A2",
         "BP-DP-DT-TH", "BP-DP-THPT-12A1"]
    )  # fmt: skip
    assert names["secretary"] == ["BP-DP-TL-A1"]
    assert names["lead"] == ["BP-BD-DL", "BP-BD-NB"]


async def test_secretaries_cannot_use_the_committees_commands(world: World) -> None:
    await join_console(world, "sec", unit="BP-DP-TL-A1")
    for command in ("/review", "/nominate", "/nominees", "/digest"):
        reply = await text_of(world, "sec", command)
        assert "không dành cho vai trò của bạn" in reply, command


async def test_a_btv_member_of_another_district_sees_and_acts_on_nothing_here(world: World) -> None:
    seeded = await seed_district(world)
    await join_console(world, "bd", Role.BTV, "BP-BD", name="Ủy viên Bù Đăng")
    listing = await text_of(world, "bd", "/review")
    assert "Mô hình ngoài huyện" in listing
    assert all(name not in listing for name in seeded.models if name != "Mô hình ngoài huyện")
    forged = seeded.models["Tự quản an ninh"]  # a model of Đồng Phú
    for attempt in (
        await send(world, "bd", choice=str(forged)),
        await send(world, "bd", str(forged)),
    ):
        assert "⚠️" in attempt[0].text
    async with world.runtime.database.read() as tx:
        model = await tx.models.get(forged)
        history = await tx.appraisals.history(forged)
    assert model is not None and model.status == "registered" and history == []
    await send(world, "bd", "/cancel")  # a view: dropped at once, nothing to confirm

    digest = await text_of(world, "bd", "/digest")
    assert "Huyện Đoàn Bù Đăng" in digest and "Chi đoàn ấp 1" not in digest
    nominees = await text_of(world, "bd", "/nominees")
    assert "Câu lạc bộ lý luận trẻ" not in nominees

    await send(world, "bd", "/export")
    await send(world, "bd", "2")  # the written report
    refused = await text_of(world, "bd", "BP-DP")
    assert "Không có đơn vị «BP-DP» trong phạm vi của bạn" in refused
    await send(world, "bd", "/cancel")  # a view: dropped at once, nothing to confirm

    await send(world, "bd", "/export")
    (reply,) = await send(world, "bd", "1")  # the registry
    assert reply.document is not None
    sheet = load_workbook(reply.document.path).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[4] for row in rows] == ["Mô hình ngoài huyện"]


async def test_a_secretary_exports_only_their_own_unit(world: World) -> None:
    await seed_district(world)
    await join_console(world, "a1", unit="BP-DP-TL-A1")
    await send(world, "a1", "/export")
    await send(world, "a1", "2")
    refused = await text_of(world, "a1", "BP-DP-TL-A2")
    assert "trong phạm vi của bạn" in refused
    await send(world, "a1", "/cancel")  # a view: dropped at once, nothing to confirm
    await send(world, "a1", "/export")
    (reply,) = await send(world, "a1", "1")
    assert reply.document is not None
    rows = list(
        load_workbook(reply.document.path).worksheets[0].iter_rows(min_row=2, values_only=True)
    )
    assert [row[1] for row in rows] == ["BP-DP-TL-A1"]
