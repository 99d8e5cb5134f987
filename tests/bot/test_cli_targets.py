"""`dvk targets list` and the target settings, run for real in a subprocess."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import dvk, environment


async def test_targets_list_shows_what_is_in_force_and_where_it_comes_from(
    tmp_path: Path,
) -> None:
    env = environment(
        tmp_path / "data",
        target_per_domain="grassroots=yes",
        target_gathering_pct="grassroots=80",
    )
    assert (await dvk("init", "--sample", env=env)).code == 0
    own = tmp_path / "targets.csv"
    own.write_text(
        "code,name,level,parent_code,cluster,target_models,target_per_domain,target_gathering_pct\n"
        "BP-DP-TL,Đoàn xã Tân Lập,grassroots,BP-DP,C1,4,không,90\n",
        encoding="utf-8",
    )
    imported = await dvk("units", "import", str(own), env=env)
    assert imported.code == 0, imported.err
    result = await dvk("targets", "list", "--under", "BP-DP-TL", env=env)
    assert result.code == 0, result.err
    heading, commune, *branches = result.out.splitlines()
    assert heading.split("  ")[0] == "Mã" and "Số mô hình/năm" in heading
    assert "Đủ các lĩnh vực" in heading and "Tỷ lệ tập hợp %" in heading
    assert commune.startswith("BP-DP-TL ") and "Đoàn xã Tân Lập" in commune
    assert "4 (riêng của đơn vị)" in commune and "không (riêng của đơn vị)" in commune
    assert "90 (riêng của đơn vị)" in commune
    assert len(branches) == 2 and all("  Chi đoàn ấp" in line for line in branches)
    assert all("1 (mặc định của cấp)" in line for line in branches)
    assert all(line.count("— (chưa đặt)") == 2 for line in branches)
    whole = await dvk("targets", "list", env=env)
    commune = next(line for line in whole.out.splitlines() if "Đoàn xã Đồng Tiến" in line)
    assert "2 (mặc định của cấp)" in commune and "có (mặc định của cấp)" in commune
    assert "80 (mặc định của cấp)" in commune
    unknown = await dvk("targets", "list", "--under", "NOPE", env=env)
    assert unknown.code == 1 and "NOPE" in unknown.err


async def test_a_bad_target_setting_stops_with_one_line_naming_it(tmp_path: Path) -> None:
    env = environment(tmp_path / "data", target_gathering_pct="grassroots=120")
    result = await dvk("targets", "list", env=env)
    assert result.code == 2
    (line,) = result.err.strip().splitlines()
    assert "DVK_TARGET_GATHERING_PCT" in line and "grassroots=120" in line
    settings = await dvk("settings", env=environment(tmp_path / "data", locale="en"))
    assert "DVK_TARGET_PER_DOMAIN=(none)  (default)" in settings.out
