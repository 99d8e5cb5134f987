"""The ``dvk`` command line."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from bot.channel import Channel
from bot.console import ConsoleChannel
from bot.jobs.digests import weekly_digests
from bot.jobs.nudges import sweep
from bot.logs import configure_logging
from bot.phase_rounds import closer, closure_text, gate, phase_lines
from bot.runtime import SAMPLE_ORGANISATION, Runtime, serve
from bot.settings import (
    Settings,
    SettingsError,
    cli_locale,
    load_settings,
    masked_url,
    settings_in_force,
)
from conversations.commend import commend_exemplar_nominees, commend_nominees
from conversations.steps.model import DETAIL_COLUMNS
from domain.calendar import SATISFIED_WHEN
from domain.errors import DvkError
from domain.organisation import Level, Role
from domain.scope import Scope
from locales import (
    N_,
    _,
    format_date,
    format_datetime,
    format_number,
    ngettext,
    set_locale,
    sort_key,
    user_message,
)
from reports.coverage import targets_table
from reports.digest_text import build_digest
from reports.vocabulary import (
    OUTBOX_STATUS_NAMES,
    deadline_title,
    level_name,
    outbox_kind_name,
    reminder_policy_text,
    role_name,
    rule_text,
)
from storage.accounts import hash_code
from storage.clock import FixedClock, SystemClock
from storage.evidence_gc import Collected, collect_evidence
from storage.invites import issue_invite
from storage.migrate import upgrade
from storage.org_import import ImportRejected, Move, import_clusters, import_units
from storage.records import UnitRecord
from storage.units import ParentSpell

T = TypeVar("T")

# Help texts are translated when the module loads, so the language is chosen first.
set_locale(cli_locale())

app = typer.Typer(
    help=_("DVK Bot: the Youth Union's 'Dân vận khéo' chatbot."),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
units_app = typer.Typer(help=_("The organisation: units and clusters."), no_args_is_help=True)
app.add_typer(units_app, name="units")
targets_app = typer.Typer(
    help=_("The targets of each unit: its own, or its level's default."), no_args_is_help=True
)
app.add_typer(targets_app, name="targets")
clusters_app = typer.Typer(help=_("Emulation clusters and their units."), no_args_is_help=True)
app.add_typer(clusters_app, name="clusters")
export_app = typer.Typer(help=_("Export the registry and the reports."), no_args_is_help=True)
app.add_typer(export_app, name="export")
outbox_app = typer.Typer(
    help=_("The outbox of messages the bot sends on its own: counts, or send them now."),
    invoke_without_command=True,
)
app.add_typer(outbox_app, name="outbox")
evidence_app = typer.Typer(help=_("The evidence store of photos."), no_args_is_help=True)
app.add_typer(evidence_app, name="evidence")


def _settings() -> Settings:
    try:
        settings = load_settings()
    except SettingsError as error:
        typer.echo(user_message(error), err=True)
        raise typer.Exit(2) from None
    secrets = [
        secret.get_secret_value()
        for secret in (
            settings.telegram_token,
            settings.zalo_token,
            settings.zalo_webhook_secret,
            settings.s3_secret_access_key,
        )
        if secret is not None
    ]
    configure_logging(settings.log_level, secrets, sql=settings.log_sql)
    return settings


@asynccontextmanager
async def _opened(settings: Settings) -> AsyncIterator[Runtime]:
    """The runtime of a command, on a database that ``dvk init`` has brought up to date."""
    runtime = Runtime(settings)
    try:
        await runtime.check_schema()
        yield runtime
    finally:
        await runtime.close()


def _with_runtime(work: Callable[[Runtime], Awaitable[T]]) -> T:
    """Run ``work`` on the runtime of a command, and what it returns."""
    settings = _settings()

    async def main() -> T:
        async with _opened(settings) as runtime:
            return await work(runtime)

    return _run(main())


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    try:
        return asyncio.run(coroutine)
    except ImportRejected as error:
        typer.echo(user_message(error), err=True)
        for problem in error.problems:
            typer.echo("  " + problem.text(), err=True)
        raise typer.Exit(1) from None
    except DvkError as error:
        typer.echo(user_message(error), err=True)
        raise typer.Exit(1) from None


def parse_duration(text: str) -> dt.timedelta:
    """``14d``, ``48h``, ``2w`` or ``90m`` as a duration."""
    match = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", text.lower())
    if match is None:
        raise typer.BadParameter(_("use a number and a unit: 90m, 48h, 14d or 2w"))
    amount, unit = int(match.group(1)), match.group(2)
    return {
        "m": dt.timedelta(minutes=amount),
        "h": dt.timedelta(hours=amount),
        "d": dt.timedelta(days=amount),
        "w": dt.timedelta(weeks=amount),
    }[unit]


@app.command("init", help=_("Create the database or bring it up to date (safe to run twice)."))
def init_command(
    sample: Annotated[
        bool,
        typer.Option(
            "--sample",
            help=_("Load the sample organisation when there are no units, for the demo."),
        ),
    ] = False,
) -> None:
    """Create or upgrade the database."""
    settings = _settings()

    async def main() -> None:
        runtime = Runtime(settings)
        try:
            await upgrade(runtime.database)
            typer.echo(_("Database ready: {url}").format(url=_safe_url(settings)))
            if not sample:
                return
            async with runtime.database.read() as tx:
                empty = await tx.units.count() == 0
            if empty:
                result = await import_units(
                    runtime.database, SAMPLE_ORGANISATION, runtime.clock.now()
                )
                typer.echo(
                    _("Sample organisation loaded: {count} units.").format(count=result.created)
                )
            await _demo_invite(runtime)
        finally:
            await runtime.close()

    _run(main())


async def _demo_invite(runtime: Runtime) -> None:
    """Print a fresh secretary invite when nobody has joined in this terminal yet."""
    async with runtime.database.transaction() as tx:
        if await tx.accounts.account("console", "terminal") is not None:
            return
        now = runtime.clock.now()
        code, _record = await issue_invite(
            tx,
            role=Role.SECRETARY,
            unit_code="BP-DP-TL-A1",
            cluster_code=None,
            name=None,
            expires_at=now + dt.timedelta(days=14),
            now=now,
        )
    typer.echo(
        _("Demo invite for the secretary of {unit}: {code} (type it in the chat)").format(
            unit="Chi đoàn ấp 1", code=code
        )
    )


def _safe_url(settings: Settings) -> str:
    return masked_url(settings.effective_database_url)


@app.command(
    "run",
    help=_(
        "Run the bot: Telegram and Zalo when their tokens are set (Zalo with the HTTP server "
        "on DVK_HTTP_LISTEN), otherwise the console."
    ),
)
def run_command() -> None:
    """Run the bot."""
    settings = _settings()

    async def main() -> None:
        runtime = Runtime(settings)
        try:
            if runtime.telegram() is None:
                typer.echo(
                    _(
                        "No DVK_TELEGRAM_TOKEN set: this is the console channel. "
                        "Type your invite code or /help; Ctrl-D quits."
                    )
                )
            await serve(runtime)
        finally:
            await runtime.close()

    _run(main())


@app.command("chat", help=_("Talk to the bot in this terminal (lines from standard input)."))
def chat_command(
    invite: Annotated[
        str | None, typer.Option("--invite", help=_("Join with this invite code first."))
    ] = None,
    person: Annotated[
        int | None, typer.Option("--person", help=_("Talk as the person with this id."))
    ] = None,
) -> None:
    """Chat in the terminal."""
    if invite and person is not None:
        raise typer.BadParameter(_("use --invite or --person, not both"))
    settings = _settings()

    async def main() -> None:
        async with _opened(settings) as runtime:
            chat_id = "terminal"
            if invite:
                chat_id = "invite-" + hash_code(invite)[:16]
            elif person is not None:
                chat_id = f"person-{person}"
                await _bind_console(runtime, person, chat_id)
            console = ConsoleChannel(runtime.dispatcher, chat_id)
            if invite:
                async with runtime.database.read() as tx:
                    joined = await tx.accounts.account("console", chat_id) is not None
                if not joined:
                    await console.say(f"/start {invite}")
            await console.run(prompt=sys.stdin.isatty())

    _run(main())


def _figures(record: object, *names: str) -> dict[str, object]:
    """The named figures of a result, to fill a message's placeholders."""
    return {name: getattr(record, name) for name in names}


#: the file an import command reads
ImportFile = Annotated[
    Path, typer.Argument(exists=True, dir_okay=False, help=_("The CSV or XLSX file."))
]


async def _bind_console(runtime: Runtime, person_id: int, chat_id: str) -> None:
    async with runtime.database.transaction() as tx:
        if await tx.accounts.person(person_id) is None:
            raise DvkError(N_("There is no person with the id {id}."), id=person_id)
        await tx.accounts.bind("console", chat_id, chat_id, person_id, None, runtime.clock.now())


@units_app.command(
    "import",
    help=_(
        "Import units from CSV or XLSX: code,name,level,parent_code,cluster; optionally "
        "target_models, target_per_domain, target_gathering_pct."
    ),
)
def units_import(file: ImportFile) -> None:
    """Import the organisation."""
    result = _with_runtime(
        lambda rt: import_units(rt.database, file, rt.clock.now(), rt.settings.zone)
    )
    text = _("Imported {rows} rows: {created} new units, {updated} changed, {clusters} clusters.")
    typer.echo(text.format(**_figures(result, "rows", "created", "updated", "clusters")))
    _echo_moves(result.moves)


def _echo_moves(moves: Sequence[Move]) -> None:
    """The units an import moved, each with its old and new parent and the day of the move."""
    if not moves:
        return
    typer.echo(
        ngettext("{count} unit moved:", "{count} units moved:", len(moves)).format(count=len(moves))
    )
    for move in moves:
        typer.echo(
            _("  {code}: {old} → {new}, from {date}").format(
                code=move.code,
                old=move.old_parent or _("(top level)"),
                new=move.new_parent or _("(top level)"),
                date=format_date(move.day),
            )
        )


@units_app.command("history", help=_("Show the parents a unit had, and since when."))
def units_history(
    code: Annotated[str, typer.Argument(help=_("Code of the unit."))],
) -> None:
    """Print the moves of one unit."""

    async def read(runtime: Runtime) -> tuple[UnitRecord, UnitRecord | None, list[ParentSpell]]:
        async with runtime.database.read() as tx:
            unit = await tx.units.existing(code)
            parent = await tx.units.get(unit.parent_id) if unit.parent_id else None
            return unit, parent, await tx.units.spells(unit.id)

    unit, parent, spells = _with_runtime(read)
    typer.echo(f"{unit.code}  {unit.name}")
    if not spells:
        typer.echo(_("  Never moved: under {parent}.").format(parent=_unit_label(parent)))
        return
    for spell in spells:
        if spell.valid_from is None and spell.valid_to is not None:
            when = _("until {date}").format(date=format_date(spell.valid_to - dt.timedelta(days=1)))
        elif spell.valid_from is not None and spell.valid_to is not None:
            when = _("from {start} to {end}").format(
                start=format_date(spell.valid_from),
                end=format_date(spell.valid_to - dt.timedelta(days=1)),
            )
        else:
            when = _("since {date}").format(date=format_date(spell.valid_from or dt.date.min))
        typer.echo(
            _("  {when}: under {parent}").format(when=when, parent=_unit_label(spell.parent))
        )


def _unit_label(unit: UnitRecord | None) -> str:
    """A parent as the history names it: code and name, or the top of the tree."""
    return f"{unit.code} ({unit.name})" if unit else _("(top level)")


@units_app.command("list", help=_("Print the unit tree."))
def units_list() -> None:
    """Print the tree."""

    async def read(runtime: Runtime) -> tuple[list[UnitRecord], dict[int, str]]:
        async with runtime.database.read() as tx:
            units = await tx.units.all()
            codes = {c.id: c.code for c in await tx.units.clusters()}
        return units, codes

    units, cluster_codes = _with_runtime(read)
    if not units:
        typer.echo(_("No units yet. Import them with: dvk units import FILE"))
        return
    for line in tree_lines(units, cluster_codes):
        typer.echo(line)


def tree_lines(units: list[UnitRecord], cluster_codes: dict[int, str]) -> list[str]:
    """The units as an indented tree, children by name under their parent."""
    children: dict[int | None, list[UnitRecord]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    lines: list[str] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in sorted(children.get(parent, []), key=lambda u: sort_key(u.name)):
            cluster = cluster_codes.get(unit.cluster_id) if unit.cluster_id else None
            suffix = " [" + _("cluster {code}").format(code=cluster) + "]" if cluster else ""
            lines.append(
                f"{'  ' * depth}{unit.code}  {unit.name} ({level_name(unit.level)}){suffix}"
            )
            walk(unit.id, depth + 1)

    walk(None, 0)
    return lines


@targets_app.command(
    "list", help=_("Print the targets in force of each unit, and where each value comes from.")
)
def targets_list(
    under: Annotated[
        str | None, typer.Option("--under", help=_("Only this unit and the units below it."))
    ] = None,
) -> None:
    """Print the targets in force."""

    async def read(runtime: Runtime) -> list[str]:
        async with runtime.database.read() as tx:
            if under is None:
                units = await tx.units.all()
            else:
                top = await tx.units.existing(under)
                units = list((await tx.units.many(await tx.units.subtree_ids([top.id]))).values())
        return targets_table(units, runtime.config.targets) if units else []

    lines = _with_runtime(read)
    if not lines:
        typer.echo(_("No units yet. Import them with: dvk units import FILE"))
        return
    for line in lines:
        typer.echo(line)


@clusters_app.command(
    "import", help=_("Import clusters from CSV or XLSX: code,name and optionally units.")
)
def clusters_import(file: ImportFile) -> None:
    """Import clusters."""
    result = _with_runtime(lambda rt: import_clusters(rt.database, file, rt.clock.now()))
    typer.echo(
        _("Imported clusters: {clusters}; units moved into a cluster: {units}.").format(
            clusters=result.clusters, units=result.units_assigned
        )
    )


@clusters_app.command("list", help=_("Print the clusters, their units, leads and BTV members."))
def clusters_list() -> None:
    """Print the clusters."""
    settings = _settings()

    async def main() -> None:
        async with _opened(settings) as runtime:
            async with runtime.database.read() as tx:
                clusters = await tx.units.clusters()
                ids = [c.id for c in clusters]
                units = await tx.visits.units_of_clusters(ids)
                members = await tx.visits.members(ids)
                leads = await tx.visits.members(ids, Role.CLUSTER_LEAD)

        def names(people: list[Any], cluster_id: int) -> str:
            return ", ".join(p.name for p in people if p.cluster_id == cluster_id) or "-"

        for cluster in clusters:
            unit_names = ", ".join(u.name for u in units[cluster.id]) or "-"
            typer.echo(f"{cluster.code}  {cluster.name}")
            typer.echo("  " + _("units: {units}").format(units=unit_names))
            typer.echo("  " + _("lead: {names}").format(names=names(leads, cluster.id)))
            typer.echo("  " + _("BTV members: {names}").format(names=names(members, cluster.id)))

    _run(main())


@app.command("invite", help=_("Create a single-use invite code and its Telegram link."))
def invite_command(
    role: Annotated[Role, typer.Option("--role", help=_("secretary, btv, cluster_lead or admin"))],
    unit: Annotated[str | None, typer.Option("--unit", help=_("Code of the unit."))] = None,
    name: Annotated[str | None, typer.Option("--name", help=_("Full name of the person."))] = None,
    cluster: Annotated[
        str | None, typer.Option("--cluster", help=_("Code of the cluster."))
    ] = None,
    expires: Annotated[
        str, typer.Option("--expires", help=_("How long the code is valid: 90m, 48h, 14d, 2w."))
    ] = "14d",
    all_units: Annotated[
        bool,
        typer.Option(
            "--all-units",
            help=_("One secretary invite for every unit of --level without a secretary."),
        ),
    ] = False,
    level: Annotated[
        Level | None, typer.Option("--level", help=_("With --all-units: the level of the units."))
    ] = None,
    under: Annotated[
        str | None,
        typer.Option("--under", help=_("With --all-units: only the units under this unit code.")),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help=_("With --all-units: the XLSX file to write.")),
    ] = None,
) -> None:
    """Create an invite."""
    settings = _settings()
    validity = parse_duration(expires)
    if all_units:
        _bulk_invites(settings, role, level, under, output, validity)
        return

    async def main() -> None:
        async with _opened(settings) as runtime:
            now = runtime.clock.now()
            async with runtime.database.transaction() as tx:
                code, record = await issue_invite(
                    tx,
                    role=role,
                    unit_code=unit,
                    cluster_code=cluster,
                    name=name,
                    expires_at=now + validity,
                    now=now,
                )
            username = await _bot_username(runtime)
        typer.echo(
            _("Invite code for a {role}: {code}").format(role=role_name(record.role), code=code)
        )
        typer.echo(
            _("Valid until {moment}.").format(
                moment=format_datetime(record.expires_at, settings.zone)
            )
        )
        if username:
            typer.echo(
                _("Telegram link: https://t.me/{bot}?start={code}").format(bot=username, code=code)
            )
        else:
            typer.echo(
                _("No Telegram token set. In the terminal: dvk chat --invite {code}").format(
                    code=code
                )
            )

    _run(main())


def _bulk_invites(
    settings: Settings,
    role: Role,
    level: Level | None,
    under: str | None,
    output: Path | None,
    validity: dt.timedelta,
) -> None:
    """``dvk invite --all-units``: the invites of many units, written to an XLSX file."""
    if role is not Role.SECRETARY:
        raise typer.BadParameter(_("--all-units makes secretary invites only"), param_hint="--role")
    if level is None:
        raise typer.BadParameter(_("--all-units needs --level"), param_hint="--level")
    if output is None:
        raise typer.BadParameter(_("--all-units needs -o FILE.xlsx"), param_hint="-o")
    target = output

    async def main() -> None:
        from bot.telegram import deep_link
        from reports.invite_sheet import export_unit_invites

        async with _opened(settings) as runtime:
            scope = Scope(everything=True)
            if under:
                async with runtime.database.read() as tx:
                    root = await tx.units.existing(under)
                scope = Scope(roots=(root.id,))
            username = await _bot_username(runtime)
            now = runtime.clock.now()
            try:
                count = await export_unit_invites(
                    runtime.database,
                    target,
                    settings.zone,
                    scope,
                    level=level.value,
                    expires_at=now + validity,
                    now=now,
                    link=lambda code: deep_link(username, code) if username else None,
                )
            except OSError as error:
                typer.echo(
                    _("Could not write {path}: {error}. No invite was made.").format(
                        path=target, error=error.strerror or error
                    ),
                    err=True,
                )
                raise typer.Exit(1) from None
        typer.echo(
            ngettext(
                "{count} invite for a unit without a secretary written to {path}.",
                "{count} invites for units without a secretary written to {path}.",
                count,
            ).format(count=count, path=target)
        )
        if not username:
            typer.echo(_("No Telegram token set: the link column is empty."))

    _run(main())


async def _bot_username(runtime: Runtime) -> str | None:
    telegram = runtime.telegram()
    if telegram is None:
        return None
    try:
        await telegram.connect()
        return telegram.username
    finally:
        await telegram.application.shutdown()


class VisitsFormat(StrEnum):
    """File formats of the visit log export."""

    XLSX = "xlsx"


class ExportFormat(StrEnum):
    """File formats of the registry export."""

    CSV = "csv"
    XLSX = "xlsx"


@export_app.command(
    "models", help=_("Export the registry of models (every field, status, photos).")
)
def export_models(
    output: Annotated[Path, typer.Option("-o", "--output", help=_("The file to write."))],
    file_format: Annotated[
        ExportFormat, typer.Option("--format", help=_("File format."))
    ] = ExportFormat.CSV,
    unit: Annotated[
        str | None, typer.Option("--unit", help=_("Only this unit and the units below it."))
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help=_("Only this year."))] = None,
) -> None:
    """Export the registry."""

    async def export(runtime: Runtime) -> int:
        from reports.registry_export import export_registry_csv, export_registry_xlsx

        scope = await _unit_scope(runtime, unit)
        write = export_registry_xlsx if file_format is ExportFormat.XLSX else export_registry_csv
        zone = runtime.settings.zone
        return await write(runtime.database, output, zone, scope, year=year, details=DETAIL_COLUMNS)

    count = _with_runtime(export)
    text = ngettext("Wrote {count} model to {path}.", "Wrote {count} models to {path}.", count)
    typer.echo(text.format(count=count, path=output))


@app.command("calendar", help=_("Show the deadlines, who they concern, and the reminder policy."))
def calendar_command() -> None:
    """Print the calendar in force."""
    settings = _settings()

    async def main() -> None:
        runtime = Runtime(settings)
        calendar = runtime.calendar
        today = runtime.clock.now().astimezone(settings.zone).date()
        closures = None
        try:
            if calendar.phase is not None:
                await runtime.check_schema()
                async with runtime.database.read() as tx:
                    closed = await tx.commendation_rounds.of_phase(calendar.phase.id)
                closures = {closure.round: closure for closure in closed}
        except DvkError:
            pass  # not set up yet: the phase is shown without its closed rounds
        finally:
            await runtime.close()
        for deadline in calendar.recurring:
            upcoming = [d for d in deadline.occurrences(today) if d >= today]
            audience = ", ".join(
                [
                    *(level_name(level) for level in deadline.levels),
                    *(role_name(r) for r in deadline.roles),
                ]
            )
            typer.echo(f"{deadline.id}: {deadline_title(deadline, upcoming[0])}")
            typer.echo(
                "  "
                + _("when: {rule}; next {date}").format(
                    rule=rule_text(deadline), date=format_date(upcoming[0])
                )
            )
            typer.echo("  " + _("who: {audience}").format(audience=audience))
            typer.echo(
                "  " + _("met when: {condition}").format(condition=_(SATISFIED_WHEN[deadline.kind]))
            )
            typer.echo("  " + reminder_policy_text(deadline.policy))
        if calendar.phase is not None:
            for line in phase_lines(calendar.phase, today, closures, settings.zone):
                typer.echo(line)

    _run(main())


def parse_moment(text: str, zone: dt.tzinfo) -> dt.datetime:
    """An ISO moment; without an offset it is local time in the configured zone."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            _("use an ISO date and time, for example 2027-01-08T08:00")
        ) from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


@app.command(
    "nudge", help=_("Run the reminder sweep as of a moment: enqueue, or only show, who is due.")
)
def nudge_command(
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help=_("The moment, e.g. 2027-01-08T08:00 (local time); default now.")
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Only print who would be reminded and why."))
    ] = False,
) -> None:
    """Sweep for reminders."""
    settings = _settings()
    moment = parse_moment(at, settings.zone) if at else None

    async def main() -> None:
        runtime = Runtime(settings, clock=FixedClock(moment) if moment else None)
        try:
            await runtime.check_schema()
            result = await sweep(
                runtime.database,
                runtime.calendar,
                runtime.config.targets,
                runtime.clock.now(),
                settings.zone,
                dry_run=dry_run,
                send_from=SystemClock().now(),
            )
        finally:
            await runtime.close()
        for line in result.lines:
            typer.echo(line)
        if dry_run:
            typer.echo(
                ngettext(
                    "{count} reminder due; nothing was enqueued (--dry-run).",
                    "{count} reminders due; nothing was enqueued (--dry-run).",
                    result.due,
                ).format(count=result.due)
            )
        else:
            typer.echo(
                ngettext(
                    "{count} reminder due, {new} newly enqueued.",
                    "{count} reminders due, {new} newly enqueued.",
                    result.due,
                ).format(count=result.due, new=result.enqueued)
            )
        for hold in sorted(result.holds, key=lambda h: h.until):
            typer.echo(
                _(
                    "It is quiet hours ({start}–{end}): the reminders wait until the send hour, "
                    "{when}."
                ).format(
                    start=hold.quiet_start.strftime("%H:%M"),
                    end=hold.quiet_end.strftime("%H:%M"),
                    when=format_datetime(hold.until, settings.zone),
                )
            )

    _run(main())


@outbox_app.callback()
def outbox_counts(context: typer.Context) -> None:
    """Print how many messages are pending, sent, failed and unreachable."""
    if context.invoked_subcommand is not None:
        return
    settings = _settings()

    async def main() -> None:
        async with _opened(settings) as runtime:
            async with runtime.database.read() as tx:
                counts = await tx.outbox.counts()
                by_kind = await tx.outbox.counts_by_kind()
        for status, count in counts.items():
            typer.echo(f"{_(OUTBOX_STATUS_NAMES[status])}: {count}")
        if by_kind:
            typer.echo(_("By kind:"))
        for kind, statuses in by_kind.items():
            parts = ", ".join(
                f"{_(OUTBOX_STATUS_NAMES[status])} {count}"
                for status, count in statuses.items()
                if count
            )
            typer.echo(f"  {outbox_kind_name(kind)}: {parts}")

    _run(main())


@outbox_app.command("send", help=_("Send the pending messages now (when no `dvk run` is running)."))
def outbox_send() -> None:
    """Drain the outbox through the configured channels."""
    settings = _settings()

    async def main() -> None:
        runtime = Runtime(settings)
        telegram = runtime.telegram()
        zalo = None
        channels: dict[str, Channel] = {"console": ConsoleChannel(runtime.dispatcher)}
        try:
            await runtime.check_schema()
            if telegram is not None:
                await telegram.connect()
                channels[telegram.name] = telegram
            # photo links need the HTTP server of `dvk run`: this sends texts, photos as links
            zalo = await runtime.zalo(await runtime.file_links())
            if zalo is not None:
                await zalo.connect()
                channels[zalo.name] = zalo
            sender = runtime.sender(channels)
            counts = await sender.drain(patience=60.0)
            quiet = sender.quiet_now()
        finally:
            if telegram is not None:
                await telegram.application.shutdown()
            if zalo is not None:
                await zalo.stop()
            await runtime.close()
        text = _(
            "Sent {sent}, to retry later {retried}, failed {failed}, unreachable {unreachable}."
        )
        typer.echo(text.format(**_figures(counts, "sent", "retried", "failed", "unreachable")))
        if quiet:
            policy = runtime.calendar.policy
            typer.echo(
                _("Quiet hours ({start}–{end}): reminders wait until {end}.").format(
                    start=policy.quiet_start.strftime("%H:%M"),
                    end=policy.quiet_end.strftime("%H:%M"),
                )
            )

    _run(main())


@evidence_app.command(
    "gc", help=_("Remove the photo files that nothing refers to, once they are old enough.")
)
def evidence_gc(
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help=_("Only list what would be removed; remove nothing.")),
    ] = False,
    older_than: Annotated[
        str,
        typer.Option(
            "--older-than",
            help=_("Keep files newer than this: 90m, 48h, 7d, 2w."),
        ),
    ] = "7d",
) -> None:
    """List or remove the evidence files without any record."""
    age = parse_duration(older_than)
    settings = _settings()

    async def main() -> Collected:
        async with _opened(settings) as runtime:
            return await collect_evidence(
                runtime.database,
                runtime.evidence,
                runtime.clock.now(),
                older_than=age,
                dry_run=dry_run,
            )

    result = _run(main())
    listed = result.orphans if dry_run else result.removed
    for orphan in listed:
        moment = format_datetime(orphan.modified, settings.zone)
        typer.echo(f"{orphan.key}  {format_number(orphan.size)} B  {moment}")
    count = len(listed)
    if dry_run:
        message = ngettext(
            "{count} file without any record, {size} bytes; nothing was removed (--dry-run).",
            "{count} files without any record, {size} bytes; nothing was removed (--dry-run).",
            count,
        )
        typer.echo(message.format(count=count, size=format_number(result.size)))
    else:
        message = ngettext(
            "Removed {count} file without any record, {size} bytes.",
            "Removed {count} files without any record, {size} bytes.",
            count,
        )
        typer.echo(message.format(count=count, size=format_number(result.removed_size)))


@export_app.command("report", help=_("Write the report a unit sends upward, as DOCX."))
def export_report(
    unit: Annotated[str, typer.Option("--unit", help=_("Code of the unit."))],
    period: Annotated[str, typer.Option("--period", help=_("The period: 2026-h1 or 2026-annual."))],
    output: Annotated[Path, typer.Option("-o", "--output", help=_("The file to write."))],
) -> None:
    """Write the DOCX report."""
    settings = _settings()
    if not re.fullmatch(r"\d{4}-(h1|annual)", period):
        raise typer.BadParameter(_("use YEAR-h1 or YEAR-annual, for example 2026-annual"))

    async def main() -> None:
        from reports.written_report import export_written_report

        async with _opened(settings) as runtime:
            async with runtime.database.read() as tx:
                found = await tx.units.existing(unit)
            await export_written_report(
                runtime.database,
                runtime.evidence,
                output,
                unit=found,
                period=period,
                targets=runtime.config.targets,
                today=runtime.clock.now().astimezone(settings.zone).date(),
            )
        typer.echo(_("Wrote {path}.").format(path=output))

    _run(main())


@export_app.command(
    "showcase",
    help=_(
        "Write an article per showcased recognised model of a unit's subtree (name, unit, what "
        "it did, its effect in figures, up to 3 photos), as DOCX, for the Union's website."
    ),
)
def export_showcase_command(
    unit: Annotated[str, typer.Option("--unit", help=_("Code of the unit."))],
    output: Annotated[Path, typer.Option("-o", "--output", help=_("The file to write."))],
    year: Annotated[int | None, typer.Option("--year", help=_("Only this year."))] = None,
) -> None:
    """Write the showcase DOCX."""

    async def export(runtime: Runtime) -> tuple[int, str]:
        from reports.showcase import export_showcase

        async with runtime.database.read() as tx:
            found = await tx.units.existing(unit)
        count = await export_showcase(
            runtime.database, runtime.evidence, output, unit=found, year=year
        )
        return count, found.name

    count, name = _with_runtime(export)
    if not count:
        typer.echo(
            _(
                "No showcased model in {unit}: a BTV member marks recognised models with "
                "/showcase in the chat. No file was written."
            ).format(unit=name),
            err=True,
        )
        raise typer.Exit(1)
    text = ngettext(
        "Wrote {count} model's article to {path}.",
        "Wrote {count} models' articles to {path}.",
        count,
    )
    typer.echo(text.format(count=count, path=output))


@export_app.command("visits", help=_("Export a month's visit log, one sheet per cluster."))
def export_visits(
    month: Annotated[str, typer.Option("--month", help=_("The month: 2026-11."))],
    output: Annotated[Path, typer.Option("-o", "--output", help=_("The file to write."))],
    file_format: Annotated[
        VisitsFormat, typer.Option("--format", help=_("File format."))
    ] = VisitsFormat.XLSX,
) -> None:
    """Write the visit log."""
    found = re.fullmatch(r"(\d{4})-(\d{2})", month)
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise typer.BadParameter(_("use YEAR-MM, for example 2026-11"))
    year, number = int(found.group(1)), int(found.group(2))

    async def export(runtime: Runtime) -> int:
        from reports.visit_export import export_visits_xlsx

        async with runtime.database.read() as tx:
            clusters = [c.id for c in await tx.units.clusters()]
        return await export_visits_xlsx(runtime.database, output, clusters, year, number)

    count = _with_runtime(export)
    text = ngettext("Wrote {count} visit to {path}.", "Wrote {count} visits to {path}.", count)
    typer.echo(text.format(count=count, path=output))


@app.command("digest", help=_("Show the BTV digest of a unit, or enqueue it for its BTV members."))
def digest_command(
    unit: Annotated[str, typer.Option("--unit", help=_("Code of the unit."))],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Only print the digest; send nothing."))
    ] = False,
) -> None:
    """Print or enqueue a digest."""
    settings = _settings()

    async def main() -> None:
        async with _opened(settings) as runtime:
            async with runtime.database.read() as tx:
                found = await tx.units.existing(unit)
                now = runtime.clock.now()
                digest = await build_digest(
                    tx,
                    Scope(roots=(found.id,)),
                    found.name,
                    calendar=runtime.calendar,
                    targets=runtime.config.targets,
                    now=now,
                    zone=settings.zone,
                    since=now - dt.timedelta(days=7),
                )
            if dry_run:
                typer.echo(digest.text)
                return
            count = await weekly_digests(
                runtime.database,
                runtime.calendar,
                runtime.config.targets,
                now,
                settings.zone,
                unit_ids=[found.id],
            )
        typer.echo(
            ngettext("{count} digest enqueued.", "{count} digests enqueued.", count).format(
                count=count
            )
        )

    _run(main())


@app.command("commend", help=_("Close a commendation round: its nominees become commended."))
def commend_command(
    round_number: Annotated[int, typer.Option("--round", min=1, max=2, help=_("1 or 2."))],
    unit: Annotated[
        str | None, typer.Option("--unit", help=_("Only this unit and the units below it."))
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help=_("Close the round before its date in the phase (needs --reason).")
        ),
    ] = False,
    reason: Annotated[
        str | None,
        typer.Option("--reason", help=_("Why the round is closed before its date (recorded).")),
    ] = None,
) -> None:
    """Commend the nominees of a round; with a phase in the calendar, only from its date on."""
    settings = _settings()

    async def main() -> None:
        closing = None
        async with _opened(settings) as runtime:
            now = runtime.clock.now()
            phase = runtime.calendar.phase
            scope = await _unit_scope(runtime, unit)
            async with runtime.database.transaction() as tx:
                if phase is not None:
                    # A round closed already stays closed: its first closure stands, no gate.
                    before = await tx.commendation_rounds.closure(phase.id, round_number)
                    forced = before is None and gate(
                        phase,
                        round_number,
                        now.astimezone(settings.zone).date(),
                        force=force,
                        reason=reason,
                    )
                    closing = await tx.commendation_rounds.close(
                        phase.id,
                        round_number,
                        now,
                        forced=forced,
                        reason=reason.strip() if reason else None,
                        by=closer(),
                    )
                names = await commend_nominees(tx, scope, round_number, now)
                people = await commend_exemplar_nominees(tx, scope, round_number, now)
        for name in names:
            typer.echo(f"• {name}")
        typer.echo(
            ngettext(
                "{count} model commended in round {round}.",
                "{count} models commended in round {round}.",
                len(names),
            ).format(count=len(names), round=round_number)
        )
        for name in people:
            typer.echo(f"• 🌟 {name}")
        if people:
            typer.echo(
                ngettext(
                    "{count} individual exemplar commended in round {round}.",
                    "{count} individual exemplars commended in round {round}.",
                    len(people),
                ).format(count=len(people), round=round_number)
            )
        if closing is not None:
            values = {
                "round": round_number,
                "phase": closing.closure.phase,
                "closure": closure_text(closing.closure, settings.zone),
            }
            if closing.new:
                typer.echo(_("Round {round} of phase {phase}: {closure}.").format(**values))
            else:
                typer.echo(
                    _(
                        "Round {round} of phase {phase} was closed before, and that closure "
                        "stands: {closure}."
                    ).format(**values)
                )

    _run(main())


async def _unit_scope(runtime: Runtime, unit: str | None) -> Scope:
    """Everything, or the subtree of one unit (the command line is an administrator's)."""
    if not unit:
        return Scope(everything=True)
    async with runtime.database.read() as tx:
        found = await tx.units.existing(unit)
    return Scope(roots=(found.id,))


@app.command("settings", help=_("Show every setting, its environment variable and its value."))
def settings_command() -> None:
    """Print every setting with the value in force (a default as what it amounts to)."""
    for row in settings_in_force(_settings()):
        typer.echo(f"{row.env}={row.value}\n    {row.help}")


def main() -> None:
    """Entry point of the ``dvk`` console script."""
    app()
