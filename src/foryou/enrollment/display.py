"""How enrollment shows registration numbers and channels to staff.

A registration number is a key to a resident's notices: pages show only its last four digits
(****-****-****-3456), the message after accepting an application included. The whole number is
only printed, on the postcard."""

from django.utils.translation import gettext_lazy as _

from foryou.shared.numbers import display

HIDDEN = "****"

CHANNELS = {"line": _("LINE"), "email": _("email")}


def masked(number: str) -> str:
    """'1234567890123456' as '****-****-****-3456'."""
    groups = display(number or "").split("-")
    return "-".join([HIDDEN] * (len(groups) - 1) + groups[-1:]) if number else ""


def channel_label(channel: str) -> str:
    return str(CHANNELS.get(channel, channel or ""))
