"""The home page is the dashboard: the city's figures (notices, people reached, registrants) from
foryou.notices.stats, as numbers and as charts that screen readers can read too."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from foryou.accounts.access import ADMIN, AUDITOR
from foryou.notices.stats import service_stats
from tests.console_dashboard.conftest import finished_send, number, registration
from tests.residents.exports import HANAKO, TARO, UME

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(admin):
    now = timezone.now()
    registration(TARO, 1, activated_at=now - timedelta(days=70))
    registration(HANAKO, 2, activated_at=now - timedelta(days=35), channel="email", tax_consent=True)
    registration(UME, 3, activated_at=now)
    finished_send("乳児一般健康診査のご案内", now - timedelta(days=40), [number(1), number(2)],
                  {"line:accepted": 1, "email:sent": 1}, admin)
    finished_send("予防接種のお知らせ", now - timedelta(hours=2), [number(1), number(2), number(3)],
                  {"line:accepted": 2, "line:failed_permanent": 1}, admin, reasons={"blocked": 1})


def svgs(page: str) -> list[str]:
    return re.findall(r"<svg .*?</svg>", page, flags=re.S)


def test_the_figures_are_those_of_the_service_statistics(client, history, data_dir):
    stats = service_stats()
    page = client.get(reverse("home")).content.decode()
    assert (stats["sends"], stats["people_reached"], stats["recipients"]) == (2, 4, 5)
    assert stats["registrants"]["active"] == 3
    figures = re.sub(r"\s+", " ", page)
    assert "<strong>2</strong>" in figures and "<strong>4</strong>" in figures and "<strong>3</strong>" in figures
    assert "80.0%" in page  # 4 of 5 recipients reached
    assert "乳児一般健康診査のご案内" in page and "予防接種のお知らせ" in page  # recent sends


def test_registrants_sends_and_delivery_are_drawn_as_accessible_svg(client, history, data_dir):
    page = client.get(reverse("home")).content.decode()
    charts = svgs(page)
    assert len(charts) == 3
    for svg in charts:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        labelled = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        assert all(f'id="{i}"' in svg for i in labelled)
        assert "style=" not in svg  # the console's CSP forbids inline style
    area, bars, donut = charts
    assert area.count("<polygon") == 2  # LINE and email, stacked
    assert bars.count("<rect") == 2  # one bar for each month with a send
    assert "80.0%" in donut
    # The same figures as a table for screen readers, months written in Japanese.
    tables = re.findall(r'<table class="sr">.*?</table>', page, flags=re.S)
    assert len(tables) == 3
    today = timezone.localdate()
    assert f"{today.month}月" in tables[0]


def test_every_member_of_staff_sees_the_dashboard_but_imports_only_those_allowed(client, staff_client, city):
    staff_client(AUDITOR)
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert response.status_code == 200 and 'class="kpis"' in page
    assert 'id="recent-imports-title"' not in page and reverse("imports") not in page  # not theirs to open
    client.logout()
    staff_client(ADMIN)
    page = client.get(reverse("home")).content.decode()
    assert 'id="recent-imports-title"' in page and "令和8年11月27日" in page  # data as of, in the Japanese era


def test_before_anything_is_sent_the_charts_say_so_instead_of_drawing_nothing(client, admin, data_dir):
    page = client.get(reverse("home")).content.decode()
    assert "<svg" not in page
    assert page.count('class="chart-empty"') == 3
