"""The console's daily purge deletes take-up events RETAIN_TAKEUPS_DAYS after the day of the take-up,
and says how many it deleted."""

from datetime import date, datetime, timezone

import pytest

from foryou.console import retention
from foryou.outcomes.models import TakeUp


@pytest.mark.django_db
def test_events_older_than_the_period_are_deleted_and_counted(settings):
    settings.RETAIN_TAKEUPS_DAYS = 400
    for rid, day in (("old", date(2025, 1, 1)), ("edge", date(2025, 10, 28)), ("new", date(2026, 11, 1))):
        TakeUp.objects.create(program="jido-fuyo-teate", resident_id=rid, took_up_on=day, source="allowances",
                              seen_on=day)
    counts = retention.purge(now=datetime(2026, 12, 2, 3, 0, tzinfo=timezone.utc))  # 2026-12-02 in Tokyo
    assert counts["takeups"] == 1
    assert sorted(TakeUp.objects.values_list("resident_id", flat=True)) == ["edge", "new"]  # 400 days: kept
