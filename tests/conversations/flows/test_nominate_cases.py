"""More cases.
/nominate and /nominees played whole: a standing-committee member proposes a model of their
units for a commendation round, once; what the rounds offer; who may."""

from __future__ import annotations

from domain.organisation import Role
from domain.registry import Status
from domain.scope import Scope
from tests.support.chat import Chat
from tests.support.offered import choices
from tests.support.registry import add_exemplar, add_model
from tests.support.world import World

EVERYWHERE = Scope(everything=True)


async def committee_member(world: World) -> Chat:
    """A BTV member of the Đồng Phú district."""
    return await Chat.joined(world, Role.BTV, "BP-DP", chat_id="hoa", name="Lê Thị Hoa")


async def test_a_recognised_model_is_proposed_once_and_listed_in_its_round(pg_world: World) -> None:
    lights = await add_model(pg_world, "Đèn đường năng lượng mặt trời", status=Status.RECOGNISED)
    hoa = await committee_member(pg_world)

    assert "Đề nghị khen thưởng đợt nào?" in await hoa.say("/nominate")
    assert "Bạn đề nghị mô hình nào?" in await hoa.press("Khen thưởng đợt 1")
    assert choices(hoa) == ["Đèn đường năng lượng mặt trời · Chi đoàn ấp 1"]
    proposed = await hoa.press("Đèn đường")
    assert "Đã đề nghị khen thưởng đợt 1 cho «Đèn đường năng lượng mặt trời»." in proposed

    await hoa.say("/nominate")
    await hoa.press("Khen thưởng đợt 1")
    again = await hoa.press("Đèn đường")
    assert "«Đèn đường năng lượng mặt trời» đã được đề nghị khen thưởng đợt 1 từ trước." in again

    listed = await hoa.say("/nominees")
    assert listed.splitlines() == [
        "Đợt 1: 1 mô hình",
        "  1. «Đèn đường năng lượng mặt trời» · Chi đoàn ấp 1",
        "Đợt 2: 0 mô hình",
    ]
    async with pg_world.runtime.database.read() as tx:
        round_1 = await tx.appraisals.nominees(EVERYWHERE, 1)
        round_2 = await tx.appraisals.nominees(EVERYWHERE, 2)
    assert [m.id for m in round_1] == [lights] and round_2 == []


async def test_each_round_offers_only_the_models_of_its_status_in_the_members_units(
    world: World,
) -> None:
    await add_model(world, "Đèn đường năng lượng mặt trời", status=Status.RECOGNISED)
    await add_model(world, "Câu lạc bộ lý luận trẻ", "BP-DP-TL", status=Status.COMMENDED_1)
    await add_model(world, "Mô hình ngoài huyện", "BP-BD-DL", status=Status.COMMENDED_1)
    await add_model(world, "Tủ sách ấp 2", "BP-DP-TL-A2")  # registered, not recognised yet
    hoa = await committee_member(world)

    await hoa.say("/nominate")
    await hoa.press("Khen thưởng đợt 2")
    assert choices(hoa) == ["Câu lạc bộ lý luận trẻ · Đoàn xã Tân Lập"]
    back = await hoa.say("/back")
    assert "Đề nghị khen thưởng đợt nào?" in back
    await hoa.press("Khen thưởng đợt 1")
    assert choices(hoa) == ["Đèn đường năng lượng mặt trời · Chi đoàn ấp 1"]


async def test_a_round_with_nothing_to_propose_says_how_to_leave(world: World) -> None:
    await add_model(world, "Đèn đường năng lượng mặt trời", status=Status.RECOGNISED)
    hoa = await committee_member(world)
    await hoa.say("/nominate")
    empty = await hoa.press("Khen thưởng đợt 2")
    assert "Chưa có mô hình nào trong đơn vị của bạn đủ điều kiện đề nghị cho đợt này." in empty
    assert choices(hoa) == []  # only the way back
    await hoa.say("/cancel")
    assert "Đã hủy bản nháp" in await hoa.press("Có, hủy bản nháp")
    async with world.runtime.database.read() as tx:
        assert await tx.appraisals.nominees(EVERYWHERE, 2) == []


async def test_an_answer_that_is_no_model_keeps_the_question(world: World) -> None:
    await add_model(world, "Đèn đường năng lượng mặt trời", status=Status.RECOGNISED)
    hoa = await committee_member(world)
    await hoa.say("/nominate")
    await hoa.press("Khen thưởng đợt 1")
    refused = await hoa.say("sân bóng")
    assert "⚠️ Vui lòng chọn một trong các lựa chọn" in refused
    assert "Bạn đề nghị mô hình nào?" in refused
    assert "Đã đề nghị" in await hoa.say("1")  # the number of the option still picks it
    async with world.runtime.database.read() as tx:
        assert len(await tx.appraisals.nominees(EVERYWHERE, 1)) == 1


async def test_a_model_whose_status_changed_since_it_was_offered_is_not_proposed(
    world: World,
) -> None:
    lights = await add_model(world, "Đèn đường năng lượng mặt trời", status=Status.RECOGNISED)
    hoa = await committee_member(world)
    await hoa.say("/nominate")
    await hoa.press("Khen thưởng đợt 1")
    async with world.runtime.database.transaction() as tx:  # a commendation closed meanwhile
        await tx.appraisals.set_status(lights, Status.COMMENDED_1, None, world.clock.now())
    refused = await hoa.press("Đèn đường")
    assert refused.startswith("⚠️ Mô hình này không thể đề nghị cho đợt đó.")
    async with world.runtime.database.read() as tx:
        assert await tx.appraisals.nominees(EVERYWHERE, 1) == []


async def test_a_secretary_may_neither_propose_nor_list(world: World) -> None:
    await add_model(world, "Đèn đường năng lượng mặt trời", status=Status.RECOGNISED)
    lan = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    assert "Lệnh /nominate không dành cho vai trò của bạn." in await lan.say("/nominate")
    assert "Lệnh /nominees không dành cho vai trò của bạn." in await lan.say("/nominees")


async def test_a_recognised_exemplar_is_proposed_beside_the_models_and_listed(
    pg_world: World,
) -> None:
    lights = await add_model(pg_world, "Đèn đường", status=Status.RECOGNISED)
    nie = await add_exemplar(pg_world, "Y Sơn Niê", status=Status.RECOGNISED)
    await add_exemplar(pg_world, "Chưa công nhận")  # registered: no round takes it yet
    await add_exemplar(pg_world, "Ngoài huyện", "BP-BD-DL-T4", status=Status.RECOGNISED)
    hoa = await committee_member(pg_world)

    await hoa.say("/nominate")
    assert "Bạn đề nghị mô hình hay điển hình cá nhân (🌟) nào?" in await hoa.press(
        "Khen thưởng đợt 1"
    )
    assert choices(hoa) == ["Đèn đường · Chi đoàn ấp 1", "🌟 Y Sơn Niê · Chi đoàn ấp 1"]
    proposed = await hoa.press("Y Sơn Niê")
    assert "Đã đề nghị khen thưởng đợt 1 cho điển hình cá nhân Y Sơn Niê." in proposed
    await hoa.say("/nominate")
    await hoa.press("Khen thưởng đợt 1")
    again = await hoa.press("Y Sơn Niê")
    assert "Điển hình cá nhân Y Sơn Niê đã được đề nghị khen thưởng đợt 1 từ trước." in again
    await hoa.say("/nominate")
    await hoa.press("Khen thưởng đợt 2")  # round 2 takes exemplars commended in round 1
    assert "🌟 Y Sơn Niê · Chi đoàn ấp 1" not in choices(hoa)
    await hoa.say("/cancel")

    listed = await hoa.say("/nominees")
    assert listed.splitlines() == [
        "Đợt 1: 0 mô hình",
        "Đợt 1: 1 điển hình cá nhân",
        "  1. 🌟 Y Sơn Niê · Chi đoàn ấp 1",
        "Đợt 2: 0 mô hình",
    ]
    async with pg_world.runtime.database.read() as tx:
        assert [e.id for e in await tx.exemplars.nominees(EVERYWHERE, 1)] == [nie]
        assert await tx.appraisals.nominees(EVERYWHERE, 1) == []
    assert lights  # the model was offered, not proposed


async def test_an_exemplar_of_another_district_or_changed_since_is_not_proposed(
    world: World,
) -> None:
    far = await add_exemplar(world, "Ngoài huyện", "BP-BD-DL-T4", status=Status.RECOGNISED)
    nie = await add_exemplar(world, "Y Sơn Niê", status=Status.RECOGNISED)
    hoa = await committee_member(world)
    await hoa.say("/nominate")
    await hoa.press("Khen thưởng đợt 1")
    forged = await hoa.send(choice=f"e{far}")  # never offered
    assert "⚠️" in forged[0].text
    async with world.runtime.database.transaction() as tx:  # returned while the button shows
        await tx.exemplars.set_status(nie, Status.RETURNED, None, world.clock.now(), "bổ sung")
    refused = await hoa.press("Y Sơn Niê")
    assert "Điển hình cá nhân này không thể đề nghị cho đợt đó." in refused
    async with world.runtime.database.read() as tx:
        assert await tx.exemplars.nominees(EVERYWHERE, 1) == []
