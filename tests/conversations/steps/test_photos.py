"""The photos gathered by a photos step, as links to save."""

from __future__ import annotations

import datetime as dt

from conversations.steps.photos import photo_links


def test_the_photos_of_a_step_become_links_with_their_moment() -> None:
    sent = {
        "sha256": "ab" * 32, "size": 1200, "width": 640, "height": 480,
        "mime": "image/jpeg", "caption": "Ra quân", "at": "2026-11-23T02:00:00+00:00",
    }  # fmt: skip
    (link,) = photo_links({"evidence": [sent]}, "evidence")
    assert (link.sha256, link.size, link.mime, link.caption) == (
        "ab" * 32,
        1200,
        "image/jpeg",
        "Ra quân",
    )
    assert link.sent_at == dt.datetime(2026, 11, 23, 2, tzinfo=dt.UTC)
    assert photo_links({}) == [] and photo_links({"photos": None}) == []
