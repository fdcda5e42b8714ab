"""An application sent from the LINE app (LIFF) carries the page's ID token: the gateway verifies it and keeps
only the application's ref and the LINE user, outside the sealed data. When the console rejects or accepts
the application, that user is told in the chat once, and the row is deleted; rows nobody decides on are
deleted after 60 days. Without a valid token the application goes through and nobody is kept."""

import base64
import json
import logging
import re
import uuid
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from foryou.dev.lineemu.wiring import point_settings_at
from foryou.gateway import applications
from foryou.gateway.bridge import apply as bridge_apply
from foryou.gateway.models import LineApplicant, OutboundEvent, Subscriber
from foryou.shared.bridge import messages
from foryou.shared.bridge.keys import bridge_key
from foryou.shared.bridge.sealing import open_sealed
from foryou.shared.bridge.signing import sign
from foryou.shared.jp.dates import japanese_date
from foryou.shared.numbers import new_number

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])

TYPED = {"name": "千葉 花子", "name_kana": "チバ ハナコ", "birth_date": "1985-04-12", "postal_code": "2608722",
         "address": "千葉市中央区千葉港1-1", "channel": "line", "email": "", "phone": "043-245-5111", "agree": "on"}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def chat(line, settings, data_dir):
    """The gateway pointed at the local LINE platform (pushes and ID tokens), tasks run at once."""
    point_settings_at(settings, line, "2000000002-apply")
    settings.TASKS = IMMEDIATE
    return line


def send_from_line(client, id_token: str | None, via: str = "line") -> str:
    """Fill in, review and send the application as the LIFF page does; the ref of the sealed application."""
    review = client.post(f"/apply/?via={via}", TYPED | {"via": via}).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', review))
    assert hidden["via"] == via
    sent = hidden | {"step": "send"} | ({"id_token": id_token} if id_token is not None else {})
    assert client.post("/apply/", sent).status_code == 200
    return OutboundEvent.objects.get(kind=messages.APPLICATION_SEALED).body["ref"]


def push(client, *items: tuple[str, dict], message_id: str | None = None):
    """A signed push from the console, as the bridge client sends it."""
    body = messages.envelope(messages=[{"id": message_id or str(uuid.uuid4()), "kind": kind, "body": body}
                                       for kind, body in items])
    response = client.generic("POST", "/bridge/v1/push", body, content_type="application/json",
                              headers=sign(body, bridge_key()))
    assert response.status_code == 200, response.content
    return messages.open_envelope(response.content)


def texts(line, user_id: str) -> list[str]:
    return [entry["message"].get("text", "") for entry in line.messages(user_id)]


def test_the_review_page_in_line_sends_the_id_token_with_the_application(client, chat):
    review = client.post("/apply/?via=line", TYPED | {"via": "line"}).content.decode()
    assert '<input type="hidden" name="id_token" id="id_id_token">' in review
    assert "liff-sdk.js" in review and "gateway/apply-review.js" in review  # waits for window.liffIdToken
    web = client.post("/apply/", TYPED | {"via": "web"}).content.decode()
    assert 'name="id_token"' not in web


def test_a_verified_line_user_is_kept_by_ref_and_never_sealed_with_the_application(client, chat):
    user = chat.create_user()
    ref = send_from_line(client, chat.issue_id_token(user.user_id))
    applicant = LineApplicant.objects.get()
    assert (applicant.ref, applicant.line_user_id) == (ref, user.user_id)
    ciphertext = OutboundEvent.objects.get().body["ciphertext"]
    assert user.user_id not in json.dumps(open_sealed(base64.b64decode(ciphertext)), ensure_ascii=False)


@pytest.mark.parametrize("id_token", [None, "", "eyJhbGciOiJIUzI1NiJ9.e30.forged"])
def test_without_a_valid_id_token_the_application_goes_through_and_nobody_is_kept(client, chat, id_token, caplog):
    caplog.set_level(logging.INFO, logger="foryou.gateway.apply_views")
    ref = send_from_line(client, id_token)
    assert ref and not LineApplicant.objects.exists()
    assert "without a verified LINE user" in caplog.text
    assert "千葉" not in caplog.text and "043-245-5111" not in caplog.text
    if id_token:
        assert id_token not in caplog.text


def test_an_id_token_posted_with_a_web_application_is_ignored(client, chat):
    user = chat.create_user()
    send_from_line(client, chat.issue_id_token(user.user_id), via="web")
    assert not LineApplicant.objects.exists()


def test_a_rejection_is_told_in_the_chat_once_even_if_the_message_is_applied_twice(
        client, chat, django_capture_on_commit_callbacks):
    user = chat.create_user()
    ref = send_from_line(client, chat.issue_id_token(user.user_id))
    rejected = (messages.APPLICATION_REJECTED, {"ref": ref, "reason": "not_found", "channel": "line", "email": ""})
    message_id = str(uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        assert len(push(client, rejected, message_id=message_id)["applied"]) == 1
        assert len(push(client, rejected, message_id=message_id)["skipped"]) == 1  # the same message again
        push(client, rejected)  # the same decision in another message: nobody is left to tell
    [said] = texts(chat, user.user_id)
    assert said == "\n".join(applications.line_messages("rejected", "not_found")[0]["text"].splitlines())
    assert str(applications.REASONS["not_found"]) in said
    assert not LineApplicant.objects.exists()
    assert mail.outbox == []  # no email address was given


def test_the_push_task_run_twice_sends_one_message(client, chat, django_capture_on_commit_callbacks):
    from foryou.gateway.line.confirmations import tell_application_decided

    user = chat.create_user()
    ref = send_from_line(client, chat.issue_id_token(user.user_id))
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        push(client, (messages.APPLICATION_REJECTED, {"ref": ref, "reason": "mismatch"}))
    assert tell_application_decided.call(user.user_id, ref, "rejected", "mismatch")  # LINE answers 409: accepted
    assert len(chat.messages(user.user_id)) == 1


def test_a_rejected_line_applicant_who_gave_an_email_address_is_told_both_ways(
        client, chat, django_capture_on_commit_callbacks):
    user = chat.create_user()
    ref = send_from_line(client, chat.issue_id_token(user.user_id))
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        push(client, (messages.APPLICATION_REJECTED, {"ref": ref, "reason": "mismatch", "channel": "email",
                                                      "email": "hanako@example.jp"}))
    assert len(texts(chat, user.user_id)) == 1
    assert [m.to for m in mail.outbox] == [["hanako@example.jp"]]


def test_an_accepted_application_is_told_in_the_chat_with_when_the_postcard_comes(
        client, chat, django_capture_on_commit_callbacks):
    user = chat.create_user()
    ref = send_from_line(client, chat.issue_id_token(user.user_id))
    number = new_number()
    issued = {"number": number, "expires_at": "2099-01-01T00:00:00+00:00", "ref": ref}
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        push(client, (messages.NUMBER_ISSUED, issued))
        push(client, (messages.NUMBER_ISSUED, issued))  # applied again under another id: told once
    [said] = texts(chat, user.user_id)
    assert said == applications.line_messages("accepted")[0]["text"]
    assert japanese_date(timezone.localdate() + applications.POSTCARD_WITHIN) in said
    assert Subscriber.objects.by_number(number).exists() and not LineApplicant.objects.exists()


def test_a_number_issued_without_a_ref_tells_nobody(client, chat, django_capture_on_commit_callbacks):
    user = chat.create_user()
    send_from_line(client, chat.issue_id_token(user.user_id))
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        push(client, (messages.NUMBER_ISSUED, {"number": new_number(), "expires_at": "2099-01-01T00:00:00+00:00"}))
    assert chat.messages(user.user_id) == [] and LineApplicant.objects.count() == 1


def test_the_acceptance_names_the_postcards_date_and_the_menus_words():
    from django.utils import translation

    from foryou.gateway.line import words

    [message] = applications.line_messages("accepted", today=date(2026, 12, 7))
    with translation.override("ja"):
        assert "2026年12月21日" in message["text"] and str(words.ENTER_NUMBER) in message["text"]


def test_line_applicants_are_forgotten_after_sixty_days(data_dir):
    now = timezone.now()
    for days, ref in ((61, "old"), (59, "recent")):
        LineApplicant.objects.create(ref=ref, line_user_id="U" + "1" * 32, created_at=now - timedelta(days=days))
    assert applications.purge_line_applicants(now) == 1
    assert list(LineApplicant.objects.values_list("ref", flat=True)) == ["recent"]
    assert applications.purge_line_applicants(now) == 0


def test_applying_the_rejection_directly_twice_queues_one_push(data_dir, settings, django_capture_on_commit_callbacks):
    settings.LINE_CHANNEL_ACCESS_TOKENS = ["token"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    LineApplicant.objects.create(ref="r-1", line_user_id="U" + "2" * 32)
    body = messages.ApplicationRejectedBody(ref="r-1", reason="duplicate")
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        bridge_apply.apply(messages.APPLICATION_REJECTED, body)
        bridge_apply.apply(messages.APPLICATION_REJECTED, body)
    from django_tasks import default_task_backend
    assert [r.args for r in default_task_backend.results] == [["U" + "2" * 32, "r-1", "rejected", "duplicate", "ja"]]
