"""The design of an effect experiment as an author writes it and an approver approves it: a holdout
share, a measurement window and up to two more wordings. Offered only for a program whose file says what
take-up is (`outcome:`) and does not forbid holdouts (`holdout: false`, e.g. vaccination deadlines);
`availability` says why not otherwise, in words the composer shows."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from foryou.notices.errors import ApprovalRefused

MAX_VARIANTS = 2  # besides the version's own wording: three wordings at most
MIN_WINDOW_DAYS, MAX_WINDOW_DAYS, DEFAULT_WINDOW_DAYS = 7, 365, 30
VARIANT_LABELS = ("B", "C")


@dataclass
class Availability:
    holdout: bool  # a holdout may be chosen
    variants: bool  # wordings may be compared
    reason: str = ""  # why not, for the composer
    outcome_label: str = ""


@dataclass
class Design:
    holdout_percent: int = 0
    window_days: int = DEFAULT_WINDOW_DAYS
    variants: list[dict] = field(default_factory=list)  # [{"label", "title", "body"}]

    @property
    def is_experiment(self) -> bool:
        return bool(self.holdout_percent or self.variants)


def availability(program) -> Availability:
    if program is None:
        return Availability(False, False, _("A notice without a program has no take-up to measure."))
    from foryou.outcomes.definitions import allows_holdout, outcome_of

    outcome = outcome_of(program)
    if outcome is None:
        return Availability(False, False, _(
            "This program's file says nothing about what using it means, so its effect cannot be measured. "
            "Add an “outcome:” entry to the program file (the data set that shows take-up, e.g. allowance "
            "receipts or checkups) to offer a holdout and wording comparisons."))
    label = str(getattr(outcome, "label", "") or "")
    if not allows_holdout(program):
        from foryou.outcomes.definitions import holdout_reason

        why = holdout_reason(program)
        text = _("This program forbids holdouts (its file says “holdout: forbidden”): everyone who qualifies is "
                 "told at once. Wordings can still be compared.")
        return Availability(False, True, f"{text} {why}".strip() if why else text, label)
    return Availability(True, True, "", label)


def check(program, design: Design, *, broadcast: bool) -> None:
    """Refuse a design the program or the audience does not allow (ApprovalRefused with a code)."""
    if design.holdout_percent >= 100:
        raise ApprovalRefused("holdout_all")
    if design.holdout_percent < 0:
        raise ApprovalRefused("holdout_negative")
    if not MIN_WINDOW_DAYS <= design.window_days <= MAX_WINDOW_DAYS:
        raise ApprovalRefused("window_out_of_range", low=MIN_WINDOW_DAYS, high=MAX_WINDOW_DAYS)
    if len(design.variants) > MAX_VARIANTS:
        raise ApprovalRefused("too_many_variants")
    if not design.is_experiment:
        return
    if broadcast or program is None:
        raise ApprovalRefused("experiment_needs_program")
    allowed = availability(program)
    if not allowed.variants:
        raise ApprovalRefused("no_outcome")
    if design.holdout_percent and not allowed.holdout:
        raise ApprovalRefused("holdout_forbidden")


def expected_sizes(recipients: int, holdout_percent: int, wordings: int) -> dict:
    """The group sizes the approver is shown: about how many are held out and how many get each wording."""
    held = round(recipients * holdout_percent / 100)
    told = recipients - held
    return {"recipients": recipients, "holdout": held, "told": told, "per_wording": told // max(1, wordings)}
