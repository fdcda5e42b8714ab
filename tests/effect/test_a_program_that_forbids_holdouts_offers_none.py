"""A program whose file forbids holdouts (a vaccination with a deadline) is offered none: the composer
says why (with the file's reason) and a holdout is refused; wordings can still be compared. A program
without an outcome offers neither and says what to add to its file."""

import pytest
from django.urls import reverse

from foryou.notices import services
from foryou.notices.errors import ApprovalRefused
from foryou.programs import catalog
from tests.console_notices.conftest import as_user
from tests.effect.conftest import WORDING, design

pytestmark = pytest.mark.django_db


def test_a_forbidden_holdout_is_refused_and_variants_still_allowed(editor):
    with pytest.raises(ApprovalRefused) as refused:
        services.create(catalog.get_program("vaccine"), WORDING, editor, design=design(holdout=10))
    assert refused.value.code == "holdout_forbidden"
    notice = services.create(catalog.get_program("vaccine"), WORDING, editor,
                             design=design(holdout=0, variants=[("短く", "期限までに接種を。")]))
    assert notice.latest.variants and notice.latest.holdout_percent == 0


def test_no_outcome_means_no_experiment(editor):
    with pytest.raises(ApprovalRefused) as refused:
        services.create(catalog.get_program("plain"), WORDING, editor, design=design(holdout=10))
    assert refused.value.code == "no_outcome"


def test_the_composer_says_why_for_each_program(client, editor):
    as_user(client, editor)
    page = client.get(reverse("console_notice_new") + "?program=vaccine").content.decode()
    assert 'id="effect-holdout" hidden' in page and "接種期限があるため" in page
    assert 'data-holdout="0"' in page and 'data-holdout="1"' in page
    plain = client.get(reverse("console_notice_new") + "?program=plain").content.decode()
    assert 'id="effect-variants"' in plain and "outcome:" in plain
    offered = client.get(reverse("console_notice_new") + "?program=checkup").content.decode()
    assert 'id="effect-holdout" hidden' not in offered and 'name="holdout_percent"' in offered
