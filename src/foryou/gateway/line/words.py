"""The words residents see and send in LINE, defined once: the rich menu's labels, the buttons' labels
and the keywords the account understands. The postcard's steps (「登録番号の入力」) and the replies name
each step with these same words, so what the postcard says to tap is what the menu shows."""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# The rich menu, top left to bottom right.
APPLY = _("Apply")  # 利用申請: opens the application page (LIFF)
ENTER_NUMBER = _("Enter your registration number")  # 登録番号の入力: the account explains how
CONSENT = _("Consent and settings")  # 同意・設定: opens the consent page (LIFF)
SETTINGS = _("Settings")  # 設定: opens the settings page (LIFF): topics, channel, a break, language
# 言語: answers with a button per language. In every language at once: whoever cannot read Japanese
# must find it on the account's one menu (a rich menu is the same for every friend).
LANGUAGE = "言語 Language"
HELP = _("Help")  # ヘルプ

# Stopping and resuming notices (the registration stays).
STOP = _("Stop notices")  # 配信停止
RESUME = _("Resume notices")  # 配信再開
CONFIRM_STOP = _("Yes, stop")  # 停止する
CANCEL_STOP = _("Do not stop")  # やめる
OPEN_CONSENT_PAGE = _("Open the consent page")
OPEN_SETTINGS_PAGE = _("Open the settings page")

# Keywords besides the labels above (which are understood too, in the language of the replies).
STOP_WORDS = {"配信停止", "停止", "ていし", "はいしんていし", "stop"}
RESUME_WORDS = {"配信再開", "再開", "さいかい", "はいしんさいかい", "resume", "start"}
CONSENT_WORDS = {"同意", "税情報", "税情報利用同意", "同意・設定", "consent"}
NUMBER_WORDS = {"登録番号", "登録番号の入力", "番号", "はがき"}
SETTINGS_WORDS = {"設定", "せってい", "settings", "setting", "配信設定"}
LANGUAGE_WORDS = {"言語", "げんご", "language", "languages", "lang", LANGUAGE, "语言", "언어", "ngônngữ", "idioma",
                  "english", "日本語", "やさしい日本語", "中文", "한국어", "tiếngviệt", "português"}
# ヘルプ (and anything not understood) is answered with the help.


def on_menu(word) -> str:
    """A rich-menu label as a reply names it. The menu is drawn once, in Japanese, for every friend: in any
    other language the reply gives the label in the reader's language with the Japanese they see on the
    menu, e.g. "Apply (利用申請)"."""
    here = str(word)
    with translation.override(settings.LANGUAGE_CODE):
        on_the_menu = str(word)
    return here if here == on_the_menu else f"{here}（{on_the_menu}）" if translation.get_language() == "ja-easy" \
        else f"{here} ({on_the_menu})"


def normalize(text: str) -> str:
    """What a typed word is compared as: NFKC (full-width letters), no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).lower()


def means(text: str, keywords: set[str], *labels) -> bool:
    word = normalize(text)
    return word in {normalize(k) for k in keywords} or any(word == normalize(str(label)) for label in labels)
