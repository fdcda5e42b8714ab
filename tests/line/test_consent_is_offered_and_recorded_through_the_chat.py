"""同意 / 税情報 in the chat answers with the consent page; a consent postback records the choice."""

import pytest

from foryou.gateway.models import OutboundEvent
from tests.line.conftest import APPLY_URL, CONSENT_URL, active, links_of, said

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


@pytest.mark.parametrize("word", ["同意", "税情報", "同意・設定"])
def test_the_keyword_answers_with_a_button_to_the_consent_page(on_emulator, word):
    line = on_emulator
    user = line.create_user()
    line.say(user.user_id, word)
    [reply] = said(line, user.user_id)
    assert links_of(reply) == [CONSENT_URL]
    assert CONSENT_URL in reply["altText"]  # where templates cannot be shown, the link is in the text


def test_consent_postbacks_give_and_withdraw_consent(on_emulator):
    line = on_emulator
    user = line.create_user()
    subscriber = active(user.user_id)
    line.postback(user.user_id, "action=consent&value=yes", display_text="同意する")
    subscriber.refresh_from_db()
    assert subscriber.tax_consent is True
    line.postback(user.user_id, "action=consent&value=no")
    subscriber.refresh_from_db()
    assert subscriber.tax_consent is False
    assert [e.body["given"] for e in OutboundEvent.objects.filter(kind="consent.changed")] == [True, False]
    assert [m["kind"] for m in line.messages(user.user_id)] == ["reply", "reply"]  # answered, never pushed too


def test_a_consent_postback_from_someone_not_registered_changes_nothing(on_emulator):
    line = on_emulator
    user = line.create_user()
    line.postback(user.user_id, "action=consent&value=yes")
    assert not OutboundEvent.objects.exists()
    text, buttons = said(line, user.user_id)
    assert APPLY_URL in links_of(buttons)
