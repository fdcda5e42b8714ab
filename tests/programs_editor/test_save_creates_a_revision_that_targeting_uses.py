"""Saving in the editor creates a revision (who, when, note; audited); the program in effect, and so
`foryou target`, the counts and the trigger run, use its conditions; the history can show and restore it."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from foryou.audit.models import AuditEvent
from foryou.programs.condition_tree import to_form
from foryou.programs import catalog, services
from foryou.programs.models import ProgramRevision
from foryou.rules.language import ConditionError

pytestmark = pytest.mark.django_db

OLDER = {"all": [{"field": "age_years", "op": ">=", "value": 40},
                 {"household": {"some_member": {"field": "age_years", "op": "<", "value": 3}}}]}


def target_count() -> int:
    out = io.StringIO()
    call_command("target", "parents", "--as-of", "2026-11-27", "--json", stdout=out)
    return json.loads(out.getvalue())["count"]


def save(client, tree, note):
    data = to_form(tree) | {"as_of": "2026-11-27", "note": note, "confirmed": "yes"}
    return client.post(reverse("console_program_save", args=["parents"]), data)


def test_saving_creates_a_revision_that_targeting_then_uses(client, city, editor):
    assert target_count() == 2
    response = save(client, OLDER, "40歳以上に限定")
    assert response.status_code == 302
    revision = ProgramRevision.objects.get()
    assert (revision.program_code, revision.author, revision.note) == ("parents", editor, "40歳以上に限定")
    assert revision.conditions == OLDER
    assert catalog.get_program("parents").tree == OLDER
    assert target_count() == 1
    event = AuditEvent.objects.get(action="programs.conditions_saved")
    assert event.actor == editor and event.target == "program:parents" and event.detail["revision"] == revision.pk


def test_a_revision_that_breaks_the_files_examples_is_saved_with_a_warning(client, city, editor):
    # The file's example mother was born in 1990 (36 on the example's day): 40 or more leaves her out.
    response = save(client, OLDER, "try")
    revision = ProgramRevision.objects.get()
    assert not revision.examples_passed
    assert any("mother should qualify" in f for f in revision.example_failures)
    page = client.get(response["Location"]).content.decode()
    assert "mother should qualify" in page


def test_htmx_saves_redirect_the_page(client, city, editor):
    data = to_form(OLDER) | {"as_of": "2026-11-27", "note": "", "confirmed": "yes"}
    response = client.post(reverse("console_program_save", args=["parents"]), data, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("console_program", args=["parents"]) + "?as_of=2026-11-27"


def test_the_history_shows_changes_and_restores(client, city, editor):
    save(client, OLDER, "40歳以上")
    first = ProgramRevision.objects.get()
    history = client.get(reverse("console_program_history", args=["parents"])).content.decode()
    assert "40歳以上" in history and "kodomo-editor" in history
    diff = client.get(reverse("console_program_revision", args=["parents", first.pk])).content.decode()
    assert 'class="del">-    value: 18' in diff and 'class="add">+    value: 40' in diff
    client.post(reverse("console_program_restore_file", args=["parents"]))
    assert catalog.get_program("parents").conditions.root.children[0].value == 18
    client.post(reverse("console_program_restore", args=["parents", first.pk]))
    latest = ProgramRevision.objects.latest_for("parents")
    assert latest.restored_from == first and latest.conditions == OLDER
    assert target_count() == 1


def test_the_service_refuses_invalid_trees_by_path(city, editor):
    with pytest.raises(ConditionError, match=r"conditions\.all\[0\]\.value: sex must be one of 1, 2, 9, got '3'"):
        services.save_conditions("parents", {"all": [{"field": "sex", "op": "==", "value": "3"}]}, editor, "")
    with pytest.raises(catalog.UnknownProgram, match="No program 'nope'"):
        catalog.get_program("nope")


def test_programs_count_and_list_use_the_program_in_effect(city, editor, capsys):
    services.save_conditions("parents", OLDER, editor, "")
    call_command("programs", "count", "--as-of", "2026-11-27")
    out = capsys.readouterr().out
    assert "1  子育て世帯" in out
