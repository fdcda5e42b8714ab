"""Bodies up to LINE_WEBHOOK_MAX_BYTES (default 1 MiB) are handled; larger ones get 413, unrecorded.
LINE batches events, so a large body is many events: a 1 MB batch is recorded whole and queued once."""

import pytest

from foryou.gateway.line import config
from foryou.gateway.models import WebhookEvent
from tests.line.conftest import event, payload, post, queued

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"]), pytest.mark.urls("tests.line.urls")]


def batch_of_about(size: int) -> tuple[bytes, int]:
    events = []
    body = payload()
    while len(body) < size - 1200:
        events.append(event(user_id="U" + f"{len(events):032x}",
                            message={"type": "text", "id": str(len(events)), "quoteToken": "q", "text": "あ" * 300}))
        body = payload(*events)
    return body, len(events)


def test_a_one_megabyte_batch_is_recorded_whole(client, line_settings):
    body, count = batch_of_about(1_000_000)
    assert 990_000 < len(body) <= config.DEFAULT_WEBHOOK_MAX_BYTES
    assert post(client, body).status_code == 200
    assert WebhookEvent.objects.count() == count
    [ids] = queued()
    assert len(ids) == count


def test_a_body_above_the_limit_is_refused_with_413_before_anything_else(client, line_settings):
    line_settings.LINE_WEBHOOK_MAX_BYTES = 10_000
    body, _ = batch_of_about(12_000)
    assert post(client, body).status_code == 413
    assert post(client, body, sign=None).status_code == 413  # not even worth checking the signature
    assert not WebhookEvent.objects.exists() and queued() == []
