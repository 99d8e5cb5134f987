"""`dvk export showcase`: the articles of a subtree's showcased models as DOCX, a clear message
and no file when there is none, and the command in `--help`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document

from storage.clock import FixedClock
from tests.support.cli import dvk, environment
from tests.support.seed import seed_district
from tests.support.world import World


async def seeded(tmp_path: Path) -> dict[str, str]:
    """The seeded district, its recognised «Đường hoa ấp 1» and commended «Câu lạc bộ lý luận
    trẻ» showcased, in the data folder the commands use."""
    clock = FixedClock(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC))
    data = tmp_path / "data"
    async with World.open(
        tmp_path, clock, database_url=f"sqlite+aiosqlite:///{data / 'dvk.db'}"
    ) as world:
        district = await seed_district(world, photos_in_store=True)
        async with world.runtime.database.transaction() as tx:
            for name in ("Đường hoa ấp 1", "Câu lạc bộ lý luận trẻ", "Bếp ăn 0 đồng"):
                await tx.spreading.set_showcased(
                    district.models[name], True, district.btv, clock.now()
                )
    return environment(data)


async def test_export_showcase_writes_the_articles_or_says_there_is_none(tmp_path: Path) -> None:
    env = await seeded(tmp_path)
    docx = tmp_path / "showcase.docx"
    result = await dvk("export", "showcase", "--unit", "BP-DP", "-o", str(docx), env=env)
    assert result.code == 0, result.err
    assert f"Đã ghi bài giới thiệu 2 mô hình vào {docx}." in result.out
    document = Document(str(docx))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    # by unit code: Đoàn xã Tân Lập (BP-DP-TL) before its Chi đoàn ấp 1 (BP-DP-TL-A1); «Bếp
    # ăn 0 đồng» is marked but not recognised
    assert headings == ["Câu lạc bộ lý luận trẻ", "Đường hoa ấp 1"]
    texts = [p.text for p in document.paragraphs]
    assert "Số người hưởng lợi: 100" in texts and "Kinh phí huy động: 50.000.000\xa0₫" in texts
    assert document.paragraphs[1].text == "Huyện Đoàn Đồng Phú"

    year = await dvk(
        "export", "showcase", "--unit", "BP-DP", "--year", "2025", "-o", str(docx), env=env
    )
    assert year.code == 1
    none = tmp_path / "none.docx"
    empty = await dvk("export", "showcase", "--unit", "bp-bd", "-o", str(none), env=env)
    assert empty.code == 1 and empty.out == ""
    assert "Huyện Đoàn Bù Đăng chưa có mô hình nào được chọn giới thiệu" in empty.err
    assert "Không có tệp nào được ghi." in empty.err and not none.exists()
    unknown = await dvk("export", "showcase", "--unit", "NOPE", "-o", str(none), env=env)
    assert unknown.code == 1 and "NOPE" in unknown.err

    listed = await dvk("export", "--help", env=env)
    assert "showcase" in listed.out
    helped = await dvk("export", "showcase", "--help", env=env)
    assert "--year" in helped.out and "DOCX" in helped.out
