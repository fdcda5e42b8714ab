"""Explaining a registrant shows each test, passed or not (no values); the page says the lookup is
recorded, and it is (who, when, whom)."""

import pytest
from django.urls import reverse

from foryou.audit.models import AuditEvent
from tests.programs_editor.conftest import register
from tests.residents.exports import TARO, UME

pytestmark = pytest.mark.django_db


def explain(client, resident_id):
    return client.post(reverse("console_program_explain", args=["parents"]),
                       {"resident_id": resident_id, "as_of": "2026-11-27"})


def test_the_page_says_lookups_are_recorded(client, city, editor):
    html = client.get(reverse("console_program_explain", args=["parents"])).content.decode()
    assert 'id="audit-note"' in html
    assert not AuditEvent.objects.filter(action="rules.explain").exists()


def test_explaining_shows_each_test_and_is_audited(client, city, editor):
    register(TARO)
    html = explain(client, TARO).content.decode()
    assert "✔" in html
    assert 'class="result pass"' in html
    event = AuditEvent.objects.get(action="rules.explain")
    assert event.actor == editor and event.target == f"resident:{TARO}" and event.detail["program"] == "parents"


def test_a_person_who_does_not_qualify_shows_the_failing_test(client, city, editor):
    register(UME)
    html = explain(client, UME).content.decode()
    assert 'class="result fail"' in html and "✘" in html


def test_a_mistyped_number_is_refused_before_any_lookup(client, city, editor):
    response = explain(client, TARO[:-1] + str((int(TARO[-1]) + 1) % 10))
    assert response.status_code == 400 and 'id="explain-error"' in response.content.decode()
    assert not AuditEvent.objects.filter(action="rules.explain").exists()
