"""Retention (decision 0054): RETAIN_PROGRAM_APPLICATIONS_DAYS after 決定 or 却下, the console deletes the
application's documents and blanks what the resident typed; the row keeps what counts and take-ups need."""

import pytest
from django.utils import timezone

from foryou.audit.models import AuditEvent
from foryou.casework.models import ApplicationFile, ProgramApplication
from foryou.casework.outcomes import take_ups
from foryou.console import retention
from foryou.shared.forms import statuses
from tests.casework.aged import refuse

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_a_refusal_older_than_the_period_loses_documents_answers_and_notes(applied, kodomo_staff, settings):
    settings.RETAIN_PROGRAM_APPLICATIONS_DAYS = 365
    assert applied.answers and applied.files.exclude(ciphertext=None).exists()
    decided = refuse(applied, kodomo_staff, days_ago=366)
    documents = decided.files.count()

    counts = retention.purge()

    assert counts["program_applications"] == 1
    assert counts["program_application_files"] == documents > 0
    assert not ApplicationFile.objects.filter(application=decided).exists()
    kept = ProgramApplication.objects.get(pk=decided.pk)
    assert (kept.answers, kept.note) == ({}, "")
    assert set(kept.events.values_list("note", flat=True)) == {""}
    assert kept.purged_at is not None
    assert (kept.receipt, kept.program_code, kept.department, kept.status, kept.received_at, kept.decided_at) == (
        decided.receipt, decided.program_code, decided.department, statuses.REFUSED, decided.received_at,
        decided.decided_at)
    since = timezone.localdate(decided.received_at)
    assert [kind for _resident, _day, kind in take_ups("jido-fuyo-teate", since)] == ["applied"]
    audited = AuditEvent.objects.filter(action=retention.CONSOLE_PURGED).latest("at")
    assert audited.detail["program_applications"] == 1
    assert audited.detail["program_application_files"] == documents


def test_a_second_purge_finds_nothing_more_to_do(applied, kodomo_staff, settings):
    settings.RETAIN_PROGRAM_APPLICATIONS_DAYS = 365
    refuse(applied, kodomo_staff, days_ago=400)
    retention.purge()
    counts = retention.purge()
    assert (counts["program_applications"], counts["program_application_files"]) == (0, 0)
