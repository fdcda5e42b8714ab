"""The welcome digest is a notice like any other: a registrant reading English gets the template's English
version and each program's English name and line (program file `labels`), else やさしい日本語, else
Japanese; registrants in different languages get separate send orders, each counting its readers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.notices import services, welcome
from foryou.notices.models import WelcomeDigest
from foryou.programs import live
from foryou.programs.catalog import get_program
from tests.residents.exports import TARO, UME
from tests.welcome.test_welcome_digest_lists_the_programs_a_new_registrant_can_use import (  # noqa: F401
    ELDERLY, NOT_IN_DIGEST, PARENTS, WORDING, city, content, registered)

LABELS = """
labels:
  en: {name: Child-raising household benefit, welcome: A benefit for households with a child under 3.}
  ja-easy: {name: こそだての おかね}
"""
ENGLISH = {"en": {"title": "Thank you for registering", "body": "Here are programs you can use now."}}


@pytest.fixture(autouse=True)
def programs_dir(tmp_path, settings):
    folder = tmp_path / "programs"
    folder.mkdir()
    for name, text in (("parents", PARENTS + LABELS), ("elderly", ELDERLY), ("adults", NOT_IN_DIGEST)):
        (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    settings.PROGRAMS_DIR = folder
    live.reset()
    yield folder
    live.reset()


def template_with(translations, db):
    from foryou.accounts import services as accounts
    from foryou.accounts.testing import PASSWORD

    editor = accounts.add_staff("kenko-editor", PASSWORD, role="editor", department="健康支援課", create_department=True)
    approver = accounts.add_staff("kenko-approver", PASSWORD, role="approver", department="健康支援課")
    notice = services.create_broadcast("健康支援課", WORDING, editor, translations=translations)
    services.approve(notice.latest, approver)
    return WelcomeDigest.objects.create(notice=notice)


def reading(registration, language):
    registration.language = language
    registration.save(update_fields=["language"])
    return registration


def test_an_english_reader_gets_the_english_template_and_the_programs_english_labels(city, db):
    template_with(ENGLISH, db)
    taro = reading(registered(TARO, "1000000000000001"), "en")

    [order] = welcome.send_due()

    assert order.language == "en" and order.languages == {"en": 1}
    text = content(order)
    assert text.title == "Thank you for registering"
    assert text.body == ("Here are programs you can use now.\n\n"
                         "・Child-raising household benefit: A benefit for households with a child under 3.\n"
                         "https://www.city.chiba.jp/kodomo/")
    assert order.chunks.get().numbers == [taro.number]


def test_readers_of_different_languages_get_separate_orders_and_a_missing_version_falls_back(city, db):
    template_with(ENGLISH, db)
    taro = reading(registered(TARO, "1000000000000001"), "en")
    ume = reading(registered(UME, "1000000000000002"), "vi")  # no Vietnamese template: Japanese

    orders = {o.language: o for o in welcome.send_due()}

    assert orders["en"].chunks.get().numbers == [taro.number]
    assert orders["ja"].chunks.get().numbers == [ume.number] and orders["ja"].languages == {"vi": 1}
    assert content(orders["ja"]).body.startswith("いま使える制度をお知らせします。\n\n・高齢者健診：75歳以上の方の健診。")


def test_a_label_missing_in_the_readers_language_falls_back_like_the_notice(db, programs_dir):
    parents = get_program("parents")
    assert parents.label("welcome", "ja-easy") == "3歳未満のお子さんがいる世帯に給付金。"  # no ja-easy line: Japanese
    assert parents.label("name", "vi") == "こそだての おかね"  # no Vietnamese: やさしい日本語
    assert parents.label("welcome", "en") == "A benefit for households with a child under 3."
