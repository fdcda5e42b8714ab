"""Every change in the editor comes back with the count and the funnel of the changed conditions."""

import re

import pytest
from django.urls import reverse

from foryou.programs.condition_tree import to_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("exact_counts")]

TREE = {"all": [{"field": "age_years", "op": ">=", "value": 18},
                {"household": {"some_member": {"field": "age_years", "op": "<", "value": 3}}}]}


def count_in(html: str) -> int:
    return int(re.search(r'id="count" data-count="(\d+)"', html).group(1))


def post(client, tree, **extra):
    data = to_form(tree) | {"as_of": "2026-11-27"} | extra
    return client.post(reverse("console_program_tree", args=["parents"]), data, headers={"HX-Request": "true"})


def test_the_editor_page_shows_the_count_and_funnel(client, city, editor):
    html = client.get(reverse("console_program", args=["parents"]) + "?as_of=2026-11-27").content.decode()
    assert count_in(html) == 2  # 太郎 and 花子, who live with 一郎 (3 months)
    assert 'name="n_0-value"' in html and 'value="18"' in html


def test_changing_an_age_changes_the_count_and_the_funnel(client, city, editor):
    first = post(client, TREE).content.decode()
    assert count_in(first) == 2
    older = {"all": [{"field": "age_years", "op": ">=", "value": 40}, TREE["all"][1]]}
    html = post(client, older).content.decode()
    assert count_in(html) == 1  # only 太郎 (41)
    assert 'hx-swap-oob="innerHTML"' in html  # the results panel is updated out of band
    steps = [int(n) for n in re.findall(r'class="step-count" data-count="(\d+)"', html)]
    assert steps == [4, 2, 1]  # current residents; aged 40 or more (太郎, うめ); with a child under 3


def test_adding_and_removing_conditions_round_trips(client, city, editor):
    html = post(client, TREE, action="add:n", **{"n-newkind": "field"}).content.decode()
    assert 'id="n_2"' in html  # a new condition (age ≥ 18) at the end of the group
    assert count_in(html) == 2
    html = post(client, TREE, action="remove:n_1").content.decode()
    assert 'id="n_1"' not in html
    assert count_in(html) == 3  # adults only: 太郎, 花子, うめ


def test_changing_the_field_resets_what_no_longer_fits(client, city, editor):
    data = to_form(TREE) | {"as_of": "2026-11-27", "n_0-field": "sex"}  # was age_years ≥ 18
    html = client.post(reverse("console_program_tree", args=["parents"]), data,
                       headers={"HX-Request": "true"}).content.decode()
    assert 'id="n_0-value"' in html and "<select" in html
    assert count_in(html) in (1, 2)


def test_the_list_counts_each_program_lazily(client, city, editor):
    html = client.get(reverse("console_programs") + "?as_of=2026-11-27").content.decode()
    assert f'hx-get="{reverse("console_program_count", args=["parents"])}?as_of=2026-11-27"' in html
    row = client.get(reverse("console_program_count", args=["parents"]) + "?as_of=2026-11-27").content.decode()
    assert ">2<" in row


def test_without_resident_data_the_editor_says_what_to_do(client, data_dir, programs_dir, editor):
    html = client.get(reverse("console_program", args=["parents"])).content.decode()
    assert "foryou import" in html and 'data-count=""' in html
