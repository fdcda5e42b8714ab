"""Invitation letters: a department proposes the target persons of a program, a second person approves,
numbers are issued and printed with the invitation wording; never protected persons, registered
residents, residents waiting for a postcard or those who declined; a resident activates with the number
and no staff step; conversion per batch."""

import pytest

from foryou.bridge.client import sync
from foryou.enrollment import invitations
from foryou.enrollment import services as enrollment
from foryou.enrollment.models import InvitationBatch, Registration
from foryou.enrollment.postcards.render import back_html
from foryou.enrollment.postcard_batches import sender
from foryou.enrollment.postcards import Postcard
from foryou.gateway import services as gateway
from foryou.residents import store
from foryou.shared.bridge import messages
from foryou.bridge.models import PendingPush

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def protected() -> set[str]:
    with store.connect() as con:
        return {r for (r,) in con.execute("SELECT resident_id FROM persons WHERE protected OR household_id IN "
                                         "(SELECT household_id FROM households WHERE protected)").fetchall()}


def test_a_batch_leaves_out_protected_registered_waiting_and_declined_residents(city, kenko):
    editor, approver = kenko
    everyone = invitations.propose("kenko-shinsa", editor).resident_ids
    assert everyone and not set(everyone) & protected()
    registered, waiting, declined = everyone[:3]
    Registration.objects.filter(pk=enrollment.issue_number(registered).pk).update(status="active")
    enrollment.issue_number(waiting)
    invitations.decline(declined, editor)

    batch = invitations.propose("kenko-shinsa", editor)

    assert set(batch.resident_ids) == set(everyone) - {registered, waiting, declined}


def test_approval_needs_a_second_person_who_approves_for_the_department(city, kenko):
    editor, approver = kenko
    batch = invitations.propose("kenko-shinsa", editor)
    with pytest.raises(invitations.InvitationRefused):
        invitations.approve(batch, editor)
    issued = invitations.approve(batch, approver)
    assert issued == len(batch.resident_ids) == Registration.objects.filter(invitation=batch).count()
    assert PendingPush.objects.filter(kind=messages.NUMBER_ISSUED).count() == issued
    with pytest.raises(invitations.InvitationRefused):
        invitations.approve(batch, approver)


def test_the_postcard_invites_instead_of_thanking_for_an_application():
    card = dict(postal_code="2608722", address="千葉市中央区千葉港1番1号", katagaki="", name="千葉 花子",
                registration_number="1234567890123452", activation_url="https://example.lg.jp/a",
                expires_on=__import__("datetime").date(2027, 3, 1))
    invited, applied = back_html(Postcard(**card, invitation=True), sender()), back_html(Postcard(**card), sender())
    assert "ご利用のご案内" in invited and "申請は不要です" in invited and "ご登録ありがとうございます" not in invited
    assert "登録番号のお知らせ" in applied


def test_an_invited_resident_activates_with_the_number_and_the_batch_counts_it(city, kenko, transport):
    editor, approver = kenko
    batch = invitations.propose("kenko-shinsa", editor)
    invitations.approve(batch, approver)
    sync(transport)
    registration = Registration.objects.filter(invitation=batch).first()
    outcome = gateway.activate(registration.number, line_user_id="U" + "1" * 32)
    assert outcome.ok
    sync(transport)
    from foryou.enrollment.funnel import funnel

    assert [s["count"] for s in funnel()["paths"]["invitation"]] == [len(batch.resident_ids), 0, 1]
    issued = len(batch.resident_ids)
    assert invitations.conversion(InvitationBatch.objects.get()) == {"issued": issued, "activated": 1,
                                                                     "rate": round(1 / issued, 3)}


def test_an_invitation_number_used_after_moving_out_does_not_work(city, kenko, transport):
    editor, approver = kenko
    batch = invitations.propose("kenko-shinsa", editor)
    invitations.approve(batch, approver)
    registration = Registration.objects.filter(invitation=batch).first()
    enrollment.stop(registration, Registration.Ending.MOVED_OUT)  # as after the import that removed them
    sync(transport)
    assert gateway.activate(registration.number, line_user_id="U" + "2" * 32).code == "wrong_number"


def test_a_form_applicant_who_was_also_invited_keeps_only_the_newest_number(city, kenko, transport):
    editor, approver = kenko
    batch = invitations.propose("kenko-shinsa", editor)
    invitations.approve(batch, approver)
    invited = Registration.objects.filter(invitation=batch).first()
    newer = enrollment.issue_number(invited.resident_id)  # the registrar accepted their application too
    invited.refresh_from_db()
    sync(transport)
    assert (invited.status, invited.ending) == ("void", "reissued")
    assert gateway.activate(invited.number, line_user_id="U" + "3" * 32).code == "wrong_number"
    assert gateway.activate(newer.number, line_user_id="U" + "3" * 32).ok
