"""Auditors narrow the log by actor, action, target text and dates (days in Asia/Tokyo), page by page."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from foryou.audit import details
from foryou.audit.models import AuditEvent
from foryou.notices.sending import TOKYO

pytestmark = pytest.mark.django_db


def event(action, actor_label, target, at):
    row = AuditEvent.objects.create(actor_label=actor_label, action=action, target=target)
    AuditEvent.objects.filter(pk=row.pk).update(at=at)  # `at` is set on creation
    return row


@pytest.fixture
def events(db):
    return [
        event("registrants.viewed", "uketsuke", "registration:1", datetime(2026, 11, 1, 9, 0, tzinfo=TOKYO)),
        event("registrants.viewed", "uketsuke", "registration:2", datetime(2026, 11, 2, 0, 30, tzinfo=TOKYO)),
        event("notices.approve", "shonin", "notice:5", datetime(2026, 11, 2, 23, 50, tzinfo=TOKYO)),
        event("accounts.login", "kanri", "user:kanri", datetime(2026, 11, 3, 8, 0, tzinfo=TOKYO)),
    ]


def as_shown(response, target: str) -> str:
    """A recorded target as the page writes it (登録 #1, not registration:1), in the page's language."""
    with translation.override(response.headers.get("Content-Language", "ja")):
        return details.target_text(target)


def shown(client, **params) -> list[str]:
    response = client.get(reverse("console_audit"), params)
    assert response.status_code == 200
    page = response.content.decode()
    return [t for t in ("registration:1", "registration:2", "notice:5", "user:kanri")
            if f">{as_shown(response, t)}<" in page]


def test_by_actor_action_and_target(client, auditor, events):
    assert shown(client, actor="uketsuke") == ["registration:1", "registration:2"]
    assert shown(client, action="notices.approve") == ["notice:5"]
    assert shown(client, target="registration:2") == ["registration:2"]
    assert shown(client, actor="uketsuke", target="registration:1") == ["registration:1"]


def test_by_dates_counted_in_tokyo(client, auditor, events):
    # 00:30 and 23:50 on 2 November in Tokyo are both that day, though one is 1 November in UTC.
    assert shown(client, since="2026-11-02", until="2026-11-02") == ["registration:2", "notice:5"]
    assert shown(client, since="2026-11-03") == ["user:kanri"]
    assert shown(client, until="2026-11-01") == ["registration:1"]


def test_a_reversed_date_range_is_explained_not_ignored(client, auditor, events):
    response = client.get(reverse("console_audit"), {"since": "2026-11-03", "until": "2026-11-01"})
    assert response.status_code == 200
    assert shown(client, since="2026-11-03", until="2026-11-01") == []
    assert 'role="alert"' in response.content.decode()


def test_the_log_is_paged(client, auditor, db):
    for n in range(120):
        AuditEvent.objects.create(actor_label="bot", action="accounts.login", target=f"user:{n:03d}")
    response = client.get(reverse("console_audit"))
    page = response.content.decode()
    assert f">{as_shown(response, 'user:119')}<" in page and f">{as_shown(response, 'user:069')}<" not in page
    assert 'rel="next"' in page
    response = client.get(reverse("console_audit"), {"page": 3, "actor": "bot"})
    assert f">{as_shown(response, 'user:000')}<" in response.content.decode() and 'rel="prev"' in response.content.decode()
