import pytest

from foryou.casework.models import ProgramApplication
from foryou.console import retention
from tests.casework.aged import refuse

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_an_application_decided_within_the_period_keeps_its_answers_and_documents(applied, kodomo_staff, settings):
    settings.RETAIN_PROGRAM_APPLICATIONS_DAYS = 365
    decided = refuse(applied, kodomo_staff, days_ago=364)
    files = decided.files.count()

    counts = retention.purge()

    assert counts["program_applications"] == 0
    kept = ProgramApplication.objects.get(pk=decided.pk)
    assert kept.answers == decided.answers and kept.answers
    assert kept.note == decided.note and kept.purged_at is None
    assert kept.files.exclude(ciphertext=None).count() == files > 0
