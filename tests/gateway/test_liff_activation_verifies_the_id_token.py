from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.shared.numbers import display, new_number
from foryou.gateway.models import Subscriber

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def issued() -> Subscriber:
    return Subscriber.objects.create(number=new_number(), expires_at=timezone.now() + timedelta(days=90))


def test_the_number_is_linked_to_the_line_user_of_a_verified_id_token(client, data_dir, liff):
    user = liff.create_user(display_name="千葉 花子")
    subscriber = issued()
    token = liff.issue_id_token(user.user_id)
    response = client.post("/activate/", {"number": display(subscriber.number), "id_token": token})
    assert "登録が完了しました" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.line_user_id == user.user_id and subscriber.status == "active"


def test_a_forged_id_token_links_nobody(client, data_dir, liff):
    subscriber = issued()
    response = client.post("/activate/", {"number": subscriber.number, "id_token": "eyJhbGciOiJIUzI1NiJ9.e30.bad"})
    assert "LINE" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "issued" and subscriber.line_user_id is None


def test_consent_is_given_and_withdrawn_by_the_verified_line_user(client, data_dir, liff):
    user = liff.create_user()
    subscriber = issued()
    client.post("/activate/", {"number": subscriber.number, "id_token": liff.issue_id_token(user.user_id)})
    client.post("/consent/", {"id_token": liff.issue_id_token(user.user_id), "choice": "give"})
    subscriber.refresh_from_db()
    assert subscriber.tax_consent is True
    page = client.post("/consent/", {"id_token": liff.issue_id_token(user.user_id), "choice": "withdraw"}).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.tax_consent is False and "同意していません" in page


def test_email_activation_sends_a_link_first_and_links_the_address_when_opened(client, data_dir, mailoutbox):
    subscriber = issued()
    client.post("/activate/email/", {"number": subscriber.number, "email": "hanako@example.jp"})
    subscriber.refresh_from_db()
    assert subscriber.status == "issued"  # nothing linked before the link is opened
    link = next(line for line in mailoutbox[0].body.splitlines() if "/activate/email/confirm/" in line)
    response = client.get(link.split("testserver")[1])
    assert "登録が完了しました" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "active" and subscriber.email == "hanako@example.jp"


def test_a_tampered_email_link_does_not_work(client, data_dir):
    response = client.get("/activate/email/confirm/?t=abc")
    assert "このリンクは使えません" in response.content.decode()


def test_consent_in_line_is_thanked_and_a_repeated_choice_tells_the_console_once(client, data_dir, liff):
    from foryou.gateway.models import OutboundEvent
    from foryou.shared.bridge import messages

    user = liff.create_user()
    subscriber = issued()
    client.post("/activate/", {"number": subscriber.number, "id_token": liff.issue_id_token(user.user_id)})
    for _ in range(2):
        page = client.post("/consent/", {"id_token": liff.issue_id_token(user.user_id), "choice": "give"}).content.decode()
        assert 'id="thanks"' in page and 'role="status"' in page
    assert OutboundEvent.objects.filter(kind=messages.CONSENT_CHANGED).count() == 1
