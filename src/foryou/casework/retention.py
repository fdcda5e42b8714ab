"""Retention of program applications (docs/privacy.md, decision 0054): RETAIN_PROGRAM_APPLICATIONS_DAYS after
an application was decided (決定 or 却下), its documents (ciphertext and key) are deleted and what the resident
typed is blanked (the answers, and staff's notes to the resident in the application and its history). The row
keeps its receipt, program, department, status and dates, so counts, take-up events and the audit trail still
work; `purged_at` says when, for the application page. Open applications wait for staff, however old."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from foryou.casework.models import ApplicationEvent, ApplicationFile, ProgramApplication
from foryou.shared.purging import BATCH, delete_in_batches


def purge(cutoff: datetime, batch: int = BATCH, now: datetime | None = None) -> dict[str, int]:
    """Documents deleted and applications blanked, decided before `cutoff`, a batch at a time."""
    now = now or timezone.now()
    due = ProgramApplication.objects.due_for_purge(cutoff)
    files = delete_in_batches(ApplicationFile.objects.filter(application__in=due), batch)
    blanked = 0
    while True:
        ids = list(due.values_list("pk", flat=True)[:batch])
        if not ids:
            return {"program_applications": blanked, "program_application_files": files}
        with transaction.atomic():
            late = ApplicationFile.objects.filter(application_id__in=ids).delete()[1]  # none, normally
            files += late.get(ApplicationFile._meta.label, 0)
            ApplicationEvent.objects.filter(application_id__in=ids).exclude(note="").update(note="")
            blanked += ProgramApplication.objects.filter(pk__in=ids).update(answers={}, note="", purged_at=now)
