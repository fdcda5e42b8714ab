"""The notice of a program with a form carries its 「申請する」 button: in LINE the program's LIFF page (the
same for every recipient, who is known by their verified ID token), in email the recipient's own signed,
expiring link; a notice of a program without a form has none. The form itself was pushed before the order."""

import pytest

from foryou.gateway.casework import links
from foryou.gateway.delivery import content
from foryou.shared.bridge import messages
from foryou.shared.notice.email import render
from foryou.shared.notice.flex import NoticeContent, compose

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


class Order:
    def __init__(self, apply_program=""):
        self.content = messages.NoticeContentBody(service_name="あなたが使える制度お知らせサービス",
                                                  program_name="児童扶養手当", title="ご案内", body="申請できます。",
                                                  apply_program=apply_program).to_dict()


def test_the_line_bubble_opens_the_programs_liff_page(settings):
    settings.LIFF_ID = "2000000002-foryou"
    notice = content.notice_of(Order("jido-fuyo-teate"))
    footer = compose(notice).flex["contents"]["footer"]["contents"]
    assert footer[0]["action"] == {"type": "uri", "label": "申請する",
                                   "uri": "https://liff.line.me/2000000002-foryou/casework/jido-fuyo-teate/?via=line"}
    assert "footer" not in compose(content.notice_of(Order())).flex["contents"]


def test_the_email_link_names_the_recipient_only_by_a_signed_token(registrant):
    subscriber = registrant[1]
    url = links.url_for(subscriber.pk, "jido-fuyo-teate")
    assert subscriber.number not in url and subscriber.email not in url
    assert links.read(url.rstrip("/").rsplit("/", 1)[1]) == links.ApplyLink(subscriber.pk, "jido-fuyo-teate")
    assert links.read("forged") is None
    rendered = render(NoticeContent(service_name="s", program_name="児童扶養手当", title="", body="b", apply_url=url),
                      "https://example.jp/stop")
    assert url in rendered.text and url in rendered.html and "申請する" in rendered.html


def test_a_send_of_such_a_program_pushes_its_form_first(db):
    from foryou.bridge.models import PendingPush
    from foryou.casework.forms_push import apply_program_for

    assert apply_program_for("jido-fuyo-teate") == "jido-fuyo-teate"
    form = PendingPush.objects.get(kind="casework.form")
    assert form.body["program"] == "jido-fuyo-teate" and form.body["definition"]["sections"]
    assert apply_program_for("") == ""


def test_an_older_gateway_reads_an_order_with_the_new_field_and_an_older_console_omits_it():
    data = Order("jido-fuyo-teate").content
    assert messages.NoticeContentBody.from_dict(data).apply_program == "jido-fuyo-teate"
    assert "apply_program" not in Order().content
