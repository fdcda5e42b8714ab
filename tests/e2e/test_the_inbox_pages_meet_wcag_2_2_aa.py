"""The applications inbox (受付箱) and an application page pass axe-core's WCAG 2.2 A/AA rules with no
violation at all, and best practices with none serious or critical, at 1366×768: as an administrator logged
in with a TOTP code sees them, with a real form's answers, documents (one not collected yet), history, the
status and assignment forms, and a page whose answers the retention purge deleted.
axe-core is vendored for tests only (tests/e2e/vendor/axe-core, MPL-2.0) and injected by Playwright."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD
from foryou.casework import retention
from foryou.casework.forms_push import snapshot_of
from foryou.casework.models import ApplicationEvent, ApplicationFile, ProgramApplication
from foryou.programs import live
from foryou.programs.catalog import get_program
from foryou.residents.services import run_import
from foryou.shared.forms import statuses
from tests.casework.conftest import write_program
from tests.e2e.test_console_accessibility import log_in
from tests.residents.conftest import AS_OF
from tests.residents.exports import TARO, valid_export, write_export

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags.concat(["best-practice"])}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, tags: v.tags,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(" "))}));
}"""
ANSWERS = {"phone": "080-5555-0123", "reason": "離婚した", "reason_date": "2025-03-31",
           "children": [{"name": "千葉 花子", "name_kana": "チバ ハナコ", "birth_date": "2016-09-01",
                         "relationship": "子", "lives_with": True, "custody_since": "2025-03-31"}],
           "pension": False, "support": False, "coresident_supporter": False}


def application(n: int, status: str, form, now) -> ProgramApplication:
    made = ProgramApplication.objects.create(
        receipt=f"K{n:07d}", gateway_ref=f"g{n}", program_code="jido-fuyo-teate", department="こども家庭支援課",
        form=form, form_digest=form.digest, number=f"{n:016d}", resident_id=TARO, status=status, answers=ANSWERS,
        note="戸籍謄本をもう一度送ってください。" if status == statuses.NEEDS_CORRECTION else "",
        received_at=now - timedelta(days=n), due_date=(now + timedelta(days=10)).date())
    ApplicationFile.objects.create(application=made, gateway_id=f"f{n}", attachment="family_register",
                                   name="koseki.png", type="png", size=2048, key=b"k" * 32, ciphertext=b"sealed",
                                   collected_at=now)
    ApplicationFile.objects.create(application=made, gateway_id=f"f{n}b", attachment="support_statement",
                                   name="shinkokusho.pdf", type="pdf", size=4096, key=b"k" * 32, round=1)
    ApplicationEvent.objects.create(application=made, status=statuses.RECEIVED, actor_label="system")
    if status == statuses.NEEDS_CORRECTION:
        ApplicationEvent.objects.create(application=made, status=status, note=made.note, actor_label="kanri")
    return made


@pytest.fixture
def inbox(live_server, data_dir, tmp_path, settings):
    folder = tmp_path / "programs"
    folder.mkdir()
    write_program(folder)
    settings.PROGRAMS_DIR = folder
    live.reset()
    run_import(write_export(tmp_path / "export", valid_export()), AS_OF, stream=io.StringIO())
    admin = accounts.add_staff("kanri", PASSWORD, role="admin")
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    form = snapshot_of(get_program("jido-fuyo-teate"))
    now = timezone.now()
    for n, status in enumerate(statuses.LABELS, start=1):
        application(n, status, form, now)
    purged = application(9, statuses.GRANTED, form, now)
    ProgramApplication.objects.filter(pk=purged.pk).update(decided_at=now - timedelta(days=400))
    retention.purge(now - timedelta(days=365))
    yield {"url": live_server.url, "device": device}
    live.reset()


def test_the_inbox_and_application_pages_have_no_wcag_2_2_aa_violation(browser, inbox):
    page, errors = log_in(browser, inbox)
    pages = {"inbox": "/inbox/", "inbox filtered": "/inbox/?status=needs_correction",
             "application": "/inbox/K0000002/", "purged application": "/inbox/K0000009/"}
    found, report, shown = {}, [], {}
    for name, path in pages.items():
        response = page.goto(f"{inbox['url']}{path}")
        assert response.status == 200, (name, response.status)
        page.wait_for_load_state("networkidle")
        shown[name] = page.locator("main table tbody tr, #documents li, #history li").count()
        violations = page.evaluate(RUN_AXE, WCAG_22_AA)
        report += [f"{name}: {v['impact']} {v['id']} — {v['help']} {v['nodes']}" for v in violations]
        failing = [v for v in violations if set(v["tags"]) & set(WCAG_22_AA) or v["impact"] in ("serious", "critical")]
        if failing:
            found[name] = failing
    print("\n".join(["axe-core results:"] + (report or ["no violations"])))
    assert found == {}, found
    assert shown["inbox"] >= 6 and shown["application"] >= 6 and shown["purged application"] >= 2, shown
    assert page.locator("#purged").is_visible()

    page.goto(f"{inbox['url']}/inbox/K0000003/")  # under review: 決定 asks for confirmation on a second step
    page.click("#to-granted")
    page.wait_for_selector("#confirm")
    confirm = [v for v in page.evaluate(RUN_AXE, WCAG_22_AA)
               if set(v["tags"]) & set(WCAG_22_AA) or v["impact"] in ("serious", "critical")]
    assert confirm == [], confirm
    assert ProgramApplication.objects.get(receipt="K0000003").status == statuses.REVIEWING  # not yet decided
    assert not [e for e in errors if "Content Security Policy" in e], errors
