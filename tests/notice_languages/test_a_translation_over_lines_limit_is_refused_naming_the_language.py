"""A language version is checked against LINE's limits as its readers get it: too long, it is refused with
a message naming the language and the limit, next to its field in the composer (and while typing), and
nothing is saved — neither the notice nor any of its versions. A version with a title and no body (or the
reverse) is refused the same way."""

import re

import pytest
from django.urls import reverse

from foryou.notices import services
from foryou.notices.models import Notice, NoticeVersion
from foryou.programs import catalog
from foryou.shared.notice.flex import ComposeError
from tests.notice_languages.conftest import ENGLISH, WORDING, as_user, form_data

pytestmark = pytest.mark.django_db

TOO_LONG = "Apply by the end of December. " * 200  # 6,000 characters: LINE allows 5,000


def errors_of(html: str, field: str) -> list[str]:
    block = re.search(rf'<ul class="field-errors" id="errors-{field}"[^>]*>(.*?)</ul>', html, re.S).group(1)
    return re.findall(r"<li>(.*?)</li>", block, re.S)


def test_the_service_refuses_it_naming_the_language_and_saves_nothing(editor):
    with pytest.raises(ComposeError) as refused:
        services.create(catalog.get_program("parents"), WORDING, editor,
                        translations={"en": {"title": "About the benefit", "body": TOO_LONG}})
    message = str(refused.value)
    assert "English (en)" in message and "5000" in message
    assert not Notice.objects.exists() and not NoticeVersion.objects.exists()


def test_the_composer_names_the_language_and_the_limit_next_to_its_body(client, editor):
    as_user(client, editor)
    response = client.post(reverse("console_notice_new"), form_data(tr_en_title="About the benefit",
                                                                    tr_en_body=TOO_LONG, action="submit"))
    assert response.status_code == 400
    [error] = errors_of(response.content.decode(), "tr_en_body")
    assert "English (en)" in error and "5000" in error
    assert not Notice.objects.exists()


def test_while_typing_the_preview_tells_it_off_too(client, editor):
    as_user(client, editor)
    html = client.post(reverse("console_notice_preview"), form_data(tr_ja_easy_title="お金の おしらせ",
                                                                    tr_ja_easy_body="あ" * 5001),
                       headers={"HX-Request": "true"}).content.decode()
    [error] = errors_of(html, "tr_ja_easy_body")
    assert "やさしい日本語 (ja-easy)" in error and "5000" in error
    assert errors_of(html, "tr_en_body") == []


def test_a_version_needs_both_a_title_and_a_body(client, editor):
    as_user(client, editor)
    response = client.post(reverse("console_notice_new"), form_data(tr_en_title="About the benefit", action="draft"))
    assert response.status_code == 400
    assert "English (en)" in errors_of(response.content.decode(), "tr_en_body")[0]
    with pytest.raises(ComposeError):
        services.create(catalog.get_program("parents"), WORDING, editor, translations={"en": {"body": ENGLISH["body"]}})
    assert not Notice.objects.exists()


def test_a_language_the_service_does_not_know_is_refused(editor):
    with pytest.raises(ComposeError) as refused:
        services.create(catalog.get_program("parents"), WORDING, editor, translations={"fr": ENGLISH})
    assert "fr" in str(refused.value) and not Notice.objects.exists()
