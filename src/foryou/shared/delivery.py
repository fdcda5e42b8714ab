"""The delivery vocabulary, defined once for both zones: a delivery's channels and statuses, and the
reason codes the dispatcher and the channels give. The gateway's models, claim SQL and records use
the values; they cross the bridge in delivery.progress; the console's statistics and labels read
them from here (the console may not import the gateway)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    LINE = "line"
    EMAIL = "email"


class Status(models.TextChoices):
    """Where a delivery stands (gateway_delivery.status)."""

    QUEUED = "queued"
    SENDING = "sending"
    ACCEPTED = "accepted"  # LINE took it
    SENT = "sent"  # the SMTP server took it
    DEFERRED = "deferred"  # held: delivery window, rate limit, channel halted
    FAILED_PERMANENT = "failed_permanent"  # will never arrive on this channel (the reason says why)
    FAILED_TEMPORARY = "failed_temporary"  # last try failed; retried after not_before
    FAILED_TECHNICAL = "failed_technical"  # gave up: retry window over, timed out
    FELL_BACK = "fell_back"  # LINE could not reach them; an email delivery took over


FINAL = (Status.ACCEPTED, Status.SENT, Status.FAILED_PERMANENT, Status.FAILED_TECHNICAL, Status.FELL_BACK)
WAITING = (Status.QUEUED, Status.DEFERRED, Status.FAILED_TEMPORARY)  # due again once not_before passes
FAILED = (Status.FAILED_PERMANENT, Status.FAILED_TECHNICAL)


class Reason(models.TextChoices):
    """Why a delivery has its status, as staff read it on a send's page."""

    # taken
    ACCEPTED = "accepted", _("LINE accepted it")
    DUPLICATE = "duplicate", _("LINE had accepted it already (same retry key)")
    SENT = "sent", _("The mail server accepted it")
    # held or rearranged, not failed
    WINDOW = "window", _("Held until the delivery window opens")
    RATE_LIMITED = "rate_limited", _("LINE's rate limit (retrying)")
    RESEND = "resend", _("Sent again without another recipient")
    OTHER_RECIPIENT_INVALID = "other_recipient_invalid", _("Another recipient of the request was invalid (sent again)")
    # LINE cannot reach them
    UNREACHABLE = "unreachable", _("LINE could not reach them")
    UNFOLLOWED = "unfollowed", _("Blocked or unfriended the LINE account")
    INVALID_RECIPIENT = "invalid_recipient", _("Not a valid LINE user")
    LINE_UNLINKED = "line_unlinked", _("LINE account no longer linked")
    # LINE stopped for every worker
    MONTHLY_LIMIT = "monthly_limit", _("LINE's monthly message limit")
    UNAUTHORIZED = "unauthorized", _("LINE refused the access token")
    FORBIDDEN = "forbidden", _("LINE refused the request")
    # LINE refused or did not answer
    INVALID_REQUEST = "invalid_request", _("LINE rejected the message")
    RETRY_WINDOW_OVER = "retry_window_over", _("Gave up: LINE did not answer within a day")
    TIMED_OUT = "timed_out", _("Gave up after a day of retries")
    SERVER_ERROR = "server_error", _("Server error (retrying)")
    NETWORK = "network", _("Network error (retrying)")
    # the registration
    STOPPED = "stopped", _("Registration stopped")
    # the registrant's settings (settings page), as they stood when the batch was claimed
    TOPIC_OFF = "topic_off", _("Turned this topic off")
    QUIET = "quiet", _("Taking a break from notices")
    CHANNEL_CHOICE = "channel_choice", _("Chose the other channel")
    NO_ADDRESS = "no_address", _("No LINE account or confirmed email")
    # email
    INVALID_ADDRESS = "invalid_address", _("Email address invalid")
    SMTP_REJECTED = "smtp_rejected", _("Mail server rejected the address")
    REFUSED = "refused", _("Mail server refused the message")
    SMTP_TEMPORARY = "smtp_temporary", _("Mail server busy (retrying)")
    SMTP_UNAVAILABLE = "smtp_unavailable", _("Mail server unreachable (retrying)")


# LINE stops for every worker (ChannelState.halted); staff see why on the send's page.
HALTING = frozenset({Reason.MONTHLY_LIMIT, Reason.UNAUTHORIZED, Reason.FORBIDDEN})
# LINE cannot reach the person: the notice goes by email once if they have a confirmed address.
FALLS_BACK = frozenset({Reason.UNREACHABLE, Reason.INVALID_RECIPIENT, Reason.MONTHLY_LIMIT, Reason.UNFOLLOWED,
                        Reason.LINE_UNLINKED})
# Reasons of deliveries that are only waiting: not counted as failures.
NOT_FAILURES = frozenset({Reason.WINDOW, Reason.RESEND, Reason.RATE_LIMITED})
HTTP_PREFIX = "http_"  # http_418: an HTTP status LINE is not documented to answer


def reason_label(code: str) -> str:
    if code in Reason.values:
        return str(Reason(code).label)
    if code.startswith(HTTP_PREFIX) and code[len(HTTP_PREFIX):].isdigit():
        return str(_("LINE answered HTTP %(status)s") % {"status": code[len(HTTP_PREFIX):]})
    return code
