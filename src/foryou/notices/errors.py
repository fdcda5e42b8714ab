"""Every refusal of the notices services, defined once: a code and its message. Logs read the English
(str()); the console and the `foryou notices` command show the same message translated (gettext), so
rewording one here can never leave staff reading English, and nothing matches on a message's words."""

from django.utils.translation import gettext, gettext_noop

REFUSALS = {
    "not_editor": gettext_noop("Only editors of the notice's department can do this."),
    "not_approver": gettext_noop("Only approvers of the notice's department can approve it."),
    "own_version": gettext_noop("You wrote this version, so another approver must approve it."),
    "newer_version": gettext_noop("A newer version exists; open the notice again."),
    "draft": gettext_noop("This version is a draft; its author has not asked for approval yet."),
    "not_waiting": gettext_noop("Only a version waiting for approval can be returned to its author."),
    "comment_required": gettext_noop("Write why you return it: its author reads this on the notice."),
    "not_approved": gettext_noop("The latest version is not approved yet. Ask an approver (決裁) first."),
    "broadcast_only": gettext_noop("A notice without a program can only be sent to every registrant."),
    "not_automatic": gettext_noop("A notice without a program cannot be sent automatically."),
    "not_trigger": gettext_noop("Only a trigger program's notice can be sent automatically every day."),
    "not_pinned": gettext_noop("This version was approved before approvals covered the program's conditions. "
                               "Ask an approver to approve it again."),
    "broadcast_not_approved": gettext_noop("The approved version is not a broadcast. To send it to every "
                                           "registrant, write a version for everyone and have it approved."),
    "approved_as_broadcast": gettext_noop("The approved version is a broadcast to every registrant; it cannot "
                                          "be sent to another audience without a new approval."),
    "conditions_changed_meanwhile": gettext_noop("The program's conditions changed while you were deciding. "
                                                 "Open the notice again and check them before approving."),
    "automatic_unchanged": gettext_noop("The latest version already asks for this."),
    "already_started": gettext_noop("This send has already started (or was cancelled) and can no longer be "
                                    "cancelled."),
    "cannot_test": gettext_noop("Only editors and approvers of the notice's department can send it as a test."),
    "no_test_device": gettext_noop("Choose one of your own linked test devices (link one under My test "
                                   "devices)."),
    "too_many_test_devices": gettext_noop("You have as many test devices as allowed; remove one first."),
    "test_device_bad_email": gettext_noop("Enter your work email address."),
    # The effect experiment approved with a version (foryou.effect.design).
    "holdout_all": gettext_noop("A holdout share must be below 100: at 100 nobody would be told. Choose less "
                                "(10 is usual), or 0 for no holdout."),
    "holdout_negative": gettext_noop("The holdout share cannot be below 0."),
    "window_out_of_range": gettext_noop("The measurement window must be from %(low)s to %(high)s days."),
    "too_many_variants": gettext_noop("A notice can compare at most three wordings."),
    "experiment_needs_program": gettext_noop("Only a notice about a program can have a holdout or wording "
                                             "variants: a broadcast has no take-up to measure."),
    "no_outcome": gettext_noop("The program's file does not say what taking it up means (no “outcome:”), so "
                               "no holdout or wording variants can be measured. Add an outcome to the program "
                               "file first."),
    "holdout_forbidden": gettext_noop("This program forbids holdouts (for example because of a deadline). "
                                      "Set the holdout share to 0."),
    "holdout_send_kept": gettext_noop("This is the delayed send to the holdout group: it cannot be cancelled, "
                                      "as they were held out on the promise of being told after the window."),
    "variants_are_japanese_only": gettext_noop("Wording variants (B, C) compare Japanese wordings only: a "
                                               "notice with wording variants cannot have language versions. "
                                               "Remove the variants, or the language versions."),
    "variants_after_approval": gettext_noop("This version is already approved: wording variants cannot be added "
                                            "to it. Write a new version with the variants and have it approved."),
}


class Refused(Exception):
    """A refusal with a code of REFUSALS and its parameters; str() is the English message."""

    def __init__(self, code: str, **params):
        if code not in REFUSALS:
            raise KeyError(f"unknown refusal code {code!r}: add it to foryou.notices.errors.REFUSALS")
        self.code, self.params = code, params
        super().__init__(REFUSALS[code] % params if params else REFUSALS[code])

    def localized(self) -> str:
        """The message in the active language (Japanese in the console)."""
        message = gettext(REFUSALS[self.code])
        return message % self.params if self.params else message


class ApprovalRefused(Refused):
    """Composing, submitting, approving or changing how a notice is sent was refused."""


class SendRefused(Refused):
    """Sending, test-sending or cancelling a send was refused."""
