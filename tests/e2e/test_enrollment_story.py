"""The enrollment story, as people do it: apply in the phone simulator → staff accept in the console → the
chat says the application was accepted → the postcard PDF carries the number → the number typed in the simulator links the account → consent
given → the console shows the registrant active with consent."""

import io
import subprocess
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from foryou.bridge.client import HttpTransport, sync
from foryou.enrollment.models import Registration
from foryou.shared.numbers import display
from foryou.enrollment.postcard_batches import make_batch
from foryou.gateway import applications
from foryou.dev.lineemu import EmulatorThread
from foryou.dev.lineemu.config import LiffApp
from foryou.dev.lineemu.wiring import point_settings_at
from foryou.residents.services import run_import
from tests.residents.conftest import AS_OF
from tests.residents.exports import UME, valid_export, write_export

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])
LIFF_ID = "2000000002-story"


@pytest.fixture
def site(live_server) -> str:
    # The same site as the simulator (127.0.0.1), as in the demo: cookies work inside its LIFF frame.
    return live_server.url.replace("localhost", "127.0.0.1")


@pytest.fixture
def line(site, settings):
    with EmulatorThread(webhook_url=f"{site}/line/webhook", liff_apps=[LiffApp(LIFF_ID, f"{site}/", "full")]) as emulator:
        point_settings_at(settings, emulator, LIFF_ID)
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        yield emulator


def test_a_resident_registers_from_application_to_consent(browser, site, line, data_dir, tmp_path):
    files = valid_export()
    run_import(write_export(tmp_path / "export", files), AS_OF, stream=io.StringIO())
    bridge = HttpTransport(site)
    resident = line.create_user(display_name="髙橋 うめ")
    line.follow(resident.user_id)

    # 1. Apply in LINE: the application page opens in the simulator's LIFF view.
    phone = browser.new_page(viewport={"width": 1200, "height": 950})
    phone.goto(f"{line.base_url}/simulator?user={resident.user_id}&open={quote(f'https://liff.line.me/{LIFF_ID}/apply/?via=line')}")
    form = phone.frame_locator("#liff-frame")
    form.locator("#id_name").fill("高橋 うめ")
    form.locator("#id_name_kana").fill("たかはし うめ")
    form.locator("#id_birth_date").fill("昭和10年4月1日")
    form.locator("#id_postal_code").fill("260-8722")
    form.locator("#id_address").fill("千葉市中央区千葉港1-1")
    form.locator("#id_phone").fill("043-245-5111")
    form.locator("#id_agree").check()
    form.locator("button[type=submit]").click()
    form.locator("#review").wait_for()  # nothing is sent before the resident checks it
    assert sync(bridge).applied == 0
    form.locator("#send").click()
    form.locator("text=申請を受け付けました").wait_for()
    form.locator("#back-to-line").wait_for()
    assert sync(bridge).applied == 1

    # 2. Staff accept the registry candidate in the console.
    staff = get_user_model().objects.create_user("registrar", password="a-long-password-123")
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["change_application", "add_postcardbatch"]))
    console = browser.new_page(viewport={"width": 1366, "height": 768})
    console.goto(f"{site}/login/")
    console.fill("#id_username", "registrar")
    console.fill("#id_password", "a-long-password-123")
    console.click("button[type=submit]")
    console.goto(f"{site}/applications/")
    console.click("table tbody a >> nth=0")
    assert "髙橋" in console.inner_text("table")
    console.click("button[value=accept]")
    console.wait_for_url(f"{site}/applications/")
    registration = Registration.objects.get(resident_id=UME)
    sync(bridge)
    # The application page sent the LINE ID token with the application: the chat says it was accepted.
    accepted = applications.line_messages("accepted")[0]["text"].splitlines()[0]
    phone.goto(f"{line.base_url}/simulator?user={resident.user_id}")
    phone.locator(f"#chat >> text={accepted}").wait_for(timeout=15000)

    # 3. The postcard carries the number.
    batch = make_batch().batch
    text = subprocess.run(["pdftotext", "-raw", batch.pdf, "-"], capture_output=True, text=True).stdout
    assert display(registration.number) in text

    # 4. The resident types the number in the chat; the account is linked.
    phone.goto(f"{line.base_url}/simulator?user={resident.user_id}")
    phone.fill("#composer-text", display(registration.number))
    phone.click("#composer-send")
    phone.locator("#chat >> text=登録が完了しました").wait_for(timeout=15000)

    # 5. Consent to the use of tax data, on the LIFF consent page.
    phone.goto(f"{line.base_url}/simulator?user={resident.user_id}&open={quote(f'https://liff.line.me/{LIFF_ID}/consent/')}")
    consent = phone.frame_locator("#liff-frame")
    consent.locator("button[value=give]").click()
    consent.locator("#thanks").wait_for()
    consent.locator("text=現在、税情報の利用に同意しています").wait_for()
    sync(bridge)

    # 6. The console shows an active registrant with consent.
    registration.refresh_from_db()
    assert registration.status == "active" and registration.channel == "line" and registration.tax_consent
    console.goto(f"{site}/registrations/?q={registration.number}")
    assert "利用中" in console.inner_text("table") and "同意あり" in console.inner_text("table")
