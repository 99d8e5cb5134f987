"""A district with models, photos, reports, appraisals and people: the data digests and exports
are tested on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.organisation import Role
from domain.registry import Status
from storage.evidence import inspect_image
from storage.records import ModelFields, PhotoLink
from tests.support.images import jpeg
from tests.support.world import World

UTC = dt.UTC
OLD = dt.datetime(2026, 3, 1, 3, 0, tzinfo=UTC)


@dataclass
class District:
    """What the seed made: people and models by name."""

    btv: int
    secretaries: dict[str, int]
    models: dict[str, int]


def fields(name: str, domain: str, **more: object) -> ModelFields:
    values: dict[str, object] = {
        "name": name,
        "owner_kind": "collective",
        "owner_name": f"Chi đoàn — {name}",
        "address": "Đồng Phú, Bình Phước",
        "latitude": None,
        "longitude": None,
        "domain": domain,
        "participants": 30,
        "effect": f"Hiệu quả của {name}",
        "beneficiaries": 100,
        "money_vnd": 50_000_000,
    }
    values.update(more)
    return ModelFields(**values)  # type: ignore[arg-type]


async def seed_district(world: World, *, photos_in_store: bool = False) -> District:
    """Huyện Đoàn Đồng Phú in 2026 (see tests/reports/test_digest_text.py for the figures)."""
    db = world.runtime.database
    secretaries = {}
    for user, unit in enumerate(
        ["BP-DP-TL-A1", "BP-DP-TL-A2", "BP-DP-TL", "BP-DP-DT", "BP-DP-DT-TH"], start=501
    ):
        secretaries[unit] = await world.bind_telegram(user, unit)
    btv = await world.bind_telegram(599, "BP-DP", Role.BTV)
    async with db.transaction() as tx:
        codes = ["BP-DP-TL-A1", "BP-DP-TL-A2", "BP-DP-TL", "BP-DP-DT", "BP-DP-DT-TH", "BP-BD-DL"]
        unit = {}
        for code in codes:
            found = await tx.units.by_code(code)
            assert found is not None
            unit[code] = found.id
        nov18 = dt.datetime(2026, 11, 18, 2, tzinfo=UTC)
        nov20 = dt.datetime(2026, 11, 20, 2, tzinfo=UTC)
        nov21 = dt.datetime(2026, 11, 21, 2, tzinfo=UTC)
        plan = [
            ("Đường hoa ấp 1", "BP-DP-TL-A1", "economy", OLD, Status.RECOGNISED),
            ("Tủ sách ấp 2", "BP-DP-TL-A2", "culture_society", OLD, Status.REJECTED),
            ("Tự quản an ninh", "BP-DP-TL", "defence_security", nov18, Status.REGISTERED),
            ("Câu lạc bộ lý luận trẻ", "BP-DP-TL", "political_system", OLD, Status.COMMENDED_1),
            ("Vườn rau nhân ái", "BP-DP-DT", "economy", OLD, Status.UNDER_REVIEW),
            ("Bếp ăn 0 đồng", "BP-DP-DT-TH", "economy", nov20, Status.REGISTERED),
            ("Mô hình ngoài huyện", "BP-BD-DL", "economy", nov21, Status.REGISTERED),
        ]
        models = {}
        for name, code, domain, at, status in plan:
            owner = secretaries.get(code, btv)
            model_id = await tx.models.create(unit[code], 2026, fields(name, domain), owner, at)
            if status is not Status.REGISTERED:
                await tx.appraisals.set_status(model_id, status, btv, at)
            models[name] = model_id
        for seed, name in enumerate(["Tự quản an ninh", "Bếp ăn 0 đồng", "Bếp ăn 0 đồng"], start=1):
            data = jpeg(seed=seed)
            info = inspect_image(data, 20_000_000)
            if photos_in_store:
                await world.runtime.evidence.put(info, data)
            sent = dt.datetime(2026, 11, 20, 3, tzinfo=UTC)
            link = PhotoLink(
                info.sha256, info.size, info.width, info.height, info.mime, f"Ảnh {seed}", sent
            )
            await tx.models.link_photos([link], btv, link.sent_at, model_id=models[name])
        for code in ("BP-DP-TL-A1", "BP-DP-TL"):
            summary = f"Tổng kết {code}"
            await tx.periodic_reports.save(
                unit[code], "2026-annual", summary, [], secretaries[code], OLD
            )
        account = await tx.accounts.account("telegram", "502")
        assert account is not None
        await tx.accounts.mark_unreachable(account.id, OLD)
    return District(btv, secretaries, models)


#: the district's own targets (``dvk units import``), over the defaults branch=1, grassroots=2
DISTRICT_TARGETS = (
    "code,name,level,parent_code,cluster,target_models,target_per_domain,target_gathering_pct\n"
    "BP-DP,Huyện Đoàn Đồng Phú,district,BP,,,yes,80\n"
    "BP-DP-TL,Đoàn xã Tân Lập,grassroots,BP-DP,C1,3,có,\n"
    "BP-DP-DT,Đoàn xã Đồng Tiến,grassroots,BP-DP,C1,1,,\n"
    "BP-DP-THPT,Đoàn trường THPT Đồng Phú,grassroots,BP-DP,C1,0,,\n"
    "BP-DP-TL-A2,Chi đoàn ấp 2,branch,BP-DP-TL,,,Không,\n"
    "BP-DP-THPT-12A1,Chi đoàn lớp 12A1,branch,BP-DP-THPT,,0,,\n"
)


async def seed_district_targets(world: World) -> None:
    """Give the seeded district its own targets (:data:`DISTRICT_TARGETS`).

    With :func:`seed_district`'s models of 2026 the units with a target stand as follows
    (counted models, target, domains):

    - Huyện Đoàn Đồng Phú: 0, no count but every domain → not met, all four missing;
    - Đoàn xã Tân Lập: 2 (defence, political system) of 3, every domain → not met, economy and
      culture–society missing;
    - Đoàn xã Đồng Tiến: 1 of 1 → met; Chi đoàn ấp 1: 1 of 1 → met; ấp Thuận Hòa: 1 of 1 → met;
    - Chi đoàn ấp 2: 0 of 1 (its one model was rejected) → not met;
    - THPT Đồng Phú and lớp 12A1 have an own target of 0: no target.

    So 3 of 6 units meet their targets, and 0 of the 2 that must cover every domain do.
    """
    await world.import_units(DISTRICT_TARGETS)
