"""Every wording of a notice is checked against LINE's limits as the first one is: while the author types
(the preview puts the problem next to the wording's field) and when saving (nothing is saved)."""

import pytest
from django.urls import reverse

from foryou.notices.models import Notice
from tests.console_notices.conftest import as_user
from tests.effect.conftest import WORDING

pytestmark = pytest.mark.django_db

FORM = {"target": "program:checkup", "title": WORDING.title, "body": WORDING.body, "audience": "program",
        "holdout_percent": "0", "window_days": "30"}


def test_the_preview_marks_a_too_long_second_wording(client, editor):
    as_user(client, editor)
    page = client.post(reverse("console_notice_preview"), FORM | {"variant_b_title": "短い案内",
                                                                   "variant_b_body": "あ" * 6000}).content.decode()
    slot = page.split('id="errors-variant_b_body"')[1].split("</ul>")[0]
    assert "<li>" in slot
    fine = client.post(reverse("console_notice_preview"), FORM | {"variant_b_title": "短い案内",
                                                                   "variant_b_body": "無料です。"}).content.decode()
    assert "<li>" not in fine.split('id="errors-variant_b_body"')[1].split("</ul>")[0]


def test_saving_refuses_a_half_written_or_too_long_wording(client, editor):
    as_user(client, editor)
    half = client.post(reverse("console_notice_new"), FORM | {"variant_b_title": "短い案内", "action": "submit"})
    assert half.status_code == 400 and "<li>" in half.content.decode().split('id="errors-variant_b_body"')[1].split("</ul>")[0]
    long = client.post(reverse("console_notice_new"), FORM | {"variant_b_title": "短い案内", "variant_b_body": "あ" * 6000,
                                                              "action": "submit"})
    assert long.status_code == 400
    assert not Notice.objects.exists()
    saved = client.post(reverse("console_notice_new"), FORM | {"variant_b_title": "短い案内", "variant_b_body": "無料です。",
                                                               "action": "submit"})
    assert saved.status_code == 302
    assert Notice.objects.get().latest.variants == [{"label": "B", "title": "短い案内", "body": "無料です。"}]
