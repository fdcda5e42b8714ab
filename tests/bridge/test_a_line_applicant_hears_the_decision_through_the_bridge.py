"""Across the zones: the console names the accepted application's ref in number.issued (not in a re-issue,
nor for a counter application), and the gateway tells the LINE applicant in the chat; a rejection too."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from foryou.bridge.client import sync
from foryou.bridge.models import PendingPush
from foryou.dev.lineemu.wiring import point_settings_at
from foryou.enrollment import services as enrollment
from foryou.enrollment.models import Application
from foryou.gateway import applications
from foryou.gateway import services as gateway
from foryou.gateway.models import LineApplicant
from foryou.shared.bridge import messages

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])

APPLICATION = {"source": "line", "name": "千葉 花子", "name_kana": "チバ ハナコ", "birth_date": "1985-04-12",
               "postal_code": "2608722", "address": "千葉市中央区千葉港1-1", "phone": "043-245-5111", "email": "",
               "channel": "line"}


@pytest.fixture
def chat(line, settings, data_dir):
    point_settings_at(settings, line, "2000000002-apply")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return line


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("registrar")


def issued_refs() -> list[str]:
    return [push.body["ref"] for push in PendingPush.objects.filter(kind=messages.NUMBER_ISSUED).order_by("pk")]


def test_an_accepted_line_application_is_told_in_the_chat_and_a_reissue_is_not(
        transport, chat, staff, django_capture_on_commit_callbacks):
    user = chat.create_user()
    ref = gateway.submit_application(APPLICATION, line_user_id=user.user_id)
    sync(transport)
    application = Application.objects.get()
    registration = enrollment.accept(application, "0000012343", staff)
    enrollment.reissue(registration, staff)
    assert issued_refs() == [ref, ""]
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        assert sync(transport).pushed == 3  # the number, the first number voided, the new number
    said = [entry["message"]["text"] for entry in chat.messages(user.user_id)]
    assert said == [applications.line_messages("accepted")[0]["text"]]
    assert not LineApplicant.objects.exists()


def test_a_counter_application_names_no_ref(staff, data_dir):
    application = Application.objects.create(source="counter", name="千葉 次郎", name_kana="チバ ジロウ",
                                             birth_date=date(1990, 1, 2), postal_code="2608722",
                                             address="千葉市中央区千葉港1-1", channel="line")
    enrollment.accept(application, "0000012343", staff)
    assert issued_refs() == [""]


def test_a_rejected_line_application_is_told_in_the_chat(transport, chat, staff, django_capture_on_commit_callbacks):
    user = chat.create_user()
    gateway.submit_application(APPLICATION, line_user_id=user.user_id)
    sync(transport)
    enrollment.reject(Application.objects.get(), "not_resident", staff)
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        assert sync(transport).pushed == 1
    [entry] = chat.messages(user.user_id)
    assert str(applications.REASONS["not_resident"]) in entry["message"]["text"]
    assert not LineApplicant.objects.exists()
