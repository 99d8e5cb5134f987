"""More cases.
``/announce``, played whole through the dispatcher: to whom, the text, a photo, the count,
and one outbox message per reachable secretary of the member's subtree."""

from __future__ import annotations

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def _secretaries(world: World, *units: str) -> dict[str, int]:
    """A bound secretary (on Telegram) in each unit: their person ids, by unit."""
    return {unit: await world.bind_telegram(601 + i, unit) for i, unit in enumerate(units)}


async def test_an_announcement_without_a_photo_reaches_the_secretaries_of_the_commune(
    pg_world: World,
) -> None:
    world = pg_world
    people = await _secretaries(world, "BP-DP-TL-A1", "BP-DP-TL-A2", "BP-DP-TL", "BP-DP-DT-TH")
    tan = await Chat.joined(world, Role.BTV, "BP-DP-TL", name="Lê Văn Tân")

    assert (await tan.say("/announce")).startswith("Bước 1/4 · Thông báo")
    await tan.press("Mọi bí thư các đơn vị của tôi")
    await tan.say("Nộp báo cáo 6 tháng trước thứ Sáu.")
    confirm = await tan.press("Bỏ qua")  # no photo
    assert confirm.startswith("Bước 4/4") and "Thông báo sẽ đến 3 bí thư." in confirm
    assert "chặn bot" not in confirm
    done = await tan.press("📣 Gửi")

    assert done == "📣 Đã đưa vào hàng đợi gửi cho 3 bí thư."
    async with world.runtime.database.read() as tx:
        rows = await tx.outbox.rows("announcement")
    # Chi đoàn ấp Thuận Hòa is in Đồng Tiến, not in Tân Lập: it is not reached
    expected = {people[u] for u in ("BP-DP-TL-A1", "BP-DP-TL-A2", "BP-DP-TL")}
    assert {row["person_id"] for row in rows} == expected
    assert {row["text"] for row in rows} == {
        "📣 Thông báo từ Lê Văn Tân:\nNộp báo cáo 6 tháng trước thứ Sáu."
    }
    assert {row["photo_sha256"] for row in rows} == {None}
    assert len({row["topic"] for row in rows}) == 1


async def test_an_announcement_not_sent_leaves_nothing_in_the_outbox(world: World) -> None:
    await _secretaries(world, "BP-DP-TL-A1")
    hoa = await Chat.joined(world, Role.BTV, "BP-DP", name="Lê Thị Hoa")
    await hoa.say("/announce")
    await hoa.press("Mọi bí thư")
    await hoa.say("Thử.")
    confirm = await hoa.photo(seed=7)  # one photo: the step goes on by itself
    assert "Thông báo sẽ đến 1 bí thư." in confirm

    declined = await hoa.press("❌ Không gửi")

    assert declined == "Chưa gửi gì cả."
    async with world.runtime.database.read() as tx:
        assert await tx.outbox.rows("announcement") == []
        assert await tx.conversations.all_in_chat("console", "chat-1") == []


async def test_a_text_too_long_is_refused_and_asked_again(world: World) -> None:
    hoa = await Chat.joined(world, Role.BTV, "BP-DP", name="Lê Thị Hoa")
    await hoa.say("/announce")
    await hoa.press("Mọi bí thư")

    refused = await hoa.say("a" * 3501)

    assert refused.startswith("⚠️ Nội dung quá dài: tối đa")
    assert "Bước 2/4" in refused
    assert (await hoa.say("a" * 3500)).startswith("Bước 3/4")  # the most that fits


async def test_a_cluster_lead_may_read_the_visits_but_not_announce(world: World) -> None:
    lead = await Chat.joined(world, Role.CLUSTER_LEAD, None, name="Võ Văn Cụm", cluster="C1")

    refused = await lead.say("/announce")

    assert refused.startswith("Lệnh /announce không dành cho vai trò của bạn.")
    async with world.runtime.database.read() as tx:
        assert await tx.conversations.all_in_chat("console", "chat-1") == []
