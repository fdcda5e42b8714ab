"""The words residents see and send in LINE, defined once: the rich menu's labels, the buttons' labels
and the keywords the account understands. The postcard's steps (「登録番号の入力」) and the replies name
each step with these same words, so what the postcard says to tap is what the menu shows."""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

# The rich menu, top left to bottom right.
APPLY = _("Apply")  # 利用申請: opens the application page (LIFF)
ENTER_NUMBER = _("Enter your registration number")  # 登録番号の入力: the account explains how
CONSENT = _("Consent and settings")  # 同意・設定: opens the consent page (LIFF)
HELP = _("Help")  # ヘルプ

# Stopping and resuming notices (the registration stays).
STOP = _("Stop notices")  # 配信停止
RESUME = _("Resume notices")  # 配信再開
CONFIRM_STOP = _("Yes, stop")  # 停止する
CANCEL_STOP = _("Do not stop")  # やめる
OPEN_CONSENT_PAGE = _("Open the consent page")

# Keywords besides the labels above (which are understood too, in the language of the replies).
STOP_WORDS = {"配信停止", "停止", "ていし", "はいしんていし", "stop"}
RESUME_WORDS = {"配信再開", "再開", "さいかい", "はいしんさいかい", "resume", "start"}
CONSENT_WORDS = {"同意", "税情報", "税情報利用同意", "同意・設定", "consent"}
NUMBER_WORDS = {"登録番号", "登録番号の入力", "番号", "はがき"}
# ヘルプ (and anything not understood) is answered with the help.


def normalize(text: str) -> str:
    """What a typed word is compared as: NFKC (full-width letters), no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).lower()


def means(text: str, keywords: set[str], *labels) -> bool:
    word = normalize(text)
    return word in {normalize(k) for k in keywords} or any(word == normalize(str(label)) for label in labels)
