"""Keep the catalogs in step with the code: ``python tools/i18n.py`` (or ``make messages``).

It extracts every ``_()``/``N_()`` message into ``locales/messages.pot``, merges it into the ``vi``
and ``en`` catalogs (English msgstr = msgid), drops obsolete entries, and lists the Vietnamese
messages still to translate. Translate by editing ``locales/vi/LC_MESSAGES/messages.po``, or
hand over a file of translations: ``python tools/i18n.py --vi new.po [--en new-en.po]`` fills the
msgstr of each msgid the fragment names (a plain PO file: ``msgid "…"`` / ``msgstr "…"`` pairs).

The whole run holds an exclusive lock (``locales/.i18n.lock``), so two people (or two editors in one
work tree) updating the catalogs at once never lose each other's entries.
"""

from __future__ import annotations

import argparse
import fcntl
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "locales" / "messages.pot"


def extract(pot: Path = POT) -> None:
    """Run pybabel extract over the packages, into ``pot``."""
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-o",
            str(pot),
            "--sort-output",
            "--no-location",
            "--project",
            "DVK Bot",
            "--copyright-holder",
            "DVK Bot",
            "-c",
            "TRANSLATORS:",
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )


#: a msgid, or (msgid, msgid_plural) for a message with plural forms
Key = str | tuple[str, ...]
#: a msgstr, or the msgstr[n] of a message with plural forms
Translation = str | tuple[str, ...]


def _key(message: Message) -> Key:
    return message.id if isinstance(message.id, str) else tuple(message.id)


def _translated(string: Translation | None) -> bool:
    """Whether a msgstr (or every msgstr[n] of a plural message) is filled in."""
    if isinstance(string, str) or string is None:
        return bool(string)
    return bool(string) and all(string)


def read_fragment(path: Path | None) -> dict[Key, Translation]:
    """The translations of a PO fragment, by msgid (empty when there is no fragment).

    A plural entry (``msgid_plural`` and ``msgstr[n]``) is keyed by (msgid, msgid_plural).
    """
    if path is None:
        return {}
    with path.open("rb") as handle:
        fragment = read_po(handle)
    return {
        _key(m): m.string if isinstance(m.string, str) else tuple(m.string)
        for m in fragment
        if m.id and _translated(m.string)
    }


def merge(locale: str, template: Catalog, given: dict[Key, Translation] | None = None) -> list[str]:
    """Update one catalog from the template (and the given translations); return the msgids
    without a translation."""
    path = ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po"
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(locale=locale, project="DVK Bot")
    catalog.update(template, no_fuzzy_matching=True)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        if given and _key(message) in given:
            message.string = given[_key(message)]
        if locale == "en" and not _translated(message.string):
            message.string = message.id  # English plurals: (singular, plural) as written
        if message.fuzzy:
            message.flags.discard("fuzzy")
        if not _translated(message.string):
            missing.append(str(_key(message)))
    with path.open("wb") as handle:
        write_po(
            handle,
            catalog,
            sort_output=True,
            ignore_obsolete=True,
            omit_header=False,
            no_location=True,
            width=100,
        )
    return missing


def main() -> None:
    """Extract, merge, and report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vi", type=Path, help="a PO fragment of Vietnamese translations")
    parser.add_argument("--en", type=Path, help="a PO fragment of English translations")
    args = parser.parse_args()
    given = {"vi": read_fragment(args.vi), "en": read_fragment(args.en)}
    with (ROOT / "locales" / ".i18n.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        extract()
        for locale in ("en", "vi"):
            with POT.open("rb") as handle:  # read afresh: update() shares message objects
                template = read_po(handle)
            missing = merge(locale, template, given[locale])
            print(f"{locale}: {len(template)} messages, {len(missing)} untranslated")
            for msgid in missing:
                print("   ", msgid.replace("\n", "\\n"))


if __name__ == "__main__":
    main()
