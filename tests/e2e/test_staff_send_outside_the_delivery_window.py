"""A send started outside the delivery window: the confirmation says how many it reaches and when it will
start; once the gateway reports its deliveries held for the window (reason `window` in its progress),
the send's page says 「配信時間(…)を待っています。開始予定 …」 instead of "sending 0 %".

Screenshots go to FORYOU_SCREENSHOTS (a folder) when it is set."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from foryou.notices import sending
from foryou.notices.models import SendOrder
from foryou.shared.bridge.messages import DeliveryProgressBody
from foryou.shared.delivery_window import TOKYO, clock
from tests.console_notices.conftest import KODOMO, city, programs_dir, staff, WORDING  # noqa: F401
from tests.delivery.conftest import registrant
from tests.e2e.test_notice_story import VIEWPORT, log_in
from tests.e2e.test_staff_return_a_notice_with_a_comment import shot
from tests.residents.exports import HANAKO, TARO

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])


def test_a_send_outside_the_window_says_when_it_will_start(browser, live_server, settings, city):
    from foryou.notices import services
    from foryou.programs import catalog

    start = (timezone.now().astimezone(TOKYO) + timedelta(hours=2)).replace(second=0, microsecond=0)
    settings.DELIVERY_WINDOW = f"{start:%H:%M}-{start + timedelta(hours=1):%H:%M}"  # closed now
    settings.SMALL_COUNT = 1  # a two-person city: show the count the confirmation states
    editor = staff("kodomo-editor", "editor", KODOMO)
    approver = staff("kodomo-approver", "approver", KODOMO)
    notice = services.create(catalog.get_program("parents"), WORDING, editor)
    services.approve(notice.latest, approver)
    for resident in (TARO, HANAKO):
        registrant(email=f"{resident}@example.jp", resident_id=resident)

    page = browser.new_context(viewport=VIEWPORT).new_page()
    log_in(page, live_server.url, editor.username)
    page.goto(f"{live_server.url}/notices/{notice.pk}/send")
    expect(page.locator("#delivery-hours")).to_contain_text(clock(start.time()))
    page.click("#send")
    expect(page.locator("#send-consequence")).to_contain_text("2")
    expect(page.locator(".window-note")).to_contain_text(clock(start.time()))
    shot(page, "send-confirm-outside-window.png")
    page.click("#confirm-send")
    page.wait_for_url("**/notices/sends/**")

    order = SendOrder.objects.get()
    assert sending.start_due() == [order]
    sending.apply_progress(DeliveryProgressBody(  # what the gateway reports while it holds them
        order_id=str(order.pk), counts={"email:deferred": 2}, reasons={"window": 2}, expected=2, finished=False,
        at=timezone.now().isoformat()))
    page.reload()
    waiting = page.locator("#window-wait")
    expect(waiting).to_contain_text(clock(start.time()))
    expect(page.locator("#progress .percent")).to_have_count(0)
    shot(page, "send-waiting-for-window.png")
    page.context.close()
