"""The bridge's send order names the language its content is written in — about the text, never about a
recipient — so that the gateway renders the LINE bubble's own labels in it. Absent (an older console) it
is Japanese; a code foryou has no catalog for is read as Japanese; an older gateway ignores the key."""

from django.utils import translation
from django.utils.translation import gettext

from foryou.shared.bridge import messages
from foryou.shared.notice.flex import NoticeContent, compose

CONTENT = NoticeContent(service_name="サービス", program_name="Child benefit", title="About the benefit",
                        body="Households with small children receive a benefit.", contact_department="Division",
                        contact_phone="043-245-5179", language="en")


def test_the_language_crosses_with_the_content_and_is_read_back():
    body = messages.NoticeContentBody.of(CONTENT)
    assert body.to_dict()["language"] == "en"
    assert messages.NoticeContentBody.from_dict(body.to_dict()).language == "en"


def test_absent_or_unknown_it_is_japanese():
    japanese = messages.NoticeContentBody.of(NoticeContent(**{**CONTENT.__dict__, "language": ""}))
    assert "language" not in japanese.to_dict()
    assert messages.NoticeContentBody.from_dict(japanese.to_dict()).language == ""
    assert messages.NoticeContentBody.from_dict({**japanese.to_dict(), "language": "xx"}).language == ""


def test_the_bubbles_own_labels_follow_the_contents_language():
    with translation.override("ja"):  # the gateway's own language
        english = str(compose(CONTENT).flex)
        japanese = str(compose(NoticeContent(**{**CONTENT.__dict__, "language": ""})).flex)
        easy = str(compose(NoticeContent(**{**CONTENT.__dict__, "language": "ja-easy"})).flex)
        label = gettext("Contact")
    assert "'Contact'" in english and label not in english
    assert label in japanese and "'Contact'" not in japanese
    assert "'Contact'" not in easy
