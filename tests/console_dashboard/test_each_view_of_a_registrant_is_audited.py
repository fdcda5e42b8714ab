"""Every look at registrants is recorded: searches with what they showed, and each registrant's page
(which says so). The page shows consent history and the notices sent to that number."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from foryou.audit.models import AuditEvent
from foryou.enrollment.models import ConsentEvent
from tests.console_dashboard.conftest import finished_send, number, registration
from tests.residents.exports import TARO, UME

pytestmark = pytest.mark.django_db


def test_a_search_is_recorded_with_the_query_and_the_registrations_shown(client, registrar, city):
    taro = registration(TARO, 1)
    client.get(reverse("console_registrants"), {"q": "千葉 太郎"})
    event = AuditEvent.objects.get(action="registrants.searched")
    assert event.actor == registrar and event.target == "query:千葉 太郎"
    assert event.detail["shown"] == [taro.pk] and event.detail["read_as"] == "name"


def test_opening_a_registrant_is_recorded_and_the_page_says_so(client, registrar, city):
    taro = registration(TARO, 1, tax_consent=True, consent_terms="2026-1")
    now = timezone.now()
    ConsentEvent.objects.create(registration=taro, given=True, terms="2026-1", at=now - timedelta(days=3))
    ConsentEvent.objects.create(registration=taro, given=False, terms="2026-1", at=now - timedelta(days=2))
    finished_send("乳児一般健康診査のご案内", now - timedelta(days=1), [number(1)], {"line:accepted": 1},
                  registrar)
    finished_send("別の人へのお知らせ", now, [number(9)], {"line:accepted": 1}, registrar)
    response = client.get(reverse("console_registrant", args=[taro.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "千葉　太郎" in page and "昭和60年4月12日" in page  # birth date in the Japanese era
    assert 'class="audit-note"' in page
    assert "乳児一般健康診査のご案内" in page and "別の人へのお知らせ" not in page
    assert page.count("2026-1") >= 2  # consent history rows
    event = AuditEvent.objects.get(action="registrants.viewed")
    assert event.actor == registrar and event.target == f"registration:{taro.pk}"
    assert event.detail == {"number": taro.number, "resident_id": TARO}


def test_a_protected_persons_address_is_never_shown(client, registrar, tmp_path, data_dir):
    import io

    from foryou.residents.services import run_import
    from tests.residents.conftest import AS_OF
    from tests.residents.exports import valid_export, write_export

    export = valid_export()
    for row in export["persons.csv"]:
        if row["宛名番号"] == UME:
            row["支援措置"] = "1"
    run_import(write_export(tmp_path / "p", export), AS_OF, stream=io.StringIO())
    ume = registration(UME, 3)
    page = client.get(reverse("console_registrant", args=[ume.pk])).content.decode()
    assert "髙橋　うめ" in page and "千葉港" not in page


def test_re_issue_from_the_registrant_page_keeps_working(client, registrar, city):
    ume = registration(UME, 3, status="void", ending="expired", activated_at=None, channel="")
    page = client.get(reverse("console_registrant", args=[ume.pk])).content.decode()
    assert reverse("console_reissue", args=[ume.pk]) in page
    response = client.post(reverse("console_reissue", args=[ume.pk]), follow=True)
    assert response.status_code == 200
    assert ume.__class__.objects.filter(resident_id=UME, status="issued").exists()
