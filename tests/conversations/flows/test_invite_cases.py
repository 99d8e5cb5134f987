"""More cases.
``/invite``, played whole through the dispatcher: whom, where, the name, then the code, all
inside the inviter's subtree and checked again when saving."""

from __future__ import annotations

import datetime as dt
import re

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World

CODE = re.compile(r"^[0-9A-Z]{12}$", re.MULTILINE)


def _code(text: str) -> str:
    match = CODE.search(text)
    assert match is not None, text
    return match.group(0)


async def test_a_btv_member_invites_the_lead_of_a_cluster_wholly_in_their_district(
    pg_world: World,
) -> None:
    world = pg_world
    hoa = await Chat.joined(world, Role.BTV, "BP-DP", name="Lê Thị Hoa")

    await hoa.say("/invite")
    ask_cluster = await hoa.press("🧭 Cụm trưởng")
    assert ask_cluster.startswith("Bước 2/3") and "Cụm thi đua nào?" in ask_cluster
    assert hoa.last[0].choices[0].label == "Cụm thi đua số 1"
    await hoa.press("Cụm thi đua số 1")
    summary = await hoa.press("Bỏ qua")  # no name
    made = await hoa.press("✅ Tạo mã mời")

    assert made.startswith("✅ Mã mời làm cụm trưởng của Cụm thi đua số 1:")
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("console", "chat-1")
        invite = await tx.accounts.invite_for_code(_code(made))
        cluster = await tx.units.cluster_by_code("C1")
    assert "Cụm thi đua số 1" in summary
    assert account is not None and invite is not None and cluster is not None
    assert (invite.role, invite.unit_id, invite.cluster_id) == (Role.CLUSTER_LEAD, None, cluster.id)
    assert invite.name is None and invite.created_by == account.person_id
    assert invite.expires_at == world.clock.now() + dt.timedelta(days=14)


async def test_an_administrator_invites_an_administrator_of_no_unit(world: World) -> None:
    admin = await Chat.joined(world, Role.ADMIN, None, name="Phạm Văn Minh")

    await admin.say("/invite")
    ask_name = await admin.press("🔑 Quản trị viên")
    assert ask_name.startswith("Bước 2/2")  # an administrator has no unit to ask
    await admin.say("Đỗ Thị Thu")
    made = await admin.press("✅ Tạo mã mời")

    assert made.startswith("✅ Mã mời làm quản trị viên:")
    async with world.runtime.database.read() as tx:
        invite = await tx.accounts.invite_for_code(_code(made))
    assert invite is not None
    assert (invite.role, invite.unit_id, invite.name) == (Role.ADMIN, None, "Đỗ Thị Thu")


async def test_a_unit_not_among_the_members_units_is_refused_and_asked_again(
    world: World,
) -> None:
    tan = await Chat.joined(world, Role.BTV, "BP-DP-TL", name="Lê Văn Tân")
    await tan.say("/invite")
    await tan.press("🏛")  # a BTV member

    refused = await tan.say("BP-XX-99")

    assert refused.startswith("⚠️ Không có đơn vị «BP-XX-99» trong phạm vi của bạn.")
    assert "Bước 2/4" in refused  # unit, then the optional cluster, then the name
    # their own unit is suggested; pressing it answers the question
    ask_cluster = await tan.press("Đoàn xã Tân Lập")
    assert ask_cluster.startswith("Bước 3/4")
    await tan.press("Bỏ qua")
    await tan.press("Bỏ qua")
    made = await tan.press("✅ Tạo mã mời")
    assert made.startswith("✅ Mã mời làm ủy viên Ban Thường vụ (BTV) của Đoàn xã Tân Lập:")
    async with world.runtime.database.read() as tx:
        invite = await tx.accounts.invite_for_code(_code(made))
        unit = await tx.units.by_code("BP-DP-TL")
    assert invite is not None and unit is not None
    assert (invite.role, invite.unit_id, invite.cluster_id) == (Role.BTV, unit.id, None)


async def test_a_draft_whose_cluster_is_no_longer_wholly_theirs_is_refused_when_saving(
    world: World,
) -> None:
    hoa = await Chat.joined(world, Role.BTV, "BP-DP", name="Lê Thị Hoa")
    await hoa.say("/invite")
    await hoa.press("🧭 Cụm trưởng")
    await hoa.press("Cụm thi đua số 1")
    await hoa.say("Trần Văn Cụm")
    # meanwhile a commune of Bù Đăng joins the cluster: it is no longer wholly in Đồng Phú
    async with world.runtime.database.transaction() as tx:
        await tx.units.assign_to_clusters({"BP-BD-DL": "C1"}, world.clock.now())

    refused = await hoa.press("✅ Tạo mã mời")

    assert refused.startswith("⚠️ Bạn không có quyền làm việc này.")
    assert "✅ Tạo mã mời" in [b.label for r in hoa.last for b in r.all_buttons()]  # the summary
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("console", "chat-1")
        assert account is not None
        assert await tx.accounts.invites(created_by=account.person_id) == []
