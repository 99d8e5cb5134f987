"""``/register`` played whole through the dispatcher: a secretary registers a model with a photo,
a BTV member picks the unit first, a wrong answer keeps the step, and a cluster lead may not
register. And what the rebuild promised: an optional question added to the model's steps is
asked, kept, shown, changed and exported with no other code."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from conversations.flows.register_model import RegisterModelFlow
from conversations.steps import kinds, model
from domain.organisation import Role
from domain.scope import Scope
from locales import N_
from reports.registry_export import export_registry_csv
from tests.support.chat import Chat
from tests.support.world import World

ANSWERS = ["Đường hoa thanh niên 🌸", "1", "Chi đoàn ấp 1", "Ấp 1, xã Tân Lập", "văn hóa", "35"]


async def test_a_secretary_registers_a_model_with_a_photo(pg_world: World) -> None:
    world = pg_world
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    first = await chat.say("/register")
    assert "Bước 1/" in first and "Ví dụ" in first
    for answer in ANSWERS:
        await chat.say(answer)
    await chat.say("/skip")  # who takes part
    await chat.say("/skip")  # no more details now
    assert "1" in await chat.photo(seed=5)
    summary = await chat.say("/done")
    assert "Vui lòng kiểm tra lại" in summary and "Đường hoa thanh niên 🌸" in summary
    saved = await chat.press("✅")
    assert "✅ Đã đăng ký mô hình «Đường hoa thanh niên 🌸»" in saved and "kèm 1 ảnh" in saved
    assert "Chi đoàn ấp 1 đã đăng ký 1/1 mô hình năm 2026: đạt chỉ tiêu ✅" in saved
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (stored,) = await tx.models.for_units([unit.id], 2026)
    assert stored.fields.name == "Đường hoa thanh niên 🌸"
    assert (stored.fields.owner_kind, stored.fields.domain) == ("collective", "culture_society")
    assert stored.fields.participants == 35 and stored.photo_count == 1


async def test_a_wrong_number_is_refused_and_the_question_stays(world: World) -> None:
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await chat.say("/register")
    for answer in ANSWERS[:-1]:
        await chat.say(answer)
    refused = await chat.say("1e9")
    assert "từ 1 đến 1.000.000" in refused and "Bước 6/" in refused
    assert "Bước 7/" in await chat.say("35")


async def test_one_who_acts_for_two_units_chooses_the_unit_first(world: World) -> None:
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    code = await world.invite(Role.BTV, "BP-DP-TL", name=None)
    await chat.say(f"/start {code}")  # the same person now sits on the commune's committee too
    first = await chat.say("/register")
    assert "Bước 1/" in first and "đơn vị nào" in first
    labels = [b.label for r in chat.last for b in r.all_buttons() if not b.is_command]
    assert labels == ["Chi đoàn ấp 1", "Đoàn xã Tân Lập"]
    assert "Tên mô hình là gì?" in await chat.press("Đoàn xã Tân Lập")


async def test_a_cluster_lead_may_not_register(world: World) -> None:
    chat = await Chat.joined(world, Role.CLUSTER_LEAD, None, cluster="C1", name="Lê Thị Cúc")
    refused = await chat.say("/register")
    assert "/register" in refused and "không dành cho vai trò" in refused


@pytest.fixture
def one_more_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a newcomer writes: one more optional step among the model's questions."""
    extra = kinds.count(
        "core_members",
        N_("How many people take part? Type a number."),
        N_("Participants"),
        example=N_("35"),
        optional=True,
    )
    steps = (*model.MODEL_STEPS, extra)
    editable = {s.field: s for s in steps if s.in_summary}
    monkeypatch.setattr(model, "MODEL_STEPS", steps)
    monkeypatch.setattr(model, "EDITABLE", editable)
    monkeypatch.setattr(model, "DETAILS", ("core_members",))
    monkeypatch.setattr(model, "DETAIL_COLUMNS", (("core_members", extra.label),))
    photos = RegisterModelFlow.STEPS[-1]
    monkeypatch.setattr(RegisterModelFlow, "STEPS", (*RegisterModelFlow.STEPS[:-1], extra, photos))


@pytest.mark.usefixtures("one_more_question")
async def test_a_new_optional_question_needs_no_other_code(world: World, tmp_path: Path) -> None:
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await chat.say("/register")
    for answer in [*ANSWERS, "/skip", "/skip"]:
        await chat.say(answer)
    await chat.say("12")  # the new question
    await chat.say("/skip")  # no photos
    await chat.press("✅")
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (stored,) = await tx.models.for_units([unit.id], 2026)
    assert stored.fields.details == {"core_members": 12}
    path = tmp_path / "registry.csv"
    await export_registry_csv(
        world.runtime.database, path, world.runtime.settings.zone, Scope(everything=True),
        details=model.DETAIL_COLUMNS,
    )  # fmt: skip
    with path.open(encoding="utf-8-sig") as stream:
        header, row = list(csv.reader(stream))
    assert row[header.index("Số người tham gia", header.index("Số người tham gia") + 1)] == "12"


async def test_goals_are_asked_with_the_details_refused_kindly_and_kept(pg_world: World) -> None:
    world = pg_world
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await chat.say("/register")
    for answer in ["Nhà nhân ái", "1", "Chi đoàn", "Ấp 1", "1", "20", "/skip"]:
        await chat.say(answer)
    await chat.press("➕ Thêm ngay")
    for _skipped in range(6):
        asked = await chat.say("/skip")
    assert "Bước 15/16" in asked and "mục tiêu định lượng" in asked
    assert "Ví dụ: 3.000 trẻ em; 90 căn nhà" in asked
    assert "Bỏ qua ⏭️" in [b.label for r in chat.last for b in r.all_buttons()]
    refused = await chat.say("trẻ em 3.000")
    assert "«trẻ em 3.000» không bắt đầu bằng một con số" in refused
    assert "mục tiêu định lượng" in refused  # the question is asked again
    refused = await chat.say("3.000 trẻ em; 90")
    assert "«90» chưa có đơn vị tính" in refused
    photos = await chat.say("3.000 trẻ em; 600 triệu đồng\n3,6 tỷ đồng")
    assert "Bước 16/16" in photos
    summary = await chat.say("/skip")
    assert "Mục tiêu: 3.000 trẻ em; 600 triệu đồng; 3,6 tỷ đồng" in summary
    # edited from the summary like any other answer
    await chat.press("✏️ Sửa một mục")
    now = await chat.press("Mục tiêu")
    assert "Hiện tại: 3.000 trẻ em; 600 triệu đồng; 3,6 tỷ đồng" in now
    summary = await chat.say("9 tuyến đường; 3.000 trẻ em")
    assert "Mục tiêu: 9 tuyến đường; 3.000 trẻ em" in summary
    saved = await chat.press("✅")
    assert "Đã đăng ký mô hình «Nhà nhân ái»" in saved
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id])
        goals = (await tx.goals.of_models([model.id]))[model.id]
        history = await tx.models.changes(model.id)
    assert [(g.position, g.goal.quantity, g.goal.unit) for g in goals] == [
        (1, Decimal(9), "tuyến đường"),
        (2, Decimal(3000), "trẻ em"),
    ]
    assert model.fields.details.get("goals") is None and history == []


async def test_a_model_without_goals_has_none(world: World) -> None:
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    model_id = await chat.register("Sân chơi")
    async with world.runtime.database.read() as tx:
        assert await tx.goals.of_models([model_id]) == {}
