"""決裁 needs a second person: an author who also holds the approver role sees their notice in the inbox
marked as theirs, without an approve button, and a direct POST approves nothing."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from foryou.notices import services
from foryou.notices.errors import ApprovalRefused
from foryou.programs import catalog
from tests.console_notices.conftest import KODOMO, WORDING, as_user, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    user = staff("kodomo-lead", "editor", KODOMO)
    from foryou.accounts.services import grant

    grant(user, "approver", KODOMO)
    return user


def test_the_author_cannot_approve_their_own_version(client, author):
    notice = services.create(catalog.get_program("parents"), WORDING, author)
    as_user(client, author)
    inbox = client.get(reverse("console_approvals")).content.decode()
    assert WORDING.title in inbox and 'class="approve"' not in inbox
    detail = client.get(reverse("console_notice", args=[notice.pk])).content.decode()
    assert 'id="approve"' not in detail

    response = client.post(reverse("console_notice_approve", args=[notice.pk]), {"version": 1}, follow=True)
    notice.latest.refresh_from_db()
    assert notice.latest.approved_at is None and notice.sendable is None
    with translation.override("ja"):
        said = escape(ApprovalRefused("own_version").localized())
    assert said in response.content.decode()  # chosen by its code, shown in Japanese


def test_a_draft_cannot_be_approved_until_it_is_sent_for_approval(client, author):
    notice = services.create(catalog.get_program("parents"), WORDING, author, submit=False)
    approver = as_user(client, staff("kodomo-approver", "approver", KODOMO))
    assert WORDING.title not in client.get(reverse("console_approvals")).content.decode()
    client.post(reverse("console_notice_approve", args=[notice.pk]), {"version": 1})
    assert notice.sendable is None
    services.submit(notice.latest, author)
    client.post(reverse("console_notice_approve", args=[notice.pk]), {"version": 1, "confirmed": "1"})
    assert notice.sendable.approved_by == approver
