"""The written report a unit sends upward, as DOCX.

"Báo cáo kết quả thực hiện phong trào thi đua Dân vận khéo": heading, period, figures by domain,
coverage against targets, the models with owners and effects, commended models, the assessment,
the difficulties and recommendations the reports state, the individual exemplars of the year with
their status, a few photos.
"""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image, ImageOps

from domain.registry import DOMAIN_NAMES, Domain, Status
from domain.scope import Scope
from domain.stages import stage_counts
from domain.targets import LevelTargets, effective_targets
from domain.unit_moves import tree_day
from locales import _, format_money, format_number, format_percent, ngettext, sort_key
from reports.coverage import domain_names, standings
from reports.goal_progress import goal_text, per_cent_text, quantity
from reports.vocabulary import domain_name, period_title, status_name
from storage.db import Database, Tx
from storage.evidence import EvidenceStore
from storage.model_registry import COUNTED, DomainTotals
from storage.records import UnitRecord

PHOTOS: Final = 4
VOICES: Final = 100  # difficulties and recommendations quoted in full; more are counted
EXEMPLARS: Final = 200  # individual exemplars listed by name; more are counted
PHOTO_SIDE: Final = 1200  # pixels: enough for print, small enough for e-mail
FONT: Final = "Times New Roman"
COMMENDED: Final = (Status.COMMENDED_1, Status.COMMENDED_2)


@dataclass(frozen=True, slots=True)
class ReportFigures:
    """Every figure the report states, computed once: sentences and tables render these."""

    year: int
    by_domain: Mapping[Domain, DomainTotals]
    total: DomainTotals
    reports: int
    units_with_target: int
    units_met: int
    #: the units short of their targets, each with the domains it still lacks a model in
    units_missing: tuple[str, ...]
    #: the gathering-rate target of the reporting unit itself (None: it has none)
    gathering_pct: int | None = None
    #: units that must have a model in each domain, and how many of them do
    units_each_domain: int = 0
    units_each_domain_met: int = 0


async def report_figures(
    tx: Tx,
    scope: Scope,
    targets: LevelTargets,
    year: int,
    period: str,
    unit: UnitRecord | None = None,
) -> ReportFigures:
    """The figures of the units in ``scope`` for ``period`` (``unit``: the one reporting, whose
    gathering-rate target is shown)."""
    achieved = await tx.periodic_reports.achieved_by_domain(scope, year, period)
    by_domain = {
        domain: achieved.get(domain.value, DomainTotals(0, 0, 0, 0)) for domain in DOMAIN_NAMES
    }
    values = by_domain.values()
    total = DomainTotals(
        sum(t.models for t in values),
        sum(t.participants for t in values),
        sum(t.beneficiaries for t in values),
        sum(t.money_vnd for t in values),
    )
    progress = await standings(tx, scope, year, targets)
    short = sorted((s for s in progress if not s.met), key=lambda s: sort_key(s.unit.name))
    missing = [
        _("{unit} (no model yet in: {domains})").format(
            unit=s.unit.name, domains=domain_names(s.missing_domains)
        )
        if s.missing_domains
        else s.unit.name
        for s in short
    ]
    each_domain = [s for s in progress if s.targets.each_domain]
    own = effective_targets(unit.level, unit.targets, targets) if unit is not None else None
    return ReportFigures(
        year=year,
        by_domain=by_domain,
        total=total,
        reports=(await tx.periodic_reports.period_totals(scope, period)).reports,
        units_with_target=len(progress),
        units_met=len(progress) - len(missing),
        units_missing=tuple(missing),
        gathering_pct=own.gathering_pct.value if own is not None else None,
        units_each_domain=len(each_domain),
        units_each_domain_met=sum(1 for s in each_domain if not s.missing_domains),
    )


def _new_document() -> Any:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    normal.paragraph_format.space_after = Pt(4)
    return document


def _paragraph(
    document: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    center: bool = False,
    size: int | None = None,
) -> Any:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _table(document: Any, header: Sequence[str], widths: Sequence[float]) -> Any:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice follows; Word follows the cells
    for cell, title, width in zip(table.rows[0].cells, header, widths, strict=True):
        cell.width = Cm(width)
        cell.text = ""
        run = cell.paragraphs[0].add_run(title)
        run.bold = True
        run.font.size = Pt(11)
    return table


def _row(table: Any, values: Sequence[object], widths: Sequence[float]) -> None:
    cells = table.add_row().cells
    for cell, value, width in zip(cells, values, widths, strict=True):
        cell.width = Cm(width)
        run = cell.paragraphs[0].add_run("" if value is None else str(value))
        run.font.size = Pt(11)


def _row_maker(table: Any, widths: Sequence[float]) -> Callable[[Sequence[object]], None]:
    """A fast way to add many rows: copy a ready-made row and fill in its texts.

    Building each row through python-docx's objects costs milliseconds (a province has thousands
    of models); copying one prepared ``w:tr`` element costs microseconds.
    """
    _row(table, ["-"] * len(widths), widths)
    template = table.rows[-1]._tr  # python-docx has no public row XML
    table._tbl.remove(template)
    for text in template.iter(qn("w:t")):
        text.set(qn("xml:space"), "preserve")

    def add(values: Sequence[object]) -> None:
        row = copy.deepcopy(template)
        for text, value in zip(row.iter(qn("w:t")), values, strict=True):
            text.text = "" if value is None else str(value)
        table._tbl.append(row)

    return add


def _heading_block(
    document: Any, unit: UnitRecord, parent: UnitRecord | None, day: dt.date
) -> None:
    block = document.add_table(rows=1, cols=2)
    left, right = block.rows[0].cells
    lines = [_("HO CHI MINH COMMUNIST YOUTH UNION")]
    if parent is not None:
        lines.append(parent.name.upper())
    lines.append(unit.name.upper())
    left.text = ""
    for index, line in enumerate(lines):
        paragraph = left.paragraphs[0] if index == 0 else left.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold = index == len(lines) - 1
        run.font.size = Pt(12)
    right.text = ""
    paragraph = right.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(
        _("{day:02d}/{month:02d}/{year}").format(day=day.day, month=day.month, year=day.year)
    )
    run.italic = True
    run.font.size = Pt(12)


def _jpeg(data: bytes) -> bytes:
    """A photo scaled down for the document (EXIF rotation applied)."""
    with Image.open(io.BytesIO(data)) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.thumbnail((PHOTO_SIDE, PHOTO_SIDE))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


async def export_written_report(
    database: Database,
    store: EvidenceStore,
    path: Path,
    *,
    unit: UnitRecord,
    period: str,
    targets: LevelTargets,
    today: dt.date,
) -> None:
    """Write the report of ``unit`` (and every unit below it) for ``period`` as DOCX."""
    year = int(period.split("-")[0])
    scope = Scope(roots=(unit.id,))
    async with database.read() as tx:
        parent = await tx.units.parent_on(unit.id, tree_day(year))  # the parent it had then
        figures = await report_figures(tx, scope, targets, year, period, unit)
        summary_rows = await tx.periodic_reports.summaries(scope, period)
        voices = await tx.periodic_reports.voices(scope, period, newest=VOICES)
        photos = await tx.models.recent_photos(scope, year, PHOTOS)
        commended = await tx.appraisals.models_with_status(
            scope, [s.value for s in COMMENDED], limit=200
        )
        unit_names = await tx.units.many({m.unit_id for m in commended})
        by_status = await tx.exemplars.status_counts(scope, year)
        exemplars = []
        async for row in tx.exemplars.registry(scope, year):
            if row.exemplar.status is Status.REJECTED:
                continue  # a rejected one is not among the results
            if len(exemplars) == EXEMPLARS:
                break
            exemplars.append(row)
    exemplar_counts = stage_counts(by_status)
    unlisted = exemplar_counts.registered - by_status.get(Status.REJECTED, 0) - len(exemplars)
    own_summary = next((text for unit_id, text in summary_rows if unit_id == unit.id), None)
    pictures = []
    for photo in photos:
        data = await store.get(photo.sha256, photo.mime)
        pictures.append((await asyncio.to_thread(_jpeg, data), photo))

    document = _new_document()
    _heading_block(document, unit, parent, today)
    _paragraph(document, "")
    _paragraph(document, _("REPORT"), bold=True, center=True, size=14)
    _paragraph(
        document,
        _("Results of the “Dân vận khéo” emulation movement"),
        bold=True,
        center=True,
    )
    _paragraph(document, period_title(period), italic=True, center=True)

    _paragraph(document, _("I. Figures by domain"), bold=True)
    widths = [5.0, 2.4, 2.6, 2.6, 3.4]
    table = _table(
        document,
        [_("Domain"), _("Models"), _("Participants"), _("Beneficiaries"), _("Money raised")],
        widths,
    )
    for domain, totals in figures.by_domain.items():
        _row(table, [domain_name(domain), *_shown(totals)], widths)
    _row(table, [_("Total"), *_shown(figures.total)], widths)
    document.add_paragraph()
    for sentence in _figure_sentences(figures):
        _paragraph(document, sentence)

    _paragraph(document, _("II. Coverage against targets"), bold=True)
    _paragraph(document, _coverage_sentence(figures))
    if figures.units_each_domain:
        _paragraph(
            document,
            ngettext(
                "{met} of {total} unit that must have a model in each domain has one in all four.",
                "{met} of {total} units that must have a model in each domain have one in all "
                "four.",
                figures.units_each_domain,
            ).format(
                met=format_number(figures.units_each_domain_met),
                total=format_number(figures.units_each_domain),
            ),
        )
    if figures.gathering_pct is not None:
        _paragraph(
            document,
            _("Youth gathering rate target: {percent} %").format(
                percent=format_number(figures.gathering_pct)
            ),
        )
    missing = figures.units_missing
    if missing:
        _paragraph(
            document,
            _("Not yet: {units}.").format(units=", ".join(missing[:60]))
            + (
                _(" … and {count} more").format(count=len(missing) - 60)
                if len(missing) > 60
                else ""
            ),
        )

    _paragraph(document, _("III. The models"), bold=True)
    widths = [1.0, 4.2, 3.2, 3.0, 2.6, 2.0]
    table = _table(
        document,
        [_("No."), _("Name of the model"), _("Unit"), _("Owner"), _("Domain"), _("Status")],
        widths,
    )
    number = 0
    add_row = _row_maker(table, widths)
    async with database.read() as tx:
        async for row in tx.models.registry(scope, year):
            if row.model.status.value not in COUNTED:
                continue  # a rejected model is not among the results, nor in the figures
            number += 1
            fields = row.model.fields
            add_row(
                [
                    number,
                    fields.name + (f" — {fields.effect}" if fields.effect else ""),
                    row.unit_name,
                    fields.owner_name,
                    domain_name(fields.domain),
                    status_name(row.model.status),
                ]
            )
    document.add_paragraph()
    if number == 0:
        _paragraph(document, _("No model was registered in {year}.").format(year=year), italic=True)
    await _goals_section(document, database, scope, year, period)

    _paragraph(document, _("IV. Commended models"), bold=True)
    if commended:
        for model in commended:
            name = unit_names[model.unit_id].name if model.unit_id in unit_names else ""
            _paragraph(
                document,
                f"• {model.fields.name} ({name}) — {status_name(model.status)}",
            )
    else:
        _paragraph(document, _("None yet."), italic=True)

    numerals = iter(("V", "VI", "VII", "VIII"))
    if own_summary:
        _paragraph(document, _("{number}. Assessment").format(number=next(numerals)), bold=True)
        _paragraph(document, own_summary)
    stated = (
        (_("{number}. Difficulties and problems"), voices.difficulties, voices.newest_difficulties),
        (_("{number}. Recommendations"), voices.recommendations, voices.newest_recommendations),
    )
    for title, count, newest in stated:
        _paragraph(document, title.format(number=next(numerals)), bold=True)
        if not count:
            _paragraph(document, _("None stated in the reports of the period."), italic=True)
            continue
        _paragraph(
            document,
            ngettext(
                "Stated in {count} report of the period:",
                "Stated in {count} reports of the period:",
                count,
            ).format(count=format_number(count)),
        )
        for voice in sorted(newest, key=lambda v: sort_key(v.unit_name)):
            _paragraph(document, f"• {voice.unit_name}: {voice.text}")
        if count > len(newest):
            _paragraph(
                document, _(" … and {count} more").format(count=format_number(count - len(newest)))
            )

    _paragraph(
        document, _("{number}. Individual exemplars").format(number=next(numerals)), bold=True
    )
    if not exemplar_counts.registered:
        _paragraph(
            document,
            _("No individual exemplar was registered in {year}.").format(year=year),
            italic=True,
        )
    else:
        _paragraph(
            document,
            _(
                "Individual exemplars of {year}: {registered} registered, {recognised} "
                "recognised, {commended} commended."
            ).format(
                year=year,
                registered=format_number(exemplar_counts.registered),
                recognised=format_number(exemplar_counts.recognised),
                commended=format_number(exemplar_counts.commended),
            ),
        )
        for row in exemplars:
            person = row.exemplar
            who = person.person_name + (f", {person.position}" if person.position else "")
            _paragraph(
                document,
                f"• {who} ({row.unit_name}) — {status_name(person.status)}: {person.achievement}",
            )
        if unlisted:
            _paragraph(
                document,
                ngettext(
                    "… and {count} more individual exemplar (the export lists every one)",
                    "… and {count} more individual exemplars (the export lists every one)",
                    unlisted,
                ).format(count=format_number(unlisted)),
            )

    if pictures:
        _paragraph(document, _("Photos"), bold=True)
        grid = document.add_table(rows=(len(pictures) + 1) // 2, cols=2)
        for index, (jpeg, photo) in enumerate(pictures):
            cell = grid.rows[index // 2].cells[index % 2]
            cell.text = ""
            cell.paragraphs[0].add_run().add_picture(io.BytesIO(jpeg), width=Cm(7.5))
            caption = cell.add_paragraph(photo.caption or photo.model_name)
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption.runs[0].italic = True
            caption.runs[0].font.size = Pt(11)
    await asyncio.to_thread(document.save, str(path))


async def _goals_section(
    document: Any, database: Database, scope: Scope, year: int, period: str
) -> None:
    """The measurable goals of the counted models: goal, achieved up to the period (the latest
    report that gives it) and per cent; nothing when no model has goals."""
    async with database.read() as tx:
        progress = await tx.goals.progress_in_scope(scope, year, period)
    if not progress:
        return
    _paragraph(document, _("Measurable goals of the models"), bold=True)
    widths = [4.2, 3.0, 3.4, 2.6, 2.0]
    table = _table(
        document, [_("Model"), _("Unit"), _("Goal"), _("Achieved so far"), _("Per cent")], widths
    )
    add_row = _row_maker(table, widths)
    for each in progress:
        goal, achieved = each.goal.goal, each.achieved
        add_row(
            [
                each.model_name,
                each.unit_name,
                goal_text(goal),
                "–" if achieved is None else quantity(achieved),
                "–" if achieved is None else per_cent_text(achieved, goal),
            ]
        )
    document.add_paragraph()
    reached = sum(
        1 for p in progress if p.achieved is not None and p.achieved >= p.goal.goal.quantity
    )
    _paragraph(
        document,
        ngettext(
            "{reached} of {count} goal is reached.",
            "{reached} of {count} goals are reached.",
            len(progress),
        ).format(reached=format_number(reached), count=format_number(len(progress))),
    )


def _shown(totals: DomainTotals) -> list[str]:
    return [
        format_number(totals.models),
        format_number(totals.participants),
        format_number(totals.beneficiaries),
        format_money(totals.money_vnd),
    ]


def _figure_sentences(figures: ReportFigures) -> list[str]:
    """The totals in words: the same numbers as the table's last row."""
    total = figures.total
    return [
        ngettext(
            "In {year}, {models} model counts: {participants} participants, {beneficiaries} "
            "beneficiaries and {money} raised.",
            "In {year}, {models} models count: {participants} participants, {beneficiaries} "
            "beneficiaries and {money} raised.",
            total.models,
        ).format(
            year=figures.year,
            models=format_number(total.models),
            participants=format_number(total.participants),
            beneficiaries=format_number(total.beneficiaries),
            money=format_money(total.money_vnd),
        ),
        _(
            "Beneficiaries and money are those reported for the period, or those registered "
            "for a model with no reported figure."
        ),
        _("Reports of the period received: {reports}.").format(
            reports=format_number(figures.reports)
        ),
    ]


def _coverage_sentence(figures: ReportFigures) -> str:
    met, total = figures.units_met, figures.units_with_target
    return ngettext(
        "{met} of {total} unit with a target registered enough models in {year} ({share}).",
        "{met} of {total} units with a target registered enough models in {year} ({share}).",
        total,
    ).format(
        met=format_number(met),
        total=format_number(total),
        year=figures.year,
        share=format_percent(met / total if total else 0),
    )
