"""The welcome digest (notices/welcome.py): which notice is its template, and whom it was sent to."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WelcomeDigest(models.Model):
    """The one notice whose approved version is the digest's template (title, opening text, contact):
    staff write and approve it like any notice without a program; the programs' lines follow its text."""

    notice = models.OneToOneField("notices.Notice", on_delete=models.PROTECT, related_name="+")
    chosen_at = models.DateTimeField(default=timezone.now)


class WelcomeSent(models.Model):
    """A registration that has had (or needed no) digest at a stage: once after activation, once after
    tax consent."""

    class Stage(models.TextChoices):
        ACTIVATED = "activated", _("after registering")
        CONSENTED = "consented", _("after consenting to the use of tax data")

    registration = models.ForeignKey("enrollment.Registration", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=16, choices=Stage.choices)
    order = models.ForeignKey("notices.SendOrder", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "stage"], name="one_welcome_per_stage")]
