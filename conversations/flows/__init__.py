"""The flows and commands of the bot, assembled into one engine."""

from __future__ import annotations

from conversations.engine import Command, Engine
from conversations.flows.announce import AnnounceFlow
from conversations.flows.appraise import AppraiseFlow
from conversations.flows.digest_on_demand import show_digest
from conversations.flows.exemplar import ExemplarFlow
from conversations.flows.exemplars import list_exemplars
from conversations.flows.export import ExportFlow
from conversations.flows.invite import InviteFlow
from conversations.flows.join import JoinFlow
from conversations.flows.language import LanguageFlow
from conversations.flows.link import link_code
from conversations.flows.log_visit import VisitFlow
from conversations.flows.my_models import MyModelsFlow
from conversations.flows.nominate import NominateFlow, list_nominees
from conversations.flows.periodic_report import PeriodicReportFlow
from conversations.flows.pilot import PilotFlow
from conversations.flows.register_model import RegisterModelFlow
from conversations.flows.review import ReviewFlow
from conversations.flows.showcase import ShowcaseFlow
from conversations.flows.visits_of_month import VisitsFlow
from domain.organisation import Role
from locales import N_

# Who may use each command: said here once. A flow picks the units it acts for among those
# where the person holds one of its command's roles (``turn.roles``).
REGISTRANTS = frozenset({Role.SECRETARY, Role.BTV})
REVIEWERS = frozenset({Role.BTV, Role.ADMIN})
VISITORS = frozenset({Role.BTV})
READERS = frozenset({Role.BTV, Role.CLUSTER_LEAD, Role.ADMIN})
EXPORTERS = frozenset({Role.SECRETARY, Role.BTV, Role.CLUSTER_LEAD, Role.ADMIN})
INVITERS = frozenset({Role.BTV, Role.ADMIN})
ANNOUNCERS = frozenset({Role.BTV, Role.ADMIN})
#: a district's or province's BTV members mark its pilot models (the flow checks the level)
PILOT_MARKERS = frozenset({Role.BTV})


def build_engine() -> Engine:
    """The engine with every command the bot knows, in the order /help lists them, each with
    the words (folded, Vietnamese) that start it without a slash."""
    commands = [
        Command(
            "register", N_("register a “Dân vận khéo” model"), REGISTRANTS, RegisterModelFlow(),
            words=("dang ky", "dang ky mo hinh"),
        ),
        Command(
            "models", N_("your unit's models: see, add photos, edit"), REGISTRANTS, MyModelsFlow(),
            words=("mo hinh", "xem mo hinh"),
        ),
        Command(
            "exemplar", N_("register an individual exemplar"), REGISTRANTS, ExemplarFlow(),
            words=("dien hinh", "guong dien hinh"),
        ),
        Command(
            "report", N_("send the 6-month or annual report"), REGISTRANTS, PeriodicReportFlow(),
            words=("bao cao", "gui bao cao"),
        ),
        Command(
            "exemplars", N_("the individual exemplars of your units and where each stands"),
            EXPORTERS, action=list_exemplars, words=("xem dien hinh", "danh sach dien hinh"),
        ),
        Command(
            "review", N_("appraise models against the five criteria"), REVIEWERS, ReviewFlow(),
            words=("tham dinh",),
        ),
        Command(
            "appraise", N_("appraise individual exemplars against their three criteria"),
            REVIEWERS, AppraiseFlow(), words=("tham dinh dien hinh",),
        ),
        Command(
            "nominate", N_("propose a recognised model or exemplar for commendation"), REVIEWERS,
            NominateFlow(), words=("de cu", "de nghi khen thuong"),
        ),
        Command(
            "nominees", N_("list the models and exemplars proposed for commendation"), REVIEWERS,
            action=list_nominees, words=("danh sach de cu",),
        ),
        Command(
            "pilot", N_("mark a model as a pilot model of your district or province"),
            PILOT_MARKERS, PilotFlow(), words=("mo hinh diem",),
        ),
        Command(
            "showcase", N_("mark a recognised model for showcasing, or remove the mark"),
            REVIEWERS, ShowcaseFlow(), words=("gioi thieu", "mo hinh tieu bieu"),
        ),
        Command(
            "digest", N_("the digest of your units"), REVIEWERS, action=show_digest,
            words=("ban tin",),
        ),
        Command(
            "visit", N_("log a visit to a unit of your cluster"), VISITORS, VisitFlow(),
            words=("di co so", "ghi di co so"),
        ),
        Command(
            "visits", N_("the month's visit log"), READERS, VisitsFlow(),
            words=("so di co so",),
        ),
        Command(
            "export", N_("the registry (XLSX) or the written report (DOCX)"), EXPORTERS,
            ExportFlow(), words=("xuat", "xuat file"),
        ),
        Command(
            "invite", N_("invite a secretary, a BTV member or a cluster lead"), INVITERS,
            InviteFlow(), words=("moi",),
        ),
        Command(
            "announce", N_("send an announcement to the secretaries of your units"), ANNOUNCERS,
            AnnounceFlow(), words=("thong bao", "gui thong bao"),
        ),
        Command(
            "lang", N_("choose Vietnamese or English"), flow=LanguageFlow(),
            words=("ngon ngu", "tieng viet", "tieng anh"),
        ),
        Command(
            "link", N_("use the bot on a second messenger (Telegram and Zalo) as the same person"),
            action=link_code, words=("lien ket",),
        ),
    ]  # fmt: skip
    return Engine(commands, join_flow=JoinFlow())
