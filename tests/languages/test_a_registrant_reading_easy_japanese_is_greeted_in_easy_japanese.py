"""やさしい日本語: a resident who chose it is greeted in it when they add the account again, and the help
names the menu with the words on it; a new friend whose LINE is in Japanese gets standard Japanese."""

import pytest
from django.utils import timezone

from foryou.gateway.models import Subscriber
from foryou.shared import languages
from tests.line.conftest import active, said, text_of

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]

SERVICE = "あなたが使える制度お知らせサービス"


def test_a_resident_who_chose_easy_japanese_is_greeted_in_it(on_emulator):
    line = on_emulator
    user = line.create_user(language="ja")
    subscriber = active(user.user_id)
    Subscriber.objects.filter(pk=subscriber.pk).update(language="ja-easy", ended_at=timezone.now())
    line.follow(user.user_id)
    greeting = text_of(said(line, user.user_id)[0])
    assert greeting.startswith(f"{languages.service_name('ja-easy')}を 友だちに して くれて ありがとうございます。")
    assert "登録番号（とうろくばんごう）" in greeting  # a hard word with its reading
    assert "「申し込み（利用申請）」" in greeting  # the menu's own label beside the easy word


def test_a_new_friend_in_japanese_gets_standard_japanese(on_emulator):
    line = on_emulator
    user = line.create_user(language="ja")
    line.follow(user.user_id)
    assert text_of(said(line, user.user_id)[0]).startswith(f"{SERVICE}を友だち追加いただき、ありがとうございます。")
