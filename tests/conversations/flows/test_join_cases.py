"""More cases.
Joining, played whole through the dispatcher: a code, a name when the invite has none, and
the chat bound to the person with the invite's role."""

from __future__ import annotations

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def test_a_second_invite_adds_its_role_to_the_same_person_without_asking_a_name(
    pg_world: World,
) -> None:
    world = pg_world
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1", name="Nguyễn Thị Lan")
    code = await world.invite(Role.CLUSTER_LEAD, None, cluster="C1", name=None)

    welcome = await chat.say(f"/start {code}")

    # the person is known: the name is not asked, though the invite names nobody
    assert welcome.startswith(
        "Chào mừng Nguyễn Thị Lan! Bạn đã tham gia DVK Bot với vai trò cụm trưởng "
        "của Cụm thi đua số 1."
    )
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("console", "chat-1")
        assert account is not None
        person = await tx.accounts.person(account.person_id)
        cluster = await tx.units.cluster_by_code("C1")
        invite = await tx.accounts.invite_for_code(code)
    assert person is not None and cluster is not None and invite is not None
    assert {(r.role, r.cluster_id) for r in person.roles} == {
        (Role.SECRETARY, None),
        (Role.CLUSTER_LEAD, cluster.id),
    }
    assert invite.used_at is not None


async def test_a_new_person_gives_a_name_and_a_name_of_nothing_is_asked_again(
    world: World,
) -> None:
    code = await world.invite(Role.SECRETARY, "BP-DP-TL-A2", name=None)
    chat = Chat(world, "chat-2", display_name="Mai")

    question = await chat.say(code)  # a code typed, with no /start

    assert question.startswith("Bước 2/2 · Tham gia") and "Họ và tên của bạn là gì?" in question
    assert chat.last[0].choices[0].label == "Mai"  # the messenger's name, suggested
    again = await chat.say("1 ?")
    assert "Vui lòng nhập đầy đủ họ và tên, ví dụ Nguyễn Thị Lan." in again
    assert "Bước 2/2" in again  # the same question, asked again
    welcome = await chat.say("Trần Thị Mai")
    assert welcome.startswith("Chào mừng Trần Thị Mai! Bạn đã tham gia DVK Bot với vai trò bí thư")
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("console", "chat-2")
        assert account is not None
        person = await tx.accounts.person(account.person_id)
        unit = await tx.units.by_code("BP-DP-TL-A2")
    assert person is not None and unit is not None
    assert (person.name, person.locale) == ("Trần Thị Mai", "vi")
    assert person.units_where(Role.SECRETARY) == [unit.id]


async def test_a_wrong_code_is_refused_and_counted_though_nothing_else_is_kept(
    world: World,
) -> None:
    chat = Chat(world, "guesser")
    for attempt in range(5):
        refused = await chat.say(f"/start AAAABBBB{attempt:04d}")
        assert refused.startswith("⚠️ Mã mời không đúng. Vui lòng kiểm tra và gửi lại.")
        assert "Vui lòng gửi mã mời bạn nhận được từ Ban Thường vụ Đoàn." in refused

    now = world.clock.now()
    config = world.runtime.config
    async with world.runtime.database.read() as tx:
        # the check only read; the refusal hook counted each wrong code, and blocked the chat
        assert await tx.conversations.join_blocked_until("console", "guesser", now) is not None
        assert await tx.conversations.bot_wide_join_failures(now, config.join_guess_window) == 5
        assert await tx.accounts.account("console", "guesser") is None
        (conversation,) = await tx.conversations.all_in_chat("console", "guesser")
    assert conversation.flow == "join"
    blocked = await chat.say(f"/start {await world.invite()}")  # a right code must wait now
    assert "Bạn đã nhập sai mã quá nhiều lần." in blocked


async def test_an_invite_used_by_another_chat_meanwhile_is_refused_when_saving(
    world: World,
) -> None:
    code = await world.invite(Role.SECRETARY, "BP-DP-TL-A1", name=None)
    slow, quick = Chat(world, "slow"), Chat(world, "quick")
    assert "Họ và tên" in await slow.say(f"/start {code}")
    assert "Họ và tên" in await quick.say(f"/start {code}")
    assert (await quick.say("Lê Văn Nhanh")).startswith("Chào mừng Lê Văn Nhanh!")

    late = await slow.say("Trần Văn Chậm")

    assert late == "⚠️ Mã mời vừa được sử dụng hoặc vừa hết hạn. Hãy xin mã mới."
    async with world.runtime.database.read() as tx:
        assert await tx.accounts.account("console", "slow") is None  # nothing of it was kept
        assert await tx.conversations.all_in_chat("console", "slow") == []
        invite = await tx.accounts.invite_for_code(code)
        quick_account = await tx.accounts.account("console", "quick")
    assert invite is not None and quick_account is not None
    assert invite.used_at is not None
