"""``/export``: the registry (XLSX) or the written report (DOCX), sent as a file in the chat."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow
from conversations.flows.export.save import registry_file, report_file, visits_file
from conversations.flows.export.steps import STEPS
from conversations.messages import Reply
from conversations.turn import Turn
from locales import N_

#: the file each kind makes
FILES: Final = {"registry": registry_file, "report": report_file, "visits": visits_file}


class ExportFlow(Flow):
    """What to export, and for the report, which unit and period."""

    name: ClassVar[str] = "export"
    title: ClassVar[str] = N_("Export")
    summary: ClassVar[bool] = False
    keeps_draft: ClassVar[bool] = False
    STEPS = STEPS

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """Nothing worth naming."""
        return None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Promise the file asked for (see ``save.py``)."""
        return await FILES[data["kind"]](turn, data)
