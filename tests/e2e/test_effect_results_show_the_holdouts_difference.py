"""The effect story, as staff do it: an editor writes a notice for a checkup program with a 20% holdout
and a 30-day window → an approver (two-factor) approves it from the inbox, the confirmation showing the
design and the expected groups → the editor sends it; the send draws the holdout → weeks later, with
take-up imported, the notice page leads to its results page: the cumulative chart (notified vs holdout),
the difference with its 95% interval, and the verdict.

Set FORYOU_SCREENSHOTS to a folder to keep screenshots of the approval and the results page."""

import os
import re
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from foryou.effect.models import Experiment
from foryou.notices import sending
from tests.console_notices.conftest import KODOMO, staff
from tests.e2e.test_console_accessibility import AXE, RUN_AXE
from tests.e2e.test_notice_story import VIEWPORT, log_in
from tests.effect.conftest import city, city_export, programs_dir, record_takeup, registrants  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_set_a_holdout_the_approver_approves_and_the_results_show_the_interval(browser, live_server, city,
                                                                                      registrants):
    editor = staff("kodomo-editor", "editor", KODOMO)
    approver = staff("kodomo-approver", "approver", KODOMO)
    device = TOTPDevice.objects.create(user=approver, name="phone", confirmed=True)
    shots = os.environ.get("FORYOU_SCREENSHOTS")
    url = live_server.url
    errors = []

    # 1. The editor writes the notice and sets a holdout of 20% (30-day window by default).
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    context.add_init_script(path=str(AXE))  # DevTools-injected: not subject to the page's CSP
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, url, editor.username)
    page.goto(f"{url}/notices/new")
    page.select_option("#id_target", "program:checkup")
    page.fill("#id_title", "特定健診のご案内")
    page.fill("#id_body", "今年度の特定健診を無料で受けられます。お近くの医療機関でお受けください。")
    expect(page.locator("#effect-holdout")).to_be_visible()
    page.select_option("#id_target", "program:vaccine")  # a program that forbids holdouts says why
    expect(page.locator("#effect-note")).to_contain_text("接種期限があるため")
    expect(page.locator("#effect-holdout")).to_be_hidden()
    page.select_option("#id_target", f"broadcast:{KODOMO}")  # a broadcast has no take-up to measure
    expect(page.locator("#effect-holdout")).to_be_hidden()
    expect(page.locator("#effect-variants")).to_be_hidden()
    page.select_option("#id_target", "program:checkup")
    page.fill("#id_holdout_percent", "20")
    expect(page.locator("#id_window_days")).to_have_value("30")
    page.click("#submit-for-approval")
    expect(page.locator("#effect-design-shown")).to_contain_text("20%")
    notice_url = page.url

    # 2. The approver sees the design and the expected groups with the wording, and approves.
    other = browser.new_context(viewport=VIEWPORT).new_page()
    other.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(other, url, approver.username, device)
    other.goto(f"{url}/notices/approvals/")
    other.click("button.approve")
    expect(other.locator("#effect-design-shown")).to_contain_text("20%")
    expect(other.locator("#design-sizes")).to_be_visible()
    if shots:
        other.screenshot(path=str(Path(shots) / "effect-approval.png"), full_page=True)
    other.click("#confirm-approve")
    other.context.close()

    # 3. The editor sends it now; starting the send draws the holdout and books its delayed send.
    page.goto(notice_url)
    page.click("#send-link")
    page.click("#send")
    expect(page.locator("#send-holdout")).to_contain_text("20%")  # the confirmation says who is held out
    page.click("#confirm-send")
    page.wait_for_url("**/notices/sends/**")
    assert sending.start_due()
    experiment = Experiment.objects.get()
    assert experiment.holdout_percent == 20 and experiment.holdout_order is not None

    # 4. Five weeks later, the imports show who took the checkup up.
    from datetime import timedelta

    shift = timedelta(days=35)
    Experiment.objects.filter(pk=experiment.pk).update(started_on=experiment.started_on - shift,
                                                       started_at=experiment.started_at - shift,
                                                       window_ends_at=experiment.window_ends_at - shift)
    experiment.refresh_from_db()
    record_takeup(city, experiment, {"A": 0.55, "holdout": 0.15}, through_days=30)

    errors.clear()  # from here on, the effect pages: no script errors at all
    page.goto(notice_url)
    page.click("#effect-link")
    chart = page.locator("svg.line-chart")
    expect(chart).to_be_visible()
    assert chart.locator("polyline").count() == 2
    difference = page.locator("[data-difference]").inner_text()
    interval = page.locator("[data-difference-ci]").inner_text()
    low, high = (float(v) for v in re.findall(r"[+-]\d+\.\d", interval))
    assert 0 < low < float(difference) < high
    expect(page.locator("#verdict")).to_have_class(re.compile("positive"))
    expect(page.locator("#window")).to_contain_text("令和")
    if shots:
        page.screenshot(path=str(Path(shots) / "effect-results.png"), full_page=True)
    # The results page passes axe-core as the other console pages do.
    serious = [v for v in page.evaluate(RUN_AXE) if v["impact"] in ("serious", "critical")]
    assert not serious, serious
    assert not errors, errors
