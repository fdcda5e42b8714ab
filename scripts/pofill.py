"""Fill empty msgstr entries of a .po file from a JSON dictionary {msgid: msgstr}; print what is
still untranslated. Used when adding strings: makemessages, then pofill with the new translations.

    python scripts/pofill.py src/foryou/locale/ja/LC_MESSAGES/django.po translations.json
"""

import json
import re
import sys

ENTRY = re.compile(r'(?P<head>(?:#.*\n)*)msgid (?P<id>(?:".*"\n)+)msgstr (?P<str>(?:".*"\n)+)')


def unquote(block: str) -> str:
    return "".join(json.loads(line) for line in block.strip().splitlines())


def quote(text: str) -> str:
    if len(text) < 70 and "\n" not in text:
        return json.dumps(text, ensure_ascii=False) + "\n"
    parts = re.findall(r".{1,60}(?:\n|$)|.{1,60}", text, flags=re.S)
    return '""\n' + "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in parts if p)


def fill(po_path: str, translations: dict[str, str]) -> list[str]:
    text = open(po_path, encoding="utf-8").read()
    missing = []

    def replace(match):
        msgid = unquote(match["id"])
        msgstr = unquote(match["str"])
        head = match["head"]
        if msgid in translations:
            head = head.replace("#, fuzzy\n", "").replace("#, fuzzy, ", "#, ")
        if msgid and msgid in translations:
            msgstr = translations[msgid]
        elif msgid and not msgstr:
            missing.append(msgid)
        return f"{head}msgid {match['id']}msgstr {quote(msgstr) if msgid else match['str']}"

    text = ENTRY.sub(replace, text)
    open(po_path, "w", encoding="utf-8").write(text)
    return missing


if __name__ == "__main__":
    todo = fill(sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8")))
    for msgid in todo:
        print("untranslated:", msgid)
