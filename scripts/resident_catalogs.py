"""Write the catalogs of the residents' languages other than Japanese (src/foryou/locale/<locale>/
LC_MESSAGES/django.po) for the resident-facing strings (tests/languages/resident_strings.py says which),
from translation files {msgid: msgstr} named <anything>.<code>.json (a plural entry's msgstr is a list of
forms). Later files win; a translation already in a catalog is kept when no file has the string. Prints
what is still untranslated per language (tests/languages/test_every_language_catalog_is_complete.py
fails on it).

    PYTHONPATH=src:. DJANGO_SETTINGS_MODULE=foryou.settings.embedded FORYOU_DATA_DIR=/tmp/cat \\
        .venv/bin/python scripts/resident_catalogs.py /work/main/.translations/issue16.*.json
    for po in src/foryou/locale/*/LC_MESSAGES/django.po; do msgfmt -o "${po%.po}.mo" "$po"; done
"""

import json
import re
import sys
from pathlib import Path

import django
import polib

django.setup()

from django.utils.translation import to_locale  # noqa: E402

from foryou.shared import languages  # noqa: E402
from tests.languages.resident_strings import PACKAGE, resident_messages  # noqa: E402

# nplurals and the plural expression of each language (the GNU gettext values).
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "ja-easy": "nplurals=1; plural=0;",
                "zh-hans": "nplurals=1; plural=0;", "ko": "nplurals=1; plural=0;", "vi": "nplurals=1; plural=0;",
                "pt-br": "nplurals=2; plural=(n > 1);"}
CODE_OF_FILE = re.compile(r"\.(?P<code>[a-z]{2}(?:-[a-z]+)?)\.json$")


def po_path(code: str) -> Path:
    return PACKAGE / "locale" / to_locale(code) / "LC_MESSAGES" / "django.po"


def translations(files: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for name in files:
        match = CODE_OF_FILE.search(name)
        if match and match["code"] in PLURAL_FORMS:
            found.setdefault(match["code"], {}).update(json.loads(Path(name).read_text(encoding="utf-8")))
    return found


def write(code: str, given: dict, messages: dict[str, str | None]) -> list[str]:
    path = po_path(code)
    old = {entry.msgid: entry for entry in polib.pofile(str(path))} if path.exists() else {}
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Project-Id-Version": "foryou", "PO-Revision-Date": "2026-12-07 00:00+0900",
                   "Last-Translator": "foryou <foryou@localhost>", "Language-Team": languages.NAMES[code],
                   "Language": to_locale(code), "MIME-Version": "1.0",
                   "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
                   "Plural-Forms": PLURAL_FORMS[code]}
    nplurals = int(PLURAL_FORMS[code].split("=")[1].split(";")[0])
    missing = []
    for msgid, plural in sorted(messages.items()):
        value = given.get(msgid)
        if plural:
            forms = value if isinstance(value, list) else [value] if value else \
                [old[msgid].msgstr_plural.get(i, "") for i in range(nplurals)] if msgid in old else []
            forms = (forms + [forms[-1]] * nplurals)[:nplurals] if forms else [""] * nplurals
            entry = polib.POEntry(msgid=msgid, msgid_plural=plural, msgstr_plural=dict(enumerate(forms)),
                                  flags=["python-format"] if "%(" in msgid else [])
            done = all(forms)
        else:
            text = value if isinstance(value, str) else old[msgid].msgstr if msgid in old else ""
            entry = polib.POEntry(msgid=msgid, msgstr=text, flags=["python-format"] if "%(" in msgid else [])
            done = bool(text)
        if not done:
            missing.append(msgid)
        po.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return missing


def main(files: list[str]) -> None:
    given = translations(files)
    messages = resident_messages()
    for code in languages.NAMES:
        if code == languages.JAPANESE:
            continue
        missing = write(code, given.get(code, {}), messages)
        print(f"{code}: {len(messages) - len(missing)}/{len(messages)} translated"
              + "".join(f"\n  untranslated: {m!r}" for m in missing))


if __name__ == "__main__":
    main(sys.argv[1:])
