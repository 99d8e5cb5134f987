"""The ``dvk`` command line, run for real in a subprocess."""

from __future__ import annotations

import asyncio
import re
import signal
from pathlib import Path

from tests.support.cli import DVK, dvk, environment
from tests.support.telegram_emulator import TelegramEmulator

CODE = re.compile(r"\b([0-9A-Z]{12})\b")


async def test_init_is_safe_twice_and_loads_the_sample_once(tmp_path: Path) -> None:
    env = environment(tmp_path / "data")
    first = await dvk("init", "--sample", env=env)
    assert first.code == 0, first.err
    assert "Đã nạp tổ chức mẫu: 14 đơn vị." in first.out
    second = await dvk("init", "--sample", env=env)
    assert second.code == 0, second.err
    assert "tổ chức mẫu" not in second.out
    listing = await dvk("units", "list", env=env)
    assert listing.out.splitlines()[0] == "BP  Tỉnh Đoàn Bình Phước (tỉnh)"
    assert "      BP-DP-TL-A1  Chi đoàn ấp 1 (chi đoàn)" in listing.out
    assert "[cụm C1]" in listing.out


async def test_a_bad_import_names_the_rows_and_writes_nothing(tmp_path: Path) -> None:
    env = environment(tmp_path / "data")
    await dvk("init", env=env)
    bad = tmp_path / "units.csv"
    bad.write_text(
        "code,name,level,parent_code,cluster\n"
        "P,Tỉnh Đoàn,province,,\n"
        "G,Đoàn xã,commune,P,\n"
        "B,Chi đoàn,branch,Q,\n",
        encoding="utf-8",
    )
    result = await dvk("units", "import", str(bad), env=env)
    assert result.code == 1
    assert "Dòng 3:" in result.err and "commune" in result.err
    assert "Dòng 4:" in result.err and "Q" in result.err
    listing = await dvk("units", "list", env=env)
    assert "Chưa có đơn vị nào" in listing.out


async def test_a_move_is_imported_with_its_date_and_shown_in_the_history(
    tmp_path: Path,
) -> None:
    env = environment(tmp_path / "data")
    await dvk("init", "--sample", env=env)
    header = "code,name,level,parent_code,cluster,moved_on\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        header
        + "BP-DP-DT,Đoàn xã Đồng Tiến,grassroots,BP-BD,C1,01/07/2025\n"
        + "BP-DP-TL,Đoàn xã Tân Lập,grassroots,BP-BD,C1,1 tháng 7\n"
        + "BP-DP-THPT,Đoàn trường THPT Đồng Phú,grassroots,BP-BD,C1,01/01/2099\n",
        encoding="utf-8",
    )
    rejected = await dvk("units", "import", str(bad), env=env)
    assert rejected.code == 1
    assert (
        "Dòng 3: ngày chuyển 1 tháng 7 không phải là ngày; hãy ghi dd/mm/yyyy, ví dụ 01/07/2025"
        in rejected.err
    )
    assert "Dòng 4: ngày chuyển 01/01/2099 là ngày trong tương lai" in rejected.err
    unchanged = await dvk("units", "history", "BP-DP-DT", env=env)
    assert "Chưa từng chuyển: trực thuộc BP-DP (Huyện Đoàn Đồng Phú)." in unchanged.out

    good = tmp_path / "move.csv"
    good.write_text(header + "BP-DP-TL,Đoàn xã Tân Lập,grassroots,BP-BD,C1,01/07/2025\n")
    imported = await dvk("units", "import", str(good), env=env)
    assert imported.code == 0, imported.err
    assert imported.out.splitlines()[1:] == [
        "1 đơn vị chuyển nơi trực thuộc:",
        "  BP-DP-TL: BP-DP → BP-BD, từ ngày 01/07/2025",
    ]
    history = await dvk("units", "history", "bp-dp-tl", env=env)
    assert history.out.splitlines() == [
        "BP-DP-TL  Đoàn xã Tân Lập",
        "  đến 30/06/2025: trực thuộc BP-DP (Huyện Đoàn Đồng Phú)",
        "  từ 01/07/2025: trực thuộc BP-BD (Huyện Đoàn Bù Đăng)",
    ]
    listing = await dvk("units", "list", env=env)
    tree = listing.out
    # today's tree: Tân Lập (and its branches) under Bù Đăng, before Đồng Phú's subtree
    assert tree.index("  BP-BD  ") < tree.index("    BP-DP-TL  ") < tree.index("  BP-DP  ")


async def test_a_bad_setting_stops_with_one_line_naming_it(tmp_path: Path) -> None:
    env = environment(tmp_path / "data", timezone="Sao/Hỏa")
    result = await dvk("init", env=env)
    assert result.code == 2
    (line,) = result.err.strip().splitlines()
    assert "DVK_TIMEZONE" in line and "Sao/Hỏa" in line


async def test_invite_then_chat_joins_and_prints_the_help(tmp_path: Path) -> None:
    env = environment(tmp_path / "data")
    await dvk("init", "--sample", env=env)
    invite = await dvk(
        "invite",
        "--role",
        "secretary",
        "--unit",
        "BP-DP-TL-A2",
        "--name",
        "Trần Văn Bình",
        "--expires",
        "2d",
        env=env,
    )
    assert invite.code == 0, invite.err
    code = CODE.search(invite.out)
    assert code is not None
    assert f"dvk chat --invite {code.group(1)}" in invite.out
    chat = await dvk("chat", "--invite", code.group(1), stdin="/help\n", env=env)
    assert chat.code == 0, chat.err
    assert "Chào mừng Trần Văn Bình!" in chat.out
    assert chat.out.count("Bạn có thể:") == 2
    again = await dvk("chat", "--invite", code.group(1), stdin="/help\n", env=env)
    assert "Chào mừng" not in again.out and "Bạn có thể:" in again.out


async def test_invite_without_a_unit_is_refused(tmp_path: Path) -> None:
    env = environment(tmp_path / "data")
    await dvk("init", "--sample", env=env)
    result = await dvk("invite", "--role", "secretary", env=env)
    assert result.code == 1 and "--unit" in result.err
    result = await dvk("invite", "--role", "secretary", "--unit", "NOPE", env=env)
    assert result.code == 1 and "NOPE" in result.err


async def test_with_a_token_invite_prints_the_deep_link_and_run_answers_start(
    tmp_path: Path,
) -> None:
    async with TelegramEmulator(bot_username="dvk_demo_bot") as emulator:
        env = environment(
            tmp_path / "data", telegram_token=emulator.token, telegram_api_base=emulator.root
        )
        await dvk("init", "--sample", env=env)
        invite = await dvk(
            "invite", "--role", "btv", "--unit", "BP-DP", "--name", "Lê Hoa", env=env
        )
        code = CODE.search(invite.out)
        assert code is not None
        assert f"https://t.me/dvk_demo_bot?start={code.group(1)}" in invite.out
        assert emulator.token not in invite.out + invite.err
        process = await asyncio.create_subprocess_exec(
            DVK,
            "run",
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            emulator.send_text(777, f"/start {code.group(1)}")
            welcome, _help = await emulator.wait_for_messages(777, 2, timeout=30)
        finally:
            process.send_signal(signal.SIGTERM)
            _out, err = await asyncio.wait_for(process.communicate(), timeout=30)
        assert "Chào mừng Lê Hoa!" in welcome.text
        assert process.returncode == 0, err.decode()
        assert emulator.token not in err.decode()
