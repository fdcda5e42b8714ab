"""Each refusal of the notices services has a code and one message (foryou.notices.errors): logs read it
in English, staff in Japanese — chosen by the code, never by matching words of the English message, so
rewording a message cannot leave staff reading English."""

import pytest
from django.utils import translation

from foryou.notices.errors import REFUSALS, ApprovalRefused, SendRefused


def test_every_refusal_is_translated_into_japanese():
    with translation.override("ja"):
        for code, english in REFUSALS.items():
            assert SendRefused(code).localized() != english, f"{code} is not translated"


def test_logs_read_the_english_message_and_the_code_is_kept():
    refused = ApprovalRefused("own_version")
    assert str(refused) == "You wrote this version, so another approver must approve it."
    assert refused.code == "own_version"


def test_an_unknown_code_is_a_programming_error_at_once():
    with pytest.raises(KeyError, match="unknown refusal code"):
        SendRefused("no_such_refusal")

