import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NoticeQuerySet(models.QuerySet):
    def in_departments(self, departments: set[str] | None):
        """The notices of these departments (None: every department, for service administrators)."""
        return self if departments is None else self.filter(department__in=departments)


class Notice(models.Model):
    """A notice about one program. Its text lives in versions; what is sent is an approved version."""

    program_code = models.CharField(_("program"), max_length=64, db_index=True, blank=True)  # blank: broadcast
    department = models.CharField(_("department"), max_length=100)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notice")
        permissions = [("approve_notice", _("Can approve notices of their department"))]

    @property
    def latest(self) -> "NoticeVersion":
        return self.versions.order_by("-number").first()

    @property
    def sendable(self) -> "NoticeVersion | None":
        """The version that may be sent: the latest, and only once someone approved it."""
        latest = self.latest
        return latest if latest is not None and latest.approved_at is not None else None

    @property
    def automatic(self) -> bool:
        """Sent every day to whoever newly qualifies: only when the approved version says so."""
        version = self.sendable
        return bool(version is not None and version.automatic and self.program_code)


class NoticeVersionQuerySet(models.QuerySet):
    def waiting(self):
        """Latest versions submitted for approval and not yet approved (a returned one is a draft again)."""
        return (self.filter(submitted_at__isnull=False, approved_at__isnull=True)
                .exclude(notice__versions__number__gt=models.F("number")))  # replaced by a newer version

    def waiting_for(self, user, departments: set[str] | None):
        """What waits for this approver's decision: in the departments they approve (None: all), not
        written by them."""
        versions = self.waiting().exclude(created_by_id=user.pk)
        return versions if departments is None else versions.filter(notice__department__in=departments)


class NoticeVersion(models.Model):
    """One wording of a notice. Never edited: a change is a new version, which needs a new approval.
    An approver may return a submitted version to its author with a comment (差し戻し): it is a draft
    again, which its author changes (a new version) or submits again."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("body"))
    contact_department = models.CharField(_("contact department"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_hours = models.CharField(_("contact hours"), max_length=100, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)  # [[label, url], …], at most 4
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # When its author asked for approval (決裁に回す); None: a draft, not yet in any approver's inbox.
    submitted_at = models.DateTimeField(_("submitted for approval"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    return_comment = models.TextField(_("reason for returning"), blank=True)
    # The audience, chosen by the author and approved with the wording: any change is a new version.
    broadcast = models.BooleanField(_("broadcast to every registrant"), default=False)
    automatic = models.BooleanField(_("send automatically to those who newly qualify"), default=False)
    # The program's conditions the approval covers, pinned when it is approved: every send of this
    # version (and every daily trigger run) targets with these, whatever the program says later.
    conditions = models.JSONField(_("approved conditions"), null=True, blank=True)
    conditions_revision = models.ForeignKey("programs.ProgramRevision", null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+",
                                            verbose_name=_("approved conditions revision"))
    # The effect experiment approved with the wording (foryou.effect): a share of the recipients held out
    # until the measurement window ends (0: no holdout), and two or three wordings compared. The first
    # wording is the version's own; `variants` holds the others as [{"label", "title", "body"}, …].
    holdout_percent = models.PositiveSmallIntegerField(_("holdout share (%)"), default=0)
    window_days = models.PositiveSmallIntegerField(_("measurement window (days)"), default=30)
    variants = models.JSONField(_("wording variants"), default=list, blank=True)
    # The notice in other languages, approved with the Japanese (notices/translations.py):
    # {"en": {"title", "body", "contact_department", "contact_hours"}, "ja-easy": {…}}. Phone and links are shared.
    translations = models.JSONField(_("language versions"), default=dict, blank=True)

    objects = NoticeVersionQuerySet.as_manager()

    class Meta:
        ordering = ["notice", "number"]
        constraints = [models.UniqueConstraint(fields=["notice", "number"], name="one_number_per_version")]

    @property
    def is_experiment(self) -> bool:
        """Its sends assign recipients at random (foryou.effect): a holdout, or wordings compared."""
        return bool(self.holdout_percent or self.variants)

    def wordings(self) -> list[tuple[str, str, str]]:
        """(label, title, body) of each wording sent: "A" is the version's own, then its variants."""
        return [("A", self.title, self.body)] + [(v["label"], v["title"], v["body"]) for v in self.variants or []]


class SendOrderQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(status=SendOrder.Status.SCHEDULED, scheduled_for__lte=now)

    def sending(self):
        return self.filter(status=SendOrder.Status.SENDING)

    def real(self):
        """Sends to residents: test sends (to a staff member's own number) left out."""
        return self.exclude(kind=SendOrder.Kind.TEST)


class SendOrder(models.Model):
    """One sending of an approved notice version: now, at a set time, a trigger program's daily run, or
    a broadcast. At start the recipient list is frozen (SendChunk) and handed to the gateway."""

    class Kind(models.TextChoices):
        NOW = "now", _("now")
        SCHEDULED = "scheduled", _("at a set time")
        TRIGGER = "trigger", _("daily trigger run")
        BROADCAST = "broadcast", _("broadcast to every registrant")
        TEST = "test", _("test send to a staff member")
        WELCOME = "welcome", _("welcome digest")
        HOLDOUT = "holdout", _("delayed send to the holdout group")

    class Status(models.TextChoices):
        # A context of their own: "finished" alone is also a date column's label (終了日時).
        SCHEDULED = "scheduled", pgettext_lazy("send status", "scheduled")
        CANCELLED = "cancelled", pgettext_lazy("send status", "cancelled")
        SENDING = "sending", pgettext_lazy("send status", "sending")
        FINISHED = "finished", pgettext_lazy("send status", "finished")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="orders")
    version = models.ForeignKey(NoticeVersion, on_delete=models.PROTECT, related_name="orders")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    urgent = models.BooleanField(_("urgent (ignores the delivery window)"), default=False)
    tracked = models.BooleanField(_("count link clicks"), default=False)
    scheduled_for = models.DateTimeField(_("send at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    as_of = models.DateField(_("targeting date"), null=True, blank=True)
    snapshot = models.CharField(_("analysis snapshot"), max_length=100, blank=True)
    targeted = models.PositiveIntegerField(_("target persons"), default=0)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    progress = models.JSONField(_("progress"), default=dict, blank=True)  # the gateway's latest report
    # A welcome digest's programs (codes), listed one line each after the template's text (notices/welcome.py).
    digest = models.JSONField(_("programs listed"), default=list, blank=True)
    progress_at = models.DateTimeField(_("progress reported"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # A test send: the sender's own linked test device it went to (never a registration number).
    test_device = models.ForeignKey("accounts.TestDevice", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("test device"))

    # The wording variant this order carries ("": the version's own wording; foryou.effect).
    variant = models.CharField(_("wording variant"), max_length=8, blank=True)
    # The language of the content this order carries (foryou.shared.languages; "ja": the version's own), and
    # its recipients by their own language ({code: count}): those whose language differs got a fallback.
    language = models.CharField(_("language"), max_length=8, default="ja")
    languages = models.JSONField(_("recipients by language"), default=dict, blank=True)

    objects = SendOrderQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_for", "-created_at"]
        verbose_name = _("send order")


class SendChunk(models.Model):
    """The frozen recipient list of a send order, as registration numbers in numbered chunks."""

    order = models.ForeignKey(SendOrder, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    numbers = models.JSONField()

    class Meta:
        ordering = ["order", "index"]
        constraints = [models.UniqueConstraint(fields=["order", "index"], name="one_chunk_per_index")]


class EmailPreview(models.Model):
    """The HTML of an email preview, for the composer's sandboxed frame to load. A row rather than the
    session: the composer's overlapping requests each save the session and would drop each other's keys."""

    key = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_preview_per_user_and_key")]


# The welcome digest's template and who has had it: their own module.
from foryou.notices.welcome_models import WelcomeDigest, WelcomeSent  # noqa: E402,F401
