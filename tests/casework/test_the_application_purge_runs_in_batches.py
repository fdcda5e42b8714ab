from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from foryou.casework import retention
from foryou.casework.models import ApplicationFile, ProgramApplication
from foryou.shared.forms import statuses
from tests.casework.aged import plain

pytestmark = pytest.mark.django_db


def test_five_decided_applications_are_purged_two_at_a_time():
    for n in range(5):
        plain(n, statuses.GRANTED if n % 2 else statuses.REFUSED, decided_days_ago=400)

    with CaptureQueriesContext(connection) as queries:
        counts = retention.purge(timezone.now() - timedelta(days=365), batch=2)

    assert counts == {"program_applications": 5, "program_application_files": 5}
    blanking = [q for q in queries.captured_queries
                if q["sql"].startswith('UPDATE "casework_programapplication"')]
    assert len(blanking) == 3  # 2 + 2 + 1
    assert not ApplicationFile.objects.exists()
    assert not ProgramApplication.objects.filter(purged_at__isnull=True).exists()
    assert list(ProgramApplication.objects.values_list("answers", flat=True)) == [{}] * 5
