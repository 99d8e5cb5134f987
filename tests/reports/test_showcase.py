"""The showcase DOCX read back with python-docx: one article per showcased recognised model of
the subtree (headings in order), its figures as the secretary registered them, 1 to 3 photos
each (a large one scaled down, a small one as stored, the evidence unchanged), and nothing
written when nothing is showcased."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from domain.organisation import Role
from domain.registry import Status
from reports.showcase import PAGE_SIDE, export_showcase, page_image
from storage.evidence import inspect_image
from storage.records import PhotoLink
from tests.support.images import jpeg, png
from tests.support.seed import fields
from tests.support.world import World

DAY = dt.timedelta(days=1)


def webp() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), (30, 120, 60)).save(buffer, "WEBP")
    return buffer.getvalue()


async def _seed(world: World) -> dict[str, object]:
    """In Tân Lập: «Đường hoa» (ấp 1, 4 photos, one large), «Câu lạc bộ» (ấp 2, 1 PNG),
    «Tủ sách» (ấp 1, no photo) showcased; «Đang chờ» and Bù Đăng's «Bon xanh» marked but not
    counted (not recognised; outside)."""
    btv = await world.bind_telegram(599, "BP-DP", Role.BTV)
    now = world.clock.now()
    store = world.runtime.evidence
    big = jpeg(3000, 2000, seed=7)
    small = png(320, 240, seed=8)
    made: dict[str, object] = {"big": big, "small": small}
    async with world.runtime.database.transaction() as tx:
        units = {}
        for code in ("BP-DP-TL-A1", "BP-DP-TL-A2", "BP-BD-DL-T4", "BP-DP-TL"):
            found = await tx.units.by_code(code)
            assert found is not None
            units[code] = found.id

        async def add(name: str, code: str, ago: int, status: Status, **more: object) -> int:
            at = now - ago * DAY
            model_id = await tx.models.create(
                units[code], 2026, fields(name, "economy", **more), btv, at
            )
            if status is not Status.REGISTERED:
                await tx.appraisals.set_status(model_id, status, btv, at)
            await tx.spreading.set_showcased(model_id, True, btv, now)
            return model_id

        road = await add(
            "Đường hoa",
            "BP-DP-TL-A1",
            40,
            Status.RECOGNISED,
            method="Vận động 120 hộ hiến đất, đoàn viên góp ngày công",
            effect="Con đường sạch đẹp",
            participants=35,
            beneficiaries=120,
            money_vnd=600_000_000,
            built="2 km đường bê tông",
        )
        club = await add("Câu lạc bộ", "BP-DP-TL-A2", 30, Status.COMMENDED_1, money_vnd=None)
        shelf = await add("Tủ sách", "BP-DP-TL-A1", 20, Status.RECOGNISED, beneficiaries=None)
        await add("Đang chờ", "BP-DP-TL-A1", 10, Status.REGISTERED)
        await add("Bon xanh", "BP-BD-DL-T4", 10, Status.RECOGNISED)
        await tx.models.create(
            units["BP-DP-TL-A2"], 2026, fields("Đường hoa ấp 2", "economy"), btv, now,
            replicates=road,
        )  # fmt: skip
        for index, (data, target) in enumerate(
            [(big, road), (jpeg(seed=2), road), (webp(), road), (jpeg(seed=4), road), (small, club)]
        ):
            info = inspect_image(data, 20_000_000)
            await store.put(info, data)
            link = PhotoLink(
                info.sha256, info.size, info.width, info.height, info.mime, f"Ảnh {index}", now
            )
            await tx.models.link_photos([link], btv, now, model_id=target)
        made.update(road=road, club=club, shelf=shelf, tan_lap=units["BP-DP-TL"])
    return made


def _articles(document: object) -> dict[str, dict[str, object]]:
    """Each article by its heading: its paragraphs' texts and how many pictures it has."""
    articles: dict[str, dict[str, object]] = {}
    current: dict[str, object] | None = None
    for paragraph in document.paragraphs:  # type: ignore[attr-defined]
        if paragraph.style.name == "Heading 1":
            current = articles.setdefault(paragraph.text, {"texts": [], "pictures": 0})
            continue
        if current is None:
            continue
        current["texts"].append(paragraph.text)  # type: ignore[union-attr]
        current["pictures"] += len(paragraph._p.findall(".//" + qn("pic:pic")))  # type: ignore[operator]
    return articles


async def test_the_showcase_of_a_commune(world: World, tmp_path: Path) -> None:
    made = await _seed(world)
    async with world.runtime.database.read() as tx:
        tan_lap = await tx.units.by_code("BP-DP-TL")
    assert tan_lap is not None
    path = tmp_path / "showcase.docx"
    count = await export_showcase(
        world.runtime.database, world.runtime.evidence, path, unit=tan_lap, year=2026
    )
    assert count == 3
    document = Document(str(path))
    assert document.paragraphs[0].text == "Mô hình “Dân vận khéo” tiêu biểu"
    assert document.paragraphs[1].text == "Đoàn xã Tân Lập, năm 2026"
    articles = _articles(document)
    # by unit code (ấp 1 before ấp 2), then by registration
    assert list(articles) == ["Đường hoa", "Tủ sách", "Câu lạc bộ"]
    road = articles["Đường hoa"]
    assert road["texts"][:3] == [  # type: ignore[index]
        "Chi đoàn ấp 1 · Kinh tế · 2026",
        "Chủ thể thực hiện: Chi đoàn — Đường hoa (tập thể)",
        "Địa điểm: Đồng Phú, Bình Phước",
    ]
    texts = road["texts"]
    assert "Vận động 120 hộ hiến đất, đoàn viên góp ngày công" in texts  # type: ignore[operator]
    assert "Con đường sạch đẹp" in texts  # type: ignore[operator]
    for line in [
        "Số người tham gia: 35",
        "Số người hưởng lợi: 120",
        "Kinh phí huy động: 600.000.000\xa0₫",
        "Công trình, phần việc: 2 km đường bê tông",
        "Được nhân rộng: 1 mô hình",
    ]:
        assert line in texts, line  # type: ignore[operator]
    assert road["pictures"] == 3  # the first three of its four photos
    assert ["Ảnh 0", "Ảnh 1", "Ảnh 2"] == [t for t in texts if str(t).startswith("Ảnh")]  # type: ignore[union-attr]
    shelf = articles["Tủ sách"]
    assert "Cách làm chưa được nêu khi đăng ký." in shelf["texts"]  # type: ignore[operator]
    assert "Số người hưởng lợi: 120" not in shelf["texts"]  # type: ignore[operator]
    assert shelf["pictures"] == 0
    club = articles["Câu lạc bộ"]
    assert club["pictures"] == 1
    assert not [t for t in club["texts"] if "Kinh phí" in str(t)]  # type: ignore[union-attr]
    assert len(document.inline_shapes) == 4

    blobs = [
        document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        for shape in document.inline_shapes
    ]
    with Image.open(io.BytesIO(blobs[0])) as large:
        assert max(large.size) == PAGE_SIDE and large.format == "JPEG"
    with Image.open(io.BytesIO(blobs[2])) as converted:  # WebP: shown as JPEG
        assert converted.format == "JPEG" and converted.size == (200, 100)
    assert blobs[3] == made["small"]  # small enough: the bytes as stored
    big = made["big"]
    assert isinstance(big, bytes)
    stored = await world.runtime.evidence.get(hashlib.sha256(big).hexdigest(), "image/jpeg")
    assert stored == big  # the evidence is never changed


async def test_nothing_showcased_writes_nothing(world: World, tmp_path: Path) -> None:
    await _seed(world)
    async with world.runtime.database.read() as tx:
        other = await tx.units.by_code("BP-DP-DT")
        tan_lap = await tx.units.by_code("BP-DP-TL")
    assert other is not None and tan_lap is not None
    path = tmp_path / "showcase.docx"
    database, store = world.runtime.database, world.runtime.evidence
    assert await export_showcase(database, store, path, unit=other, year=None) == 0
    assert await export_showcase(database, store, path, unit=tan_lap, year=2025) == 0
    assert _names(tmp_path) == []


def _names(folder: Path) -> list[str]:
    """The DOCX files in ``folder``, finished or not."""
    return [p.name for p in folder.iterdir() if ".docx" in p.name]


def test_a_photo_that_fits_is_shown_as_stored() -> None:
    small = jpeg(800, 600, seed=3)
    assert page_image(small, "image/jpeg") is small
    wide = page_image(jpeg(4000, 1000, seed=3), "image/jpeg")
    with Image.open(io.BytesIO(wide)) as image:
        assert image.size == (1600, 400)
