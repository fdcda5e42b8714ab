"""The report for the mayor, in a browser: an auditor opens it from the navigation on a synthetic city
(this fiscal year by default), switches to last fiscal year, opens the print view and prints it to an A4
PDF. The page passes axe-core with no serious or critical violation and keeps to the console's CSP.

Screenshots and the PDF go to FORYOU_SCREENSHOTS (default /tmp/shots-E)."""

import io
import os
import random
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD
from foryou.console import suppression
from foryou.console.report_views import today
from foryou.console.reports import LAST_FISCAL_YEAR, preset_period
from foryou.dev import synth
from foryou.notices.sending import TOKYO
from foryou.residents import store
from foryou.residents.services import run_import
from foryou.shared.jp.dates import wareki
from tests.console_dashboard.conftest import registration
from tests.console_reports.conftest import KENKO, KODOMO, programs_dir, send  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)
VIEWPORT = {"width": 1366, "height": 900}
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
SHOTS = Path(os.environ.get("FORYOU_SCREENSHOTS", "/tmp/shots-E"))


@pytest.fixture
def city(live_server, data_dir, tmp_path):
    """3,000 synthetic residents, 400 of them registered; sends this fiscal year (one to fewer than 10
    people) and last."""
    synth.generate(3000, 7, tmp_path / "export")
    assert run_import(tmp_path / "export", today(), stream=io.StringIO()).status == "applied"
    with store.connect() as con:
        ids = [r[0] for r in con.execute("SELECT resident_id FROM persons WHERE is_current ORDER BY resident_id")
               .fetchall()]
    for n, resident_id in enumerate(random.Random(3).sample(ids, 400), start=1):
        registration(resident_id, n, channel="email" if n % 5 == 0 else "line")
    author = accounts.add_staff("sakusei", PASSWORD, role="editor", department=KODOMO, create_department=True)
    now = timezone.now()
    send(author, now - timedelta(minutes=30), recipients=180, tracked=True, clicks=41,
         counts={"line:accepted": 150, "line:fell_back": 8, "email:sent": 24, "line:failed_permanent": 6})
    send(author, now - timedelta(minutes=20), program="elderly", department=KENKO, recipients=64,
         counts={"line:accepted": 50, "email:sent": 9, "email:failed_permanent": 5})
    send(author, now - timedelta(minutes=15), program="smoking", department=KENKO, recipients=8,
         counts={"line:accepted": 6, "line:failed_permanent": 2})
    send(author, now - timedelta(minutes=10), program="", recipients=400,
         counts={"line:accepted": 310, "email:sent": 80, "line:failed_permanent": 10})
    last_year = preset_period(LAST_FISCAL_YEAR, today()).first + timedelta(days=200)
    send(author, now.astimezone(TOKYO).replace(year=last_year.year, month=last_year.month, day=last_year.day),
         recipients=95, counts={"line:accepted": 88, "line:failed_permanent": 7})
    accounts.add_staff("kansa", PASSWORD, role="auditor")
    return live_server.url


def test_an_auditor_opens_switches_and_prints_the_report(browser, city):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    context.add_init_script(path=str(AXE))  # DevTools-injected: not subject to the page's CSP
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{city}/login/")
    page.fill("#id_username", "kansa")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{city}/")

    page.click("nav[aria-label] >> a[href='/reports/']")
    expect(page.locator("h1")).to_have_text(_("Report"))
    this_year = preset_period("this_fy", today())
    expect(page.locator(".period-shown")).to_contain_text(wareki(this_year.first))
    programs = page.locator("#programs-title + table tbody tr")
    expect(programs).to_have_count(4)
    expect(programs.first).to_contain_text("子育て世帯応援給付")
    smoking = programs.filter(has_text="禁煙外来治療費助成")  # 8 recipients, 6 reached: fewer than 10
    expect(smoking.locator("td").nth(2)).to_have_text(suppression.fewer_than())
    expect(smoking.locator("td").nth(3)).to_have_text(suppression.fewer_than())
    expect(programs.filter(has_text="高齢者健診").locator("td").nth(3)).to_have_text(_("hidden"))  # 59 beside 6
    expect(page.locator("svg.hbar-chart").first).to_be_visible()
    violations = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})).violations
        .filter(v => ["serious", "critical"].includes(v.impact)).map(v => v.id + ": " + v.help)""")
    assert violations == []
    page.screenshot(path=str(SHOTS / "report-this-year.png"), full_page=True)

    page.click(".period-card .tabs a[href='?preset=last_fy']")
    page.wait_for_url("**preset=last_fy")
    last_year = preset_period(LAST_FISCAL_YEAR, today())
    expect(page.locator(".period-shown")).to_contain_text(wareki(last_year.last))
    expect(programs).to_have_count(1)
    expect(page.locator(".period-card .tabs a[aria-current=page]")).to_have_attribute("href", "?preset=last_fy")
    page.screenshot(path=str(SHOTS / "report-last-year.png"), full_page=True)

    page.fill("#id_first", this_year.first.isoformat())
    page.fill("#id_last", this_year.last.isoformat())
    page.click("button.show-period")
    expect(programs).to_have_count(4)

    page.click(".report-actions a[href^='/reports/print/']")
    page.wait_for_url("**/reports/print/**")
    expect(page.locator(".topbar")).to_have_count(0)
    expect(page.locator(".print-head")).to_contain_text(wareki(this_year.first))
    expect(page.locator(".print-head")).to_contain_text(wareki(today()))
    page.screenshot(path=str(SHOTS / "report-print-view.png"), full_page=True)
    page.emulate_media(media="print")
    expect(page.locator(".print-controls")).to_be_hidden()
    pdf = SHOTS / "report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(SHOTS / "report-pdf")], check=True)
    assert list(SHOTS.glob("report-pdf*.png"))
    assert not [p for p in problems if "Content Security Policy" in p], problems
    context.close()
