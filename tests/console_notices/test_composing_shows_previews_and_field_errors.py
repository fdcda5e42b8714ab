"""The composer: programs of the editor's departments (and a broadcast), the program's contact filled in,
live LINE and email previews as the author types, and LINE's limits named next to the field at fault."""

import json
import re

import pytest
from django.urls import reverse

from foryou.notices.models import Notice
from tests.console_notices.conftest import KODOMO, WORDING, as_user, form_data

pytestmark = pytest.mark.django_db


def preview(client, **changes):
    return client.post(reverse("console_notice_preview"), form_data(**changes), headers={"HX-Request": "true"})


def errors_of(html: str, field: str) -> list[str]:
    block = re.search(rf'<ul class="field-errors" id="errors-{field}"[^>]*>(.*?)</ul>', html, re.S).group(1)
    return re.findall(r"<li>(.*?)</li>", block)


def test_the_composer_offers_only_the_editors_programs_and_fills_in_the_contact(client, editor):
    as_user(client, editor)
    html = client.get(reverse("console_notice_new") + "?program=parents").content.decode()
    assert "子育て世帯応援給付" in html and "高齢者健診" not in html  # 健康支援課's program
    assert f'value="broadcast:{KODOMO}"' in html
    assert 'value="043-245-5179"' in html and "平日 8:30〜17:30" in html
    assert 'value="program:parents" data-department' in html and "selected" in html


def test_typing_shows_the_line_bubble_its_notification_text_and_the_email(client, editor):
    as_user(client, editor)
    response = preview(client)
    assert response.status_code == 200
    html = response.content.decode()
    bubble = json.loads(re.search(r'<script id="flex-preview" type="application/json">(.*?)</script>', html, re.S).group(1))
    texts = json.dumps(bubble, ensure_ascii=False)
    assert bubble["type"] == "bubble" and "子育て世帯応援給付" in texts and "申請する" in texts
    assert "子育て世帯応援給付\n給付金のご案内" in html  # the notification (altText) starts with the program
    assert "【あなたが使える制度お知らせサービス】子育て世帯応援給付" in html  # the email's subject
    frame = re.search(r'<iframe src="([^"]+)"', html).group(1)
    email = client.get(frame)
    assert email.status_code == 200 and "給付金のご案内" in email.content.decode()
    assert "sandbox" in email["Content-Security-Policy"] and email["X-Frame-Options"] == "SAMEORIGIN"


def test_lines_limits_are_named_next_to_the_field_while_typing(client, editor):
    as_user(client, editor)
    html = preview(client, link_1_label="とても長いボタンの名前はLINEでは切れてしまいます", link_1_url="javascript:alert(1)",
                   contact_phone="").content.decode()
    assert errors_of(html, "link_1_label") and "20" in errors_of(html, "link_1_label")[0]
    assert errors_of(html, "link_1_url")
    assert errors_of(html, "link_0_label") == [] and errors_of(html, "title") == []
    assert 'hx-swap-oob="true"' in html


def test_fields_not_typed_yet_are_not_told_off(client, editor):
    as_user(client, editor)
    html = preview(client, body="", title="").content.decode()
    assert errors_of(html, "body") == []


def test_saving_with_a_problem_keeps_the_text_and_names_the_field(client, editor):
    as_user(client, editor)
    response = client.post(reverse("console_notice_new"), form_data(link_0_url="ftp://example.jp", action="submit"))
    assert response.status_code == 400
    html = response.content.decode()
    assert errors_of(html, "link_0_url") and WORDING.body in html
    assert not Notice.objects.exists()


def test_a_draft_is_saved_then_sent_for_approval(client, editor):
    as_user(client, editor)
    response = client.post(reverse("console_notice_new"), form_data(action="draft"))
    notice = Notice.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("console_notice", args=[notice.pk])
    version = notice.latest
    assert (version.title, version.links, version.submitted_at) == (WORDING.title, [list(WORDING.links[0])], None)
    client.post(reverse("console_notice_submit", args=[notice.pk]))
    version.refresh_from_db()
    assert version.submitted_at is not None


def test_editing_makes_a_new_version_that_needs_approval_again(client, editor, approved):
    as_user(client, editor)
    page = client.get(reverse("console_notice_edit", args=[approved.pk])).content.decode()
    assert WORDING.body in page
    data = form_data(body="申請期限を1月末まで延長しました。", action="submit")
    del data["target"]
    assert client.post(reverse("console_notice_edit", args=[approved.pk]), data).status_code == 302
    assert approved.latest.number == 2 and approved.sendable is None
    detail = client.get(reverse("console_notice", args=[approved.pk])).content.decode()
    assert "approved-row" in detail  # version 1 stays marked as the approved one
