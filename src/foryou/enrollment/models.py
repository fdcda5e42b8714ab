"""Console-side enrollment: applications as staff review them, and registrations (登録番号 ↔ 宛名番号).

These tables live in the internal zone. The gateway knows a registration only by its number."""

import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _same(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


class ApplicationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Application.Status.PENDING)

    def duplicates_pending(self) -> set[int]:
        """Pending applications that share name, birth date and address with another pending one (the
        same person applying twice, e.g. on LINE and then on the web), written alike up to spaces and
        full-width forms."""
        groups: dict[tuple, list[int]] = {}
        for pk, name, birth_date, address in self.pending().values_list("pk", "name", "birth_date", "address"):
            groups.setdefault((_same(name), birth_date, _same(address)), []).append(pk)
        return {pk for pks in groups.values() if len(pks) > 1 for pk in pks}


class Application(models.Model):
    """An application to use the service, decrypted in the console (or entered at the counter)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected (application)")

    class Channel(models.TextChoices):
        LINE = "line", _("LINE")
        EMAIL = "email", _("email")

    class Source(models.TextChoices):
        LINE = "line", _("from the LINE app")
        WEB = "web", _("web")
        COUNTER = "counter", _("counter")
        MYNUMBER = "mynumber", _("My Number Card")

    class RejectReason(models.TextChoices):
        NOT_FOUND = "not_found", _("no matching resident")
        MISMATCH = "mismatch", _("details do not match the registry")
        NOT_RESIDENT = "not_resident", _("not a resident of the city")
        DUPLICATE = "duplicate", _("already registered")
        PROTECTED = "protected", _("cannot be registered (handled by staff)")
        OTHER = "other", _("other")

    gateway_ref = models.CharField(_("gateway reference"), max_length=64, unique=True, null=True, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    name = models.CharField(_("name"), max_length=100)
    name_kana = models.CharField(_("name in kana"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    postal_code = models.CharField(_("postal code"), max_length=8)
    address = models.CharField(_("address"), max_length=200)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    channel = models.CharField(_("preferred channel"), max_length=8, choices=Channel.choices)
    # The language of the page the applicant applied on (foryou.shared.languages): the rejection is
    # written to them in it.
    language = models.CharField(_("language"), max_length=8, default="ja", blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    resident_id = models.CharField(_("resident id"), max_length=20, blank=True)
    reject_reason = models.CharField(_("reason"), max_length=16, choices=RejectReason.choices, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("application")


class PostcardBatch(models.Model):
    """One print run of postcards: a PDF, then mailed; cards that come back are marked on the registration."""

    class Status(models.TextChoices):
        PRINTED = "printed", _("printed")
        MAILED = "mailed", _("mailed")

    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PRINTED)
    mailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)
    cards = models.PositiveIntegerField(_("postcards"), default=0)
    pdf = models.CharField(_("PDF file"), max_length=300)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("postcard batch")


class RegistrationQuerySet(models.QuerySet):
    def waiting_for_postcard(self):
        """Issued numbers to print; a My Number Card registration waiting for its email link needs none."""
        return self.filter(status=Registration.Status.ISSUED, postcard_batch__isnull=True).exclude(
            application__source=Application.Source.MYNUMBER)

    def active(self):
        return self.filter(status=Registration.Status.ACTIVE)

    def receiving(self):
        """Active and not paused by the resident (配信停止): whom a notice is sent to."""
        return self.active().filter(paused_at__isnull=True)

    def for_resident(self, resident_id: str):
        return self.filter(resident_id=resident_id)


class Registration(models.Model):
    """A registration number issued to a resident: what lets the city message them without resident
    data ever leaving the internal zone."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("issued, waiting for activation")
        ACTIVE = "active", _("active")
        INACTIVE = "inactive", _("stopped")
        VOID = "void", _("void (re-issued or expired)")

    class Ending(models.TextChoices):
        UNFOLLOWED = "unfollowed", _("blocked or unfollowed the LINE account")
        OPTED_OUT = "opted_out", _("asked to stop (配信停止)")
        MOVED_OUT = "moved_out", _("moved out")
        DIED = "died", _("died")
        REISSUED = "reissued", _("a new number was issued")
        EXPIRED = "expired", _("not activated in time")
        STAFF = "staff", _("stopped by staff")

    number = models.CharField(_("registration number"), max_length=16, unique=True)
    resident_id = models.CharField(_("resident id"), max_length=20, db_index=True)
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="registrations")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ISSUED)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    expires_at = models.DateTimeField(_("activate by"))
    activated_at = models.DateTimeField(_("activated"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=8, blank=True)  # line / email once activated
    has_email = models.BooleanField(_("has a confirmed email"), default=False)
    tax_consent = models.BooleanField(_("consents to the use of tax data"), default=False)
    consent_terms = models.CharField(_("consent terms version"), max_length=16, blank=True)
    ended_at = models.DateTimeField(_("stopped"), null=True, blank=True)
    ending = models.CharField(_("why stopped"), max_length=16, choices=Ending.choices, blank=True)
    # The resident stopped notices (配信停止) but stays registered and may resume (配信再開) at any time.
    paused_at = models.DateTimeField(_("notices paused"), null=True, blank=True)
    # What the registrant chose on the gateway's settings page (registration.preferences; flags only):
    # targeting leaves them out of notices on topics they turned off (notices/freezing.py); the language
    # picks the version of a notice they get. preferences_at: the newest change applied (older ones lose).
    language = models.CharField(_("language"), max_length=8, default="ja")
    topics_off = models.JSONField(_("topics turned off"), default=list, blank=True)
    channel_choice = models.CharField(_("channel chosen"), max_length=8, blank=True, default="")
    quiet_until = models.DateField(_("quiet until"), null=True, blank=True)
    preferences_at = models.DateTimeField(_("preferences changed"), null=True, blank=True)
    postcard_batch = models.ForeignKey(PostcardBatch, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="registrations")
    postcard_returned_at = models.DateTimeField(_("postcard returned undeliverable"), null=True, blank=True)
    # Issued for an invitation letter (no application): activated by the number on the postcard.
    invitation = models.ForeignKey("enrollment.InvitationBatch", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="registrations")

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("registration")


class RegistrationsVersionQuerySet(models.QuerySet):
    def token(self) -> str | None:
        """The current token, or None when there is none yet (no registration changed since the table was
        made or emptied): a reader then compares the registrations themselves."""
        return self.filter(pk=1).values_list("token", flat=True).first()


class RegistrationsVersion(models.Model):
    """One row whose token database triggers replace with a random one whenever a registration is added
    or removed, or its status, tax consent, 宛名番号 or number changes (migration 0010): whatever is
    computed from the set of active registrants (the editor's live counts, programs/live.py) is kept
    until the token changes, instead of reading every registration to find out. Random, not counted
    up: a rolled-back change puts back the token the unchanged registrations had."""

    token = models.CharField(max_length=64)

    objects = RegistrationsVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("registrations version")


class ConsentEvent(models.Model):
    """Every change of a registrant's tax-data consent, as it arrived from the gateway."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="consent_events")
    given = models.BooleanField(_("given"))
    terms = models.CharField(_("terms version"), max_length=16)
    at = models.DateTimeField(_("time"))

    class Meta:
        ordering = ["at", "id"]


class AcceptOverrideQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(confirmed_at__isnull=True)

    def pending_for(self, application: Application):
        return self.pending().filter(application=application)


class AcceptOverride(models.Model):
    """A registrar's request to accept an application for a person the console did not propose (not a
    candidate, not found by their audited search), with the reason. Nothing is issued until a second
    registrar confirms it (two-person rule); the request and the confirmation are both audited."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="overrides")
    resident_id = models.CharField(_("resident id"), max_length=20)
    reason = models.CharField(_("reason"), max_length=500)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = AcceptOverrideQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("accept override")


# Invitation letters: their own module.
from foryou.enrollment.invitation_models import InvitationBatch, InvitationDecline  # noqa: E402,F401
