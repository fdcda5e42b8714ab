"""The test-device kinds follow decision 0012: typed bodies read back equal with a newer writer's keys
ignored, an older writer's required keys suffice, and a zone that does not know them loses nothing: a
test send order read without its `test_device` key is an order of no recipients, which delivers nothing."""

import uuid
from dataclasses import fields

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from foryou.gateway.delivery import orders
from foryou.gateway.delivery.models import Delivery
from foryou.shared.bridge import messages

texts = st.text(min_size=1, max_size=12)
extras = st.dictionaries(st.text(min_size=1, max_size=8).map(lambda k: f"later_{k}"),
                         st.one_of(st.integers(), st.text(max_size=5)), max_size=3)
bodies = st.one_of(
    st.builds(messages.TestDeviceCodeBody, device_ref=texts, channel=st.sampled_from(["line", "email"]),
              code_hash=st.text(max_size=64), email=st.text(max_size=20), expires_at=texts),
    st.builds(messages.TestDeviceRemovedBody, device_ref=texts),
    st.builds(messages.TestDeviceLinkedBody, device_ref=texts, channel=st.sampled_from(["line", "email"]), at=texts),
)


def test_the_kinds_travel_one_way_each_and_no_linked_event_names_a_line_user():
    assert {messages.TEST_DEVICE_CODE, messages.TEST_DEVICE_REMOVED} <= messages.PUSHED
    assert messages.TEST_DEVICE_LINKED in messages.PULLED
    assert {f.name for f in fields(messages.TestDeviceLinkedBody)} == {"device_ref", "channel", "at"}


@hypothesis_settings(max_examples=100, deadline=None)
@given(body=bodies, later=extras)
def test_every_body_reads_back_the_same_with_a_newer_writers_keys_ignored(body, later):
    assert messages.parse_body(body.KIND, {**body.to_dict(), **later}) == body


@hypothesis_settings(max_examples=100, deadline=None)
@given(body=bodies)
def test_an_older_writer_that_sends_only_the_required_keys_is_understood(body):
    required = messages.REQUIRED[body.KIND]
    parsed = messages.parse_body(body.KIND, {k: v for k, v in body.to_dict().items() if k in required})
    for field in fields(parsed):
        expected = getattr(body, field.name) if field.name in required else field.default
        assert getattr(parsed, field.name) == expected


@pytest.mark.django_db(databases=["default", "gateway"])
def test_a_test_send_order_read_by_a_gateway_that_does_not_know_test_devices_delivers_nothing(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    content = messages.NoticeContentBody(service_name="s", program_name="p", title="t", body="b")
    order = messages.SendOrderBody(order_id=str(uuid.uuid4()), notice_ref="test:1", kind="test", content=content,
                                   urgent=True, tracked=False, total=1, chunks=0, test_device=str(uuid.uuid4()))
    wire = order.to_dict()
    assert wire["test_device"] and messages.REQUIRED[messages.SEND_ORDER] <= set(wire)
    older = messages.SendOrderBody.from_dict({k: v for k, v in wire.items() if k != "test_device"})
    orders.receive_order(older)  # how a version without test devices applies it: an order of no chunks
    assert not Delivery.objects.exists()
