"""A language version can name the link buttons in its language (one label a line, in the buttons' order;
the addresses are shared): its readers get those labels, a line left empty keeps the Japanese label, and
a label over LINE's limit is refused naming the language."""

import pytest
from django.urls import reverse

from foryou.notices import services, translations
from foryou.programs import catalog
from foryou.shared.notice.flex import ComposeError
from tests.notice_languages.conftest import ENGLISH, WORDING, as_user, form_data, notice_in

pytestmark = pytest.mark.django_db

TWO_LINKS = WORDING.__class__(**{**WORDING.__dict__, "links": [("詳しく見る", "https://www.city.chiba.jp/a"),
                                                                 ("申請書", "https://www.city.chiba.jp/b")]})


def test_readers_get_the_buttons_named_in_their_language_and_the_addresses_unchanged():
    shown = translations.wording_in(TWO_LINKS, {"en": ENGLISH | {"link_labels": "More details\nApplication form"}}, "en")
    assert shown.links == [("More details", "https://www.city.chiba.jp/a"),
                           ("Application form", "https://www.city.chiba.jp/b")]


def test_a_line_left_empty_keeps_the_japanese_label():
    shown = translations.wording_in(TWO_LINKS, {"en": ENGLISH | {"link_labels": "\nApplication form"}}, "en")
    assert shown.links[0] == ("詳しく見る", "https://www.city.chiba.jp/a")
    assert translations.wording_in(TWO_LINKS, {"en": ENGLISH}, "en").links == TWO_LINKS.links


def test_a_label_too_long_for_a_line_button_is_refused_naming_the_language(editor):
    with pytest.raises(ComposeError) as refused:
        services.create(catalog.get_program("parents"), WORDING, editor,
                        translations={"en": ENGLISH | {"link_labels": "Read everything about this benefit here"}})
    assert "English (en)" in str(refused.value)


def test_the_composer_keeps_the_labels_with_the_version(client, editor, approver):
    as_user(client, editor)
    response = client.post(reverse("console_notice_new"), form_data(
        tr_en_title=ENGLISH["title"], tr_en_body=ENGLISH["body"], tr_en_link_labels="More details", action="submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    from foryou.notices.models import NoticeVersion

    assert NoticeVersion.objects.get().translations["en"]["link_labels"] == "More details"
    assert notice_in(editor, en=ENGLISH | {"link_labels": "More details"}).latest.translations["en"]["link_labels"] \
        == "More details"
