"""``/digest`` on demand: the figures of the member's subtree, and the full list of late units."""

from __future__ import annotations

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def test_the_digest_counts_the_subtrees_models(world: World) -> None:
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await secretary.register("Đường hoa")
    btv = await Chat.joined(world, Role.BTV, "BP-DP-TL", chat_id="btv", name="Trần Văn Bình")
    digest = await btv.say("/digest")
    assert "📊 Bản tin “Dân vận khéo” · Đoàn xã Tân Lập · 23/11/2026" in digest
    assert "Chỉ tiêu năm 2026: 1/3 đơn vị đạt (33%)." in digest  # ấp 1 met its target of 1
    assert "Mô hình mới từ 16/11/2026: 1" in digest
    late = await btv.say("/digest late")  # the annual report, due 15/11, is sent by none
    assert late.splitlines()[1:] == ["• Chi đoàn ấp 1", "• Chi đoàn ấp 2", "• Đoàn xã Tân Lập"]


async def test_a_member_of_another_district_does_not_see_the_unit(world: World) -> None:
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await secretary.register("Đường hoa")
    other = await Chat.joined(world, Role.BTV, "BP-BD", chat_id="btv", name="Lê Văn Cường")
    digest = await other.say("/digest")
    assert "Huyện Đoàn Bù Đăng" in digest and "Tân Lập" not in digest


async def test_digest_domains_on_a_channel_without_buttons(world: World) -> None:
    """On the console (as on Zalo) the matrix is the command the digest names, typed."""
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await secretary.register("Đường hoa")
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    channel, out = world.console("btv")
    await channel.say("/digest")
    assert "/digest domains" in out.getvalue()
    matrix = await btv.say("/digest domains")
    assert matrix.splitlines()[2:] == [
        "Đoàn trường THPT Đồng Phú: ① — · ② — · ③ — · ④ —",
        "Đoàn xã Đồng Tiến: ① — · ② — · ③ — · ④ —",
        "Đoàn xã Tân Lập: ① 1 · ② — · ③ — · ④ —",
        "3/3 đơn vị còn lĩnh vực chưa có mô hình (—).",
    ]
