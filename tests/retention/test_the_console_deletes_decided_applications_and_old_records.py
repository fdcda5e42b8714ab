from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from foryou.audit.models import AuditEvent
from foryou.bridge.models import PendingPush
from foryou.console import retention
from foryou.enrollment.models import Application, PostcardBatch, Registration

pytestmark = pytest.mark.django_db


def application(status: str, reviewed_days_ago: int | None, now) -> Application:
    reviewed_at = None if reviewed_days_ago is None else now - timedelta(days=reviewed_days_ago)
    return Application.objects.create(
        source="web", name="千葉　太郎", name_kana="チバ タロウ", birth_date=date(1985, 4, 12),
        postal_code="2608722", address="千葉市中央区千葉港1番1号", phone="043-000-0000", email="taro@example.jp",
        channel="line", status=status, reviewed_at=reviewed_at)


def test_applications_are_deleted_the_set_number_of_days_after_the_decision(settings):
    settings.RETAIN_APPLICATIONS_DAYS = 90
    now = timezone.now()
    rejected = application("rejected", 91, now)
    accepted = application("accepted", 91, now)
    recent = application("rejected", 89, now)
    pending = application("pending", None, now)
    Application.objects.filter(pk=pending.pk).update(received_at=now - timedelta(days=400))
    registration = Registration.objects.create(number="1" * 16, resident_id="0000012343", application=accepted,
                                               expires_at=now)

    counts = retention.purge(now)

    assert counts["applications"] == 2
    assert set(Application.objects.values_list("pk", flat=True)) == {recent.pk, pending.pk}
    registration.refresh_from_db()
    assert (registration.number, registration.resident_id, registration.application) == ("1" * 16, "0000012343", None)


def test_postcard_pdfs_are_deleted_after_mailing_and_unmailed_ones_once_numbers_expire(settings, data_dir):
    settings.RETAIN_POSTCARD_PDFS_DAYS = 30
    settings.ACTIVATION_DAYS = 90
    now = timezone.now()

    def batch(name, status, created_days_ago, mailed_days_ago=None):
        pdf = Path(data_dir) / name
        pdf.write_bytes(b"%PDF-1.7 names and addresses")
        mailed_at = None if mailed_days_ago is None else now - timedelta(days=mailed_days_ago)
        made = PostcardBatch.objects.create(status=status, cards=1, pdf=str(pdf), mailed_at=mailed_at)
        PostcardBatch.objects.filter(pk=made.pk).update(created_at=now - timedelta(days=created_days_ago))
        return made, pdf

    mailed_long_ago, pdf1 = batch("a.pdf", "mailed", 40, 31)
    mailed_lately, pdf2 = batch("b.pdf", "mailed", 40, 29)
    never_mailed, pdf3 = batch("c.pdf", "printed", 91)
    just_printed, pdf4 = batch("d.pdf", "printed", 1)

    assert retention.purge(now)["postcard_pdfs"] == 2
    assert (pdf1.exists(), pdf2.exists(), pdf3.exists(), pdf4.exists()) == (False, True, False, True)
    assert PostcardBatch.objects.get(pk=mailed_long_ago.pk).pdf == ""
    assert PostcardBatch.objects.get(pk=never_mailed.pk).cards == 1  # the batch itself stays


def test_pushed_bridge_messages_go_after_the_period_and_unpushed_ones_stay(settings):
    settings.RETAIN_BRIDGE_MESSAGES_DAYS = 30
    now = timezone.now()
    body = {"ref": "r", "reason": "not_found", "channel": "email", "email": "taro@example.jp"}
    old = PendingPush.objects.create(kind="application.rejected", body=body, pushed_at=now - timedelta(days=31))
    unpushed = PendingPush.objects.create(kind="application.rejected", body=body,
                                          created_at=now - timedelta(days=60))
    assert retention.purge(now)["bridge_messages"] == 1
    assert list(PendingPush.objects.values_list("pk", flat=True)) == [unpushed.pk]
    assert not PendingPush.objects.filter(pk=old.pk).exists()


def test_audit_entries_are_kept_five_years_by_default_and_the_purge_is_audited_with_counts_only():
    now = timezone.now()
    old = AuditEvent.objects.create(actor_label="system", action="enrollment.accept")
    kept = AuditEvent.objects.create(actor_label="system", action="enrollment.accept")
    AuditEvent.objects.filter(pk=old.pk).update(at=now - timedelta(days=5 * 365 + 2))
    AuditEvent.objects.filter(pk=kept.pk).update(at=now - timedelta(days=5 * 365 - 2))

    counts = retention.purge(now)

    assert counts["audit_events"] == 1
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    purge = AuditEvent.objects.get(action=retention.CONSOLE_PURGED)
    assert purge.detail == counts
    assert all(isinstance(v, int) for v in purge.detail.values())
