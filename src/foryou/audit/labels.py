"""What each audit action means, in words staff read (the log keeps the stable code). Actions not
listed here are shown by their code."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "accounts.login": _("Logged in"),
    "accounts.logout": _("Logged out"),
    "accounts.login_failed": _("Login refused (wrong password)"),
    "accounts.two_factor_failed": _("Two-factor code refused"),
    "accounts.locked_out": _("Account locked after failed logins"),
    "accounts.unlock": _("Account unlocked"),
    "accounts.add_staff": _("Staff account created"),
    "accounts.grant": _("Role granted"),
    "accounts.revoke": _("Role revoked"),
    "accounts.two_factor_enrolled": _("Two-factor authentication set up"),
    "accounts.two_factor_verified": _("Two-factor code accepted"),
    "accounts.two_factor_reset": _("Two-factor authentication reset"),
    "enrollment.counter_application": _("Counter application entered"),
    "enrollment.candidates_viewed": _("Registry candidates viewed"),
    "enrollment.accept": _("Application accepted"),
    "enrollment.reject": _("Application rejected"),
    "enrollment.registry_searched": _("Registry searched by hand for an application"),
    "enrollment.applicant_contacted": _("Applicant contacted"),
    "enrollment.number_issued": _("Registration number issued"),
    "enrollment.registrations_searched": _("Registrations searched"),
    "enrollment.stop": _("Registration stopped"),
    "enrollment.postcards_printed": _("Postcards printed"),
    "enrollment.postcards_downloaded": _("Postcard PDF downloaded"),
    "enrollment.postcards_mailed": _("Postcards marked as mailed"),
    "enrollment.postcard_returned": _("Postcard returned undeliverable"),
    "registrants.searched": _("Registrants searched or listed"),
    "registrants.viewed": _("Registrant's page viewed"),
    "notices.create": _("Notice created"),
    "notices.edit": _("Notice edited"),
    "notices.approve": _("Notice approved"),
    "notices.return": _("Notice returned to its author (差し戻し)"),
    "notices.schedule": _("Send scheduled"),
    "notices.start": _("Send started"),
    "notices.cancel": _("Send cancelled"),
    "programs.conditions_saved": _("Program conditions saved"),
    "rules.explain": _("Why a person qualifies viewed"),
    "residents.import": _("Resident data imported"),
    "security.activation_lockout": _("Activation attempts locked out"),
    "audit.exported": _("Audit log exported as CSV"),
    "reports.viewed": _("Report viewed, printed or exported"),
}


def label(action: str) -> str:
    return str(ACTIONS.get(action, action))
