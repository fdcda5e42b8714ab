"""What the results page, its CSV and its PDF show of one notice's effect (one builder for all three)."""

from django.conf import settings
from django.utils.translation import gettext as _

from foryou.console import suppression
from foryou.effect import results, shown
from foryou.effect.chart import takeup_chart
from foryou.effect.models import HOLDOUT
from foryou.notices.services import program_name_of


def simulated() -> bool:
    """In the demo, take-up comes from the synthetic city's simulated reaction: every page says so."""
    return bool(getattr(settings, "DEMO", False))


def outcome_missing_text(program) -> str:
    return _("“%(program)s” has no outcome definition, so take-up cannot be measured. Add to its program file an "
             "“outcome:” entry naming the data that shows take-up, for example “outcome: {source: allowances, "
             "program: JIDO_FUYO}” or “outcome: {source: checkups, kind: [特定健診]}”.") % {
        "program": getattr(program, "name", "") or _("This program")}


def context(notice) -> dict:
    effect = results.measure(notice)
    effect.simulated = simulated()
    wordings = len([a for a in effect.sizes if a != HOLDOUT])
    dimension_labels = {"ward": _("Ward"), "age_band": _("Age band"), "channel": _("Channel (LINE or email)")}
    subgroups = []
    for key, label in dimension_labels.items():
        rows = [{"label": c.label, "n_told": c.n_told, "n_holdout": c.n_holdout,
                 "rate_told": shown.pct(c.estimate.rate_treated) if c.estimate else suppression.HIDDEN_RATE,
                 "rate_holdout": shown.pct(c.estimate.rate_control) if c.estimate else suppression.HIDDEN_RATE,
                 **shown.effect_row(c.estimate), "verdict": shown.verdict_text(c.estimate) if c.estimate else
                 _("Not shown: a count in this group is below %(n)s.") % {"n": suppression.threshold()}}
                for c in effect.cells if c.dimension == key]
        if rows:
            subgroups.append((label, rows))
    funnel = effect.funnel
    variant_rows = []
    if effect.variants is not None:
        for v in effect.variants.variants:
            small = suppression.is_small(v.size) or suppression.is_small(v.took_up)
            reach = funnel.by_wording.get(v.label, results.Funnel())
            variant_rows.append({"label": v.label, "title": effect.wording_titles.get(v.label, ""),
                                 "delivered": suppression.people(reach.delivered),
                                 "clicked": "—" if reach.clicked is None else suppression.people(reach.clicked),
                                 "people": suppression.people(v.size), "took_up": suppression.people(v.took_up),
                                 "rate": suppression.rate(v.took_up, v.size),
                                 "rate_ci": "—" if small else shown.interval(v.rate_ci, shown.pct)})
        small = {v.label for v in effect.variants.variants
                 if suppression.is_small(v.size) or suppression.is_small(v.took_up)}
        pair_rows = [{"a": p.a, "b": p.b, "difference": "—" if {p.a, p.b} & small else shown.pp(p.difference),
                      "ci": "—" if {p.a, p.b} & small else shown.interval(p.difference_ci)}
                     for p in effect.variants.pairs]
    else:
        pair_rows = []
    withheld = effect.withheld and effect.estimate.verdict != "too_small"
    estimate = None if withheld else effect.estimate
    return {
        "notice": notice, "effect": effect, "program_name": program_name_of(notice), "withheld": withheld,
        "chart_withheld": effect.chart_withheld,
        "outcome_missing": outcome_missing_text(effect.program) if effect.outcome is None else "",
        "outcome_label": effect.outcome.label if effect.outcome is not None else "",
        "chart": takeup_chart(effect.curves, wordings=wordings, simulated=effect.simulated)
        if effect.curves and not effect.chart_withheld else None,
        "groups": shown.group_rows(effect) if effect.sizes else [],
        "result": shown.effect_row(estimate),
        "verdict": shown.withheld_text() if withheld else shown.verdict_text(effect.estimate),
        "verdict_key": "too_small" if withheld else effect.estimate.verdict if effect.estimate is not None else "",
        "sentence": estimate.sentence if estimate is not None and estimate.verdict != "too_small" else "",
        "additional": shown.additional_text(effect.additional) if estimate is not None and effect.measured
        and estimate.verdict != "too_small" else "—",
        "subgroups": subgroups, "variant_rows": variant_rows, "pair_rows": pair_rows,
        "variant_sentence": effect.variants.sentence if effect.variants is not None else "",
        "funnel": [(_("Sent"), suppression.people(funnel.sent)), (_("Delivered"), suppression.people(funnel.delivered)),
                   (_("Clicked a link"), suppression.people(funnel.clicked) if funnel.clicked is not None else None),
                   (_("Took it up"), suppression.people(funnel.took_up))],
        "window_text": results.window_text(effect), "data_text": results.data_text(effect),
        "method": shown.method_text(), "simulated": effect.simulated,
        "ci": shown.ci_heading(), "ci_rate": shown.ci_heading(_("rate")),
    }
