"""Photos gathered by a photos step: how the flows link them once the record is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from storage.records import PhotoLink


def photo_links(data: Mapping[str, Any], field: str = "photos") -> list[PhotoLink]:
    """The photos gathered by the photos step ``field``, ready to link."""
    return [
        PhotoLink(
            sha256=p["sha256"],
            size=p["size"],
            width=p["width"],
            height=p["height"],
            mime=p["mime"],
            caption=p.get("caption"),
            sent_at=dt.datetime.fromisoformat(p["at"]),
        )
        for p in data.get(field) or []
    ]
