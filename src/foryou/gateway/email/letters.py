"""The service's own emails to email registrants (not notices): confirm the address, registration complete,
consent changed, a fresh consent link. In the registrant's language (the language chosen on the page for
the address confirmation), plain text, with a link to their settings page, signed with the service's contact (the office that prints the postcards) so a resident knows whom to call.

Each function returns whether the SMTP server took the message; failures are logged without the address."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from foryou.gateway import consent_links, settings_links
from foryou.shared import languages
from foryou.gateway.email import unsubscribe
from foryou.gateway.models import Subscriber

log = logging.getLogger(__name__)
RULE = "―" * 20


def contact_lines() -> list[str]:
    """Whom to call: the service's office (also what the LINE account says where it names a contact)."""
    return [_("Contact: %(department)s, %(municipality)s") % {
        "department": settings.POSTCARD_DEPARTMENT, "municipality": settings.MUNICIPALITY_NAME},
        _("Phone: %(phone)s") % {"phone": settings.POSTCARD_SENDER_PHONE}]


def _contact() -> list[str]:
    return ["", RULE, *contact_lines(), languages.service_name()]


def send_letter(kind: str, address: str, subject: str, lines: list[str]) -> bool:
    subject = _("[%(service)s] %(subject)s") % {"service": languages.service_name(), "subject": subject}
    try:
        send_mail(subject, "\n".join(lines + _contact()), None, [address])
    except (OSError, smtplib.SMTPException) as error:  # every SMTPException is an OSError; named for clarity
        log.warning("The %s email could not be sent: %s", kind, type(error).__name__)
        return False
    return True


def _consent_offer(subscriber: Subscriber) -> list[str]:
    return ["", _("Programs that depend on income"),
            _("Some programs depend on income, such as the child-rearing allowance (児童扶養手当) or reduced fees. "
              "If you agree to the use of your tax data, the city can tell you about those too. The data stays "
              "inside the city's internal network. You can agree, or withdraw later, on this page:"),
            consent_links.url_for(subscriber),
            _("The link works for %(days)s days; an older link offers to send you a new one.")
            % {"days": consent_links.MAX_AGE.days}]


def _settings_offer(subscriber: Subscriber) -> list[str]:
    return ["", _("To choose topics, how you receive notices, a break or your language, open this page:"),
            settings_links.url_for(subscriber)]


def address_confirmation(address: str, link: str, language: str = "") -> bool:
    with translation.override(languages.or_japanese(language)):
        return send_letter("address confirmation", address, _("Confirm your email address"), [
            _("Open this link within 24 hours to finish registering:"), link, "",
            _("If you did not ask for this, ignore this email: nothing is registered until the link is opened.")])


def registration_complete(subscriber: Subscriber) -> bool:
    with translation.override(languages.or_japanese(subscriber.language)):
        return send_letter("registration complete", subscriber.email, _("Your registration is complete"), [
            _("Your registration is complete. Notices from %(municipality)s about programs you can use will "
              "arrive by email at this address.") % {"municipality": settings.MUNICIPALITY_NAME},
            *_consent_offer(subscriber), *_settings_offer(subscriber), "",
            _("To stop the notices, open this page:"), unsubscribe.url_for(subscriber), "",
            _("If you did not register, contact the city at the number below.")])


def consent_changed(subscriber: Subscriber) -> bool:
    with translation.override(languages.or_japanese(subscriber.language)):
        if subscriber.tax_consent:
            text = _("Thank you. You agreed to the use of your tax data (terms version %(version)s). The city can "
                     "now also tell you about programs that depend on income.") % {"version": subscriber.consent_terms}
        else:
            text = _("You withdrew your consent to the use of your tax data. The city no longer uses it to find "
                     "programs for you; you still receive notices about programs that do not depend on income.")
        return send_letter("consent changed", subscriber.email, _("Your choice about the use of tax data"), [
            text, "", _("To change your choice, open this page:"), consent_links.url_for(subscriber), "",
            _("If you did not make this choice, contact the city at the number below.")])


def new_consent_link(subscriber: Subscriber) -> bool:
    with translation.override(languages.or_japanese(subscriber.language)):
        return send_letter("consent link", subscriber.email, _("A new link about the use of tax data"), [
            _("Here is a new link to the page about the use of your tax data:"), consent_links.url_for(subscriber),
            _("The link works for %(days)s days.") % {"days": consent_links.MAX_AGE.days}])
