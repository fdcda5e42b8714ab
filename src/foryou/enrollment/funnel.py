"""The registration funnel: how many applicants reach each step, how long each step takes (median days),
and how many drop out, for each way in — the form (application → verified by the registrar → postcard
mailed → activated), the My Number Card (verified with the card → activated) and invitation letters
(approved → postcard mailed → activated) — by channel and by month of application (or invitation). Counts only; computed from applications and registrations (applications are
purged FORYOU_RETAIN_APPLICATIONS_DAYS after the decision, so older months thin out)."""

import statistics
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from foryou.enrollment.models import Application, Registration

FORM, MYNUMBER, INVITATION = "form", "mynumber", "invitation"
STEPS = {
    FORM: [("applied", _("Applied")), ("verified", _("Verified by the registrar")),
           ("mailed", _("Postcard mailed")), ("activated", _("Activated"))],
    MYNUMBER: [("applied", _("Verified with the My Number Card")), ("activated", _("Activated"))],
    INVITATION: [("applied", _("Invitation approved")), ("mailed", _("Postcard mailed")), ("activated", _("Activated"))],
}
PATH_LABELS = {FORM: _("Application form and postcard"), MYNUMBER: _("My Number Card"),
               INVITATION: _("Invitation letter")}
PATHS = (FORM, MYNUMBER, INVITATION)


@dataclass
class Journey:
    path: str
    channel: str
    month: str  # YYYY-MM of the application
    at: dict  # step → datetime reached (missing: not reached)


def journeys() -> list[Journey]:
    registrations = {}
    for r in Registration.objects.filter(application__isnull=False).select_related("postcard_batch").order_by("issued_at"):
        registrations.setdefault(r.application_id, r)  # the first number answering the application
    out = []
    for app in Application.objects.all():
        path = MYNUMBER if app.source == Application.Source.MYNUMBER else FORM
        at = {"applied": app.received_at}
        registration = registrations.get(app.pk)
        if app.status == Application.Status.ACCEPTED and app.reviewed_at and path == FORM:
            at["verified"] = app.reviewed_at
        if registration is not None:
            batch = registration.postcard_batch
            if path == FORM and batch is not None and batch.mailed_at:
                at["mailed"] = batch.mailed_at
            if registration.activated_at:
                at["activated"] = registration.activated_at
        out.append(Journey(path, app.channel, f"{app.received_at:%Y-%m}", at))
    for r in Registration.objects.filter(invitation__isnull=False).select_related("postcard_batch"):
        at = {"applied": r.issued_at}
        if r.postcard_batch is not None and r.postcard_batch.mailed_at:
            at["mailed"] = r.postcard_batch.mailed_at
        if r.activated_at:
            at["activated"] = r.activated_at
        out.append(Journey(INVITATION, r.channel or "", f"{r.issued_at:%Y-%m}", at))
    return out


def _median_days(pairs) -> float | None:
    days = [(b - a).total_seconds() / 86400 for a, b in pairs]
    return round(statistics.median(days), 1) if days else None


def summarize(items: list[Journey], path: str) -> list[dict]:
    """Each step: how many reached it, the median days from the step before, how many stopped before it."""
    steps, rows, previous = STEPS[path], [], None
    for key, label in steps:
        reached = [j for j in items if key in j.at]
        row = {"step": key, "label": str(label), "count": len(reached)}
        if previous is not None:
            row["median_days"] = _median_days((j.at[previous], j.at[key]) for j in reached if previous in j.at)
            row["dropped"] = rows[-1]["count"] - len(reached)
        rows.append(row)
        previous = key
    return rows


def funnel() -> dict:
    """For `foryou stats --json` and the dashboard."""
    items = journeys()
    result = {"paths": {}, "by_channel": {}, "by_month": []}
    for path in PATHS:
        of_path = [j for j in items if j.path == path]
        result["paths"][path] = summarize(of_path, path)
        result["by_channel"][path] = {channel: summarize([j for j in of_path if j.channel == channel], path)
                                      for channel in sorted({j.channel for j in of_path})}
    for month in sorted({j.month for j in items}):
        of_month = [j for j in items if j.month == month]
        result["by_month"].append({"month": month, **{
            f"{path}_{key}": sum(1 for j in of_month if j.path == path and key in j.at)
            for path in PATHS for key in ("applied", "activated")}})
    return result
