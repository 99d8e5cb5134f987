"""The catalog tool's PO fragments: translations read by msgid (plurals by both ids), empty or
partly filled entries left out."""

from __future__ import annotations

from pathlib import Path

from tools.i18n import read_fragment

FRAGMENT = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

msgid "Closed."
msgstr "Đã đóng."

msgid "Not yet"
msgstr ""

msgid "{count} photo"
msgid_plural "{count} photos"
msgstr[0] "{count} ảnh"
"""


def test_a_fragment_gives_its_filled_translations_by_msgid(tmp_path: Path) -> None:
    path = tmp_path / "fragment.vi.po"
    path.write_text(FRAGMENT, encoding="utf-8")
    assert read_fragment(path) == {
        "Closed.": "Đã đóng.",
        ("{count} photo", "{count} photos"): ("{count} ảnh",),
    }
    assert read_fragment(None) == {}
