"""Within a day of activation a registrant gets one message listing the programs they can use now (those
whose files opt in), one line and a link each, through the real targeting path; again after consenting to
tax data, listing what that opened. Each stage once; nothing without an approved template."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD
from foryou.bridge.models import PendingPush
from foryou.enrollment.models import ConsentEvent, Registration
from foryou.notices import services, welcome
from foryou.notices.models import SendOrder, WelcomeDigest, WelcomeSent
from foryou.notices.sending import order_message
from foryou.notices.services import Wording
from foryou.programs import live
from foryou.shared.bridge import messages
from tests.residents.exports import HANAKO, TARO, UME

PARENTS = """
code: parents
name: 子育て世帯応援給付
department: こども家庭支援課
conditions:
  all:
    - field: age_years
      op: ">="
      value: 18
    - household:
        some_member: {field: age_years, op: "<", value: 3}
welcome: {line: 3歳未満のお子さんがいる世帯に給付金。, url: "https://www.city.chiba.jp/kodomo/"}
"""
ELDERLY = """
code: elderly
name: 高齢者健診
department: 健康支援課
conditions:
  all:
    - field: age_years
      op: ">="
      value: 75
welcome: {line: 75歳以上の方の健診。, url: "https://www.city.chiba.jp/kenko/"}
"""
NOT_IN_DIGEST = """
code: adults
name: 成人向けの制度
department: 健康支援課
conditions:
  all:
    - field: age_years
      op: ">="
      value: 18
"""
WORDING = Wording(title="ご登録ありがとうございます", body="いま使える制度をお知らせします。",
                  contact_department="健康支援課", contact_phone="043-238-9930")


@pytest.fixture(autouse=True)
def programs_dir(tmp_path, settings):
    folder = tmp_path / "programs"
    folder.mkdir()
    for name, text in (("parents", PARENTS), ("elderly", ELDERLY), ("adults", NOT_IN_DIGEST)):
        (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    settings.PROGRAMS_DIR = folder
    live.reset()
    yield folder
    live.reset()


@pytest.fixture
def city(tmp_path, data_dir, db):
    from foryou.residents.services import run_import
    from tests.residents.exports import valid_export, write_export

    assert run_import(write_export(tmp_path / "export", valid_export()), timezone.localdate(), stream=io.StringIO()).status == "applied"


@pytest.fixture
def template(db):
    editor = accounts.add_staff("kenko-editor", PASSWORD, role="editor", department="健康支援課", create_department=True)
    approver = accounts.add_staff("kenko-approver", PASSWORD, role="approver", department="健康支援課")
    notice = services.create_broadcast("健康支援課", WORDING, editor)
    services.approve(notice.latest, approver)
    return WelcomeDigest.objects.create(notice=notice)


def registered(resident_id: str, number: str, *, ago=timedelta(minutes=5), tax=False) -> Registration:
    now = timezone.now()
    return Registration.objects.create(number=number, resident_id=resident_id, status="active", activated_at=now - ago,
                                       channel="line", tax_consent=tax, expires_at=now + timedelta(days=90))


def content(order: SendOrder):
    return order_message(order, 1).content


def test_each_new_registrant_gets_the_programs_they_can_use_one_line_and_a_link_each(city, template):
    taro = registered(TARO, "1000000000000001")
    ume = registered(UME, "1000000000000002")
    registered(HANAKO, "1000000000000003", ago=timedelta(days=3))  # registered long ago: no digest now

    orders = welcome.send_due()

    by_number = {n: o for o in orders for n in o.chunks.get().numbers}
    assert set(by_number) == {taro.number, ume.number}
    assert by_number[taro.number].digest == ["parents"] and by_number[ume.number].digest == ["elderly"]
    text = content(by_number[taro.number])
    assert text.title == "ご登録ありがとうございます"
    assert text.body == "いま使える制度をお知らせします。\n\n・子育て世帯応援給付：3歳未満のお子さんがいる世帯に給付金。\nhttps://www.city.chiba.jp/kodomo/"
    assert "成人向け" not in text.body  # a program that did not opt in
    pushed = PendingPush.objects.filter(kind=messages.SEND_ORDER)
    assert {p.body["notice_ref"] for p in pushed} == {f"welcome:{o.pk}" for o in orders}
    assert welcome.send_due() == []  # once per stage


def test_after_tax_consent_the_digest_lists_only_what_consent_opened(city, template, programs_dir):
    (programs_dir / "parents.yml").write_text(PARENTS.replace(
        "      value: 18\n", "      value: 18\n    - field: total_income\n      op: \"<\"\n      value: 50000000\n"), encoding="utf-8")
    live.reset()
    taro = registered(TARO, "1000000000000001", ago=timedelta(days=2))
    WelcomeSent.objects.create(registration=taro, stage="activated")
    taro.tax_consent = True
    taro.save()
    ConsentEvent.objects.create(registration=taro, given=True, terms="1", at=timezone.now())

    [order] = welcome.send_due()

    assert order.digest == ["parents"] and order.chunks.get().numbers == [taro.number]
    assert WelcomeSent.objects.filter(registration=taro, stage="consented").exists()


def test_a_registrant_who_paused_notices_gets_no_digest(city, template):
    paused = registered(UME, "1000000000000002")
    paused.paused_at = timezone.now()
    paused.save()
    assert welcome.send_due() == []


def test_without_an_approved_template_nothing_is_sent_and_the_registrant_waits(city):
    registered(TARO, "1000000000000001")
    assert welcome.send_due() == [] and not WelcomeSent.objects.exists()
