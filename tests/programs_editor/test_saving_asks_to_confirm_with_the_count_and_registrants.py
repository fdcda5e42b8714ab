"""Saving conditions cannot be quietly taken back (targeting uses them at once): a save without
`confirmed` only shows what it will do — the count and how many registrants would be told — with or
without JavaScript. Registrant counts below 10 read 「10人未満」."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from foryou.enrollment.models import Registration
from foryou.console.suppression import is_small
from foryou.programs import live
from foryou.programs.catalog import get_program
from foryou.programs.condition_tree import to_form
from foryou.programs.models import ProgramRevision
from tests.residents.exports import HANAKO, TARO

pytestmark = pytest.mark.django_db

OLDER = {"all": [{"field": "age_years", "op": ">=", "value": 40},
                 {"household": {"some_member": {"field": "age_years", "op": "<", "value": 3}}}]}


def post(client, htmx=False, **extra):
    data = to_form(OLDER) | {"as_of": "2026-11-27", "note": "40歳以上に限定"} | extra
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(reverse("console_program_save", args=["parents"]), data, headers=headers)


def register(*resident_ids):
    for i, resident_id in enumerate(resident_ids):
        Registration.objects.create(number=f"123456789012345{i}", resident_id=resident_id, status="active",
                                    expires_at=timezone.now() + timedelta(days=90))


def test_a_save_without_confirmation_shows_the_count_and_saves_nothing(client, city, editor, exact_counts):
    response = post(client)
    page = response.content.decode()
    assert response.status_code == 200 and not ProgramRevision.objects.exists()
    assert 'id="confirm-save"' in page and 'name="confirmed" value="yes"' in page
    assert 'data-count="1"' in page and ">40歳以上に限定</textarea>" in page  # the note is kept for the confirm


def test_htmx_swaps_only_the_save_panel_for_the_question(client, city, editor):
    response = post(client, htmx=True)
    assert response["HX-Retarget"] == "#save-question" and "<html" not in response.content.decode()
    assert 'id="confirm-save"' in response.content.decode() and not ProgramRevision.objects.exists()
    assert post(client, htmx=True, confirmed="yes").status_code == 204
    assert ProgramRevision.objects.count() == 1


def test_the_consequence_is_stated_in_the_page_language(client, city, editor):
    response = post(client)
    with translation.override(response.headers.get("Content-Language", "ja")):
        expected = gettext("Once saved, these conditions are used at once to find who qualifies: by sends, and by "
                           "the daily trigger run.")
    assert expected in response.content.decode()


def test_few_registrants_read_fewer_than_ten(client, city, editor):
    register(TARO)  # 千葉 太郎 (41) lives with a baby: the one person the new conditions target
    with translation.override("ja"):
        page = post(client).content.decode()
        few = gettext("Registrants who would be told: fewer than %(n)s") % {"n": 10}
    assert few in page
    assert 'data-told="few"' in page


def test_the_editor_counts_registrants_as_a_send_would(city):
    register(TARO, HANAKO)
    program = get_program("parents")

    # Both parents qualify under the file's conditions (18 or older with a child under 3), both registered.
    assert live.registrants_told(program.conditions, date(2026, 11, 27), program.recipients) == 2
    Registration.objects.filter(resident_id=HANAKO).update(status="inactive")
    assert live.registrants_told(program.conditions, date(2026, 11, 27), program.recipients) == 1
    assert is_small(1) and is_small(9) and not is_small(10) and not is_small(0)  # nobody is no one to name
