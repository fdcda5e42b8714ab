"""The console and the gateway are upgraded at different times, so for a while one runs a newer version
than the other. Each must understand the other: a newer writer's extra keys (in the envelope, the
message, the body and a send order's content) are ignored; an older writer's missing optional keys get
the defaults that mean what their absence meant; and what this version writes is still what a reader
of version 1, as first shipped, requires."""

import uuid
from dataclasses import fields

import pytest
from hypothesis import given, settings as hypothesis_settings
from hypothesis import strategies as st

from foryou.bridge.client import sync
from foryou.bridge.models import PendingPush
from foryou.enrollment.models import ConsentEvent, Registration
from foryou.gateway import services as gateway
from foryou.gateway.delivery.models import Delivery, DeliveryOrder
from foryou.gateway.models import OutboundEvent, Subscriber
from foryou.notices.models import SendOrder
from foryou.shared import languages, topics
from foryou.shared.bridge import messages
from foryou.shared.bridge.keys import bridge_key
from foryou.shared.bridge.signing import sign
from foryou.shared.numbers import new_number

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])

NUMBER = new_number()
EMAIL = "hanako@example.jp"
LATER = {"added_in_a_later_version": {"nested": [1, 2, 3]}, "language": "vi"}

# The body keys a version 1 reader requires of each kind (its REQUIRED table as first shipped), and a
# send order's content as version 1 read it (NoticeContent(**content): every key, no others).
V1_REQUIRED = {
    messages.NUMBER_ISSUED: {"number", "expires_at"},
    messages.NUMBER_VOIDED: {"number", "reason"},
    messages.REGISTRATION_STOPPED: {"number", "ending"},
    messages.APPLICATION_SEALED: {"ref", "ciphertext", "received_at"},
    messages.REGISTRATION_ACTIVATED: {"number", "channel", "at"},
    messages.CONSENT_CHANGED: {"number", "given", "terms", "at"},
    messages.REGISTRATION_ENDED: {"number", "ending", "at"},
    messages.ACTIVATION_LOCKED: {"by", "failures", "at"},
    messages.SEND_ORDER: {"order_id", "notice_ref", "kind", "content", "urgent", "tracked", "total", "chunks"},
    messages.SEND_RECIPIENTS: {"order_id", "index", "numbers"},
    messages.DELIVERY_PROGRESS: {"order_id", "counts", "reasons", "finished", "at"},
    # Added after version 1 (kinds an older reader skips): what their first release requires.
    messages.REGISTRATION_PAUSED: {"number", "paused", "at"},
    messages.APPLICATION_REJECTED: {"ref", "reason"},
    messages.REGISTRATION_PREFERENCES: {"number", "at"},
}
V1_CONTENT = {"service_name", "program_name", "title", "body", "contact_department", "contact_phone",
              "contact_hours", "links"}


def push_as_a_newer_console(client, *items: tuple[str, dict]):
    """A push as a console one version ahead would send it: extra keys at every level."""
    envelope = messages.envelope(messages=[{"id": str(uuid.uuid4()), "kind": kind, "body": {**body, **LATER},
                                            "priority": "high"} for kind, body in items], sent_by="console 2.0")
    response = client.generic("POST", "/bridge/v1/push", envelope, content_type="application/json",
                              headers=sign(envelope, bridge_key()))
    assert response.status_code == 200, response.content
    return response


def content(**overrides) -> dict:
    return {"service_name": "あなたが使える制度お知らせサービス", "program_name": "特定健診", "title": "健診のご案内",
            "body": "今年度の特定健診を無料で受けられます。", **overrides}


def test_a_newer_consoles_messages_are_applied_by_this_gateway(client, data_dir, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.DELIVERY_WINDOW = "00:00-23:59"
    push_as_a_newer_console(client, (messages.NUMBER_ISSUED, {"number": NUMBER,
                                                              "expires_at": "2099-01-01T00:00:00+00:00"}))
    assert gateway.activate(NUMBER, email=EMAIL).ok
    order_id = str(uuid.uuid4())
    push_as_a_newer_console(
        client,
        (messages.SEND_ORDER, {"order_id": order_id, "notice_ref": "notice:7", "kind": "now",
                               "content": content(translations={"en": {"title": "Checkup"}}, contact_phone="043"),
                               "urgent": True, "tracked": False, "total": 1, "chunks": 1, "holdout": 0.1}),
        (messages.SEND_RECIPIENTS, {"order_id": order_id, "index": 0, "numbers": [NUMBER]}),
    )
    order = DeliveryOrder.objects.get()
    assert set(order.content) == V1_CONTENT and order.content["contact_phone"] == "043"
    assert Delivery.objects.get().channel == "email"

    push_as_a_newer_console(client, (messages.REGISTRATION_STOPPED, {"number": NUMBER, "ending": "staff"}))
    assert Subscriber.objects.get().status == Subscriber.Status.INACTIVE


def test_an_older_consoles_send_order_without_optional_content_gets_defaults(client, data_dir, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    body = {"order_id": str(uuid.uuid4()), "notice_ref": "notice:8", "kind": "broadcast", "content": content(),
            "urgent": False, "tracked": False, "total": 0, "chunks": 0}
    push_as_a_newer_console(client, (messages.SEND_ORDER, body))
    stored = DeliveryOrder.objects.get().content
    assert stored["links"] == [] and stored["contact_department"] == ""


def test_an_older_consoles_number_issued_without_a_ref_is_applied_and_tells_nobody(client, data_dir, settings):
    from foryou.gateway.models import LineApplicant

    settings.LINE_CHANNEL_ACCESS_TOKENS = ["token"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    LineApplicant.objects.create(ref=str(uuid.uuid4()), line_user_id="U" + "3" * 32)
    body = {"number": NUMBER, "expires_at": "2099-01-01T00:00:00+00:00"}  # as version 1 wrote it
    envelope = messages.envelope(messages=[{"id": str(uuid.uuid4()), "kind": messages.NUMBER_ISSUED, "body": body}])
    response = client.generic("POST", "/bridge/v1/push", envelope, content_type="application/json",
                              headers=sign(envelope, bridge_key()))
    assert len(messages.open_envelope(response.content)["applied"]) == 1
    assert Subscriber.objects.get().status == Subscriber.Status.ISSUED
    from django_tasks import default_task_backend
    assert LineApplicant.objects.count() == 1 and default_task_backend.results == []


def test_a_newer_gateways_events_are_applied_by_this_console(transport, data_dir):
    from datetime import timedelta

    from django.utils import timezone

    Registration.objects.create(number=NUMBER, resident_id="0000012343", status=Registration.Status.ISSUED,
                                expires_at=timezone.now() + timedelta(days=30))
    at = "2026-12-07T09:00:00+09:00"
    for kind, body in ((messages.REGISTRATION_ACTIVATED, {"number": NUMBER, "channel": "line", "at": at}),
                       (messages.CONSENT_CHANGED, {"number": NUMBER, "given": True, "terms": "2026-04", "at": at})):
        OutboundEvent.objects.create(kind=kind, body={**body, **LATER})
    assert sync(transport).applied == 2
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.ACTIVE and registration.tax_consent
    assert registration.has_email is False  # an older gateway did not say: no confirmed email assumed
    assert ConsentEvent.objects.get().terms == "2026-04"


def test_an_older_gateways_progress_without_optional_counts_gets_defaults(transport, data_dir):
    from django.utils import timezone

    from foryou.accounts.services import add_staff
    from foryou.notices import services
    from foryou.notices.services import Wording

    editor = add_staff("editor", "correct horse battery staple 9", role="editor", department="健康支援課")
    notice = services.create_broadcast("健康支援課", Wording(title="アンケート", body="ご協力ください。"), editor)
    order = SendOrder.objects.create(notice=notice, version=notice.latest, kind=SendOrder.Kind.BROADCAST,
                                     status=SendOrder.Status.SENDING, scheduled_for=timezone.now())
    OutboundEvent.objects.create(kind=messages.DELIVERY_PROGRESS, body={
        "order_id": str(order.pk), "counts": {"line:accepted": 3}, "reasons": {}, "finished": True,
        "at": "2026-12-07T09:00:00+09:00"})
    sync(transport)
    order.refresh_from_db()
    assert order.status == SendOrder.Status.FINISHED
    assert order.progress == {"counts": {"line:accepted": 3}, "reasons": {}, "not_deliverable": 0,
                              "expected": None, "clicks": 0}


def test_a_missing_required_field_is_refused_naming_the_kind_and_the_field(client, data_dir):
    with pytest.raises(messages.BadMessage, match=r"send\.recipients is missing index, numbers"):
        messages.parse_body(messages.SEND_RECIPIENTS, {"order_id": "x"})
    with pytest.raises(messages.BadMessage, match=r"send\.order content is missing body, title"):
        messages.parse_body(messages.SEND_ORDER, {
            "order_id": "x", "notice_ref": "notice:1", "kind": "now", "urgent": False, "tracked": False,
            "total": 0, "chunks": 0, "content": {"service_name": "s", "program_name": "p"}})
    assert not PendingPush.objects.exists()


def test_a_kind_from_a_newer_console_is_acknowledged_and_ignored(client, data_dir):
    response = push_as_a_newer_console(client, ("number.transferred", {"number": NUMBER}),
                                       (messages.NUMBER_ISSUED, {"number": NUMBER,
                                                                 "expires_at": "2099-01-01T00:00:00+00:00"}))
    answer = messages.open_envelope(response.content)
    assert len(answer["ignored"]) == 1 and len(answer["applied"]) == 1
    assert Subscriber.objects.get() == Subscriber.objects.by_number(NUMBER).get()


def test_a_kind_from_a_newer_gateway_is_skipped_and_the_sync_goes_on(transport, data_dir, caplog):
    OutboundEvent.objects.create(kind="registration.transferred", body={"number": NUMBER})
    OutboundEvent.objects.create(kind=messages.ACTIVATION_LOCKED, body={"by": "ip", "failures": 5,
                                                                          "at": "2026-12-07T09:00:00+09:00"})
    result = sync(transport)
    assert result.applied == 1 and not OutboundEvent.objects.exists()  # both acknowledged
    assert "upgrade the console" in caplog.text
    assert sync(transport).applied == 0  # nothing left over to trip the next sync


# -- every kind, both ways ------------------------------------------------------------------------

texts = st.text(min_size=1, max_size=12)
extras = st.dictionaries(st.text(min_size=1, max_size=8).map(lambda k: f"later_{k}"),
                         st.one_of(st.integers(), st.text(max_size=5), st.booleans()), max_size=3)
content_bodies = st.builds(
    messages.NoticeContentBody, service_name=texts, program_name=texts, title=texts, body=texts,
    contact_department=st.text(max_size=5), links=st.lists(st.tuples(texts, texts), max_size=3).map(tuple))
bodies = st.one_of(
    st.builds(messages.NumberIssuedBody, number=texts, expires_at=texts, ref=st.text(max_size=10)),
    st.builds(messages.NumberVoidedBody, number=texts, reason=texts),
    st.builds(messages.RegistrationStoppedBody, number=texts, ending=texts),
    st.builds(messages.ApplicationSealedBody, ref=texts, ciphertext=texts, received_at=texts),
    st.builds(messages.RegistrationActivatedBody, number=texts, channel=st.sampled_from(["line", "email"]),
              has_email=st.booleans(), at=texts),
    st.builds(messages.ConsentChangedBody, number=texts, given=st.booleans(), terms=texts, at=texts),
    st.builds(messages.RegistrationEndedBody, number=texts, ending=texts, at=texts),
    st.builds(messages.RegistrationPausedBody, number=texts, paused=st.booleans(), at=texts),
    st.builds(messages.ApplicationRejectedBody, ref=texts, reason=texts, channel=st.sampled_from(["", "line", "email"]),
              email=st.text(max_size=10)),
    st.builds(messages.ActivationLockedBody, by=texts, failures=st.integers(0, 99), at=texts),
    st.builds(messages.SendOrderBody, order_id=texts, notice_ref=texts, kind=texts, content=content_bodies,
              urgent=st.booleans(), tracked=st.booleans(), total=st.integers(0, 10**6), chunks=st.integers(0, 200),
              topic=st.sampled_from(["", *topics.CODES])),
    st.builds(messages.RegistrationPreferencesBody, number=texts, language=st.sampled_from(languages.DEFAULT_CODES),
              topics_off=st.lists(st.sampled_from(topics.CODES), unique=True).map(tuple),
              channel=st.sampled_from(["", "line", "email", "both"]), quiet_until=st.sampled_from(["", "2027-01-31"]),
              at=texts),
    st.builds(messages.SendRecipientsBody, order_id=texts, index=st.integers(0, 200),
              numbers=st.lists(texts, max_size=5).map(tuple)),
    st.builds(messages.DeliveryProgressBody, order_id=texts, counts=st.dictionaries(texts, st.integers(0, 9)),
              reasons=st.dictionaries(texts, st.integers(0, 9)), not_deliverable=st.integers(0, 9),
              expected=st.one_of(st.none(), st.integers(0, 9)), clicks=st.integers(0, 9), finished=st.booleans(),
              at=texts),
)


@hypothesis_settings(max_examples=200, deadline=None)
@given(body=bodies, later=extras)
def test_every_body_reads_back_the_same_with_a_newer_writers_keys_ignored(body, later):
    wire = body.to_dict()
    assert V1_REQUIRED[body.KIND] <= set(wire)  # a version 1 reader finds everything it requires
    if isinstance(body, messages.SendOrderBody):
        assert set(wire["content"]) == V1_CONTENT
        wire["content"] = {**wire["content"], **later}
    assert messages.parse_body(body.KIND, {**wire, **later}) == body


@hypothesis_settings(max_examples=100, deadline=None)
@given(body=bodies)
def test_an_older_writer_that_sends_only_the_required_keys_is_understood(body):
    required = messages.REQUIRED[body.KIND]
    wire = {k: v for k, v in body.to_dict().items() if k in required}
    parsed = messages.parse_body(body.KIND, wire)
    for field in fields(parsed):
        if field.name in required:
            assert getattr(parsed, field.name) == getattr(body, field.name)
        else:
            assert getattr(parsed, field.name) == field.default
