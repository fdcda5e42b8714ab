import base64
import time
import uuid

import pytest

from foryou.shared.bridge import messages
from foryou.bridge.client import sync
from foryou.shared.bridge.keys import bridge_key
from foryou.bridge.models import PendingPush
from foryou.shared.bridge.signing import sign
from foryou.enrollment.models import Application
from foryou.gateway import services as gateway
from foryou.gateway.models import OutboundEvent, ReceivedMessage, Subscriber

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
ISSUED = {"id": str(uuid.uuid4()), "kind": messages.NUMBER_ISSUED,
          "body": {"number": "1234567890123452", "expires_at": "2027-02-26T00:00:00+00:00"}}


def post(client, path, body: bytes, headers: dict):
    return client.generic("POST", path, body, content_type="application/json", headers=headers)


def test_a_bad_signature_is_refused_and_nothing_is_applied(client, data_dir):
    body = messages.envelope(messages=[ISSUED])
    headers = sign(body, b"not-the-key" * 3)
    assert post(client, "/bridge/v1/push", body, headers).status_code == 401
    assert not Subscriber.objects.exists()


def test_a_signature_over_different_bytes_is_refused(client, data_dir):
    body = messages.envelope(messages=[ISSUED])
    headers = sign(body, bridge_key())
    tampered = body.replace(b"1234567890123452", b"1234567890123453")
    assert post(client, "/bridge/v1/push", tampered, headers).status_code == 401


def test_an_old_timestamp_is_refused(client, data_dir):
    body = messages.envelope(messages=[ISSUED])
    headers = sign(body, bridge_key(), timestamp=int(time.time()) - 3600)
    assert post(client, "/bridge/v1/push", body, headers).status_code == 401


def test_a_message_delivered_twice_is_applied_once(client, data_dir):
    body = messages.envelope(messages=[ISSUED])
    first = post(client, "/bridge/v1/push", body, sign(body, bridge_key()))
    second = post(client, "/bridge/v1/push", body, sign(body, bridge_key()))
    assert first.status_code == second.status_code == 200
    assert b'"skipped":["' in second.content
    assert Subscriber.objects.count() == 1 and ReceivedMessage.objects.count() == 1


def test_a_wrong_way_kind_or_a_missing_field_is_a_clear_400(client, data_dir):
    for message in ({**ISSUED, "kind": messages.REGISTRATION_ACTIVATED}, {**ISSUED, "body": {"number": "1"}},
                    {**ISSUED, "id": "x"}):
        body = messages.envelope(messages=[message])
        response = post(client, "/bridge/v1/push", body, sign(body, bridge_key()))
        assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_a_tampered_ciphertext_is_not_opened_and_not_half_written(transport, data_dir):
    gateway.submit_application({"name": "千葉　太郎", "name_kana": "チバ タロウ", "birth_date": "1985-04-12",
                                "postal_code": "2608722", "address": "千葉市中央区千葉港1-1", "channel": "line"})
    event = OutboundEvent.objects.get()
    raw = bytearray(base64.b64decode(event.body["ciphertext"]))
    raw[-1] ^= 0x01
    event.body["ciphertext"] = base64.b64encode(bytes(raw)).decode()
    event.save()
    sync(transport)
    assert not Application.objects.exists()


def test_an_application_replayed_twice_makes_one_application(transport, data_dir):
    gateway.submit_application({"name": "千葉　太郎", "name_kana": "チバ タロウ", "birth_date": "1985-04-12",
                                "postal_code": "2608722", "address": "千葉市中央区千葉港1-1", "channel": "line"})
    event = OutboundEvent.objects.get()
    OutboundEvent.objects.create(kind=event.kind, body=event.body)  # the same application once more
    sync(transport)
    assert Application.objects.count() == 1


def test_pushes_are_kept_until_the_gateway_takes_them(transport, data_dir, monkeypatch):
    PendingPush.objects.create(kind=messages.NUMBER_ISSUED, body=ISSUED["body"])
    from foryou.bridge import client as bridge_client

    def unreachable(*args, **kwargs):
        raise bridge_client.BridgeError("down")

    monkeypatch.setattr(transport, "post", unreachable)
    with pytest.raises(bridge_client.BridgeError):
        sync(transport)
    assert PendingPush.objects.filter(pushed_at__isnull=True).count() == 1
