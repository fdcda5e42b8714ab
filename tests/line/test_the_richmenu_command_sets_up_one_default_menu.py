"""`foryou richmenu` sets up the account's rich menu through the Messaging API: six areas leading where
the replies send residents (利用申請, 同意・設定 and 設定 open the LIFF pages, 登録番号の入力, 言語 Language and
ヘルプ make the account answer), a picture with those labels, made the default. Run again, it replaces its
old menu."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from PIL import Image

from foryou.gateway.line import richmenu, words
from tests.line.conftest import APPLY_URL, CONSENT_URL, SETTINGS_URL, links_of, said

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


def test_the_menu_becomes_the_default_with_an_area_for_each_step(on_emulator):
    line = on_emulator
    call_command("richmenu", stdout=io.StringIO())
    menus = line.state.rich_menus
    menu = menus.default_menu()
    actions = [area["action"] for area in menu["areas"]]
    with translation.override("ja"):
        assert [a.get("uri") or a["text"] for a in actions] == [
            APPLY_URL, str(words.ENTER_NUMBER), CONSENT_URL, SETTINGS_URL, words.LANGUAGE, str(words.HELP)]
    assert menu["selected"] is True and menu["size"] == {"width": 2500, "height": 1686}
    content_type, picture = menus.images[menu["richMenuId"]]
    assert content_type == "image/png" and Image.open(io.BytesIO(picture)).size == (2500, 1686)


def test_running_it_again_replaces_the_old_menu(on_emulator):
    line = on_emulator
    call_command("richmenu", stdout=io.StringIO())
    first = line.state.rich_menus.default
    out = io.StringIO()
    call_command("richmenu", stdout=out)
    second = line.state.rich_menus.default
    assert second != first and [m["richMenuId"] for m in line.state.rich_menus.all()] == [second]
    assert first in out.getvalue() and second in out.getvalue()  # says which menu replaced which


def test_a_menu_made_by_someone_else_is_left_alone(on_emulator):
    line = on_emulator
    campaign = line.state.rich_menus.create({**richmenu.request().to_dict(), "name": "campaign"})
    call_command("richmenu", stdout=io.StringIO())
    assert campaign in {m["richMenuId"] for m in line.state.rich_menus.all()}


def test_the_areas_message_actions_are_answered_as_the_postcard_says(on_emulator):
    """登録番号の入力 (the postcard's step 2) makes the account explain how to send the number."""
    line = on_emulator
    call_command("richmenu", stdout=io.StringIO())
    user = line.create_user()
    number_area = line.state.rich_menus.default_menu()["areas"][1]["action"]
    line.say(user.user_id, number_area["text"])
    text, buttons = said(line, user.user_id)
    assert "16" in text["text"] and links_of(buttons) == [APPLY_URL]


def test_save_image_writes_the_picture_without_calling_line(line_settings, tmp_path):
    target = tmp_path / "menu.png"
    call_command("richmenu", save_image=target, stdout=io.StringIO())
    assert Image.open(target).size == (2500, 1686)


def test_unreachable_line_is_one_clear_error(line_settings):
    with pytest.raises(CommandError, match="LINE could not be reached|LINEに接続できませんでした"):
        call_command("richmenu", stdout=io.StringIO())
