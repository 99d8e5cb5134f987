"""`dvk clusters import|list`, `dvk invite --cluster`, `dvk export visits`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from tests.support.cli import dvk, environment

CODE = re.compile(r"\b([0-9A-Z]{12})\b")


async def test_clusters_are_imported_all_or_nothing_and_listed(tmp_path: Path) -> None:
    env = environment(tmp_path / "data")
    await dvk("init", "--sample", env=env)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,name,units\nC3,Cụm thi đua số 3,BP-BD-DL;NOPE\nC3,Trùng mã,\n,Không mã,\n",
        encoding="utf-8",
    )
    refused = await dvk("clusters", "import", str(bad), env=env)
    assert refused.code == 1
    assert "Dòng 2: không có đơn vị mã NOPE" in refused.err
    assert "Dòng 3: mã C3 bị trùng (đã có ở dòng 2)" in refused.err
    assert "Dòng 4: mã đơn vị bị trống" in refused.err
    assert "C3" not in (await dvk("clusters", "list", env=env)).out

    good = tmp_path / "clusters.csv"
    good.write_text(
        "code,name,units\nC3,Cụm thi đua số 3,BP-BD-DL; BP-BD-NB\nC1,Cụm 1 (đổi tên),\n",
        encoding="utf-8",
    )
    imported = await dvk("clusters", "import", str(good), env=env)
    assert imported.code == 0, imported.err
    assert "Đã nhập 2 cụm thi đua; 2 đơn vị được xếp vào cụm." in imported.out

    lead = await dvk(
        "invite", "--role", "cluster_lead", "--cluster", "C3", "--name", "Cụm trưởng Ba", env=env
    )
    member = await dvk(
        "invite",
        "--role",
        "btv",
        "--unit",
        "BP-BD",
        "--cluster",
        "C3",
        "--name",
        "Hồ Văn Sơn",
        env=env,
    )
    for invite in (lead, member):
        code = CODE.search(invite.out)
        assert code is not None
        await dvk("chat", "--invite", code.group(1), env=env)
    listing = (await dvk("clusters", "list", env=env)).out
    assert "C1  Cụm 1 (đổi tên)" in listing
    assert "C3  Cụm thi đua số 3\n  đơn vị: Đoàn xã Đức Liễu, Đoàn xã Nghĩa Bình" in listing
    assert "  cụm trưởng: Cụm trưởng Ba\n  ủy viên BTV: Hồ Văn Sơn" in listing

    today = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()  # what "Hôm nay" means
    month = f"{today:%Y-%m}"
    chat = await dvk(
        "chat", "--person", "2",
        stdin="/visit\n1\nHôm nay\n1\nChi đoàn hoạt động tốt\nGiữ vững\n/skip\n1\n", env=env,
    )  # fmt: skip
    assert "Đã ghi chuyến đi tới Đoàn xã Đức Liễu" in chat.out, chat.out[-800:]
    path = tmp_path / "visits.xlsx"
    export = await dvk("export", "visits", "--month", month, "-o", str(path), env=env)
    assert export.code == 0, export.err
    assert "Đã ghi 1 chuyến đi" in export.out
    book = load_workbook(path)
    assert "Cụm thi đua số 3" in book.sheetnames
    rows = list(book["Cụm thi đua số 3"].iter_rows(values_only=True))
    assert rows[1][1:3] == ("Hồ Văn Sơn", "Đoàn xã Đức Liễu")
    bad_month = await dvk("export", "visits", "--month", "11/2026", "-o", str(path), env=env)
    assert bad_month.code == 2 and "2026-11" in bad_month.err
