"""The console's retention page (administrators): the last retention purge of each zone with its counts,
the departed residents the last import let go, and the periods this console keeps data for. Counts
only: nothing here names a person (docs/privacy.md)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from foryou.accounts import access
from foryou.accounts.middleware import forbidden
from foryou.console.retention import last_purges
from foryou.residents.models import ImportRun

ZONES = {"console": _("Console (internal zone)"), "gateway": _("Gateway (internet zone)")}
COUNTS = {
    "applications": _("Decided applications deleted"),
    "program_applications": _("Decided program applications: answers and notes blanked"),
    "program_application_files": _("Documents of decided program applications deleted"),
    "postcard_pdfs": _("Postcard PDFs deleted"),
    "bridge_messages": _("Pushed bridge messages deleted"),
    "takeups": _("Take-up events deleted"),
    "audit_events": _("Audit entries deleted"),
    "delivery_orders": _("Finished send orders deleted"),
    "deliveries": _("Deliveries deleted"),
    "delivery_batches": _("Delivery batches deleted"),
    "activation_attempts": _("Activation attempts deleted"),
    "webhook_events": _("Handled LINE webhook events deleted"),
    "task_results": _("Finished worker tasks deleted"),
    "subscribers_blanked": _("Ended registrations: LINE ID and email address blanked"),
    "card_verifications": _("My Number Card verifications abandoned or never answered deleted"),
}


def periods() -> list[tuple[str, int]]:
    """What this console keeps, and for how many days (the gateway's periods are set on the gateway)."""
    return [
        (_("Departed residents carried forward in the analysis store (from departure)"),
         settings.RETAIN_DEPARTED_RESIDENTS_DAYS),
        (_("Applications, after acceptance or rejection"), settings.RETAIN_APPLICATIONS_DAYS),
        (_("Program applications' answers and documents, after 決定 or 却下"),
         settings.RETAIN_PROGRAM_APPLICATIONS_DAYS),
        (_("Postcard PDFs, after mailing"), settings.RETAIN_POSTCARD_PDFS_DAYS),
        (_("Postcard PDFs never marked as mailed, after printing"), settings.ACTIVATION_DAYS),
        (_("Bridge messages, after pushing to the gateway"), settings.RETAIN_BRIDGE_MESSAGES_DAYS),
        (_("Registrants' take-up events (for measuring effect), from the day of the take-up"),
         settings.RETAIN_TAKEUPS_DAYS),
        (_("Audit entries"), settings.RETAIN_AUDIT_DAYS),
    ]


@login_required
def retention(request):
    if not access.is_admin(request.user):
        return forbidden(request)
    purges = [{"zone": ZONES[p.zone], "at": p.at,
               "counts": [(str(COUNTS.get(key, key)), value) for key, value in p.counts.items()]}
              for p in last_purges()]
    last_import = ImportRun.objects.filter(status=ImportRun.Status.APPLIED).order_by("-started_at").first()
    return render(request, "foryou/retention.html", {
        "purges": purges, "periods": periods(), "last_import": last_import,
        "departed_dropped": (last_import.counts or {}).get("departed_dropped") if last_import else None})
