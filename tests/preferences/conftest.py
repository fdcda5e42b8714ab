"""Preferences stories: registrants in both zones, a small imported city, programs on two topics (one of
which lets urgent notices override an opt-out), the bridge, and the settings page's helpers."""

import pytest
from django.test import Client

from foryou.gateway import preferences, settings_links
from foryou.gateway.models import Subscriber
from foryou.notices import sending, services
from foryou.programs import catalog, live
from tests.console_notices.conftest import WORDING, city  # noqa: F401 — the small imported city
from tests.line.conftest import line_settings, on_emulator  # noqa: F401 — the LINE fixtures, shared
from tests.delivery.conftest import (approved_broadcast, approver, delivery_settings, editor,  # noqa: F401
                                     registrant, smtp, sync)

VACCINE = """
code: vaccine
name: 予防接種のご案内
department: 健康支援課
topic: vaccinations
conditions:
  field: age_years
  op: ">="
  value: 18
"""

OUTBREAK = """
code: outbreak
name: 麻しん風しん予防接種
department: 健康支援課
topic: vaccinations
urgent_overrides_topic: true
conditions:
  field: age_years
  op: ">="
  value: 18
"""


@pytest.fixture(autouse=True)
def programs_dir(tmp_path, settings):
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "vaccine.yml").write_text(VACCINE, encoding="utf-8")
    (folder / "outbreak.yml").write_text(OUTBREAK, encoding="utf-8")
    settings.PROGRAMS_DIR = folder
    live.reset()
    yield folder
    live.reset()


def approved_program_notice(code: str, editor, approver):
    notice = services.create(catalog.get_program(code), WORDING, editor)
    services.approve(notice.latest, approver)
    return notice


def turn_off(registration, *topics: str, transport=None):
    """The registrant turns topics off on the settings page (the gateway's service), and the bridge
    carries it to the console."""
    subscriber = Subscriber.objects.by_number(registration.number).get()
    current = preferences.current(subscriber)
    preferences.save(subscriber, preferences.Choices(current.language, tuple(topics), current.channel,
                                                     current.quiet_until))
    if transport is not None:
        sync(transport)
        registration.refresh_from_db()


def start(notice, editor, **kwargs):
    order = sending.schedule(notice, by=editor, **kwargs)
    assert sending.start(order)
    order.refresh_from_db()
    return order


def settings_page(subscriber) -> str:
    return settings_links.path_for(subscriber)


def post_with_csrf(path: str, data: dict, client: Client | None = None):
    client = client or Client(enforce_csrf_checks=True)
    token = client.get(path).context["csrf_token"]
    return client.post(path, data | {"csrfmiddlewaretoken": str(token)})
