"""What a registrant chooses on the settings page, as both zones read it: how they are reached, and the
quiet period (しばらくお休み). Topics are foryou.shared.topics; languages foryou.shared.languages.

Channel: LINE, email or both, offered only to someone who has both (otherwise they are reached where
they are). "" means as activated: LINE when linked and reachable, else the confirmed email.

Quiet period: until a date the resident picks (at most QUIET_MAX_DAYS ahead), no notice is delivered to
them except urgent ones; it ends by itself, unlike 配信停止 (which lasts until 配信再開). Notices that
fall in it are not kept for later: a notice is about now. docs/decisions/0043."""

from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

QUIET_MAX_DAYS = 180


class ChannelChoice(models.TextChoices):
    AS_ACTIVATED = "", _("As registered")
    LINE = "line", _("LINE")
    EMAIL = "email", _("Email")
    BOTH = "both", _("LINE and email")


def quiet(quiet_until: date | None, today: date) -> bool:
    """Whether a quiet period is running on `today` (it includes its last day)."""
    return quiet_until is not None and today <= quiet_until


def latest_quiet_day(today: date) -> date:
    return today + timedelta(days=QUIET_MAX_DAYS)
