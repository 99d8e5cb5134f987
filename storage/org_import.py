"""Reading the organisation (units and clusters) from CSV or XLSX, all or nothing.

Parsing and checking are pure: :func:`check_units` returns every problem with its row number, and
nothing is written unless the whole file is right.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from domain.errors import DvkError
from domain.organisation import Level
from domain.targets import OwnTargets, parse_model_count, parse_target_percent, parse_yes_no
from domain.unit_moves import parse_day
from locales import N_, _
from storage.db import Database
from storage.units import normalize_code

UNIT_COLUMNS: Final = ("code", "name", "level", "parent_code", "cluster")
#: the optional columns of a unit's own targets (``domain.targets``), and how each is read
TARGET_COLUMNS: Final = ("target_models", "target_per_domain", "target_gathering_pct")
_TARGET_READERS: Final = {
    "target_models": (
        parse_model_count,
        N_('column {column}: "{value}" is not a whole number of models, 0 or more'),
    ),
    "target_per_domain": (
        parse_yes_no,
        N_('column {column}: "{value}" is not yes or no'),
    ),
    "target_gathering_pct": (
        parse_target_percent,
        N_('column {column}: "{value}" is not a per cent from 0 to 100'),
    ),
}
MAX_CODE_LENGTH: Final = 64
MAX_NAME_LENGTH: Final = 255
_ZONE: Final = ZoneInfo("Asia/Ho_Chi_Minh")  # the day a move without a date is dated


@dataclass(frozen=True, slots=True)
class UnitRow:
    """One unit as read from the file; ``row`` is the spreadsheet row number (header is 1)."""

    row: int
    code: str
    name: str
    level: str
    parent_code: str | None
    cluster: str | None
    cluster_name: str | None = None
    moved_on: str | None = None  # the day of a move, as typed (see ``check_moves``)
    #: the cells of the target columns the file has (column → text; empty: the level's default)
    targets: Mapping[str, str] = field(default_factory=dict)

    def own_targets(self) -> OwnTargets:
        """The unit's own targets as the file gives them (call after :func:`check_units`)."""
        models, per_domain, gathering = (self.targets.get(c, "") for c in TARGET_COLUMNS)
        return OwnTargets(
            parse_model_count(models) if models else None,
            parse_yes_no(per_domain) if per_domain else None,
            parse_target_percent(gathering) if gathering else None,
        )


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one row (or with the file, when ``row`` is None)."""

    row: int | None
    message: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self) -> str:
        """The problem in the current language, with its row number."""
        detail = _(self.message).format(**self.params)
        if self.row is None:
            return detail
        return _("Row {row}: {problem}").format(row=self.row, problem=detail)


class ImportRejected(DvkError):
    """The file has problems; nothing was written."""

    message = N_("The file was not imported; nothing was changed. Problems found ({count}):")

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(count=len(problems))
        self.problems = list(problems)


def _clean(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and the data rows (with their row numbers) of a CSV or XLSX file."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix in {".csv", ".txt"}:
        return _read_csv(path)
    raise ImportRejected(
        [
            Problem(
                None,
                N_("Unsupported file type {suffix}: use .csv or .xlsx"),
                {"suffix": suffix or "?"},
            )
        ]
    )


def _read_csv(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(
            [Problem(None, N_("The CSV file is not UTF-8 text; save it as 'CSV UTF-8'."))]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, [])

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, values in enumerate(reader, start=2):
            yield number, [_clean(v) for v in values]

    return [_clean(h).lower() for h in header], rows()


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ImportRejected(
            [Problem(None, N_("The XLSX file cannot be read: {error}"), {"error": str(exc)})]
        ) from exc
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = [_clean(h).lower() for h in next(values, ())]

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, row in enumerate(values, start=2):
            yield number, [_clean(v) for v in row]
        book.close()

    return header, rows()


def read_table(
    path: Path,
    required: Sequence[str],
    optional: Sequence[str] = (),
    *,
    present: set[str] | None = None,
) -> Iterator[tuple[int, Callable[[str], str]]]:
    """The data rows of a file as (row number, cell by column name); a missing column rejects it.

    ``present``, when given, receives the names of the optional columns the header has.
    """
    header, rows = read_rows(path)
    if present is not None:
        present.update(name for name in optional if name in header)
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportRejected(
            [
                Problem(
                    1,
                    N_("not in the header: {columns}; the header must be {expected}"),
                    {"columns": ", ".join(missing), "expected": ",".join(required)},
                )
            ]
        )
    index = {name: header.index(name) for name in (*required, *optional) if name in header}
    for number, values in rows:
        if not any(values):
            continue

        def cell(name: str, values: list[str] = values) -> str:
            position = index.get(name)
            return values[position] if position is not None and position < len(values) else ""

        yield number, cell


def parse_units(path: Path) -> list[UnitRow]:
    """Read the units file (codes normalised: ``normalize_code``); a missing column rejects it.

    The target columns are optional: a file without one leaves the stored value as it is.
    """
    present: set[str] = set()
    rows = read_table(
        path, UNIT_COLUMNS, ("cluster_name", "moved_on", *TARGET_COLUMNS), present=present
    )
    return [
        UnitRow(
            row=number,
            code=normalize_code(cell("code")),
            name=cell("name"),
            level=cell("level").lower(),
            parent_code=normalize_code(cell("parent_code")) or None,
            cluster=normalize_code(cell("cluster")) or None,
            cluster_name=cell("cluster_name") or None,
            moved_on=cell("moved_on") or None,
            targets={column: cell(column) for column in TARGET_COLUMNS if column in present},
        )
        for number, cell in rows
    ]


def check_units(rows: Sequence[UnitRow], existing: Mapping[str, str | None]) -> list[Problem]:
    """Every problem of the rows, given the units already stored (code → parent code)."""
    problems: list[Problem] = []
    levels = {level.value for level in Level}
    first_row: dict[str, int] = {}
    codes_in_file = {unit.code for unit in rows}
    for unit in rows:
        if not unit.code:
            problems.append(Problem(unit.row, N_("the code is empty")))
        elif len(unit.code) > MAX_CODE_LENGTH:
            problems.append(
                Problem(
                    unit.row,
                    N_("the code is longer than {limit} characters"),
                    {"limit": MAX_CODE_LENGTH},
                )
            )
        elif unit.code in first_row:
            problems.append(
                Problem(
                    unit.row,
                    N_("duplicate code {code} (already on row {other})"),
                    {"code": unit.code, "other": first_row[unit.code]},
                )
            )
        else:
            first_row[unit.code] = unit.row
        if not unit.name:
            problems.append(Problem(unit.row, N_("the name is empty")))
        elif len(unit.name) > MAX_NAME_LENGTH:
            problems.append(
                Problem(
                    unit.row,
                    N_("the name is longer than {limit} characters"),
                    {"limit": MAX_NAME_LENGTH},
                )
            )
        if unit.level not in levels:
            problems.append(
                Problem(
                    unit.row,
                    N_('unknown level "{level}"; use one of {levels}'),
                    {"level": unit.level, "levels": ", ".join(sorted(levels))},
                )
            )
        if unit.parent_code:
            if unit.parent_code == unit.code:
                problems.append(
                    Problem(unit.row, N_("unit {code} is its own parent"), {"code": unit.code})
                )
            elif unit.parent_code not in codes_in_file and unit.parent_code not in existing:
                problems.append(
                    Problem(unit.row, N_("unknown parent {parent}"), {"parent": unit.parent_code})
                )
        problems.extend(_target_problems(unit))
        if unit.cluster and len(unit.cluster) > MAX_CODE_LENGTH:
            problems.append(
                Problem(
                    unit.row,
                    N_("the cluster code is longer than {limit} characters"),
                    {"limit": MAX_CODE_LENGTH},
                )
            )
    problems.extend(_cycles(rows, existing))
    return sorted(problems, key=lambda p: p.row or 0)


def _target_problems(unit: UnitRow) -> list[Problem]:
    problems = []
    for column, text in unit.targets.items():
        read, message = _TARGET_READERS[column]
        try:
            if text:
                read(text)
        except ValueError:
            problems.append(Problem(unit.row, message, {"column": column, "value": text}))
    return problems


def _cycles(rows: Sequence[UnitRow], existing: Mapping[str, str | None]) -> list[Problem]:
    parent = dict(existing)
    row_of: dict[str, int] = {}
    for unit in rows:
        if unit.code and unit.code not in row_of:
            parent[unit.code] = unit.parent_code
            row_of[unit.code] = unit.row
    problems = []
    done: set[str] = set()
    for start in row_of:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done:
            if node in on_path:
                cycle = path[path.index(node) :]
                first = min(cycle, key=lambda c: row_of.get(c, 10**9))
                problems.append(
                    Problem(
                        row_of.get(first),
                        N_("the parents form a cycle: {cycle}"),
                        {"cycle": " → ".join([*cycle, node])},
                    )
                )
                break
            path.append(node)
            on_path.add(node)
            node = parent.get(node)
        done.update(path)
    return problems


@dataclass(frozen=True, slots=True)
class Move:
    """A unit the file puts under another parent, from ``day`` on."""

    row: int
    code: str
    old_parent: str | None
    new_parent: str | None
    day: dt.date


def check_moves(
    rows: Sequence[UnitRow],
    existing: Mapping[str, str | None],
    last_moves: Mapping[str, dt.date],
    today: dt.date,
) -> tuple[list[Move], list[Problem]]:
    """The moves of the file (a stored unit with another ``parent_code``) and the problems of
    its ``moved_on`` dates: not a date, in the future, or before the unit's last move. A move
    without a date is dated ``today``."""
    moves: list[Move] = []
    problems: list[Problem] = []
    for unit in rows:
        day = today
        if unit.moved_on:
            parsed = parse_day(unit.moved_on)
            if parsed is None:
                problems.append(
                    Problem(
                        unit.row,
                        N_(
                            "the move date {value} is not a date; write dd/mm/yyyy, e.g. 01/07/2025"
                        ),
                        {"value": unit.moved_on},
                    )
                )
                continue
            day = parsed
        if unit.code not in existing or existing[unit.code] == unit.parent_code:
            continue  # a new unit, or one that stays where it is: no move to date
        if day > today:
            problems.append(
                Problem(
                    unit.row,
                    N_("the move date {date} is in the future; import the move on or after it"),
                    {"date": day.strftime("%d/%m/%Y")},
                )
            )
        elif unit.code in last_moves and day < last_moves[unit.code]:
            problems.append(
                Problem(
                    unit.row,
                    N_("the move date {date} is before the unit's last move, on {last}"),
                    {
                        "date": day.strftime("%d/%m/%Y"),
                        "last": last_moves[unit.code].strftime("%d/%m/%Y"),
                    },
                )
            )
        else:
            moves.append(Move(unit.row, unit.code, existing[unit.code], unit.parent_code, day))
    return moves, problems


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import changed."""

    rows: int
    created: int
    updated: int
    clusters: int
    moves: tuple[Move, ...] = ()


async def import_units(
    database: Database, path: Path, now: dt.datetime, zone: dt.tzinfo = _ZONE
) -> ImportResult:
    """Check the whole file against the stored tree, then write it, with the history of the
    units that move, in one transaction."""
    rows = parse_units(path)
    if not rows:
        raise ImportRejected([Problem(None, N_("The file has no units."))])
    async with database.transaction() as tx:
        existing = await tx.units.codes_with_parents()
        problems = check_units(rows, existing)
        last_moves = await tx.units.last_moves([u.code for u in rows if u.code in existing])
        moves, move_problems = check_moves(rows, existing, last_moves, now.astimezone(zone).date())
        problems = sorted([*problems, *move_problems], key=lambda p: p.row or 0)
        if problems:
            raise ImportRejected(problems)
        clusters: dict[str, str | None] = {}
        for unit in rows:
            if unit.cluster:
                clusters[unit.cluster] = unit.cluster_name or clusters.get(unit.cluster)
        await tx.units.upsert_clusters(sorted(clusters.items()), now)
        created, updated = await tx.units.upsert_units(
            [(u.code, u.name, u.level, u.parent_code, u.cluster) for u in rows],
            now,
            targets={u.code: (u.own_targets(), frozenset(u.targets)) for u in rows},
        )
        await tx.units.record_moves([(m.code, m.old_parent, m.day) for m in moves], now)
    return ImportResult(len(rows), created, updated, len(clusters), tuple(moves))


CLUSTER_COLUMNS: Final = ("code", "name")


@dataclass(frozen=True, slots=True)
class ClusterRow:
    """One cluster as read from the file, with the codes of its member units."""

    row: int
    code: str
    name: str
    units: tuple[str, ...]


def parse_clusters(path: Path) -> list[ClusterRow]:
    """Read a clusters file: ``code,name`` and optionally ``units`` (unit codes, ; separated)."""
    return [
        ClusterRow(
            number,
            normalize_code(cell("code")),
            cell("name"),
            tuple(normalize_code(code) for code in re.split(r"[;,\s]+", cell("units")) if code),
        )
        for number, cell in read_table(path, CLUSTER_COLUMNS, ("units",))
    ]


@dataclass(frozen=True, slots=True)
class ClusterImportResult:
    """What a clusters import changed."""

    clusters: int
    units_assigned: int


async def import_clusters(database: Database, path: Path, now: dt.datetime) -> ClusterImportResult:
    """Create or rename clusters and assign their member units, all or nothing."""
    rows = parse_clusters(path)
    if not rows:
        raise ImportRejected([Problem(None, N_("The file has no clusters."))])
    async with database.transaction() as tx:
        known = await tx.units.codes_with_parents()
        problems: list[Problem] = []
        first_row: dict[str, int] = {}
        for cluster in rows:
            if not cluster.code:
                problems.append(Problem(cluster.row, N_("the code is empty")))
            elif cluster.code in first_row:
                problems.append(
                    Problem(
                        cluster.row,
                        N_("duplicate code {code} (already on row {other})"),
                        {"code": cluster.code, "other": first_row[cluster.code]},
                    )
                )
            else:
                first_row[cluster.code] = cluster.row
            if not cluster.name:
                problems.append(Problem(cluster.row, N_("the name is empty")))
            unknown = [code for code in cluster.units if code not in known]
            if unknown:
                problems.append(
                    Problem(
                        cluster.row,
                        N_("no unit has this code: {codes}"),
                        {"codes": ", ".join(unknown)},
                    )
                )
        if problems:
            raise ImportRejected(problems)
        await tx.units.upsert_clusters([(c.code, c.name) for c in rows], now)
        assigned = await tx.units.assign_to_clusters(
            {unit: c.code for c in rows for unit in c.units}, now
        )
    return ClusterImportResult(len(rows), assigned)
