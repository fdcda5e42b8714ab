"""Console pages pass axe-core (WCAG 2.1 A/AA and best practices) with no serious or critical
violation at 1366×768, keyboard focus is always visible, and the pages keep to the console's CSP.

An administrator logs in as staff do (password, then a TOTP code) and visits the dashboard, programs,
the program editor, registrants, the audit log, imports and applications with data on each.
axe-core is vendored for tests only (tests/e2e/vendor/axe-core, MPL-2.0) and injected by Playwright."""

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD
from foryou.audit import services as audit
from foryou.enrollment.models import Application
from foryou.residents.models import ImportRun
from foryou.residents.services import run_import
from tests.console_dashboard.conftest import finished_send, number, registration
from tests.residents.conftest import AS_OF
from tests.residents.exports import HANAKO, TARO, valid_export, write_export

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
VIEWPORT = {"width": 1366, "height": 768}
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(" "))}));
}"""
FOCUS_STYLE = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {tag: el.tagName, text: (el.textContent || "").trim().slice(0, 30), outline: style.outlineStyle,
          width: parseFloat(style.outlineWidth), visible: box.width > 0 && box.height > 0 && box.right > 0};
}"""


@pytest.fixture
def console(live_server, data_dir, tmp_path):
    """A small city with registrants, sends, an application and audit events; an administrator."""
    run_import(write_export(tmp_path / "export", valid_export()), AS_OF, stream=io.StringIO())
    admin = accounts.add_staff("kanri", PASSWORD, role="admin")
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    now = timezone.now()
    taro = registration(TARO, 1, activated_at=now - timedelta(days=60), tax_consent=True)
    registration(HANAKO, 2, activated_at=now - timedelta(days=20), channel="email")
    finished_send("乳児一般健康診査のご案内", now - timedelta(days=30), [number(1)], {"line:accepted": 1},
                  admin)
    finished_send("予防接種のお知らせ", now - timedelta(days=1), [number(1), number(2)],
                  {"line:accepted": 1, "email:sent": 1}, admin)
    app = Application.objects.create(source="line", name="高橋 うめ", name_kana="タカハシ ウメ",
                                     birth_date=date(1935, 4, 1), postal_code="2608722",
                                     address="千葉市中央区千葉港1番1号", channel="line")
    audit.record("registrants.searched", actor=admin, target="query:千葉", detail={"query": "千葉"})
    return {"url": live_server.url, "device": device, "taro": taro, "app": app, "run": ImportRun.objects.get()}


def log_in(browser, console):
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    context.add_init_script(path=str(AXE))  # DevTools-injected: not subject to the page's CSP
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{console['url']}/login/")
    page.fill("#id_username", "kanri")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    device = console["device"]
    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    page.fill("#two-factor-verify input[name=code]", code)
    page.click("#two-factor-verify form:not(.inline) button[type=submit]")
    page.wait_for_url(f"{console['url']}/")
    return page, errors


def pages(console) -> dict[str, str]:
    return {
        "dashboard": "/",
        "programs": "/programs/",
        "program editor": "/programs/nyuji-ippan-kenshin/",
        "registrants": "/registrants/?q=千葉",
        "registrant": f"/registrants/{console['taro'].pk}/",
        "audit log": "/audit/",
        "imports": "/imports/",
        "import": f"/imports/{console['run'].pk}/",
        "applications": "/applications/",
        "application": f"/applications/{console['app'].pk}/",
    }


def test_console_pages_have_no_serious_or_critical_axe_violations(browser, console):
    page, errors = log_in(browser, console)
    found, report = {}, []
    for name, path in pages(console).items():
        response = page.goto(f"{console['url']}{path}")
        assert response.status == 200, (name, response.status)
        page.wait_for_load_state("networkidle")  # htmx counts on the programs pages
        violations = page.evaluate(RUN_AXE)
        report += [f"{name}: {v['impact']} {v['id']} — {v['help']} {v['nodes']}" for v in violations]
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        if serious:
            found[name] = serious
    print("\n".join(["axe-core results:"] + (report or ["no violations"])))
    assert found == {}, found
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_keyboard_focus_is_always_visible_starting_with_a_skip_link(browser, console):
    page, _errors = log_in(browser, console)
    page.goto(f"{console['url']}/")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STYLE)
    assert first["tag"] == "A" and first["visible"] and first["outline"] != "none" and first["width"] >= 2, first
    seen = []
    for _ in range(16):  # the skip link, the brand, the main menu (up to 13 links for an administrator), then the page
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        seen.append(focus)
        assert focus["outline"] != "none" and focus["width"] >= 2, focus
    assert any(f["tag"] == "BUTTON" for f in seen)  # log out, in the menu
