"""The effect of a notice as files: a CSV (the page's tables, small counts suppressed as on screen), the
assignment counts per stratum (the draw's audit; counts only, small ones suppressed), and a printable
PDF report in Japanese for a manager to hand on (WeasyPrint; 和暦 dates; the method in two sentences)."""

import re
from collections import Counter

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from foryou.console import suppression
from foryou.effect import shown
from foryou.effect.models import Experiment
from foryou.notices.sending import TOKYO
from foryou.shared.jp.dates import wareki

# Inline SVG in the PDF: WeasyPrint draws the chart from these rules (the page uses effect.css).
_PDF_SVG_STYLE = ("<style>.grid{stroke:#e4e7eb}.axis{stroke:#9aa5b1}.tick{fill:#52606d;font-size:12px}"
                  ".edge{fill:none;stroke-width:2.5}.s-told{stroke:#0b6e4f}.s-holdout{stroke:#6b7785;"
                  "stroke-dasharray:6 4}.s-wording-b{stroke:#2563a8}.s-wording-c{stroke:#a15c07}"
                  ".point{fill:#fff;stroke-width:1.5}</style>")


def title(ctx) -> str:
    return _("Effect of the notice “%(title)s”") % {"title": ctx["notice"].latest.title}


def csv_rows(ctx) -> list[list]:
    effect = ctx["effect"]
    rows = [[title(ctx)], [_("Program"), ctx["program_name"]], [_("Made on"), wareki(timezone.now().astimezone(TOKYO).date())]]
    if ctx["simulated"]:
        rows.append([_("Simulation: the take-up in this demo is simulated, not real.")])
    if ctx["outcome_missing"]:
        return rows + [[ctx["outcome_missing"]]]
    rows += [[_("Take-up means"), ctx["outcome_label"]], [_("Holdout share"), f"{effect.holdout_percent}%"],
             [_("Measurement window (days)"), effect.window_days], [ctx["window_text"]], [ctx["data_text"]], []]
    rows += [[_("Group"), _("People"), _("Took it up"), _("Take-up rate"), shown.ci_heading(_("rate"))]]
    rows += [[g["label"], str(g["people"]), str(g["took_up"]), str(g["rate"]), g["rate_ci"]] for g in ctx["groups"]]
    r = ctx["result"]
    rows += [[], [_("Difference (percentage points)"), shown.ci_heading(), _("Relative uplift"), shown.ci_heading(),
                  _("Verdict"), _("Additional people who took it up")],
             [r["difference"], r["difference_ci"], r["uplift"], r["uplift_ci"], ctx["verdict"], ctx["additional"]]]
    for heading, table in ctx["subgroups"]:
        rows += [[], [heading, _("Notified"), _("Holdout"), _("Take-up (notified)"), _("Take-up (holdout)"),
                      _("Difference (percentage points)"), shown.ci_heading(), _("Verdict")]]
        rows += [[c["label"], str(c["n_told"]), str(c["n_holdout"]), c["rate_told"], c["rate_holdout"], c["difference"],
                  c["difference_ci"], c["verdict"]] for c in table]
    if ctx["variant_rows"]:
        rows += [[], [_("Wording"), _("Title"), _("People"), _("Delivered"), _("Clicked a link"), _("Took it up"),
                      _("Take-up rate"), shown.ci_heading(_("rate"))]]
        rows += [[v["label"], v["title"], str(v["people"]), str(v["delivered"]), str(v["clicked"]), str(v["took_up"]),
                  str(v["rate"]), v["rate_ci"]] for v in ctx["variant_rows"]]
        rows += [[ctx["variant_sentence"]]]
    rows += [[], [_("Reach")] + [label for label, _v in ctx["funnel"]],
             [""] + ["—" if value is None else str(value) for _l, value in ctx["funnel"]]]
    rows += [[], [ctx["method"]], [privacy_note()]]
    return rows


def privacy_note() -> str:
    return _("To protect privacy, counts of fewer than %(n)s people are shown as “%(fewer)s” and no result is "
             "shown for a group with such a count.") % {"n": suppression.threshold(), "fewer": suppression.fewer_than()}


def strata_rows(notice) -> list[list]:
    """Per experiment: its seed and design, then each stratum's count per arm (counts, never names)."""
    from foryou.effect.results import _ward_names, label_of

    names = _ward_names()
    rows = [[_("Assignments per stratum")], [privacy_note()]]
    for experiment in Experiment.objects.of_notice(notice):
        rows += [[], [_("Started"), wareki(experiment.started_on), _("Seed"), str(experiment.seed),
                      _("Holdout share"), f"{experiment.holdout_percent}%", _("Window (days)"), experiment.window_days]]
        counts = Counter(experiment.assignments.values_list("stratum", "arm"))
        arms = experiment.arms
        rows.append([_("Ward"), _("Age band"), _("Channel")] + arms)
        for stratum in sorted({s for s, _a in counts}):
            ward, band, channel = (stratum.split("|") + ["", "", ""])[:3]
            rows.append([label_of("ward", ward, names), band, channel]
                        + [str(suppression.people(counts[(stratum, a)])) for a in arms])
    return rows


def report_html(ctx) -> str:
    html = render_to_string("effect/report_pdf.html", ctx | {
        "title": title(ctx), "made_on": wareki(timezone.now().astimezone(TOKYO).date()),
        "service": settings.SERVICE_NAME, "privacy_note": privacy_note(),
        "data_through": wareki(ctx["effect"].data_through) if ctx["effect"].data_through else ""})
    return re.sub(r'(<svg class="chart-svg[^>]*>)', lambda m: m.group(1) + _PDF_SVG_STYLE, html)


def pdf(ctx) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango

    return HTML(string=report_html(ctx)).write_pdf()
