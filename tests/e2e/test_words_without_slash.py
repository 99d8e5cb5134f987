"""On a channel without buttons (Zalo, the console) people rarely type a slash: a secretary
registers a model with words and numbers only, a command's word typed as an answer stays the
answer, and what is not understood brings the numbered menu of what one may do."""

from __future__ import annotations

import io

from bot.console import ConsoleChannel
from tests.support.chat import Chat
from tests.support.people import join_console
from tests.support.world import World

ASK_NAME = "Tên mô hình là gì?"
ASK_OWNER = "Chủ thể thực hiện mô hình là tập thể hay cá nhân?"
MENU = "Tôi chưa hiểu ý bạn. Bạn muốn làm gì? Gõ số, hoặc từ trong ngoặc."


class Terminal:
    """The console chat of a secretary who joined; each line typed returns what it printed."""

    def __init__(self, world: World, console: ConsoleChannel, out: io.StringIO) -> None:
        self.world, self.console, self.out = world, console, out

    @classmethod
    async def joined(cls, world: World) -> Terminal:
        await join_console(world, "terminal")  # the secretary of Chi đoàn ấp 1
        return cls(world, *world.console("terminal"))

    async def type(self, line: str) -> str:
        mark = len(self.out.getvalue())
        await self.console.say(line)
        return self.out.getvalue()[mark:]

    async def photo(self, seed: int) -> str:
        """A photo from the phone (the console's own way, ``/photo PATH``, is a slash)."""
        return await Chat(self.world, "terminal").photo(seed=seed)


async def test_a_secretary_registers_a_model_without_typing_a_slash(world: World) -> None:
    lan = await Terminal.joined(world)
    assert ASK_NAME in await lan.type("Đăng ký")
    assert ASK_OWNER in await lan.type("Mo hinh")  # the name, though it is /models' word
    for answer in ("tap the", "Chi đoàn ấp 1", "Ấp 1, xã Tân Lập", "van hoa", "35"):
        await lan.type(answer)
    assert "Bổ sung thêm ngay" in await lan.type("bo qua")  # who takes part: skipped
    assert "Gửi ảnh minh chứng" in await lan.type("bo qua")  # no more details now
    assert "1 ảnh" in await lan.photo(seed=7)
    summary = await lan.type("xong")
    assert "1. Tên mô hình: Mo hinh" in summary and "  1. ✅ Đăng ký mô hình" in summary
    assert "✅ Đã đăng ký mô hình «Mo hinh»" in await lan.type("1")
    models = await lan.type("mo hinh")  # no conversation open: the word is /models
    assert "Các mô hình năm 2026 của đơn vị:" in models and "1. «Mo hinh»" in models
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id], 2026)
    assert (model.fields.name, model.fields.owner_kind, model.fields.domain) == (
        "Mo hinh",
        "collective",
        "culture_society",
    )
    assert model.fields.participants == 35 and model.photo_count == 1


async def test_huy_cancels_and_the_unknown_gets_the_numbered_menu(world: World) -> None:
    lan = await Terminal.joined(world)
    await lan.type("dang ky")
    assert ASK_OWNER in await lan.type("bao cao")  # a name, not /report
    confirm = await lan.type("huy")
    assert "Hủy bản nháp đăng ký mô hình này?" in confirm
    assert "Đã hủy bản nháp" in await lan.type("1")  # "Có, hủy bản nháp"
    menu = await lan.type("xin chào bot")
    assert menu.startswith(MENU)
    assert "  1. Đăng ký mô hình «Dân vận khéo» (dang ky)\n" in menu
    assert "  2. Mô hình của đơn vị: xem, thêm ảnh, sửa (mo hinh)\n" in menu
    assert "  4. Gửi báo cáo 6 tháng hoặc cả năm (bao cao)\n" in menu
    assert "tham dinh" not in menu  # /review is not a secretary's
    second = await lan.type("2")  # the menu's second command: /models
    assert "Đơn vị chưa đăng ký mô hình nào trong năm 2026" in second
    assert (await lan.type("9")).startswith(MENU)  # no ninth command: the menu again
    assert "Bạn muốn gửi báo cáo nào?" in await lan.type("4")  # the fourth: /report
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        assert await tx.models.for_units([unit.id], 2026) == []
