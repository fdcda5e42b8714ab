import pytest
from django.urls import reverse

from foryou.accounts.access import ADMIN
from foryou.accounts.testing import login, make_staff
from tests.residents.conftest import AS_OF
from tests.residents.exports import valid_export, write_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    return login(client, make_staff("tanaka", ADMIN))


def test_pages_need_a_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_login_page_is_in_japanese(client):
    response = client.get(reverse("login"))
    assert "ログイン" in response.content.decode()


def test_the_dashboard_says_how_to_import_before_any_data(client, staff, data_dir):
    response = client.get(reverse("home"))
    assert "foryou import" in response.content.decode()


def test_the_dashboard_and_imports_show_the_latest_import(client, staff, data_dir, tmp_path):
    from foryou.residents.services import run_import
    import io

    run = run_import(write_export(tmp_path / "e", valid_export()), AS_OF, stream=io.StringIO())
    home = client.get(reverse("home")).content.decode()
    assert "令和8年11月27日" in home  # data as of, in the Japanese era
    detail = client.get(reverse("import_detail", args=[run.pk])).content.decode()
    assert "persons.csv" in detail and "生年月日" in detail
