"""Telling an applicant what the city decided about their application.

The gateway cannot read applications (they are sealed to the console's key). It knows two ways to reach
an applicant:
- the email address the console sends back with application.rejected, when the applicant gave one;
- the LINE user who sent the application from the LINE app (the LIFF page's verified ID token), kept by
  the application's ref only (LineApplicant), never in the sealed data.

On application.rejected the applicant is written to (email) and told in the chat (LINE); on a
number.issued that names the ref of an accepted application, they are told in the chat that the postcard
is on its way. The LineApplicant row is deleted as the message is queued, in the transaction that records
the bridge message, so a message applied twice (which the bridge prevents anyway) finds no row; the push's
retry key is derived from the ref, so a task run twice still sends one message. Rows of applications the
console never decides on are deleted after LineApplicant.RETENTION_DAYS (purge_line_applicants)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foryou.gateway.db import DB
from foryou.gateway.email import letters
from foryou.gateway.line import confirmations
from foryou.gateway.models import LineApplicant
from foryou.shared import languages
from foryou.shared.bridge import messages
from foryou.shared.jp.dates import japanese_date

log = logging.getLogger(__name__)
ACCEPTED, REJECTED = "accepted", "rejected"
# When the postcard should have arrived after acceptance: the application page says "usually within two
# weeks" of applying, and a postcard batch is printed and mailed within days of the decision.
POSTCARD_WITHIN = timedelta(days=14)

REASONS = {
    "not_found": gettext_lazy("We could not find you in the city's resident register with the details you gave."),
    "mismatch": gettext_lazy("The details you gave do not match the city's resident register."),
    "not_resident": gettext_lazy("The service is for residents of the city."),
    "duplicate": gettext_lazy("You have already registered, or applied more than once."),
}


def rejection_lines(reason: str) -> list[str]:
    """The email's text (in the service's language): what happened, why, and what to do."""
    why = REASONS.get(reason)
    return [_("The city could not accept your application to %(service)s.") % {"service": languages.service_name()},
            *([str(why)] if why else []), "",
            _("If you think this is a mistake, or to apply again, contact the city at the number below.")]


def send_rejection(body: messages.ApplicationRejectedBody) -> bool:
    with translation.override(languages.or_japanese(body.language)):
        return letters.send_letter("application rejected", body.email, _("About your application"),
                                   rejection_lines(body.reason))


def line_messages(decision: str, reason: str = "", *, today=None, language: str = "") -> list[dict]:
    """What the account pushes to a LINE applicant (in the language they applied in)."""
    from foryou.gateway.line import replies

    with translation.override(languages.or_japanese(language)):
        if decision == ACCEPTED:
            by = japanese_date((today or timezone.localdate()) + POSTCARD_WITHIN)
            return replies.application_accepted(languages.service_name(), by)
        return replies.application_rejected(rejection_lines(reason) + ["", *letters.contact_lines()])


def _tell_in_line(ref: str, decision: str, reason: str = "") -> bool:
    """Queue the push to the LINE applicant of this ref, if there is one, and forget them."""
    with transaction.atomic(using=DB):
        applicant = LineApplicant.objects.using(DB).select_for_update().filter(ref=ref).first()
        if applicant is None:
            return False
        applicant.delete(using=DB)
        confirmations.application_decided_later(applicant.line_user_id, ref, decision, reason,
                                                language=applicant.language)
    return True


def tell_rejected(body: messages.ApplicationRejectedBody) -> None:
    """Write to the applicant if there is an address, and tell them in LINE if they applied there."""
    told_in_line = _tell_in_line(body.ref, REJECTED, body.reason)
    if body.email:
        transaction.on_commit(lambda: send_rejection(body), using=DB)
    elif not told_in_line:
        log.info("rejected application %s: no email address or LINE user to tell the applicant", body.ref)


def tell_accepted(body: messages.NumberIssuedBody) -> None:
    """A number issued for an accepted gateway application: tell a LINE applicant the postcard is coming."""
    if body.ref:
        _tell_in_line(body.ref, ACCEPTED)


def purge_line_applicants(now=None) -> int:
    """Forget LINE applicants of applications older than the retention period (never decided, or
    decided by a console that did not say so); returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=LineApplicant.RETENTION_DAYS)
    deleted, _by_model = LineApplicant.objects.using(DB).filter(created_at__lt=cutoff).delete()
    if deleted:
        log.info("forgot %d LINE applicant(s) after %d days", deleted, LineApplicant.RETENTION_DAYS)
    return deleted
