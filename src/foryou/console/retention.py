"""The console's retention policy (docs/privacy.md): once a day, personal data the console no longer
needs is deleted, in batches, and the purge is audited with counts only.

- applications (name, reading, birth date, address, phone, email) RETAIN_APPLICATIONS_DAYS after staff
  accepted or rejected them; a registration keeps its number and 宛名番号, and loses only the link to
  its application (the audit log still says who decided what, and when);
- postcard PDFs (names and addresses) RETAIN_POSTCARD_PDFS_DAYS after the batch was mailed, and those of
  batches never marked as mailed once their numbers can no longer be activated (ACTIVATION_DAYS);
- bridge messages already pushed to the gateway (a rejected applicant's email address, send orders'
  registration numbers) after RETAIN_BRIDGE_MESSAGES_DAYS;
- program applications (foryou.casework.retention) RETAIN_PROGRAM_APPLICATIONS_DAYS after 決定 or 却下: their
  documents deleted, the answers and notes blanked; the row stays for counts and take-up events;
- registrants' take-up events (foryou.outcomes) RETAIN_TAKEUPS_DAYS after the day of the take-up;
- audit entries after RETAIN_AUDIT_DAYS (five years).

Departed residents leave the analysis store at import time (foryou.residents.importer.build): snapshots
are immutable, so that purge is the nightly import's, and its count is in the import's record.

The gateway purges its own tables (foryou.gateway.retention) and reports its counts over the bridge;
record_gateway_purge() audits them here, so the console shows the last purge of both zones.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from foryou.shared.purging import BATCH, delete_in_batches
from foryou.audit import services as audit
from foryou.audit.models import AuditEvent
from foryou.bridge.models import PendingPush
from foryou.casework import retention as casework
from foryou.enrollment.models import Application, PostcardBatch, Registration
from foryou.effect import services as effect
from foryou.outcomes import services as outcomes
from foryou.shared.daily import Daily

log = logging.getLogger(__name__)

CONSOLE_PURGED = "retention.purged"
GATEWAY_PURGED = "retention.gateway_purged"


@dataclass
class Periods:
    """Days kept, per data class (from the FORYOU_RETAIN_* settings unless given)."""

    applications: int = field(default_factory=lambda: settings.RETAIN_APPLICATIONS_DAYS)
    program_applications: int = field(default_factory=lambda: settings.RETAIN_PROGRAM_APPLICATIONS_DAYS)
    postcard_pdfs: int = field(default_factory=lambda: settings.RETAIN_POSTCARD_PDFS_DAYS)
    unmailed_postcard_pdfs: int = field(default_factory=lambda: settings.ACTIVATION_DAYS)
    bridge_messages: int = field(default_factory=lambda: settings.RETAIN_BRIDGE_MESSAGES_DAYS)
    takeups: int = field(default_factory=lambda: settings.RETAIN_TAKEUPS_DAYS)
    audit: int = field(default_factory=lambda: settings.RETAIN_AUDIT_DAYS)


def purge_applications(cutoff: datetime, batch: int = BATCH) -> int:
    """Decided applications reviewed before the cutoff; pending ones wait for staff, however old."""
    decided = Application.objects.exclude(status=Application.Status.PENDING).filter(reviewed_at__lt=cutoff)
    total = 0
    while True:
        ids = list(decided.values_list("pk", flat=True)[:batch])
        if not ids:
            return total
        with transaction.atomic():
            Registration.objects.filter(application_id__in=ids).update(application=None)
            total += Application.objects.filter(pk__in=ids).delete()[1].get(Application._meta.label, 0)


def purge_postcard_pdfs(mailed_before: datetime, printed_before: datetime) -> int:
    """Delete the PDF files (names and addresses) of batches mailed before `mailed_before`, or printed
    before `printed_before` and never marked as mailed; the batch stays, without its file."""
    old = PostcardBatch.objects.exclude(pdf="").filter(
        Q(status=PostcardBatch.Status.MAILED, mailed_at__lt=mailed_before)
        | Q(status=PostcardBatch.Status.PRINTED, created_at__lt=printed_before))
    removed = 0
    for batch in old.only("pk", "pdf"):
        Path(batch.pdf).unlink(missing_ok=True)
        PostcardBatch.objects.filter(pk=batch.pk).update(pdf="")
        removed += 1
    return removed


def purge(now: datetime | None = None, periods: Periods | None = None, *, actor=None,
          batch: int = BATCH) -> dict[str, int]:
    """One purge of the console's data. Returns counts per data class, as audited (retention.purged)."""
    now = now or timezone.now()
    periods = periods or Periods()

    def before(days: int) -> datetime:
        return now - timedelta(days=days)

    counts = {
        "applications": purge_applications(before(periods.applications), batch),
        **casework.purge(before(periods.program_applications), batch, now),
        "postcard_pdfs": purge_postcard_pdfs(before(periods.postcard_pdfs), before(periods.unmailed_postcard_pdfs)),
        "bridge_messages": delete_in_batches(
            PendingPush.objects.filter(pushed_at__isnull=False, pushed_at__lt=before(periods.bridge_messages)), batch),
        "takeups": outcomes.purge(timezone.localdate(now) - timedelta(days=periods.takeups), batch),
        "effect_assignments": effect.purge(before(periods.takeups), batch),
        "audit_events": delete_in_batches(AuditEvent.objects.filter(at__lt=before(periods.audit)), batch),
    }
    audit.record(CONSOLE_PURGED, actor=actor, target="zone:console", detail=counts)
    log.info("retention purge: %s", ", ".join(f"{key} {value}" for key, value in counts.items()))
    return counts


def record_gateway_purge(body) -> None:
    """The gateway's purge, as its retention.purged message reports it: audited with its counts."""
    audit.record(GATEWAY_PURGED, target="zone:gateway", detail={**body.counts, "at": body.at})


@dataclass
class LastPurge:
    zone: str
    at: datetime | None
    counts: dict[str, int]


def last_purges() -> list[LastPurge]:
    """The latest purge of each zone, from the audit log (None: not yet)."""
    found = []
    for zone, action in (("console", CONSOLE_PURGED), ("gateway", GATEWAY_PURGED)):
        event = AuditEvent.objects.filter(action=action).order_by("-at", "-id").first()
        if event is None:
            found.append(LastPurge(zone, None, {}))
            continue
        counts = {k: v for k, v in (event.detail or {}).items() if isinstance(v, int) and not isinstance(v, bool)}
        found.append(LastPurge(zone, event.at, counts))
    return found


def daily() -> Daily:
    """When the scheduler runs the purge: at start-up, then once a day after PURGE_TIME (Asia/Tokyo)."""
    return Daily(time.fromisoformat(settings.PURGE_TIME))
