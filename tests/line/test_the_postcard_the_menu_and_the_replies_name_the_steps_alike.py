"""The postcard tells residents to open 「登録番号の入力」 in the menu; the rich menu has an area with
that label and the greeting and help name the same words, so nobody looks for a button that is not there."""

from pathlib import Path

from django.utils import translation

import foryou.enrollment.postcards as postcards
from foryou.gateway.line import replies, richmenu, words

POSTCARD_BACK = Path(postcards.__file__).parent / "templates" / "back.html"


def test_the_postcards_step_is_an_area_of_the_menu_and_named_by_the_replies(line_settings):
    with translation.override("ja"):
        enter_number, apply = str(words.ENTER_NUMBER), str(words.APPLY)
        labels = [str(label) for _bounds, label, _tap, _note in richmenu.areas()]
        greeting = replies.greeting()[0]["text"]
        help_text = replies.help_messages()[0]["text"]
    assert f"メニューの「{enter_number}」を開く" in POSTCARD_BACK.read_text(encoding="utf-8")
    assert enter_number in labels and apply in labels
    for text in (greeting, help_text):
        assert f"「{enter_number}」" in text or f'"{enter_number}"' in text
        assert f"「{apply}」" in text or f'"{apply}"' in text
