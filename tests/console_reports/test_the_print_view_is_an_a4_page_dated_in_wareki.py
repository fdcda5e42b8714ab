"""The print view: the report's title, the period and the day it was made in 和暦, no navigation, the
A4 print stylesheet, and no inline script or style (the console's CSP)."""

import re

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from foryou.console.report_views import today
from foryou.shared.jp.dates import wareki
from tests.console_reports.conftest import FY2026


def test_the_sheet_has_the_title_period_and_date_and_no_navigation(city, sends, admin_client):
    response = admin_client.get(reverse("console_report_print"), FY2026)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{_('%(service)s: report on its use') % {'service': settings.SERVICE_NAME}}</h1>" in page
    assert "令和8年4月1日" in page and "令和9年3月31日" in page
    assert wareki(today()) in page
    assert 'class="topbar"' not in page and _("Main menu") not in page
    assert "foryou/reports-print.css" in page and "子育て世帯応援給付" in page
    assert "<svg" in page  # charts drawn on the server


def test_the_print_stylesheet_sets_a4_and_hides_the_controls():
    from django.contrib.staticfiles import finders

    css = open(finders.find("foryou/reports-print.css"), encoding="utf-8").read()
    assert "size: A4" in css and ".no-print" in css and ".topbar" in css


def test_no_inline_script_or_style_on_the_report_pages(city, sends, admin_client):
    for name in ("console_report", "console_report_print"):
        response = admin_client.get(reverse(name), FY2026)
        page = response.content.decode()
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert not re.search(r"<script(?![^>]*\bsrc=)", page)
        assert " style=" not in page and "<style" not in page
