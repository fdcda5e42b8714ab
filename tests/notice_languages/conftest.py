"""Notices in residents' languages: the notices pages' programs (the parents' program here with English and
やさしい日本語 labels), the small city, staff, the delivery stories' fixtures, and a wording with its
language versions."""

import pytest

from foryou.notices import services
from foryou.notices.services import Wording
from foryou.programs import catalog, live
from tests.console_notices.conftest import (ELDERLY, KODOMO, as_user, city, form_data, staff)  # noqa: F401
from tests.delivery.conftest import delivery_settings, smtp  # noqa: F401 - the delivery stories' fixtures

PARENTS = """
code: parents
name: 子育て世帯応援給付
department: こども家庭支援課
summary: 小さなお子さんのいる世帯に給付金を支給します。
contact: {department: こども家庭支援課, phone: "043-245-5179", hours: 平日 8:30〜17:30}
labels:
  en: {name: Child-rearing household benefit, contact: Child and Family Support Division, hours: "Weekdays 8:30-17:30"}
  ja-easy: {name: こそだての 家の ための お金, contact: こども かてい しえんか}
outcome: {source: checkups, kind: [特定健診]}
conditions:
  all:
    - field: age_years
      op: ">="
      value: 18
    - household:
        some_member: {field: age_years, op: "<", value: 3}
"""

WORDING = Wording(title="給付金のご案内", body="お子さんのいる世帯に給付金を支給します。申請は12月末までです。",
                  contact_department="こども家庭支援課", contact_phone="043-245-5179", contact_hours="平日 8:30〜17:30",
                  links=[("詳しく見る", "https://www.city.chiba.jp/kodomo/kyufu.html")])

ENGLISH = {"title": "About the benefit", "body": "Households with small children receive a benefit. Apply by the end "
                                                 "of December."}
EASY = {"title": "お金の おしらせ", "body": "小さい 子どもが いる 家に お金を わたします。12月の おわりまでに もうしこんで ください。"}


@pytest.fixture(autouse=True)
def programs_dir(tmp_path, settings):
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "parents.yml").write_text(PARENTS, encoding="utf-8")
    (folder / "elderly.yml").write_text(ELDERLY, encoding="utf-8")
    settings.PROGRAMS_DIR = folder
    live.reset()
    yield folder
    live.reset()


@pytest.fixture
def editor(db):
    return staff("kodomo-editor", "editor", KODOMO)


@pytest.fixture
def approver(db):
    return staff("kodomo-approver", "approver", KODOMO)


def notice_in(editor, approver=None, **translations):
    """The parents' notice with these language versions (en=…, ja_easy=…), approved if an approver is given."""
    versions = {code.replace("_", "-"): texts for code, texts in translations.items()}
    notice = services.create(catalog.get_program("parents"), WORDING, editor, translations=versions)
    if approver is not None:
        services.approve(notice.latest, approver)
    return notice
