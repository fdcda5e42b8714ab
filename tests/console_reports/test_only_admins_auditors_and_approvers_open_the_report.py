"""Who may open the report: administrators and auditors for the whole service, approvers for their own
departments' programs; editors, registrars and anonymous visitors may not. Each opening is audited."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from foryou.accounts.access import EDITOR, REGISTRAR
from foryou.audit.models import AuditEvent
from tests.console_reports.conftest import FY2026, KODOMO

PAGES = ("console_report", "console_report_print", "console_report_csv")


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_the_login(client, db, page):
    response = client.get(reverse(page))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("role,department", [(EDITOR, KODOMO), (REGISTRAR, None)])
@pytest.mark.parametrize("page", PAGES)
def test_editors_and_registrars_are_refused(staff_client, db, role, department, page):
    client = staff_client(role, department)
    assert client.get(reverse(page)).status_code == 403
    assert reverse("console_report") not in client.get(reverse("home")).content.decode()


def test_auditors_see_the_whole_service(sends, auditor_client):
    response = auditor_client.get(reverse("console_report"), FY2026)
    assert response.status_code == 200
    assert response.context["scope"] is None and response.context["report"].total["sends"] == 4


def test_an_approver_sees_only_the_programs_of_their_department(sends, kodomo_approver_client):
    response = kodomo_approver_client.get(reverse("console_report"), FY2026)
    assert response.status_code == 200
    names = [r["name"] for r in response.context["report"].programs]
    assert names == ["子育て世帯応援給付", _("Broadcasts to every registrant")]  # the broadcast was written there
    assert "高齢者健診" not in response.content.decode()
    assert response.context["scope"] == [KODOMO]


def test_the_navigation_links_the_report_for_those_who_may_open_it(db, admin_client):
    assert f'href="{reverse("console_report")}"' in admin_client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("page,shown_as", [("console_report", "page"), ("console_report_print", "print")])
def test_each_opening_is_audited_with_the_period_and_scope(sends, kodomo_approver_client, page, shown_as):
    kodomo_approver_client.get(reverse(page), FY2026)
    event = AuditEvent.objects.get(action="reports.viewed")
    assert event.actor.username == f"approver-{KODOMO}"
    assert event.detail == {"as": shown_as, "first": "2026-04-01", "last": "2027-03-31", "departments": [KODOMO]}
