"""``dvk evidence gc``, run for real: what it would remove, then removing it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from bot.runtime import Runtime
from bot.settings import Settings
from storage.evidence import evidence_key, inspect_image
from storage.records import ModelFields, PhotoLink
from tests.support.cli import dvk, environment
from tests.support.images import jpeg

MB = 1_000_000


def age(path: Path, days: int) -> None:
    """Make a file look ``days`` old (the command runs on the real clock)."""
    moment = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).timestamp()
    os.utime(path, (moment, moment))


async def test_gc_lists_with_dry_run_then_removes_only_unlinked_old_files(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = environment(data_dir)
    assert (await dvk("init", "--sample", env=env)).code == 0
    runtime = Runtime(Settings(data_dir=data_dir))
    now = dt.datetime.now(dt.UTC)
    infos = []
    try:
        for seed in (91, 92, 93):
            data = jpeg(seed=seed)
            info = inspect_image(data, 20 * MB)
            await runtime.evidence.put(info, data)
            infos.append(info)
        linked, orphan, recent = infos
        async with runtime.database.transaction() as tx:
            person = await tx.accounts.create_person("Người gửi", "vi", now)
            unit = await tx.units.by_code("BP-DP-TL-A1")
            assert unit is not None
            fields = ModelFields(
                "Mô hình", "collective", "Chi đoàn", None, None, None, "economy", 9
            )
            model_id = await tx.models.create(unit.id, 2026, fields, person, now)
            photo = PhotoLink(
                linked.sha256, linked.size, linked.width, linked.height, linked.mime, None, now
            )
            await tx.models.link_photos([photo], person, now, model_id=model_id)
    finally:
        await runtime.close()
    root = data_dir / "evidence"
    paths = {info.sha256: root / evidence_key(info.sha256, info.mime) for info in infos}
    age(paths[linked.sha256], 30)
    age(paths[orphan.sha256], 10)
    age(paths[recent.sha256], 2)
    orphan_key = evidence_key(orphan.sha256, orphan.mime)

    dry = await dvk("evidence", "gc", "--dry-run", env=env)
    assert dry.code == 0, dry.err
    assert orphan_key in dry.out
    assert linked.sha256 not in dry.out and recent.sha256 not in dry.out
    assert "1 tệp không gắn với hồ sơ nào" in dry.out and "chưa xóa gì" in dry.out
    assert all(path.exists() for path in paths.values())

    patient = await dvk("evidence", "gc", "--older-than", "2w", env=env)
    assert patient.code == 0, patient.err
    assert "Đã xóa 0 tệp" in patient.out and paths[orphan.sha256].exists()

    done = await dvk("evidence", "gc", env=env)
    assert done.code == 0, done.err
    assert orphan_key in done.out and "Đã xóa 1 tệp" in done.out
    assert not paths[orphan.sha256].exists()
    assert paths[linked.sha256].exists() and paths[recent.sha256].exists()

    again = await dvk("evidence", "gc", env=env)
    assert "Đã xóa 0 tệp" in again.out

    bad = await dvk("evidence", "gc", "--older-than", "a while", env=env)
    assert bad.code == 2 and "90m, 48h, 14d" in bad.err
