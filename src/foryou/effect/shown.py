"""The effect as pages, the CSV and the PDF show it: figures in Japanese style (12.3%, +4.1 ポイント), each
count of people through console/suppression, the verdict in plain words."""

from django.utils.translation import gettext as _

from foryou.console import suppression
from foryou.effect.chart import arm_label
from foryou.effect.models import HOLDOUT


def pct(value) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def pp(value) -> str:
    return "—" if value is None else f"{100 * value:+.1f}"


def interval(ci, fmt=pp) -> str:
    return "—" if ci is None else _("%(low)s to %(high)s") % {"low": fmt(ci[0]), "high": fmt(ci[1])}


def verdict_text(estimate) -> str:
    """The verdict in one plain line (「まだ判断できません（対象が少なすぎます）」 when too small)."""
    from foryou.outcomes.estimate import Verdict

    if estimate is None:
        return _("No holdout: the effect of the notice itself is not measured.")
    return {Verdict.TOO_SMALL: _("Cannot tell yet (the groups are too small)."),
            Verdict.NO_DETECTABLE_EFFECT: _("No effect shown yet: the difference could be chance."),
            Verdict.POSITIVE: _("The notice made more people take the program up."),
            Verdict.NEGATIVE: _("Fewer people took the program up with the notice than without it.")}[estimate.verdict]


def withheld_text() -> str:
    from foryou.console import suppression

    return _("Not shown yet: fewer than %(n)s people are in a group or took it up in a group, and the result "
             "would tell how many. Wait for more people or more days.") % {"n": suppression.threshold()}


def group_rows(effect) -> list[dict]:
    """One row per group: people, took up, take-up rate with its interval (suppressed when small)."""
    wordings = len([a for a in effect.sizes if a != HOLDOUT])
    rows = []
    for arm in [a for a in effect.sizes if a != HOLDOUT] + ([HOLDOUT] if HOLDOUT in effect.sizes else []):
        n, x = effect.sizes[arm], effect.took_up[arm]
        small = suppression.is_small(n) or suppression.is_small(x)
        rows.append({"arm": arm, "label": arm_label(arm, wordings=wordings), "people": suppression.people(n),
                     "took_up": suppression.people(x), "rate": suppression.rate(x, n),
                     "rate_ci": "—" if small or not n else interval(_wilson(x, n), pct),
                     "title": effect.wording_titles.get(arm, "")})
    return rows


def _wilson(x, n):
    from foryou.outcomes.estimate import wilson

    return wilson(x, n)


def effect_row(estimate) -> dict:
    """The difference and the uplift, with their intervals."""
    if estimate is None or estimate.difference is None:
        return {"difference": "—", "difference_ci": "—", "uplift": "—", "uplift_ci": "—"}
    return {"difference": pp(estimate.difference), "difference_ci": interval(estimate.difference_ci),
            "uplift": "—" if estimate.uplift is None else f"{100 * estimate.uplift:+.0f}%",
            "uplift_ci": interval(estimate.uplift_ci, lambda v: f"{100 * v:+.0f}%")}


def additional_text(additional) -> str:
    if additional is None:
        return "—"
    return _("%(point)s people (%(level)s interval %(low)s to %(high)s)") % {
        "point": f"{additional.point:+,.0f}", "low": f"{additional.low:+,.0f}", "high": f"{additional.high:+,.0f}",
        "level": "95%"}


def ci_heading(of: str = "") -> str:
    """「95%信頼区間」, or of something: 「率の95%信頼区間」."""
    if of:
        return _("%(level)s confidence interval of the %(what)s") % {"level": "95%", "what": of}
    return _("%(level)s confidence interval") % {"level": "95%"}


def method_text() -> str:
    """The method in two sentences, for the page, the CSV and the report."""
    return _("Before sending, the recipients were divided at random (within each ward, age band and channel) into "
             "those told now and a holdout told after the measurement window, so the two groups differ only in "
             "having been told. The difference in the share who took the program up, with its %(level)s confidence "
             "interval (Newcombe's method), is the effect of the notice.") % {"level": "95%"}
