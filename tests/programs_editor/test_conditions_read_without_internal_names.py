"""Staff read conditions in their words: a lookup table as a small table of amounts with units (not
its name in the file), no file names, and on the explain page a `not` whose inner test fails is a pass
(no red ✘ for a qualifying person). 宛名番号 may be typed without their leading zeros."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from foryou.rules import catalog
from foryou.rules.describe import amount
from tests.programs_editor.conftest import register
from tests.residents.exports import TARO

pytestmark = pytest.mark.django_db

LIMITS = """
code: limits
name: 所得制限のある手当
department: こども家庭支援課
conditions:
  all:
    - field: age_years
      op: ">="
      value: 18
    - not: {field: sex, op: "==", value: "2"}
    - not:
        all:
          - {field: age_years, op: ">=", value: 80}
          - {field: sex, op: "==", value: "1"}
    - field: total_income
      op: "<="
      lookup: income_limit
lookups:
  income_limit:
    label: 所得制限限度額(受給資格者本人)
    by: dependants
    table: {0: 2080000, 1: 2460000, 2: 4840000}
    per_step_beyond: 380000
"""


@pytest.fixture
def limits(programs_dir):
    (programs_dir / "limits.yml").write_text(LIMITS, encoding="utf-8")


def text(page: str) -> str:
    """What a reader sees: the page without its tags (and so without form values)."""
    return re.sub(r"<[^>]+>", " ", page)


def test_a_lookup_table_is_shown_with_amounts_and_units(client, city, editor, limits):
    response = client.get(reverse("console_program", args=["limits"]) + "?as_of=2026-11-27")
    page = response.content.decode()
    assert "income_limit" not in text(page) and "limits.yml" not in page
    assert "<caption>所得制限限度額(受給資格者本人)</caption>" in page
    with translation.override(response.headers.get("Content-Language", "ja")):
        dependants, yen = str(catalog.FIELDS["dependants"].label), amount(2080000, catalog.MONEY)
        first_row = f'<th scope="row">{amount(0, catalog.INT)}</th><td class="num">{yen}</td>'
    assert f'<th scope="col">{dependants}</th>' in page and first_row in page
    assert "2,460,000" in page and "380,000" in page


def test_the_funnel_says_what_the_limit_depends_on(client, city, editor, limits):
    response = client.get(reverse("console_program", args=["limits"]) + "?as_of=2026-11-27")
    with translation.override(response.headers.get("Content-Language", "ja")):
        expected = gettext("%(field)s %(op)s the limit by %(key)s") % {
            "field": catalog.FIELDS["total_income"].label, "op": "≤", "key": catalog.FIELDS["dependants"].label}
    assert expected in response.content.decode()


def test_a_not_whose_inner_test_fails_is_shown_as_a_pass(client, city, editor, limits):
    # 千葉 太郎: 41, male, income 4,200,000 with 2 dependants (limit 4,840,000): he qualifies. He is a
    # registrant who consented to the use of tax data (only registrants are explained).
    register(TARO, tax=True)
    response = client.post(reverse("console_program_explain", args=["limits"]),
                           {"resident_id": TARO.lstrip("0"), "as_of": "2026-11-27"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="result fail"' not in page and "✘" not in page
    # The heading (qualifies), then all, age, not(sex), not(all …) and income.
    assert page.count('class="result pass"') == 6
    assert 'class="negated"' in page and 'class="result neutral"' in page  # inside the compound not
    assert "4,840,000" not in page and "4,200,000" not in page  # outcomes only: no values, no limit


def test_the_program_file_is_not_named_on_its_pages(client, city, editor, limits):
    for name in ("console_program", "console_program_history", "console_program_explain"):
        page = client.get(reverse(name, args=["limits"])).content.decode()
        assert "limits.yml" not in page and ".yml" not in page
