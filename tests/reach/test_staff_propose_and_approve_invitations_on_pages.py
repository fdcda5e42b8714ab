"""On the invitation page an editor chooses the residents of a program of their department; a second
person who approves for the department sees a confirm step before numbers are issued."""

import pytest

from foryou.accounts.testing import login
from foryou.enrollment.models import InvitationBatch, Registration

pytestmark = pytest.mark.django_db


def test_an_editor_proposes_and_an_approver_confirms_before_numbers_are_issued(client, city, kenko):
    editor, approver = kenko
    login(client, editor)
    page = client.get("/invitations/").content.decode()
    assert 'value="kenko-shinsa"' in page and 'value="jido-fuyo-teate"' not in page  # own department only
    client.post("/invitations/", {"program": "kenko-shinsa"})
    batch = InvitationBatch.objects.get()
    assert batch.status == "proposed" and batch.resident_ids
    assert "/approve" not in client.get("/invitations/").content.decode()  # not by the one who proposed it
    client.post(f"/invitations/{batch.pk}/approve", {"confirmed": "yes"})
    assert not Registration.objects.exists()

    client.logout()
    login(client, approver)
    confirm = client.get(f"/invitations/{batch.pk}/approve").content.decode()
    assert 'name="confirmed" value="yes"' in confirm and not Registration.objects.exists()
    client.post(f"/invitations/{batch.pk}/approve", {"confirmed": "yes"})
    assert Registration.objects.filter(invitation=batch).count() == len(batch.resident_ids)


def test_a_program_of_another_department_cannot_be_proposed(client, city, kenko):
    editor, _approver = kenko
    login(client, editor)
    client.post("/invitations/", {"program": "jido-fuyo-teate"})
    assert not InvitationBatch.objects.exists()
