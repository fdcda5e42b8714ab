"""The approver sees every language version of the notice — on the approval confirmation and with a preview
per language — and approves them together. Any change to any version afterwards (here only the English)
is a new version that needs a new approval: until then nothing of the notice can be sent."""

import pytest
from django.urls import reverse

from foryou.audit.models import AuditEvent
from foryou.notices import sending
from foryou.notices.errors import SendRefused
from tests.notice_languages.conftest import EASY, ENGLISH, as_user, form_data, notice_in

pytestmark = pytest.mark.django_db


def test_the_approver_sees_every_language_version_and_approves_them_together(client, editor, approver):
    notice = notice_in(editor, en=ENGLISH, ja_easy=EASY)
    as_user(client, approver)
    inbox = client.get(reverse("console_approvals")).content.decode()
    assert "3言語" in inbox or "in 3 languages" in inbox  # the inbox says the notice is in three languages
    page = client.post(reverse("console_notice_approve", args=[notice.pk]),
                       {"version": notice.latest.number}).content.decode()
    assert 'id="language-versions"' in page
    for name, title in (("English", ENGLISH["title"]), ("やさしい日本語", EASY["title"]), ("日本語", "給付金のご案内")):
        assert name in page and title in page

    english = client.get(reverse("console_notice", args=[notice.pk]) + "?language=en").content.decode()
    assert 'data-language="en" aria-current="true"' in english
    assert "Child-rearing household benefit" in english and ENGLISH["title"] in english  # the English preview
    frame = client.get(reverse("console_notice_version_email", args=[notice.pk, 1]) + "?language=en").content.decode()
    assert ENGLISH["body"] in frame and 'lang="en"' in frame

    client.post(reverse("console_notice_approve", args=[notice.pk]), {"version": 1, "confirmed": "1"})
    notice.refresh_from_db()
    assert notice.sendable is not None and notice.sendable.translations["en"]["title"] == ENGLISH["title"]
    approval = AuditEvent.objects.get(action="notices.approve")
    assert approval.detail["languages"] == ["ja", "ja-easy", "en"]


def test_editing_only_the_english_version_needs_a_new_approval(client, editor, approver):
    notice = notice_in(editor, approver, en=ENGLISH, ja_easy=EASY)
    as_user(client, editor)
    edit = client.get(reverse("console_notice_edit", args=[notice.pk])).content.decode()
    assert ENGLISH["body"] in edit and EASY["body"] in edit  # the versions are filled in to change
    changed = form_data(tr_en_title="About the child benefit", tr_en_body=ENGLISH["body"],
                        tr_ja_easy_title=EASY["title"], tr_ja_easy_body=EASY["body"], action="submit")
    changed.pop("target")
    response = client.post(reverse("console_notice_edit", args=[notice.pk]), changed)
    assert response.status_code == 302
    notice.refresh_from_db()
    latest = notice.latest
    assert latest.number == 2 and latest.approved_at is None and latest.title == "給付金のご案内"
    assert latest.translations["en"]["title"] == "About the child benefit"
    assert notice.sendable is None
    with pytest.raises(SendRefused) as refused:
        sending.schedule(notice, by=editor)
    assert refused.value.code == "not_approved"


def test_removing_a_language_version_is_a_change_too(client, editor, approver):
    notice = notice_in(editor, approver, en=ENGLISH)
    as_user(client, editor)
    data = form_data(action="submit")
    data.pop("target")
    assert client.post(reverse("console_notice_edit", args=[notice.pk]), data).status_code == 302
    notice.refresh_from_db()
    assert notice.latest.translations == {} and notice.sendable is None
