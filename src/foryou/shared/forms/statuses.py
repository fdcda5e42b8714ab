"""The statuses of a program application, defined once for both zones: the console's inbox and its
transitions, the gateway's messages to the resident.

    受付 received → 不備あり needs_correction (with what to fix) → received again when corrected
                  → 審査中 reviewing → 決定 granted | 却下 refused (with a reason)
"""

from django.utils.translation import gettext_lazy as _

RECEIVED = "received"
NEEDS_CORRECTION = "needs_correction"
REVIEWING = "reviewing"
GRANTED = "granted"
REFUSED = "refused"

LABELS = {
    RECEIVED: _("Received (受付)"),
    NEEDS_CORRECTION: _("Needs correction (不備あり)"),
    REVIEWING: _("Under review (審査中)"),
    GRANTED: _("Granted (決定)"),
    REFUSED: _("Refused (却下)"),
}
CHOICES = list(LABELS.items())
OPEN = (RECEIVED, NEEDS_CORRECTION, REVIEWING)
FINAL = (GRANTED, REFUSED)
# Where staff may take an application from each status. A correction comes back as RECEIVED (services).
NEXT = {
    RECEIVED: (NEEDS_CORRECTION, REVIEWING, REFUSED),
    NEEDS_CORRECTION: (REFUSED,),
    REVIEWING: (NEEDS_CORRECTION, GRANTED, REFUSED),
    GRANTED: (),
    REFUSED: (),
}
NEEDS_NOTE = (NEEDS_CORRECTION, REFUSED)  # what to fix; the reason for the refusal
IRREVERSIBLE = FINAL  # staff confirm these on a second step

# What the resident is told (LINE or email), in the resident's language.
RESIDENT_TEXT = {
    RECEIVED: _("Your application for %(program)s has been received. Receipt number: %(receipt)s."),
    NEEDS_CORRECTION: _("Your application for %(program)s (receipt number %(receipt)s) needs a correction."),
    REVIEWING: _("Your application for %(program)s (receipt number %(receipt)s) is now being reviewed."),
    GRANTED: _("Your application for %(program)s (receipt number %(receipt)s) has been granted. A decision "
               "notice will be sent to you by post."),
    REFUSED: _("Your application for %(program)s (receipt number %(receipt)s) could not be granted."),
}
# A resident under 支援措置: only that there is news, and whom to ask (no program, no note, no link).
PROTECTED_TEXT = _("There is news about your application (receipt number %(receipt)s). Please contact the city "
                   "office at the number below.")
