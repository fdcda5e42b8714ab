"""`foryou notices create|edit` read a notice file's `translations:` — a version per language, approved
with the Japanese; one over LINE's limits is refused naming the language, and nothing is created."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from foryou.notices.models import Notice

pytestmark = pytest.mark.django_db

FILE = """
title: 給付金のご案内
body: お子さんのいる世帯に給付金を支給します。
contact: {department: こども家庭支援課, phone: "043-245-5179"}
translations:
  en:
    title: About the benefit
    body: BODY
    contact: {department: Child and Family Support Division, hours: "Weekdays 9-17"}
"""


def test_a_notice_file_with_an_english_version(tmp_path, editor):
    file = tmp_path / "notice.yml"
    file.write_text(FILE.replace("BODY", "Households with small children receive a benefit."), encoding="utf-8")
    call_command("notices", "create", "--as", editor.username, "--program", "parents", "--file", str(file),
                 stdout=StringIO())
    english = Notice.objects.get().latest.translations["en"]
    assert english == {"title": "About the benefit", "body": "Households with small children receive a benefit.",
                       "contact_department": "Child and Family Support Division", "contact_hours": "Weekdays 9-17"}


def test_an_english_version_over_lines_limit_is_refused_naming_the_language(tmp_path, editor):
    file = tmp_path / "notice.yml"
    file.write_text(FILE.replace("BODY", "x" * 5001), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("notices", "create", "--as", editor.username, "--program", "parents", "--file", str(file),
                     stdout=StringIO())
    assert "English (en)" in str(refused.value) and "5000" in str(refused.value)
    assert not Notice.objects.exists()
