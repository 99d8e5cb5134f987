"""Organisation import: every bad row is reported with its number, and nothing is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from bot.runtime import SAMPLE_ORGANISATION
from domain.targets import OwnTargets
from locales import use_locale
from storage.db import Database
from storage.org_import import (
    ImportRejected,
    UnitRow,
    check_moves,
    check_units,
    import_units,
    parse_units,
)

NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
HEADER = "code,name,level,parent_code,cluster\n"


def write(tmp_path: Path, text: str, name: str = "units.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rows(*specs: tuple[str, str, str, str | None]) -> list[UnitRow]:
    return [
        UnitRow(row=i, code=c, name=n, level=lvl, parent_code=p, cluster=None)
        for i, (c, n, lvl, p) in enumerate(specs, start=2)
    ]


def texts(problems: list) -> list[str]:
    with use_locale("en"):
        return [p.text() for p in problems]


def test_a_clean_tree_has_no_problems() -> None:
    units = rows(("P", "Tỉnh Đoàn", "province", None), ("G", "Đoàn xã", "grassroots", "P"))
    assert check_units(units, {}) == []


def test_unknown_parent_and_level_are_reported_with_row_numbers() -> None:
    units = rows(("P", "Tỉnh Đoàn", "tinh", None), ("G", "Đoàn xã", "grassroots", "X"))
    found = texts(check_units(units, {}))
    assert any(t.startswith("Row 2:") and '"tinh"' in t for t in found)
    assert any(t.startswith("Row 3:") and "X" in t for t in found)
    assert len(found) == 2


def test_a_duplicate_code_names_both_rows() -> None:
    units = rows(("P", "A", "province", None), ("P", "B", "province", None))
    (problem,) = check_units(units, {})
    assert problem.row == 3 and problem.params == {"code": "P", "other": 2}


def test_a_cycle_within_the_file_is_found() -> None:
    units = rows(
        ("A", "A", "district", "B"), ("B", "B", "district", "C"), ("C", "C", "district", "A")
    )
    (problem,) = check_units(units, {})
    assert problem.row == 2
    assert "A → B → C → A" in texts([problem])[0]


def test_a_cycle_through_stored_units_is_found() -> None:
    # Stored: B under A. The file moves A under B.
    units = rows(("A", "A", "district", "B"))
    (problem,) = check_units(units, {"A": None, "B": "A"})
    assert "cycle" in texts([problem])[0]


def test_a_parent_may_come_later_in_the_file_or_from_the_database() -> None:
    units = rows(
        ("G", "Đoàn xã", "grassroots", "P"),
        ("P", "Tỉnh", "province", None),
        ("B", "Chi đoàn", "branch", "OLD"),
    )
    assert check_units(units, {"OLD": None}) == []


def test_a_missing_column_rejects_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "code,name,level\nP,Tỉnh,province\n")
    with pytest.raises(ImportRejected) as caught:
        parse_units(path)
    (problem,) = caught.value.problems
    (text,) = texts([problem])
    assert problem.row == 1 and "parent_code" in text and "cluster" in text


def test_csv_with_bom_semicolons_and_vietnamese_names(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "\ufeffcode;name;level;parent_code;cluster\nP;Tỉnh Đoàn Bình Phước;province;;\n".encode()
    )
    (unit,) = parse_units(path)
    assert unit.name == "Tỉnh Đoàn Bình Phước" and unit.parent_code is None


async def test_the_sample_imports_and_reimporting_updates_by_code(
    database: Database, tmp_path: Path
) -> None:
    first = await import_units(database, SAMPLE_ORGANISATION, NOW)
    assert (first.created, first.updated, first.clusters) == (14, 0, 2)
    renamed = write(tmp_path, HEADER + "BP-DP-TL-A1,Chi đoàn ấp Một,branch,BP-DP-DT,C1\n")
    second = await import_units(database, renamed, NOW)
    assert (second.created, second.updated) == (0, 1)
    async with database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        parent = await tx.units.by_code("BP-DP-DT")
        cluster = await tx.units.cluster_by_code("C1")
        assert await tx.units.count() == 14
        province = await tx.units.by_code("BP")
        assert province is not None
        subtree = await tx.units.subtree_ids([province.id])
    assert unit is not None and parent is not None and cluster is not None
    assert (unit.name, unit.parent_id, unit.cluster_id) == (
        "Chi đoàn ấp Một",
        parent.id,
        cluster.id,
    )
    assert len(subtree) == 14


async def test_a_bad_row_writes_nothing(database: Database, tmp_path: Path) -> None:
    await import_units(database, SAMPLE_ORGANISATION, NOW)
    path = write(
        tmp_path,
        HEADER
        + "NEW1,Chi đoàn mới,branch,BP-DP-TL,\n"
        + "BP,Tỉnh Đoàn đổi tên,province,,\n"
        + "NEW2,Chi đoàn lỗi,branch,NOWHERE,\n",
    )
    with pytest.raises(ImportRejected) as caught:
        await import_units(database, path, NOW)
    assert [p.row for p in caught.value.problems] == [4]
    async with database.read() as tx:
        assert await tx.units.by_code("NEW1") is None
        province = await tx.units.by_code("BP")
    assert province is not None and province.name == "Tỉnh Đoàn Bình Phước"


async def test_xlsx_import(database: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "level", "parent_code", "cluster"])
    sheet.append(["T", "Tỉnh Đoàn Trà Vinh", "province", None, None])
    sheet.append([101, "Đoàn xã Long Đức", "grassroots", "T", "K1"])
    path = tmp_path / "units.xlsx"
    book.save(path)
    result = await import_units(database, path, NOW)
    assert (result.created, result.clusters) == (2, 1)
    async with database.read() as tx:
        unit = await tx.units.by_code("101")
    assert unit is not None and unit.name == "Đoàn xã Long Đức"


MOVES_HEADER = "code,name,level,parent_code,cluster,moved_on\n"
TODAY = dt.date(2026, 11, 23)


def moving(parent: str | None, moved_on: str | None, row: int = 2) -> UnitRow:
    return UnitRow(row, "G", "Đoàn xã", "grassroots", parent, None, moved_on=moved_on)


def test_a_new_parent_is_a_move_dated_as_typed_or_today() -> None:
    existing = {"P": None, "D1": "P", "D2": "P", "G": "D1"}
    moves, problems = check_moves([moving("D2", "1/7/2025")], existing, {}, TODAY)
    assert problems == [] and [(m.row, m.old_parent, m.new_parent, m.day) for m in moves] == [
        (2, "D1", "D2", dt.date(2025, 7, 1))
    ]
    moves, _problems = check_moves([moving("D2", None)], existing, {}, TODAY)
    assert moves[0].day == TODAY
    # the same parent, or a new unit, is no move, whatever the date says
    assert check_moves([moving("D1", "01/07/2025")], existing, {}, TODAY) == ([], [])
    assert check_moves([moving("D1", None)], {"P": None, "D1": "P"}, {}, TODAY) == ([], [])


def test_a_bad_move_date_names_its_row() -> None:
    existing = {"P": None, "D1": "P", "D2": "P", "G": "D1"}
    cases = {
        "31/02/2025": "the move date 31/02/2025 is not a date; write dd/mm/yyyy, e.g. 01/07/2025",
        "hôm qua": "the move date hôm qua is not a date; write dd/mm/yyyy, e.g. 01/07/2025",
        "01/12/2026": "the move date 01/12/2026 is in the future; import the move on or after it",
        "2026-03-01": "the move date 01/03/2026 is before the unit's last move, on 01/04/2026",
    }
    for typed, expected in cases.items():
        moves, problems = check_moves(
            [moving("D2", typed, row=7)], existing, {"G": dt.date(2026, 4, 1)}, TODAY
        )
        assert moves == [] and texts(problems) == [f"Row 7: {expected}"], typed
    # a bad date rejects the row even when the unit stays where it is
    _moves, problems = check_moves([moving("D1", "hôm qua")], existing, {}, TODAY)
    assert len(problems) == 1


async def test_a_bad_move_date_rejects_the_file_and_writes_nothing(
    database: Database, tmp_path: Path
) -> None:
    await import_units(database, SAMPLE_ORGANISATION, NOW)
    path = write(
        tmp_path,
        MOVES_HEADER
        + "BP-DP-TL,Đoàn xã Tân Lập,grassroots,BP-BD,C1,01/07/2025\n"
        + "BP-DP-DT,Đoàn xã Đồng Tiến,grassroots,BP-BD,C1,32/07/2025\n",
    )
    with pytest.raises(ImportRejected) as caught:
        await import_units(database, path, NOW)
    assert [(p.row, p.params) for p in caught.value.problems] == [(3, {"value": "32/07/2025"})]
    async with database.read() as tx:
        tan_lap = await tx.units.existing("BP-DP-TL")
        dong_phu = await tx.units.existing("BP-DP")
        assert tan_lap.parent_id == dong_phu.id and await tx.units.spells(tan_lap.id) == []


async def test_an_xlsx_date_cell_dates_a_move(database: Database, tmp_path: Path) -> None:
    await import_units(database, SAMPLE_ORGANISATION, NOW)
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "level", "parent_code", "cluster", "moved_on"])
    sheet.append(["BP-DP-TL", "Đoàn xã Tân Lập", "grassroots", "BP-BD", "C1", dt.date(2025, 7, 1)])
    path = tmp_path / "move.xlsx"
    book.save(path)
    result = await import_units(database, path, NOW)
    assert [(m.code, m.day) for m in result.moves] == [("BP-DP-TL", dt.date(2025, 7, 1))]


TARGETS_HEADER = (
    "code,name,level,parent_code,cluster,target_models,target_per_domain,target_gathering_pct\n"
)


async def test_targets_are_stored_per_unit_and_an_empty_cell_leaves_the_default(
    database: Database, tmp_path: Path
) -> None:
    await import_units(database, SAMPLE_ORGANISATION, NOW)
    path = write(
        tmp_path,
        TARGETS_HEADER
        + "BP-DP-TL,Đoàn xã Tân Lập,grassroots,BP-DP,C1,5,Có,85%\n"
        + "BP-DP-DT,Đoàn xã Đồng Tiến,grassroots,BP-DP,C1,,KHÔNG,\n"
        + "BP-DP-TL-A1,Chi đoàn ấp 1,branch,BP-DP-TL,,0,no,100\n",
    )
    result = await import_units(database, path, NOW)
    assert (result.created, result.updated) == (0, 3)
    async with database.read() as tx:
        tan_lap = await tx.units.by_code("BP-DP-TL")
        dong_tien = await tx.units.by_code("BP-DP-DT")
        branch = await tx.units.by_code("BP-DP-TL-A1")
        untouched = await tx.units.by_code("BP-BD-DL")
    assert tan_lap is not None and dong_tien is not None and branch is not None
    assert tan_lap.targets == OwnTargets(5, True, 85)
    assert dong_tien.targets == OwnTargets(None, False, None)
    assert branch.targets == OwnTargets(0, False, 100)
    assert untouched is not None and untouched.targets == OwnTargets()

    # A file without the target columns keeps them; one with an empty cell clears that one.
    again = await import_units(database, SAMPLE_ORGANISATION, NOW)
    assert again.updated == 0
    cleared = write(
        tmp_path,
        "code,name,level,parent_code,cluster,target_models\n"
        "BP-DP-TL,Đoàn xã Tân Lập,grassroots,BP-DP,C1,\n",
    )
    assert (await import_units(database, cleared, NOW)).updated == 1
    async with database.read() as tx:
        tan_lap = await tx.units.by_code("BP-DP-TL")
    assert tan_lap is not None and tan_lap.targets == OwnTargets(None, True, 85)


async def test_a_bad_target_names_row_column_and_value_and_writes_nothing(
    database: Database, tmp_path: Path
) -> None:
    await import_units(database, SAMPLE_ORGANISATION, NOW)
    path = write(
        tmp_path,
        TARGETS_HEADER
        + "BP-DP-TL,Đoàn xã Tân Lập,grassroots,BP-DP,C1,3,yes,80\n"
        + "BP-DP-DT,Đoàn xã Đồng Tiến,grassroots,BP-DP,C1,-1,yes,80\n"
        + "BP-DP-THPT,Đoàn trường THPT Đồng Phú,grassroots,BP-DP,C1,2,maybe,80\n"
        + "BP-BD-DL,Đoàn xã Đức Liễu,grassroots,BP-BD,C2,2,yes,120\n",
    )
    with pytest.raises(ImportRejected) as caught:
        await import_units(database, path, NOW)
    assert texts(caught.value.problems) == [
        'Row 3: column target_models: "-1" is not a whole number of models, 0 or more',
        'Row 4: column target_per_domain: "maybe" is not yes or no',
        'Row 5: column target_gathering_pct: "120" is not a per cent from 0 to 100',
    ]
    with use_locale("vi"):
        assert "target_models" in caught.value.problems[0].text()
        assert '"-1"' in caught.value.problems[0].text()
    async with database.read() as tx:
        tan_lap = await tx.units.by_code("BP-DP-TL")
    assert tan_lap is not None and tan_lap.targets == OwnTargets()


async def test_xlsx_targets_are_read_as_numbers(database: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "level", "parent_code", "cluster", "target_models"])
    sheet.append(["T", "Tỉnh Đoàn Trà Vinh", "province", None, None, 12])
    sheet.append(["G", "Đoàn xã Long Đức", "grassroots", "T", None, 3.0])
    path = tmp_path / "units.xlsx"
    book.save(path)
    await import_units(database, path, NOW)
    async with database.read() as tx:
        province = await tx.units.by_code("T")
        commune = await tx.units.by_code("G")
    assert province is not None and province.targets.models == 12
    assert commune is not None and commune.targets.models == 3
