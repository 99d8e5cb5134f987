"""A registration in `dvk chat`, then `dvk export models`: every field as typed, photos stored."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

from tests.support.cli import dvk, environment
from tests.support.images import jpeg

CODE = re.compile(r"\b([0-9A-Z]{12})\b")


async def test_register_in_the_terminal_and_export_the_row(tmp_path: Path) -> None:
    env = environment(tmp_path / "data")
    await dvk("init", "--sample", env=env)
    invite = await dvk(
        "invite", "--role", "secretary", "--unit", "BP-BD-DL-T4", "--name", "Y Sơn", env=env
    )
    code = CODE.search(invite.out)
    assert code is not None
    photo = tmp_path / "ảnh ra quân.jpg"
    photo.write_bytes(jpeg(seed=99))
    script = "\n".join(
        [
            "/register",
            "Bếp ăn 0 đồng 🍚 “Nghĩa tình”",
            "2",  # Cá nhân
            "Chị H'Bia Niê",
            "Thôn 4, xã Đức Liễu, Bù Đăng",
            "van hoa xa hoi",  # typed without diacritics
            "1.200 người",
            "Đoàn viên, hội viên phụ nữ; tiểu thương chợ",
            "1",  # add the details now
            "3",  # the upper Union
            "Mỗi tuần nấu 300 suất cơm",
            "Hỗ trợ bệnh nhân nghèo",
            "300",
            "3,6 tỷ",
            "1 bếp ăn, 2 xe đẩy",
            "300 suất cơm mỗi tuần; 52 tuần",
            f"/photo {photo}",
            "xong",
            "1",  # confirm
        ]
    )
    chat = await dvk("chat", "--invite", code.group(1), stdin=script + "\n", env=env)
    assert chat.code == 0, chat.err
    assert "Bước 16/16" in chat.out
    assert "  1. ✅ Đăng ký mô hình" in chat.out  # numbered choices
    assert "Đã đăng ký mô hình «Bếp ăn 0 đồng 🍚 “Nghĩa tình”»" in chat.out
    assert "Chi đoàn thôn 4 đã đăng ký 1/1 mô hình năm" in chat.out

    out = tmp_path / "registry.csv"
    export = await dvk("export", "models", "--format", "csv", "-o", str(out), env=env)
    assert export.code == 0, export.err
    with out.open(encoding="utf-8-sig", newline="") as stream:
        (header, row) = list(csv.reader(stream))
    record = dict(zip(header, row, strict=True))
    assert record["Tên mô hình"] == "Bếp ăn 0 đồng 🍚 “Nghĩa tình”"
    assert record["Loại chủ thể"] == "Cá nhân"
    assert record["Chủ thể"] == "Chị H'Bia Niê"
    assert record["Địa chỉ"] == "Thôn 4, xã Đức Liễu, Bù Đăng"
    assert record["Lĩnh vực"] == "Văn hóa – xã hội"
    assert record["Số người tham gia"] == "1200"
    assert record["Thành phần tham gia"] == "Đoàn viên, hội viên phụ nữ; tiểu thương chợ"
    assert record["Đăng ký với"] == "Đoàn cấp trên"
    assert record["Cách làm"] == "Mỗi tuần nấu 300 suất cơm"
    assert (record["Mục tiêu"], record["Đã đạt được đến nay"]) == (
        "300 suất cơm mỗi tuần; 52 tuần",
        "–; –",
    )
    assert record["Hiệu quả dự kiến"] == "Hỗ trợ bệnh nhân nghèo"
    assert record["Số người hưởng lợi"] == "300"
    assert record["Kinh phí huy động (đồng)"] == "3600000000"
    assert record["Công trình, sản phẩm"] == "1 bếp ăn, 2 xe đẩy"
    assert record["Trạng thái"] == "Đã đăng ký"
    assert record["Số ảnh"] == "1"
    assert record["Đơn vị"] == "Chi đoàn thôn 4" and record["Người đăng ký"] == "Y Sơn"

    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    stored = tmp_path / "data" / "evidence" / digest[:2] / f"{digest}.jpg"
    assert stored.read_bytes() == photo.read_bytes()
