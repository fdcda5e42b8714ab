"""The notice composer's form and its previews. The form checks the wording against LINE's limits
(foryou.shared.notice.flex) and puts each problem next to the field it names; the previews show the
notice as residents will get it: the Flex bubble (drawn in the browser by the phone simulator's
renderer), its notification text, and the email (subject, plain text and HTML)."""

import hashlib
import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from foryou.accounts import access
from foryou.accounts.models import Department
from foryou.shared.notice.email import render as render_email
from foryou.shared.notice.flex import MAX_LINKS, ComposeError, compose, flex_message, plain_text
from foryou.notices import translations
from foryou.notices.models import EmailPreview
from foryou.notices.services import Wording, content_of
from foryou.programs import catalog
from foryou.programs.definition import ProgramError

LINK_ROWS = range(MAX_LINKS)
BROADCAST = "broadcast:"
PROGRAM = "program:"
EMAIL_PREVIEWS_KEPT = 8
_LINK_PATH = re.compile(r"^links\[(\d+)\]\.(label|url)$")


# -- what a user may write about ------------------------------------------------------------------

def all_programs() -> list:
    try:
        return catalog.all_programs()
    except ProgramError:  # a broken program file: the programs page says which
        return []


def editable_programs(user) -> list:
    return [p for p in all_programs() if access.can_edit(user, p.department)]


def editable_departments(user, programs) -> list[str]:
    mine = access.departments(user)
    if mine is None:  # administrators: every department there is
        mine = set(Department.objects.values_list("name", flat=True)) | {p.department for p in programs}
    return sorted(d for d in mine if access.can_edit(user, d))


def _program_option(program) -> dict:
    contact = program.contact or {}
    effect = effect_availability(program)
    return {"value": PROGRAM + program.code, "label": program.name, "program": True,
            "department": contact.get("department", ""), "phone": contact.get("phone", ""),
            "hours": contact.get("hours", ""), "summary": (program.summary or "").strip(),
            "holdout": "1" if effect.holdout else "0", "variants": "1" if effect.variants else "0",
            "effect_note": effect.reason}


def effect_availability(program):
    """Whether a holdout and wording variants are offered for this program, and why not (foryou.effect)."""
    from foryou.effect.design import availability

    return availability(program)


def target_choices(user) -> tuple[list, dict]:
    """Options grouped by department: its programs (with their contact, to fill in the form), then a
    broadcast; and the programs by option value."""
    programs = editable_programs(user)
    by_value = {PROGRAM + p.code: p for p in programs}
    groups = []
    for department in editable_departments(user, programs):
        options = [_program_option(p) for p in programs if p.department == department]
        options.append({"value": BROADCAST + department,
                        "label": _("Broadcast to every registrant (survey, announcement)")})
        groups.append((department, options))
    return groups, by_value


# -- the form -------------------------------------------------------------------------------------

class NoticeForm(forms.Form):
    target = forms.ChoiceField(label=_("Program"), required=False)
    title = forms.CharField(label=_("Title"), max_length=100)
    body = forms.CharField(label=_("Body"), widget=forms.Textarea(attrs={"rows": 7}))
    contact_department = forms.CharField(label=_("Contact: department"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("Contact: phone"), max_length=30, required=False)
    contact_hours = forms.CharField(label=_("Contact: opening hours"), max_length=100, required=False)
    # The audience is approved with the wording (決裁): the sender cannot change it afterwards.
    audience = forms.ChoiceField(label=_("To whom"), required=False, initial="program", widget=forms.RadioSelect,
                                 choices=[("program", _("Those the program's conditions find (as approved)")),
                                          ("broadcast", _("Every active registrant (broadcast)"))])
    automatic = forms.BooleanField(label=_("Send automatically every day to whoever newly qualifies (trigger "
                                           "programs)"), required=False)
    # The effect experiment, approved with the wording (foryou.effect.design).
    holdout_percent = forms.IntegerField(label=_("Holdout share (%)"), required=False, initial=0, min_value=0,
                                         max_value=99, error_messages={
                                             "max_value": _("A holdout share must be below 100: at 100 nobody would "
                                                            "be told. Choose less (10 is usual), or 0 for no holdout.")})
    window_days = forms.IntegerField(label=_("Measurement window (days)"), required=False, initial=30, min_value=7,
                                     max_value=365)
    variant_b_title = forms.CharField(label=_("Wording B: title"), max_length=100, required=False)
    variant_b_body = forms.CharField(label=_("Wording B: body"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    variant_c_title = forms.CharField(label=_("Wording C: title"), max_length=100, required=False)
    variant_c_body = forms.CharField(label=_("Wording C: body"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, user=None, fixed_program_name: str | None = None, fixed_program=None, **kwargs):
        """fixed_program_name (and fixed_program, None for a broadcast): editing an existing notice, whose
        program cannot change."""
        super().__init__(*args, **kwargs)
        self.fixed_program_name, self.fixed_program = fixed_program_name, fixed_program
        self.groups, self.programs = target_choices(user) if fixed_program_name is None else ([], {})
        self.fields["target"].choices = [("", "—")] + [
            (department, [(o["value"], o["label"]) for o in options]) for department, options in self.groups]
        self.fields["target"].required = fixed_program_name is None
        for code in translations.translatable():  # a version per offered language (Japanese is the form's own)
            name = translations.label(code)
            for key, label, field in (
                    ("title", _("%(language)s: title"), forms.CharField(max_length=100, required=False)),
                    ("body", _("%(language)s: body"), forms.CharField(required=False, widget=forms.Textarea(
                        attrs={"rows": 6, "lang": code}))),
                    ("contact_department", _("%(language)s: contact department"),
                     forms.CharField(max_length=100, required=False)),
                    ("contact_hours", _("%(language)s: opening hours"), forms.CharField(max_length=100, required=False)),
                    ("link_labels", _("%(language)s: button labels (one a line, in the buttons' order)"),
                     forms.CharField(max_length=400, required=False, widget=forms.Textarea(attrs={"rows": 2})))):
                field.label = label % {"language": name}
                field.widget.attrs["lang"] = code
                self.fields[translation_field(code, key)] = field
        for i in LINK_ROWS:
            self.fields[f"link_{i}_label"] = forms.CharField(label=_("Button label"), max_length=40, required=False)
            self.fields[f"link_{i}_url"] = forms.CharField(label=_("Address (URL)"), max_length=1000, required=False)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("autocomplete", "off")
            field.widget.attrs["aria-describedby"] = f"errors-{name}"
            if name not in ("target", "audience", "automatic", "holdout_percent", "window_days"):
                field.widget.attrs["maxlength"] = field.max_length or 5000

    def link_rows(self):
        return [(i, self[f"link_{i}_label"], self[f"link_{i}_url"]) for i in LINK_ROWS]

    def language_rows(self):
        """Each language a version may be written in: (code, its name, whether the form has text in it,
        its title, body, contact department, hours and button labels fields)."""
        rows = []
        for code in translations.translatable():
            bound = [self[translation_field(code, key)] for key in translations.FIELDS]
            rows.append((code, translations.label(code), any(str(b.value() or "").strip() for b in bound), *bound))
        return rows

    def translations(self, data=None) -> dict:
        """The language versions as typed: {code: {title, body, contact_department, contact_hours, link_labels}}."""
        if data is None:
            data = self.cleaned_data if hasattr(self, "cleaned_data") else self.data if self.is_bound else self.initial
        typed = {code: {key: str(data.get(translation_field(code, key), "") or "").strip()
                        for key in translations.FIELDS} for code in translations.translatable()}
        return {code: texts for code, texts in typed.items() if any(texts.values())}

    def program(self):
        """The program the notice is about (for its per-language labels); None for a broadcast."""
        if self.fixed_program is not None:
            return self.fixed_program
        return self.programs.get(self.data.get("target", "") or self.initial.get("target", ""))

    def variant_rows(self):
        return [(k, self[f"variant_{k}_title"], self[f"variant_{k}_body"]) for k in ("b", "c")]

    def selected_program(self):
        return self.programs.get(self.cleaned_data.get("target", ""))

    def program_name(self) -> str:
        if self.fixed_program_name is not None:
            return self.fixed_program_name
        value = self.data.get("target", "") or self.initial.get("target", "")
        program = self.programs.get(value)
        return program.name if program else settings.SERVICE_NAME

    def chosen_audience(self) -> tuple[bool, bool]:
        """(broadcast, automatic) as the author chose them for a program notice."""
        return self.cleaned_data.get("audience") == "broadcast", bool(self.cleaned_data.get("automatic"))

    def design(self):
        """The effect design as the author chose it: holdout share, window, further wordings."""
        from foryou.effect.design import DEFAULT_WINDOW_DAYS, Design

        data = self.cleaned_data
        variants = []
        for key in ("b", "c"):
            title, body = (data.get(f"variant_{key}_title") or "").strip(), (data.get(f"variant_{key}_body") or "").strip()
            if title or body:
                variants.append({"label": "BC"[len(variants)], "title": title, "body": body})
        return Design(int(data.get("holdout_percent") or 0), int(data.get("window_days") or DEFAULT_WINDOW_DAYS),
                      variants)

    def broadcast_department(self) -> str:
        value = self.cleaned_data.get("target", "")
        return value[len(BROADCAST):] if value.startswith(BROADCAST) else ""

    def wording(self, data=None) -> Wording:
        return self.wording_and_rows(data)[0]

    def wording_and_rows(self, data=None) -> tuple[Wording, list[int]]:
        """The wording as typed (cleaned data after validation, else the raw or initial data), and for each
        of its links the form row it came from (empty rows are left out)."""
        if data is None:
            data = self.cleaned_data if hasattr(self, "cleaned_data") else self.data if self.is_bound else self.initial
        value = lambda name: str(data.get(name, "") or "").strip()  # noqa: E731
        rows = [i for i in LINK_ROWS if value(f"link_{i}_label") or value(f"link_{i}_url")]
        wording = Wording(title=value("title"), body=str(data.get("body", "") or "").strip(),
                          contact_department=value("contact_department"), contact_phone=value("contact_phone"),
                          contact_hours=value("contact_hours"),
                          links=[(value(f"link_{i}_label"), value(f"link_{i}_url")) for i in rows])
        return wording, rows

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        wording, rows = self.wording_and_rows(cleaned)
        for field, message in compose_problems(self.program_name(), wording, rows):
            self.add_error(field, message)
        for field, message in variant_problems(self.program_name(), wording, rows, cleaned, complete=True):
            self.add_error(field, message)
        for field, message in language_problems(self.program(), self.program_name(), wording, self.translations(cleaned)):
            self.add_error(field, message)
        if self.translations(cleaned) and self.design().variants:
            from foryou.notices.errors import REFUSALS

            self.add_error(None, _(REFUSALS["variants_are_japanese_only"]))
        return cleaned


def translation_field(code: str, key: str) -> str:
    """The composer's field of one language version's text (tr_en_title, tr_ja_easy_body …)."""
    return f"tr_{code.replace('-', '_')}_{key}"


def language_problems(program, program_name: str, wording: Wording, typed: dict) -> list[tuple[str | None, str]]:
    """Each language version complete and within LINE's limits; each problem on its own field, naming the
    language and the limit."""
    try:
        translations.check(program, wording, translations.cleaned(typed), japanese_program_name=program_name)
    except ComposeError as exc:
        problems = []
        for p in exc.problems:
            parts = p.path.split(".")
            field = translation_field(parts[1], parts[2]) if len(parts) == 3 and parts[2] in translations.FIELDS \
                else None
            problems.append((field, p.message))
        return problems
    return []


def field_of(path: str, rows: list[int]) -> str | None:
    """The form field a compose problem names (None: about the notice as a whole)."""
    match = _LINK_PATH.match(path)
    if match:
        index = int(match.group(1))
        return f"link_{rows[index]}_{match.group(2)}" if index < len(rows) else None
    if path in ("title", "body", "contact_department", "contact_phone", "contact_hours"):
        return path
    if path in ("bubble", "text", "altText"):
        return "body"  # the whole notice is too long: the body is what to shorten
    return None


def compose_problems(program_name: str, wording: Wording, rows: list[int]) -> list[tuple[str | None, str]]:
    try:
        compose(content_of(program_name, wording))
    except ComposeError as exc:
        return [(field_of(p.path, rows), p.message) for p in exc.problems]
    return []


def variant_problems(program_name: str, wording: Wording, rows: list[int], data, *,
                     complete: bool = False) -> list[tuple[str | None, str]]:
    """A further wording (B, C) within LINE's limits as the first, each problem on its own field; with
    `complete` (saving) a title without a body or the reverse is a problem too (the preview, while the
    author types, does not tell that off)."""
    problems = []
    for key in ("b", "c"):
        title = str(data.get(f"variant_{key}_title", "") or "").strip()
        body = str(data.get(f"variant_{key}_body", "") or "").strip()
        if complete and bool(title) != bool(body):
            problems.append((f"variant_{key}_body" if title else f"variant_{key}_title",
                             _("A further wording needs both a title and a body (or leave both empty).")))
        elif title or body:
            variant = Wording(**{**wording.__dict__, "title": title or wording.title, "body": body or wording.body})
            problems += [(f"variant_{key}_{field}" if field in ("title", "body") else None, message)
                         for field, message in compose_problems(program_name, variant, rows)]
    return problems


def initial_for(program=None, version=None) -> dict:
    """Fields filled from an earlier version, or from the program's contact and summary."""
    if version is not None:
        initial = {"title": version.title, "body": version.body, "contact_department": version.contact_department,
                   "contact_phone": version.contact_phone, "contact_hours": version.contact_hours,
                   "audience": "broadcast" if version.broadcast else "program", "automatic": version.automatic,
                   "holdout_percent": version.holdout_percent, "window_days": version.window_days}
        for variant in version.variants or []:
            key = variant["label"].lower()
            initial[f"variant_{key}_title"], initial[f"variant_{key}_body"] = variant["title"], variant["body"]
        for i, (label, url) in enumerate(version.links[:MAX_LINKS]):
            initial[f"link_{i}_label"], initial[f"link_{i}_url"] = label, url
        for code, texts in (version.translations or {}).items():
            for key in translations.FIELDS:
                initial[translation_field(code, key)] = texts.get(key, "")
        return initial
    if program is None:
        return {}
    contact = program.contact or {}
    initial = {"target": PROGRAM + program.code, "body": (program.summary or "").strip(),
               "contact_department": contact.get("department", program.department),
               "contact_phone": contact.get("phone", ""), "contact_hours": contact.get("hours", "")}
    for i, link in enumerate((program.links or [])[:MAX_LINKS]):
        if isinstance(link, dict):
            initial[f"link_{i}_label"], initial[f"link_{i}_url"] = link.get("label", ""), link.get("url", "")
    return initial


# -- previews -------------------------------------------------------------------------------------

@dataclass
class Previews:
    flex: dict  # the Flex message (type, altText, contents)
    alt_text: str
    text: str  # the plain-text rendering (LINE's text fallback)
    subject: str
    email_text: str
    email_html: str
    email_html_url: str = ""
    language: str = "ja"  # the language version shown
    reader: str = "ja"  # whose view: a reader of this language (who may get a fallback)

    @property
    def language_name(self) -> str:
        from foryou.shared import languages

        return languages.NAMES.get(self.language, self.language)


def example_unsubscribe_url() -> str:
    path = reverse("gateway_email_unsubscribe", urlconf="foryou.gateway.urls", args=["example"])
    return settings.GATEWAY_PUBLIC_URL.rstrip("/") + path


def previews(program_name: str, wording, language: str = "") -> Previews:
    """Both renderings, drawn even when a limit is exceeded (the problems are shown beside them); in a
    language version, its fixed labels and the email's footer in that language too."""
    content = content_of(program_name, wording, language=language)
    message = flex_message(content)
    email = render_email(content, example_unsubscribe_url(), language=language)
    return Previews(flex=message, alt_text=message["altText"], text=plain_text(content), subject=email.subject,
                    email_text=email.text, email_html=email.html)


def keep_email_html(request, html: str) -> str:
    """Keep a preview's HTML (the last few per user) for the sandboxed frame to load; returns its key."""
    key = hashlib.sha256(html.encode()).hexdigest()[:20]
    EmailPreview.objects.update_or_create(user=request.user, key=key,
                                          defaults={"html": html, "created_at": timezone.now()})
    stale = EmailPreview.objects.filter(user=request.user).order_by("-created_at")[EMAIL_PREVIEWS_KEPT:]
    EmailPreview.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()
    return key
