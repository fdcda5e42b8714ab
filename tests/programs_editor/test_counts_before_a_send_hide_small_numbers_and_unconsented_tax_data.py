"""Counts shown before a send cannot be narrowed down to a person: fewer than settings.SMALL_COUNT reads
「10人未満」 (the count, each funnel step, the registrants told, the list's count), a funnel step whose
difference from the next step shown is small is hidden, conditions on tax data are counted only among
registrants who consented to its use, and the counts shown are audited (identical entries once per
window; each different set of edited conditions on tax data).

Each test performs an attack the editor allowed before: narrowing conditions until the count is one
person, reading a small difference off the funnel, or learning a non-registrant's income."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from foryou.audit.models import AuditEvent
from foryou.console.suppression import fewer_than
from foryou.programs import live, shown
from foryou.programs.catalog import get_program, parse_tree
from foryou.programs.condition_tree import to_form
from foryou.programs.services import COUNTS_VIEWED
from tests.programs_editor.conftest import register
from tests.residents.exports import HANAKO, TARO, UME

pytestmark = pytest.mark.django_db

PARENTS = {"all": [{"field": "age_years", "op": ">=", "value": 18},
                   {"household": {"some_member": {"field": "age_years", "op": "<", "value": 3}}}]}
ONLY_TARO = {"all": [{"field": "age_years", "op": ">=", "value": 40}, PARENTS["all"][1]]}
# うめ (91) has an income of 0 and registered nowhere: the attack asks whether her income is 0.
UME_INCOME_IS_ZERO = {"all": [{"field": "age_years", "op": ">=", "value": 90},
                              {"field": "total_income", "op": "==", "value": 0}]}


def post(client, tree, **extra):
    data = to_form(tree) | {"as_of": "2026-11-27"} | extra
    return client.post(reverse("console_program_tree", args=["parents"]), data, headers={"HX-Request": "true"})


def count_of(html: str) -> str:
    return re.search(r'id="count" data-count="([^"]*)"', html).group(1)


def steps_of(html: str) -> list[str]:
    return re.findall(r'class="step-count" data-count="([^"]*)"', html)


def test_narrowing_the_conditions_to_one_person_shows_fewer_than_ten(client, city, editor):
    html = post(client, ONLY_TARO).content.decode()
    assert count_of(html) == "few" and steps_of(html) == ["few", "few", "few"]
    with translation.override("ja"):
        assert fewer_than() in html
    assert 'data-count="1"' not in html and 'data-count="2"' not in html
    assert re.findall(r'class="fill" width="([^"]+)"', html) == ["0.00"] * 3  # no bar gives a hidden count away


def test_a_funnel_step_that_gives_a_small_difference_away_is_hidden(client, city, editor, settings):
    settings.SMALL_COUNT = 2  # the city has 4 residents: 3 adults, of whom 2 live with a baby
    html = post(client, PARENTS).content.decode()
    # Before: 4, 3, 2 — the 3 next to the 2 tells that exactly one adult (うめ) lives without a baby.
    assert steps_of(html) == ["4", "hidden", "2"] and count_of(html) == "2"
    with translation.override("ja"):
        assert gettext("hidden") in html


def test_the_funnel_is_suppressed_from_its_last_step_back():
    figures = shown.funnel([1000, 995, 500, 492, 3, 0])
    assert [f.value for f in figures] == [None, 995, None, 492, None, 0]
    assert [f.hidden for f in figures] == [True, False, True, False, True, False]


def test_registrants_told_below_ten_read_fewer_than_ten(client, city, editor):
    register(TARO), register(HANAKO)
    html = post(client, PARENTS).content.decode()
    assert 'data-told="few"' in html and 'data-told="2"' not in html


def test_tax_conditions_count_only_registrants_who_consented(client, city, editor, settings):
    settings.SMALL_COUNT = 1
    # Before: 1 — うめ's income (she never registered, never consented) read off the count.
    html = post(client, UME_INCOME_IS_ZERO).content.decode()
    assert count_of(html) == "0" and 'id="consenting-only"' in html
    assert steps_of(html)[0] == "0"  # the funnel starts from the consenting registrants (none yet)
    register(UME, tax=False)  # a registrant without consent is not counted either
    assert count_of(post(client, UME_INCOME_IS_ZERO).content.decode()) == "0"
    register(TARO, tax=True)
    html = post(client, {"all": [{"field": "total_income", "op": ">", "value": 0}]}).content.decode()
    assert count_of(html) == "1" and steps_of(html) == ["1", "1"]  # 太郎 alone, who consented


def test_counts_without_tax_fields_still_count_every_current_resident(city, settings):
    settings.SMALL_COUNT = 1
    program = get_program("parents")
    preview = live.preview(program.conditions, date(2026, 11, 27))
    assert (preview.count, preview.residents, preview.consenting_only) == (2, 4, False)


def test_the_list_count_is_suppressed_and_counts_tax_conditions_among_consenting_registrants(client, city, editor,
                                                                                                   programs_dir):
    row = client.get(reverse("console_program_count", args=["parents"]) + "?as_of=2026-11-27").content.decode()
    assert 'data-count="few"' in row and ">2<" not in row
    conditions = parse_tree(UME_INCOME_IS_ZERO, None)
    assert live.count(conditions, date(2026, 11, 27)) == 0  # before: 1 (うめ)
    register(UME, tax=True)
    assert live.count(conditions, date(2026, 11, 27)) == 1


def counted():
    return list(AuditEvent.objects.filter(action=COUNTS_VIEWED).order_by("id"))


def test_counts_shown_are_audited_without_repeating_identical_entries(client, city, editor):
    url = reverse("console_program", args=["parents"]) + "?as_of=2026-11-27"
    client.get(url), client.get(url)
    [event] = counted()
    assert event.actor == editor and event.target == "program:parents"
    assert event.detail == {"program": "parents", "as_of": "2026-11-27", "page": "editor", "tax_data": False,
                            "conditions": "in_effect"}
    post(client, ONLY_TARO), post(client, {"all": [{"field": "age_years", "op": ">=", "value": 50}]})
    assert [e.detail["conditions"] for e in counted()] == ["in_effect", "edited"]  # one entry for the session


def test_each_different_tax_query_is_audited_with_its_conditions(client, city, editor):
    post(client, UME_INCOME_IS_ZERO)
    post(client, UME_INCOME_IS_ZERO)  # the same again: nothing new was shown
    narrower = {"all": [UME_INCOME_IS_ZERO["all"][0], {"field": "total_income", "op": "<=", "value": 100}]}
    post(client, narrower)
    events = counted()
    assert len(events) == 2 and all(e.detail["tax_data"] for e in events)
    assert '"value": 100' in events[1].detail["tree"] and '"value": 0' in events[0].detail["tree"]
