"""Telling an applicant that the city rejected their application (application.rejected from the console).

The gateway cannot read applications (they are sealed to the console's key), so the console sends back
the reason code and, when the applicant gave one, the email address to write to. An applicant who gave
no email address (a LINE applicant who left it empty) cannot be reached from here: the console tells the
registrar to phone them. The email is sent once the bridge message is recorded (after commit), so a
message applied twice — which the bridge prevents anyway — could not send it twice."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foryou.gateway.db import DB
from foryou.gateway.email import letters
from foryou.shared.bridge import messages

log = logging.getLogger(__name__)

REASONS = {
    "not_found": gettext_lazy("We could not find you in the city's resident register with the details you gave."),
    "mismatch": gettext_lazy("The details you gave do not match the city's resident register."),
    "not_resident": gettext_lazy("The service is for residents of the city."),
    "duplicate": gettext_lazy("You have already registered, or applied more than once."),
}


def rejection_lines(reason: str) -> list[str]:
    """The email's text (in the service's language): what happened, why, and what to do."""
    why = REASONS.get(reason)
    return [_("The city could not accept your application to %(service)s.") % {"service": settings.SERVICE_NAME},
            *([str(why)] if why else []), "",
            _("If you think this is a mistake, or to apply again, contact the city at the number below.")]


def send_rejection(body: messages.ApplicationRejectedBody) -> bool:
    with translation.override(settings.LANGUAGE_CODE):
        return letters.send_letter("application rejected", body.email, _("About your application"),
                             rejection_lines(body.reason))


def tell_rejected(body: messages.ApplicationRejectedBody) -> None:
    """Write to the applicant if there is an address; otherwise there is nobody the gateway can reach."""
    if not body.email:
        log.info("rejected application %s: no email address to tell the applicant", body.ref)
        return
    transaction.on_commit(lambda: send_rejection(body), using=DB)
