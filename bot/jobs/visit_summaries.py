"""At the month's end, each cluster's visit matrix to its lead and its BTV members (once)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from conversations.outbox_composer import OutboxKey, compose
from domain.keys import visits_summary_topic
from domain.organisation import Role
from locales import _
from reports.visit_matrix import ClusterMonth, cluster_months, render_matrix
from storage.db import Database
from storage.records import Recipient


def _summary(month: ClusterMonth) -> str:
    return _("Monthly visit summary") + "\n" + render_matrix(month)


async def month_end_summaries(database: Database, now: dt.datetime, zone: ZoneInfo) -> int:
    """At the month's end, each cluster's matrix to its lead and its BTV members (once)."""
    today = now.astimezone(zone).date()
    enqueued = 0
    async with database.transaction() as tx:
        clusters = [c.id for c in await tx.units.clusters()]
        for month in await cluster_months(tx, clusters, today.year, today.month):
            people = await tx.visits.holders(month.cluster.id, [Role.CLUSTER_LEAD, Role.BTV])
            recipients = await tx.recipients.of(people)

            def render(_recipient: Recipient, month: ClusterMonth = month) -> str:
                return _summary(month)

            messages = await compose(
                recipients.values(),
                OutboxKey(visits_summary_topic(month.cluster.code, today)),
                render,
                kind="summary",
            )
            enqueued += await tx.outbox.enqueue(messages, now)
    return enqueued
