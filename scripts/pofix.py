"""Set (or replace) translations in a .po file from a JSON dictionary {msgid: msgstr} and clear their
fuzzy flags; print fuzzy or empty entries that remain. For strings makemessages marked fuzzy.

    python scripts/pofix.py src/foryou/locale/ja/LC_MESSAGES/django.po translations.json
"""

import json
import sys

import polib


def main(po_path: str, json_path: str) -> None:
    po = polib.pofile(po_path, wrapwidth=79)
    translations = json.load(open(json_path, encoding="utf-8"))
    for entry in po:
        if entry.msgid in translations and (entry.fuzzy or not entry.msgstr):
            entry.msgstr = translations[entry.msgid]
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
    po.save(po_path)
    for entry in po:
        if entry.fuzzy or not entry.msgstr:
            print(f"left: {entry.msgid!r}{' (fuzzy)' if entry.fuzzy else ''}")


if __name__ == "__main__":
    main(*sys.argv[1:])
