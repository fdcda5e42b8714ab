"""Registrants (登録者): search by registration number, 宛名番号 or name (kanji or kana), filter by
channel, tax-data consent and status, and one page per registrant with its consent history and the
notices sent to it.

Registrars and service administrators only. Every page that shows registrants is recorded in the
audit log: who looked, for what, and which registrations were shown."""

from functools import wraps

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, TextField
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foryou.accounts import access
from foryou.accounts.middleware import forbidden
from foryou.audit import services as audit
from foryou.enrollment import registrant_lookup
from foryou.enrollment.models import Application, Registration
from foryou.enrollment.display import channel_label, masked
from foryou.residents import resident_ids
from foryou.shared.numbers import LENGTH, normalize
from foryou.notices.models import SendChunk, SendOrder
from foryou.residents import store

PAGE_SIZE = 50
MOST_BY_NAME = 200


def registrar_required(view):
    """Registrars and administrators, or staff given enrollment permissions directly: the same people
    the console lets into the rest of enrollment (foryou.accounts.middleware.AREAS)."""
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not (access.is_registrar(request.user) or request.user.has_module_perms("enrollment")):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Registration number, 宛名番号 or name"), required=False, max_length=100)
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), required=False,
                                choices=[("", gettext_lazy("All"))] + list(Application.Channel.choices))
    consent = forms.ChoiceField(label=gettext_lazy("Tax-data consent"), required=False, choices=[
        ("", gettext_lazy("All")), ("yes", gettext_lazy("Given")), ("no", gettext_lazy("Not given"))])
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False,
                               choices=[("", gettext_lazy("All"))] + list(Registration.Status.choices))

    def filtered(self):
        data = self.cleaned_data
        rows = Registration.objects.all()
        if data.get("channel"):
            rows = rows.filter(channel=data["channel"])
        if data.get("consent"):
            rows = rows.filter(tax_consent=data["consent"] == "yes")
        if data.get("status"):
            rows = rows.filter(status=data["status"])
        return rows


class Search:
    """One search: the registrations found (a queryset), how the query was read (kind: number,
    resident_id or name; empty when only filters are used), and whether a name matched too many."""

    def __init__(self, form: SearchForm):
        self.query = form.cleaned_data.get("q", "").strip()
        self.kind, self.too_many = "", False
        rows = form.filtered()
        if not self.query:
            self.rows = rows.order_by("-issued_at", "-id")
            return
        digits = normalize(self.query)
        if digits.isdigit():
            self.kind = "number" if len(digits) == LENGTH else "resident_id"
            where = Q(number=digits) if self.kind == "number" else Q(resident_id__in=resident_ids.forms(digits))
            self.rows = rows.filter(where).order_by("-issued_at", "-id")
            return
        self.kind = "name"
        ids = registrant_lookup.matching_ids(self.query, set(rows.values_list("resident_id", flat=True)))
        if len(ids) > MOST_BY_NAME:
            self.too_many = True
            ids = set(sorted(ids)[:MOST_BY_NAME])
        self.rows = rows.filter(resident_id__in=ids).order_by("resident_id", "-issued_at")


def _audit_filters(form: SearchForm) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if v and k != "q"}


@registrar_required
def registrants(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "counts": _counts(), "searched": False, "most_by_name": MOST_BY_NAME}
    if form.is_bound and form.is_valid():
        try:
            search = Search(form)
        except store.NoSnapshot as exc:
            context["error"] = _("Searching by name needs resident data: %(why)s") % {"why": exc}
            return render(request, "enrollment/registrants/list.html", context)
        page = Paginator(search.rows, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = list(page.object_list)
        names, names_error = _names(rows)
        audit.record("registrants.searched", actor=request.user,
                     target=f"query:{search.query[:80]}" if search.query else "registrants",
                     detail={"query": search.query, "read_as": search.kind, "filters": _audit_filters(form),
                             "page": page.number, "shown": [r.pk for r in rows]})
        params = request.GET.copy()
        params.pop("page", None)
        context |= {"searched": True, "search": search, "page": page, "params": params.urlencode(),
                    "rows": [_row(r, names.get(r.resident_id)) for r in rows], "names_error": names_error}
    return render(request, "enrollment/registrants/list.html", context)


def _counts() -> list[tuple[str, str, int]]:
    counts = dict(Registration.objects.order_by().values_list("status").annotate(n=Count("id")))
    return [(value, label, counts.get(value, 0)) for value, label in Registration.Status.choices]


def _names(rows) -> tuple[dict, str]:
    try:
        return registrant_lookup.people([r.resident_id for r in rows]), ""
    except store.NoSnapshot as exc:
        return {}, str(exc)


def _row(registration: Registration, person) -> dict:
    return {"r": registration, "number": masked(registration.number), "person": person,
            "channel": channel_label(registration.channel)}


def notices_sent_to(number: str, limit: int = 100) -> list[SendOrder]:
    """Send orders whose frozen recipient list holds this number (newest first). The JSON is searched
    as text, then checked, which works on SQLite and PostgreSQL alike."""
    order_ids = {chunk.order_id for chunk in SendChunk.objects.annotate(text=Cast("numbers", TextField()))
                 .filter(text__contains=f'"{number}"').only("order_id", "numbers") if number in chunk.numbers}
    orders = list(SendOrder.objects.filter(pk__in=order_ids).select_related("version")
                  .order_by("-scheduled_for")[:limit])
    for order in orders:  # not Status's labels: "finished" is also a field's name in the catalog (終了日時)
        order.status_label = _("Sending") if order.status == SendOrder.Status.SENDING else _("Completed")
    return orders


@registrar_required
def registrant(request, pk: int):
    registration = get_object_or_404(Registration.objects.select_related("application", "postcard_batch"), pk=pk)
    error = ""
    try:
        person = registrant_lookup.person(registration.resident_id)
    except store.NoSnapshot as exc:
        person, error = None, str(exc)
    audit.record("registrants.viewed", actor=request.user, target=f"registration:{registration.pk}",
                 detail={"number": registration.number, "resident_id": registration.resident_id})
    return render(request, "enrollment/registrants/detail.html", {
        "registration": registration, "number": masked(registration.number), "person": person, "error": error,
        "channel": channel_label(registration.channel),
        "consent_events": registration.consent_events.all(),
        "others": [(r, masked(r.number)) for r in
                   Registration.objects.for_resident(registration.resident_id).exclude(pk=registration.pk)],
        "sends": notices_sent_to(registration.number),
        "can_reissue": registration.status in (Registration.Status.ISSUED, Registration.Status.VOID)
        and request.user.has_perm("enrollment.change_registration"),
    })

