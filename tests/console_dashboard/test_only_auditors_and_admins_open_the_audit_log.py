"""The audit log and its CSV are for auditors and service administrators; everyone else is refused,
direct URLs included. Registrant pages are for registrars and administrators."""

import pytest
from django.urls import reverse

from foryou.accounts.access import APPROVER, EDITOR, REGISTRAR
from tests.console_dashboard.conftest import registration
from tests.residents.exports import TARO

pytestmark = pytest.mark.django_db

AUDIT_PAGES = [reverse("console_audit"), reverse("console_audit_csv")]


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    for url in AUDIT_PAGES + [reverse("console_registrants"), reverse("console_registrant", args=[1])]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def test_an_auditor_reads_the_log_and_downloads_it(client, auditor):
    assert all(client.get(url).status_code == 200 for url in AUDIT_PAGES)
    assert reverse("console_audit") in client.get(reverse("home")).content.decode()  # in the menu


def test_an_administrator_reads_the_log(client, admin):
    assert all(client.get(url).status_code == 200 for url in AUDIT_PAGES)


@pytest.mark.parametrize("role", [None, REGISTRAR, EDITOR, APPROVER])
def test_other_staff_are_refused(client, staff_client, role):
    staff_client(role)
    assert [client.get(url).status_code for url in AUDIT_PAGES] == [403, 403]
    assert reverse("console_audit") not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("role", [None, EDITOR, "auditor"])
def test_registrant_pages_refuse_all_but_registrars_and_administrators(client, staff_client, role, city):
    taro = registration(TARO, 1)
    staff_client(role)
    assert client.get(reverse("console_registrants"), {"q": "千葉"}).status_code == 403
    assert client.get(reverse("console_registrant", args=[taro.pk])).status_code == 403


def test_an_administrator_opens_registrant_pages(client, admin, city):
    taro = registration(TARO, 1)
    assert client.get(reverse("console_registrant", args=[taro.pk])).status_code == 200
