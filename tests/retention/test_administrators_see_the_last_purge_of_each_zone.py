import pytest
from django.utils import timezone

from foryou.accounts.testing import login, make_staff
from foryou.console import retention
from foryou.shared.bridge import messages

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_page_shows_each_zones_last_purge_with_counts(client):
    login(client, make_staff("kanri", "admin"))
    retention.purge()
    retention.record_gateway_purge(messages.RetentionPurgedBody(
        counts={"deliveries": 12345, "subscribers_blanked": 7}, at=timezone.now().isoformat()))

    page = client.get("/retention/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "12,345" in text  # the gateway's count, as the bridge brought it
    assert text.count("<table>") == 3  # console counts, gateway counts, periods
    assert 'href="/retention/"' in text  # in the administrator's menu


def test_before_any_purge_the_page_says_so(client):
    login(client, make_staff("kanri", "admin"))
    text = client.get("/retention/").content.decode()
    assert text.count('class="muted"') >= 2


@pytest.mark.parametrize("role", ["registrar", "auditor", "editor"])
def test_other_staff_may_not_open_it(client, role):
    login(client, make_staff("someone", role, "健康支援課" if role == "editor" else None))
    response = client.get("/retention/")
    assert response.status_code == 403
    assert 'href="/retention/"' not in client.get("/").content.decode()
