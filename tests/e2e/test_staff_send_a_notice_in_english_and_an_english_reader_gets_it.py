"""A notice in residents' languages, as staff and a resident see it: the editor writes the Japanese and adds
an English version in the composer, previews it as an English reader sees it (LINE bubble and email) →
an approver sees both versions and approves them together → the editor sends it → in the phone
simulator the registrant who reads English has the English notice (with the program's English name),
the one who reads Japanese the Japanese; the notice's page counts the recipients by language."""

import os
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from foryou.enrollment.models import Registration
from foryou.gateway.models import Subscriber
from tests.delivery.conftest import delivery_settings, fast_email, fast_line, line_user, registrant, smtp  # noqa: F401
from tests.e2e.test_console_accessibility import AXE
from tests.e2e.test_notice_story import VIEWPORT, Background, log_in
from tests.notice_languages.conftest import KODOMO, city, programs_dir, staff  # noqa: F401
from tests.residents.exports import HANAKO, TARO

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])
TITLE = "子育て世帯応援給付金のご案内"
BODY = "3歳未満のお子さんがいる世帯に、1人あたり5万円の応援給付金を支給します。"
EN_TITLE = "Child-rearing benefit: how to apply"
EN_BODY = "Households with a child under 3 receive 50,000 yen per child. Apply by 29 January 2027."


# axe-core on this story's own parts of the pages (the phone preview beside them has its own history).
RUN_AXE_ON = """async (selectors) => {
  const result = await axe.run({include: selectors.map(s => [s])}, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(" "))}));
}"""


def serious(page, *selectors) -> list[dict]:
    return [v for v in page.evaluate(RUN_AXE_ON, list(selectors)) if v["impact"] in ("serious", "critical")]


def test_an_english_version_is_previewed_approved_sent_and_read_in_english(browser, live_server, delivery_settings,
                                                                           line, city, settings):
    settings.SMALL_COUNT = 1
    editor = staff("kodomo-editor", "editor", KODOMO)
    approver = staff("kodomo-approver", "approver", KODOMO)
    device = TOTPDevice.objects.create(user=approver, name="phone", confirmed=True)
    users = {}
    for n, (resident, language) in enumerate([(TARO, "en"), (HANAKO, "ja")], start=1):
        users[resident] = line_user(n)
        line.create_user("住民", user_id=users[resident])
        number = registrant(line_user_id=users[resident], resident_id=resident).number
        Registration.objects.filter(number=number).update(language=language)  # as the settings page leaves it
        Subscriber.objects.by_number(number).update(language=language)
    url = live_server.url
    errors = []

    # 1. The editor writes the Japanese, adds an English version and previews it as an English reader.
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, url, editor.username)
    page.goto(f"{url}/notices/new")
    page.select_option("#id_target", "program:parents")
    page.fill("#id_title", TITLE)
    page.fill("#id_body", BODY)
    bubble = page.locator(".bubble-slot .flex-bubble")
    expect(bubble).to_contain_text(TITLE)
    page.click("details.language-version[data-language=en] summary")
    page.fill("#id_tr_en_title", EN_TITLE)
    page.fill("#id_tr_en_body", EN_BODY)
    page.select_option("#preview-language", "en")
    expect(bubble).to_contain_text(EN_TITLE)
    expect(bubble).to_contain_text("Child-rearing household benefit")  # the program's English label
    expect(page.frame_locator(".email-frame iframe").locator("body")).to_contain_text(EN_BODY)
    if os.environ.get("FORYOU_SCREENSHOTS"):
        page.wait_for_timeout(500)
        page.screenshot(path=str(Path(os.environ["FORYOU_SCREENSHOTS"]) / "notice-composer-english.png"), full_page=True)
    assert serious(page, "#language-versions-fields", ".preview-reader") == []  # with a language version open
    page.select_option("#preview-language", "ko")  # no Korean version: its readers get the Japanese
    expect(page.locator("#preview-fallback")).to_be_visible()
    expect(bubble).to_contain_text(TITLE)
    page.click("#submit-for-approval")
    expect(page.locator(".state-waiting").first).to_be_visible()
    notice_url = page.url.split("?")[0]

    # 2. The approver sees both versions on the confirmation and approves them together.
    other = browser.new_context(viewport=VIEWPORT).new_page()
    log_in(other, url, approver.username, device)
    other.goto(f"{url}/notices/approvals/")
    other.click("button.approve")
    versions = other.locator("#language-versions")
    expect(versions).to_contain_text("English")
    expect(versions).to_contain_text(EN_TITLE)
    expect(versions).to_contain_text(TITLE)
    other.click("#confirm-approve")
    expect(other.locator(".message").first).to_be_visible()
    other.context.close()

    # 3. The editor sends it to the program's people: both parents.
    page.goto(notice_url)
    page.click("#send-link")
    background = Background(url)
    background.start()
    try:
        page.click("#send")
        page.click("#confirm-send")
        expect(page.locator("#progress")).to_have_attribute("data-percent", "100", timeout=60_000)
        page.goto(notice_url)
        expect(page.locator("#by-language tr[data-language=en]")).to_contain_text("English")
        assert serious(page, ".language-tabs", "#by-language", "#language-versions") == []
        for _ in range(60):  # the English order is a send of its own: wait until the LINE message is there
            if line.messages(users[TARO]):
                break
            page.wait_for_timeout(500)
    finally:
        background.stop()
    assert background.error is None, background.error

    # 4. In the phone simulator: the English reader has the English notice, the Japanese reader the Japanese.
    phone = browser.new_context(viewport={"width": 1200, "height": 950}).new_page()
    phone.goto(f"{line.base_url}/simulator?user={users[TARO]}")
    chat = phone.locator("#chat")
    expect(chat).to_contain_text(EN_TITLE)
    expect(chat).to_contain_text("Child-rearing household benefit")
    assert TITLE not in chat.inner_text()
    if os.environ.get("FORYOU_SCREENSHOTS"):
        phone.screenshot(path=str(Path(os.environ["FORYOU_SCREENSHOTS"]) / "notice-in-english-on-line.png"))
        page.goto(notice_url)
        page.screenshot(path=str(Path(os.environ["FORYOU_SCREENSHOTS"]) / "notice-by-language.png"), full_page=True)
    phone.goto(f"{line.base_url}/simulator?user={users[HANAKO]}")
    expect(phone.locator("#chat")).to_contain_text(TITLE)
    phone.context.close()
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
    page.context.close()
