"""Every way the answer from the identity provider can be wrong or unfinished gives the resident a clear
message and leaves nothing behind: no sealed card on its way to the console, no flow kept."""

from urllib.parse import parse_qs, urlsplit

import pytest

from foryou.dev.cardidp import TestCard
from foryou.gateway.card_models import CardVerification
from foryou.gateway.models import OutboundEvent
from foryou.gateway.mynumber.services import FAILURES
from foryou.shared.bridge import messages

from tests.mynumber.conftest import local, read_card

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])

CARD = TestCard("千葉 花子", "千葉県千葉市中央区千葉港1番1号", "1985-04-12", "女")


def start(client) -> str:
    started = client.post("/mynumber/start", {"via": "web", "email": "hanako@example.jp"})
    assert started.status_code == 302, started.content.decode()
    return started["Location"]


def sealed() -> int:
    return OutboundEvent.objects.filter(kind=messages.IDENTITY_SEALED).count()


def refused_with(response, code: str) -> None:
    page = response.content.decode()
    assert response.status_code == 400
    assert str(FAILURES[code]).split(".")[0] in page.replace("&#x27;", "'")
    assert 'href="/apply/"' in page  # every failure leads back to the application page


def test_a_good_answer_is_sealed_and_the_flow_keeps_only_its_ref(client, idp):
    response = client.get(local(read_card(start(client), CARD)))
    assert response.status_code == 200 and sealed() == 1
    flow = CardVerification.objects.get()
    assert (flow.state, flow.nonce, flow.code_verifier, flow.email) == (None, "", "", "hanako@example.jp")


def test_a_resident_who_cancels_on_the_card_app_is_told_nothing_was_sent(client, idp):
    refused_with(client.get(local(read_card(start(client), cancel=True))), "cancelled")
    assert sealed() == 0 and not CardVerification.objects.exists()


def test_a_callback_whose_state_was_not_issued_here_is_refused(client, idp):
    back = read_card(start(client), CARD)
    query = parse_qs(urlsplit(back).query)
    refused_with(client.get("/mynumber/callback", {"code": query["code"][0], "state": "forged-state"}), "unknown_state")
    refused_with(client.get("/mynumber/callback", {"code": query["code"][0]}), "unknown_state")
    assert sealed() == 0


def test_the_same_callback_opened_twice_is_sealed_once(client, idp):
    back = local(read_card(start(client), CARD))
    assert client.get(back).status_code == 200
    refused_with(client.get(back), "unknown_state")
    assert sealed() == 1


def test_a_replayed_code_under_another_flow_is_refused_by_the_provider(client, idp):
    first = local(read_card(start(client), CARD))
    assert client.get(first).status_code == 200
    used_code = parse_qs(urlsplit(first).query)["code"][0]
    second_state = parse_qs(urlsplit(read_card(start(client), CARD)).query)["state"][0]
    refused_with(client.get("/mynumber/callback", {"code": used_code, "state": second_state}), "code_refused")
    assert sealed() == 1 and CardVerification.objects.filter(ref="").count() == 0


@pytest.mark.parametrize("fault", ["expired_id_token", "wrong_key", "wrong_audience", "wrong_nonce", "wrong_issuer"])
def test_an_id_token_that_is_expired_wrongly_signed_or_for_someone_else_is_refused(client, idp, fault):
    location = start(client)
    idp.provider.faults = {fault}
    refused_with(client.get(local(read_card(location, CARD))), "token_invalid")
    assert sealed() == 0 and not CardVerification.objects.exists()


def test_a_flow_left_too_long_on_the_card_app_expires(client, idp):
    location = start(client)
    CardVerification.objects.update(created_at=CardVerification.objects.get().created_at - CardVerification.FLOW_TIME * 2)
    refused_with(client.get(local(read_card(location, CARD))), "expired")
    assert sealed() == 0 and not CardVerification.objects.exists()


def test_the_start_needs_a_verified_line_user_or_an_email_address(client, idp):
    assert client.post("/mynumber/start", {"via": "web", "email": "not an address"}).status_code == 400
    assert client.post("/mynumber/start", {"via": "line", "id_token": "forged"}).status_code == 400
    assert not CardVerification.objects.exists()


def test_an_unreachable_provider_is_said_plainly(client, idp, settings):
    from foryou.gateway.mynumber import config, relying_party

    settings.MYNUMBER_ISSUER = "http://127.0.0.1:9/api/realms/main"
    relying_party._cache.clear()
    config._checked.cache_clear()
    response = client.post("/mynumber/start", {"via": "web", "email": "hanako@example.jp"})
    assert response.status_code == 503 and str(FAILURES["unavailable"]).split(".")[0] in response.content.decode()
    assert not CardVerification.objects.exists()
