"""Tables of program applications on the gateway. They hold a program's form (public text), sealed files
(ciphertext only, until the console has collected them) and which receipts may be corrected by which
registration (numbers as the gateway keeps them: spent numbers of active registrations). Nothing a
resident typed is kept in the clear."""

import uuid

from django.db import models
from django.utils import timezone


class CaseworkFormQuerySet(models.QuerySet):
    def current(self, program: str):
        """The form most recently pushed for a program (each application keeps the digest it answered)."""
        return self.filter(program=program).order_by("-received_at", "-id").first()


class CaseworkForm(models.Model):
    program = models.CharField(max_length=64)
    program_name = models.CharField(max_length=200)
    department = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField()
    digest = models.CharField(max_length=32)
    definition = models.JSONField()
    contact_phone = models.CharField(max_length=40, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    objects = CaseworkFormQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program", "digest"], name="one_casework_form_per_digest")]


class SealedFile(models.Model):
    """One uploaded document as a sealed stream (foryou.shared.bridge.streams); its key is inside the
    submission's sealed box. Deleted when the console reports it collected; an upload of a submission that
    was refused is deleted in the same request, and orphans by the daily purge."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    size = models.PositiveIntegerField()
    submitted = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Last, so that reading the other columns never walks a 2 MB value (SQLite keeps columns in order).
    ciphertext = models.BinaryField()


class CorrectionRequest(models.Model):
    """The console asked for a correction (不備あり): this registration may send the same program's form
    again for this receipt. Deleted when the correction is sent or the application is closed."""

    receipt = models.CharField(max_length=16, unique=True)
    program = models.CharField(max_length=64)
    number_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
