"""The Done-when story of program applications, in Chromium against a live server and the local LINE
platform: a single mother receives the 児童扶養手当 notice in the phone simulator, taps 申請する, fills the
form in the LIFF view with a photo of her family register, and gets a receipt number; staff see it in the
inbox beside her registry record, ask for a correction; she corrects it from the button in the chat; staff
review and decide (with a confirm step); she is told in the chat. The form passes axe (WCAG 2.2 AA) on a
phone viewport. Screenshots go to FORYOU_SCREENSHOTS (or /tmp/shots-17)."""

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from foryou.dev.lineemu import EmulatorThread
from foryou.dev.lineemu.config import LiffApp
from foryou.dev.lineemu.wiring import point_settings_at
from tests.casework.conftest import write_program
from tests.casework.forms import png_bytes
from tests.e2e.phone import AXE, RUN_AXE
from tests.e2e.test_notice_story import log_in
from foryou.residents.checkdigit import with_check_digit
from tests.residents.exports import person, write_export

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])
LIFF_ID = "2000000002-casework"
SHOTS = Path(os.environ.get("FORYOU_SCREENSHOTS") or "/tmp/shots-17")
MOTHER, CHILD = with_check_digit("000005001"), with_check_digit("000005002")
KODOMO = "こども家庭支援課"


@pytest.fixture
def site(live_server) -> str:
    return live_server.url.replace("localhost", "127.0.0.1")


@pytest.fixture
def line(site, settings, data_dir, tmp_path):
    folder = tmp_path / "programs"
    folder.mkdir()
    write_program(folder)
    settings.PROGRAMS_DIR = folder
    settings.SMALL_COUNT = 1
    settings.DELIVERY_WINDOW = "00:00-23:59"
    settings.GATEWAY_PUBLIC_URL = site
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from foryou.programs import live

    live.reset()
    with EmulatorThread(webhook_url=f"{site}/line/webhook", liff_apps=[LiffApp(LIFF_ID, f"{site}/", "full")]) as emulator:
        point_settings_at(settings, emulator, LIFF_ID)
        yield emulator
    live.reset()


def mother_and_child(tmp_path):
    """A single mother (世帯主) with an 9-year-old, income under the limit, consenting to tax data."""
    from foryou.residents.services import run_import
    from tests.residents.conftest import AS_OF

    files = {"persons.csv": [person(MOTHER, "0000500011", "千葉　陽子", "チバ ヨウコ", "19880510", "2", "世帯主"),
                             person(CHILD, "0000500011", "千葉　葵", "チバ アオイ", "20160901", "2", "子")],
             "resident_tax.csv": [{"宛名番号": MOTHER, "課税年度": "2026", "合計所得金額": "1500000", "所得割額": "30000",
                                   "均等割額": "5000", "非課税区分": "0", "扶養親族数": "1"}],
             "allowances.csv": [], "checkups.csv": []}
    run = run_import(write_export(tmp_path / "export", files), AS_OF, stream=io.StringIO())
    assert run.status == "applied", run.problems


def sync_and_dispatch(site):
    from foryou.bridge.client import HttpTransport, sync
    from foryou.gateway.delivery.dispatcher import Dispatcher
    from foryou.notices.automation import Clock
    from tests.delivery.conftest import fast_email, fast_line

    Clock().tick(HttpTransport(site))
    Dispatcher(line_factory=fast_line, email_factory=fast_email).run(seconds=2)
    sync(HttpTransport(site))


def test_a_resident_applies_from_the_notice_and_hears_each_step(browser, site, line, tmp_path):
    from foryou.accounts import services as accounts
    from foryou.accounts.testing import PASSWORD
    from foryou.casework.models import ProgramApplication
    from foryou.enrollment.models import Registration
    from foryou.gateway.models import Subscriber
    from foryou.notices import sending, services as notices
    from foryou.notices.services import Wording
    from foryou.programs.catalog import get_program

    SHOTS.mkdir(parents=True, exist_ok=True)
    mother_and_child(tmp_path)
    resident = line.create_user(display_name="千葉 陽子")
    now = timezone.now()
    Registration.objects.create(number="5000000000000012", resident_id=MOTHER, status="active", channel="line",
                                expires_at=now + timedelta(days=90), activated_at=now, tax_consent=True)
    Subscriber.objects.create(number="5000000000000012", status="active", expires_at=now + timedelta(days=90),
                              line_user_id=resident.user_id, activated_at=now, tax_consent=True)
    editor = accounts.add_staff("kodomo-editor", PASSWORD, role="editor", department=KODOMO, create_department=True)
    approver = accounts.add_staff("kodomo-approver", PASSWORD, role="approver", department=KODOMO)
    wording = Wording(title="児童扶養手当のご案内", body="ひとり親家庭の方は児童扶養手当を受けられる可能性があります。",
                      contact_department=KODOMO, contact_phone="043-245-5179", contact_hours="平日 8:30〜17:30", links=[])
    notice = notices.create(get_program("jido-fuyo-teate"), wording, editor)
    notices.approve(notice.latest, approver)
    sending.schedule(notice, by=editor)
    sync_and_dispatch(site)
    assert len(line.messages(resident.user_id)) == 1

    # 1. The notice in the chat; 申請する opens the form in the LIFF view.
    phone = browser.new_page(viewport={"width": 1200, "height": 950})
    phone.goto(f"{line.base_url}/simulator?user={resident.user_id}")
    chat = phone.locator("#chat")
    expect(chat).to_contain_text("児童扶養手当のご案内")
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "casework-1-notice.png"))
    chat.get_by_role("button", name="申請する").click()
    form = phone.frame_locator("#liff-frame")
    expect(form.locator("h1")).to_contain_text("児童扶養手当")
    form.locator("#id_f_phone").fill("080-5555-0123")
    form.locator("label[for=id_f_reason_0]").click()
    form.locator("#id_f_reason_date").fill("令和7年3月31日")
    form.locator("#id_children-0-name").fill("千葉 葵")
    form.locator("#id_children-0-name_kana").fill("ちば あおい")
    form.locator("#id_children-0-birth_date").fill("平成28年9月1日")
    form.locator("label[for=id_children-0-relationship_0]").click()
    form.locator("label[for=id_children-0-lives_with_yes]").click()
    form.locator("#id_children-0-custody_since").fill("2025-03-31")
    form.locator("label[for=id_f_pension_no]").click()
    form.locator("label[for=id_f_support_yes]").click()
    expect(form.locator("#id_f_support_monthly")).to_be_visible()  # shown only when support is received
    form.locator("#id_f_support_monthly").fill("30000")
    form.locator("label[for=id_f_coresident_supporter_no]").click()
    photo = tmp_path / "koseki.png"
    photo.write_bytes(png_bytes((800, 600)))
    form.locator("#id_file_family_register").set_input_files(str(photo))
    form.locator("label[for=id_declaration]").click()
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "casework-2-form.png"))
    form.locator("#send").click()
    receipt = form.locator("#receipt")
    expect(receipt).to_have_text(__import__("re").compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}$"))
    number = receipt.inner_text()
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "casework-3-receipt.png"))
    phone.click("#liff-close")

    # 2. Collected; the resident is told it was received.
    sync_and_dispatch(site)
    expect(chat).to_contain_text(number)

    # 3. Staff see it in the inbox beside the registry record, and ask for a correction.
    staff = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(staff, site, editor.username)
    staff.click("#nav-casework")
    staff.click(f"text={number}")
    expect(staff.locator("#registry")).to_contain_text("千葉　陽子")
    expect(staff.locator("#answers")).to_contain_text("千葉 葵")
    expect(staff.locator("#documents a")).to_have_count(1)
    staff.screenshot(path=str(SHOTS / "casework-4-inbox-detail.png"), full_page=True)
    staff.fill("#id_note", "養育費の月額を、取り決めの書面のとおりに直してください。")
    staff.click("#to-needs_correction")
    expect(staff.locator("#status")).to_contain_text("不備あり")
    sync_and_dispatch(site)

    # 4. The resident taps 補正する under the message and corrects the same form.
    expect(chat).to_contain_text("養育費の月額を")
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "casework-4b-correction-asked.png"))
    chat.get_by_role("button", name="補正する").last.click()
    form = phone.frame_locator("#liff-frame")
    expect(form.locator("#correcting")).to_contain_text(number)
    form.locator("#id_f_phone").fill("080-5555-0123")
    form.locator("label[for=id_f_reason_0]").click()
    form.locator("#id_f_reason_date").fill("令和7年3月31日")
    form.locator("#id_children-0-name").fill("千葉 葵")
    form.locator("#id_children-0-name_kana").fill("チバ アオイ")
    form.locator("#id_children-0-birth_date").fill("2016-09-01")
    form.locator("label[for=id_children-0-relationship_0]").click()
    form.locator("label[for=id_children-0-lives_with_yes]").click()
    form.locator("#id_children-0-custody_since").fill("2025-03-31")
    form.locator("label[for=id_f_pension_no]").click()
    form.locator("label[for=id_f_support_yes]").click()
    form.locator("#id_f_support_monthly").fill("25000")
    form.locator("label[for=id_f_coresident_supporter_no]").click()
    form.locator("label[for=id_declaration]").click()
    form.locator("#send").click()
    expect(form.locator("#receipt")).to_have_text(number)
    phone.click("#liff-close")
    sync_and_dispatch(site)

    # 5. Staff review and decide (confirmed); the resident is told.
    staff.reload()
    expect(staff.locator("#answers")).to_contain_text("25,000")
    staff.click("#to-reviewing")
    staff.click("#to-granted")
    expect(staff.locator("#confirm")).to_contain_text("元に戻せません")
    staff.click("#confirm-decision")
    expect(staff.locator("#status")).to_contain_text("決定")
    sync_and_dispatch(site)
    expect(chat).to_contain_text("支給を決定しました")
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "casework-5-decided.png"))


def test_the_form_passes_axe_on_a_phone(browser, site, line, tmp_path):
    from foryou.casework.forms_push import push_form
    from foryou.bridge.client import HttpTransport, sync
    from foryou.programs.catalog import get_program
    from tests.e2e.phone import PHONE

    push_form(get_program("jido-fuyo-teate"))
    sync(HttpTransport(site))
    context = browser.new_context(**PHONE)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(f"{site}/casework/jido-fuyo-teate/?via=line")
    page.click("label[for=id_f_support_yes]")
    page.click("[data-add-row]")
    assert page.evaluate(RUN_AXE) == []
    page.click("#send")  # with problems: the error summary and messages beside the fields
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / "casework-form-errors.png"), full_page=True)
    assert page.evaluate(RUN_AXE) == []
