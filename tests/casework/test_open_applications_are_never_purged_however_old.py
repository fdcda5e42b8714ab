import pytest

from foryou.casework.models import ApplicationFile, ProgramApplication
from foryou.console import retention
from foryou.shared.forms import statuses
from tests.casework.aged import plain

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", statuses.OPEN)
def test_an_open_application_received_years_ago_keeps_everything(status, settings):
    settings.RETAIN_PROGRAM_APPLICATIONS_DAYS = 30
    old = plain(1, status, decided_days_ago=None, received_days_ago=3000)

    assert retention.purge()["program_applications"] == 0

    kept = ProgramApplication.objects.get(pk=old.pk)
    assert kept.answers == {"child_name": "千葉　花子"} and kept.purged_at is None
    assert ApplicationFile.objects.filter(application=old).count() == 1
    assert list(kept.events.values_list("note", flat=True)) == ["戸籍謄本が必要です。"]
