"""0% means no experiment (everyone is told at once, nothing drawn); 100% or more is refused, in the
composer next to the field and by the service, saying why; so is a window outside 7–365 days."""

import pytest
from django.urls import reverse

from foryou.notices import sending, services
from foryou.notices.errors import ApprovalRefused
from foryou.notices.models import Notice, SendOrder
from foryou.programs import catalog
from tests.console_notices.conftest import as_user
from tests.effect.conftest import WORDING, approved_notice, design

pytestmark = pytest.mark.django_db


def test_zero_percent_means_no_experiment(registrants, editor, approver):
    notice = approved_notice(editor, approver, holdout=0)
    assert not notice.latest.is_experiment
    order = sending.schedule(notice, by=editor)
    sending.start(order)
    order.refresh_from_db()
    assert not notice.experiments.exists()
    assert order.recipients > 300  # every registrant the conditions find, none held out
    assert not SendOrder.objects.filter(kind=SendOrder.Kind.HOLDOUT).exists()


@pytest.mark.parametrize("share", [100, 150])
def test_a_holdout_of_everyone_is_refused(editor, share):
    with pytest.raises(ApprovalRefused) as refused:
        services.create(catalog.get_program("checkup"), WORDING, editor, design=design(holdout=share))
    assert refused.value.code == "holdout_all"


@pytest.mark.parametrize("window", [3, 400])
def test_a_window_out_of_range_is_refused(editor, window):
    with pytest.raises(ApprovalRefused) as refused:
        services.create(catalog.get_program("checkup"), WORDING, editor, design=design(window=window))
    assert refused.value.code == "window_out_of_range"


def test_the_composer_refuses_100_percent_next_to_the_field(client, editor):
    as_user(client, editor)
    response = client.post(reverse("console_notice_new"), {
        "target": "program:checkup", "title": WORDING.title, "body": WORDING.body, "audience": "program",
        "holdout_percent": "100", "window_days": "30", "action": "submit"})
    assert response.status_code == 400
    page = response.content.decode()
    errors = page.split('id="errors-holdout_percent"')[1].split("</ul>")[0]
    assert "100" in errors
    assert not Notice.objects.exists()
