"""The ja catalog translates every string, keeps every placeholder, and is what Django serves."""

import json
import re
from pathlib import Path

from django.utils import translation

import foryou

PO = Path(foryou.__file__).parent / "locale" / "ja" / "LC_MESSAGES" / "django.po"
ENTRY = re.compile(r'(?P<head>(?:#.*\n)*)msgid (?P<id>(?:".*"\n)+)msgstr (?P<str>(?:".*"\n)+)')
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|\{\w+(?:!r)?\}|%[sd]")


def entries():
    for match in ENTRY.finditer(PO.read_text(encoding="utf-8")):
        msgid = "".join(json.loads(line) for line in match["id"].strip().splitlines())
        msgstr = "".join(json.loads(line) for line in match["str"].strip().splitlines())
        if msgid:
            yield msgid, msgstr, match["head"]


def test_every_string_has_a_japanese_translation():
    untranslated = [msgid for msgid, msgstr, head in entries() if not msgstr or "fuzzy" in head]
    assert untranslated == []


def test_translations_keep_every_placeholder():
    broken = [msgid for msgid, msgstr, _ in entries()
              if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(msgstr))]
    assert broken == []


def test_japanese_is_the_default_language():
    with translation.override("ja"):
        assert translation.gettext("Dashboard") == "ダッシュボード"
