"""The CSV of a notice's effect: a heading, the groups table (group, people, took it up, rate and its
interval), the result (difference, interval, uplift, interval, verdict, additional people), subgroups,
the reach funnel, and the method; downloads are audited."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from foryou.audit.models import AuditEvent
from tests.console_notices.conftest import as_user
from tests.effect.conftest import record_takeup, sent_experiment

pytestmark = pytest.mark.django_db


def test_the_csv_has_the_groups_and_the_result(client, city, registrants, editor, approver):
    notice, experiment = sent_experiment(editor, approver, holdout=30)
    record_takeup(city, experiment, {"A": 0.5, "holdout": 0.2})
    as_user(client, editor)
    with translation.override("en"):
        response = client.get(reverse("console_effect_csv", args=[notice.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    headers = [row for row in rows if row]
    group_header = next(row for row in headers if row[:3] in (["Group", "People", "Took it up"], ["グループ", "人数", "利用した人"]))
    assert len(group_header) == 5
    result_header_index = next(i for i, row in enumerate(rows) if len(row) == 6 and row[5] and "additional" in row[5].lower()
                               or len(row) == 6 and "増えた" in row[5])
    result = rows[result_header_index + 1]
    assert float(result[0].lstrip("'")) > 0 and " " in result[1]  # a leading ' keeps "+…" from being a formula
    assert any(len(row) == 5 and row[0] for row in rows)  # the funnel
    assert AuditEvent.objects.filter(action="effect.download", detail__as="csv").exists()
