"""In the phone simulator, a new friend taps 利用申請 in the rich menu, chooses 「マイナンバーカードで本人確認」
on the application page, picks a test card on the local デジタル認証アプリ's page, comes back, and — after one
bridge round trip — is told in the chat that the registration is complete: no postcard, no number typed.
The scheduler's next ticks bring the welcome digest: the programs they can use now, a line and a link each.

Screenshots go to FORYOU_SCREENSHOTS (or /tmp/shots-15)."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from joserfc.jwk import RSAKey
from playwright.sync_api import expect

from foryou.bridge.client import HttpTransport, sync
from foryou.dev.cardidp import Client, IdpThread
from foryou.dev.cardidp.cards import demo_cards
from foryou.dev.lineemu import EmulatorThread
from foryou.dev.lineemu.config import LiffApp
from foryou.dev.lineemu.wiring import point_settings_at
from foryou.enrollment.models import Registration
from foryou.gateway.line import words
from foryou.gateway.models import Subscriber
from foryou.gateway.mynumber import config, relying_party
from foryou.residents import store
from tests.e2e.synthetic_city import city, site  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])
LIFF_ID = "2000000002-card"
SHOTS = Path(os.environ.get("FORYOU_SCREENSHOTS") or "/tmp/shots-15")


@pytest.fixture
def line(site, settings, city):
    with EmulatorThread(webhook_url=f"{site}/line/webhook", liff_apps=[LiffApp(LIFF_ID, f"{site}/", "full")]) as emulator:
        point_settings_at(settings, emulator, LIFF_ID)
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        settings.DELIVERY_WINDOW = "00:00-23:59"  # the digest respects the window; this story runs at any hour
        call_command("richmenu", stdout=io.StringIO())
        yield emulator


@pytest.fixture
def card_app(site, settings, city):
    key = RSAKey.generate_key(2048, parameters={"kid": "e2e", "alg": "RS256"})
    redirect_uri = f"{site}/mynumber/callback"
    with store.connect() as con:
        cards = demo_cards(con)
    with IdpThread([Client("RP00000015", [redirect_uri], key.as_dict(private=False))], cards) as idp:
        settings.MYNUMBER_ISSUER, settings.MYNUMBER_CLIENT_ID = idp.issuer, "RP00000015"
        settings.MYNUMBER_CLIENT_KEY, settings.MYNUMBER_REDIRECT_URI = __import__("json").dumps(key.as_dict(private=True)), redirect_uri
        relying_party._cache.clear()
        config._checked.cache_clear()
        yield idp
        relying_party._cache.clear()
        config._checked.cache_clear()


@pytest.fixture
def welcome_template(db):
    from foryou.accounts import services as accounts
    from foryou.accounts.testing import PASSWORD
    from foryou.notices import services
    from foryou.notices.models import WelcomeDigest

    editor = accounts.add_staff("kenko-editor", PASSWORD, role="editor", department="健康支援課", create_department=True)
    approver = accounts.add_staff("kenko-approver", PASSWORD, role="approver", department="健康支援課")
    notice = services.create_broadcast("健康支援課", services.Wording(
        title="ご登録ありがとうございます", body="いま使える制度をお知らせします。", contact_department="健康支援課",
        contact_phone="043-238-9930"), editor)
    services.approve(notice.latest, approver)
    return WelcomeDigest.objects.create(notice=notice)


def label(word) -> str:
    with translation.override("ja"):
        return str(word)


def test_a_new_friend_verifies_with_a_test_card_is_registered_without_a_postcard_and_gets_the_welcome_digest(
        browser, site, line, card_app, welcome_template):
    SHOTS.mkdir(parents=True, exist_ok=True)
    resident = line.create_user(display_name="林 勇", status="not_friend")
    phone = browser.new_page(viewport={"width": 1200, "height": 950})
    phone.goto(f"{line.base_url}/simulator?user={resident.user_id}")
    phone.click("#follow")
    phone.locator("#rich-menu").get_by_role("button", name=label(words.APPLY)).click()

    liff = phone.frame_locator("#liff-frame")
    card_choice = liff.locator("#mynumber")
    expect(card_choice.get_by_role("heading")).to_have_text("マイナンバーカードで本人確認")
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "card-1-apply-page.png"))
    card_choice.get_by_role("button").click()

    # an unregistered resident of 75 or more: 健康診査 (programs/kenko-shinsa.yml) is in the digest
    index, first_card = next((i, c) for i, c in enumerate(card_app.provider.cards)
                             if c.label == "未登録の住民" and c.birthdate < "1950")
    expect(liff.locator("legend").first).to_have_text("テスト用カード")
    liff.locator(f"input[name=card][value='{index}']").check()
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "card-2-test-cards.png"))
    liff.get_by_role("button", name="カードを読み取る").click()
    expect(liff.get_by_role("heading")).to_have_text("カードを読み取りました")
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "card-3-read.png"))

    transport = HttpTransport(site)
    sync(transport)  # the sealed card to the console, matched
    sync(transport)  # the decision back to the gateway: linked, told in the chat
    phone.click("#liff-close")
    chat = phone.locator("#chat")
    expect(chat).to_contain_text("登録が完了しました")
    expect(chat).to_contain_text("はがきは必要ありません")
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "card-4-registered.png"))

    from foryou.notices.automation import Clock

    clock = Clock()
    clock.tick(transport)  # the digest queued for the new registrant
    clock.tick(transport)  # and handed to the gateway, which delivers it
    expect(chat).to_contain_text("ご登録ありがとうございます")
    expect(chat).to_contain_text("・健康診査：")
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "card-5-welcome-digest.png"))

    registration = Registration.objects.get(status="active")
    assert registration.application.name == first_card.name and registration.postcard_batch is None
    assert Subscriber.objects.get(line_user_id=resident.user_id).status == "active"
