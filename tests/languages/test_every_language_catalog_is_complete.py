"""Every language residents can choose has a catalog that translates every resident-facing string
(tests/languages/resident_strings.py decides which: the gateway's pages, replies, emails and menu, and the
shared parts they are made of), keeps every placeholder, and is what Django serves in that language."""

import re

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext, to_locale


from foryou.shared import languages
from tests.languages.resident_strings import PACKAGE, resident_messages

PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|\{\w+(?:!r)?\}|%[sd]")
OTHER_LANGUAGES = [code for code in languages.NAMES if code != languages.JAPANESE]


def catalog(code: str) -> dict[str, polib.POEntry]:
    path = PACKAGE / "locale" / to_locale(code) / "LC_MESSAGES" / "django.po"
    return {entry.msgid: entry for entry in polib.pofile(str(path))}


def forms(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def untranslated(entries: dict[str, polib.POEntry], msgids) -> list[str]:
    return sorted(msgid for msgid in msgids if msgid not in entries or "fuzzy" in entries[msgid].flags
                  or not all(form.strip() for form in forms(entries[msgid])))


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_resident_facing_string_is_translated(code):
    assert untranslated(catalog(code), resident_messages()) == []


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_translations_keep_every_placeholder(code):
    broken = [msgid for msgid, entry in catalog(code).items() for form in forms(entry)
              if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(form))]
    assert broken == []


def test_a_resident_facing_string_without_a_translation_is_reported():
    entries = catalog("vi")
    assert untranslated(entries, {"Stop notices", "A sentence added without a translation"}) == [
        "A sentence added without a translation"]
    entries["Stop notices"].flags.append("fuzzy")
    assert untranslated(entries, {"Stop notices"}) == ["Stop notices"]


def test_the_resident_facing_files_are_the_gateway_and_the_shared_parts_residents_read():
    messages = resident_messages()
    assert "Stop notices" in messages  # the chat's words (gateway/line/words.py)
    assert "Vaccinations" in messages  # the settings page's topics (shared/topics.py)
    assert "Name (kana)" in messages  # the application form (shared/application.py)
    assert "is empty" not in messages  # a notice's LINE limits, for the staff who write it
    assert "Dashboard" not in messages  # the console


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_django_serves_each_catalog(code):
    entries = catalog(code)
    with translation.override(code):
        assert gettext("Stop notices") == entries["Stop notices"].msgstr
        assert translation.get_language() == code


