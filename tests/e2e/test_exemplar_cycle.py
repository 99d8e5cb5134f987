"""An individual exemplar the whole way on Telegram, end to end: the secretary registers it, a
BTV member appraises it against its three criteria and recognises it, proposes it for round 1,
the round is closed, and it shows in /exemplars and in the digest; the secretary is told of
each change."""

from __future__ import annotations

from conversations.commend import commend_exemplar_nominees, commend_nominees
from domain.organisation import Role
from domain.registry import Status
from domain.scope import Scope
from tests.e2e.conftest import join
from tests.support.images import jpeg
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

SECRETARY, BTV = 7201, 7202


async def test_an_exemplar_is_registered_appraised_nominated_commended_and_counted(
    world: World, emulator: TelegramEmulator
) -> None:
    runtime = world.runtime
    async with world.telegram(emulator) as telegram:
        lan = await join(world, emulator, SECRETARY)
        (asked,) = await lan.say("/exemplar")
        assert "Điển hình cá nhân là ai?" in asked.text
        await lan.say("Y Sơn Niê")
        await lan.say("Phó Bí thư chi đoàn ấp 1")
        await lan.say("Vận động 30 hộ hiến 1.200 m² đất làm đường")
        await lan.photo(jpeg(seed=11), caption="Ngày hiến đất")
        (summary,) = await lan.say("/done")
        (saved,) = await lan.press(summary, "✅ Đăng ký điển hình")
        assert "✅ Đã đăng ký Y Sơn Niê" in saved.text and "kèm 1 ảnh" in saved.text

        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (listing,) = await hoa.say("/appraise")
        assert "1. Y Sơn Niê · Chi đoàn ấp 1 · Đã đăng ký" in listing.text
        photo, step = await hoa.press(listing, "Y Sơn Niê", count=2)
        assert photo.method == "sendPhoto" and photo.photo == jpeg(seed=11)
        assert "Tiêu chí 1. Phẩm chất chính trị, đạo đức" in step.text
        assert "Thành tích: Vận động 30 hộ hiến 1.200 m² đất làm đường" in step.text
        for _criterion in range(3):
            await hoa.press(step, "✅ Đạt")
            (step,) = await hoa.say("/skip")
        assert "Điển hình đạt cả ba tiêu chí" in step.text
        (check,) = await hoa.press(step, "✅ Công nhận điển hình")
        (done,) = await hoa.press(check, "✅ Lưu kết quả thẩm định")
        assert "Đã lưu: Y Sơn Niê đạt 3/3 tiêu chí" in done.text

        (rounds,) = await hoa.say("/nominate")
        (offered,) = await hoa.press(rounds, "Khen thưởng đợt 1")
        (proposed,) = await hoa.press(offered, "🌟 Y Sơn Niê")
        assert "Đã đề nghị khen thưởng đợt 1 cho điển hình cá nhân Y Sơn Niê." in proposed.text

        async with runtime.database.transaction() as tx:  # what `dvk commend --round 1` runs
            everything = Scope(everything=True)
            models = await commend_nominees(tx, everything, 1, world.clock.now())
            people = await commend_exemplar_nominees(tx, everything, 1, world.clock.now())
        assert (models, people) == ([], ["Y Sơn Niê"])

        (listed,) = await hoa.say("/exemplars")
        (digest,) = await hoa.say("/digest")
        counts = await runtime.sender({"telegram": telegram}).drain()
        told = await emulator.wait_for_messages(SECRETARY, 2)
    assert listed.text.splitlines() == [
        "Điển hình cá nhân năm 2026: 1 đã đăng ký, 1 đã công nhận, 1 đã khen thưởng.",
        "1. Y Sơn Niê · Chi đoàn ấp 1 · Khen thưởng đợt 1 · đạt 3/3 tiêu chí",
    ]
    assert (
        "Điển hình cá nhân năm 2026: 1 đã đăng ký, 1 đã công nhận, 1 đã khen thưởng."
        in digest.text.splitlines()
    )
    assert counts.sent == 2  # recognised, then commended
    assert [m.text for m in told] == [
        "Điển hình cá nhân Y Sơn Niê của đơn vị hiện ở trạng thái: Đã công nhận.",
        "Điển hình cá nhân Y Sơn Niê của đơn vị hiện ở trạng thái: Khen thưởng đợt 1.",
    ]
    async with runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (exemplar,) = await tx.exemplars.of_year(Scope(units=(unit.id,)), 2026)
        history = await tx.exemplars.history(exemplar.id)
        reviewer = await tx.accounts.account("telegram", str(BTV))
    assert reviewer is not None
    assert exemplar.status is Status.COMMENDED_1 and exemplar.photo_count == 1
    assert exemplar.position == "Phó Bí thư chi đoàn ấp 1"
    assert [(h.from_status, h.to_status, h.changed_by) for h in history] == [
        ("registered", "recognised", reviewer.person_id),
        ("recognised", "commended_1", None),
    ]
