"""Forms of the gateway's own pages. The application form itself is shared with the console
(foryou.shared.application); the resident's web version adds the privacy notice to accept and what phones
need: input types, keyboards (inputmode), autofill (autocomplete), and ARIA links to help and errors."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from foryou.gateway.preferences import Choices, current, has_both_channels
from foryou.shared import languages, topics
from foryou.shared.application import ApplicationForm
from foryou.shared.preferences import QUIET_MAX_DAYS, ChannelChoice, latest_quiet_day, quiet
from foryou.shared.topics import Topic

# Field → widget attributes, so a phone shows the right keyboard and autofill.
PHONE_ATTRS = {
    "name": {"autocomplete": "name"},
    "name_kana": {"autocomplete": "off"},  # no autofill token for furigana; a full name would land here
    "birth_date": {"autocomplete": "bday"},
    "postal_code": {"autocomplete": "postal-code", "inputmode": "numeric"},
    "address": {"autocomplete": "address-line1"},
    "email": {"type": "email", "autocomplete": "email", "inputmode": "email", "autocapitalize": "off",
              "spellcheck": "false"},
    # inputmode numeric would hide the hyphen of 043-245-5111 on iOS: tel shows digits and symbols.
    "phone": {"type": "tel", "autocomplete": "tel", "inputmode": "tel"},
}


class DescribedFieldsMixin:
    """Each input names its help text and its errors (aria-describedby), marks itself required
    (aria-required) and invalid (aria-invalid): the ids are those _field.html gives them."""

    def describe_fields(self) -> None:
        errors = self._errors or {}
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.HiddenInput):
                continue
            auto_id = self[name].auto_id
            ids = [f"{auto_id}_helptext"] if field.help_text else []
            ids += [f"{auto_id}_error"] if name in errors else []
            attrs = field.widget.attrs
            attrs.pop("aria-describedby", None)
            attrs.pop("aria-invalid", None)
            if ids:
                attrs["aria-describedby"] = " ".join(ids)
            if name in errors:
                attrs["aria-invalid"] = "true"
            if field.required and not isinstance(field.widget, forms.RadioSelect):
                attrs["aria-required"] = "true"

    def full_clean(self):
        super().full_clean()
        self.describe_fields()


def language_field() -> forms.ChoiceField:
    """The language of pages and messages, chosen at activation and on the settings page; each named in
    its own language."""
    return forms.ChoiceField(label=_("Language"), choices=languages.offered, widget=forms.RadioSelect, required=False,
                             help_text=_("Notices, messages and these pages will be in this language where a "
                                         "translation exists; otherwise in Japanese. You can change it later."))


class LanguageMixin:
    """Activation forms: the language, preset to the page's. Left unset (in LINE, where the resident has not
    used the switcher), the LINE profile's language is taken."""

    def add_language(self, initial: str) -> None:
        self.fields["language"] = language_field()
        self.fields["language"].initial = initial if languages.is_offered(initial) else None
        if not languages.is_offered(initial):
            self.fields["language"].help_text = _("If you do not choose, the language of your LINE app is used "
                                                  "where the city offers it; otherwise Japanese.")


class WebApplicationForm(DescribedFieldsMixin, ApplicationForm):
    """The application as a resident sends it from a phone: the shared form, plus the privacy notice."""

    agree = forms.BooleanField(label=_("I have read the privacy notice and agree to it"), required=True,
                               error_messages={"required": _("Read the privacy notice and check the box to agree.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, attrs in PHONE_ATTRS.items():
            self.fields[name].widget.attrs.update(attrs)
            if "type" in attrs:
                self.fields[name].widget.input_type = attrs["type"]
        self.fields["email"].help_text = _("Needed to receive notices by email; otherwise optional")
        self.fields["phone"].help_text = _("A phone number or an email address is needed, so the city can contact you")
        self.describe_fields()


class NumberForm(LanguageMixin, DescribedFieldsMixin, forms.Form):
    number = forms.CharField(label=_("Registration number"), max_length=40,
                             help_text=_("The 16 digits on the postcard, e.g. 1234-5678-9012-3456"),
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    id_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, language: str = "ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_language(language)
        self.describe_fields()


class EmailActivationForm(LanguageMixin, DescribedFieldsMixin, forms.Form):
    number = forms.CharField(label=_("Registration number"), max_length=40,
                             help_text=_("The 16 digits on the postcard, e.g. 1234-5678-9012-3456"),
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    email = forms.EmailField(label=_("Email address"),
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "autocapitalize": "off"}))

    def __init__(self, *args, language: str = "ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_language(language)
        self.describe_fields()


class SettingsForm(DescribedFieldsMixin, forms.Form):
    """The settings page: language, the topics to receive, the channel (only for someone with both), and
    a quiet period. Topics are listed as what to RECEIVE (checked) and stored as what is turned off."""

    QUIET_NONE, QUIET_UNTIL = "none", "until"

    language = forms.ChoiceField(label=_("Language"), choices=languages.offered, widget=forms.RadioSelect)
    topics = forms.MultipleChoiceField(label=_("Topics to receive"), choices=Topic.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    channel = forms.ChoiceField(label=_("How to receive notices"), required=False, widget=forms.RadioSelect,
                                choices=[c for c in ChannelChoice.choices if c[0]])
    quiet = forms.ChoiceField(label=_("Take a break"), widget=forms.RadioSelect, required=False, choices=[
        ("none", _("Receive notices as usual")), ("until", _("No notices until the date below (urgent notices still come)"))])
    quiet_until = forms.DateField(label=_("Last day of the break"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, subscriber, today, **kwargs):
        choices = current(subscriber)
        kwargs.setdefault("initial", {
            "language": translation.get_language() if languages.is_offered(translation.get_language())
            else choices.language,
            "topics": [code for code in topics.CODES if code not in choices.topics_off],
            "channel": choices.channel or ("line" if subscriber.line_user_id else "email"),
            "quiet": self.QUIET_UNTIL if quiet(choices.quiet_until, today) else self.QUIET_NONE,
            "quiet_until": choices.quiet_until if quiet(choices.quiet_until, today) else None})
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["quiet_until"].help_text = _("At most %(days)s days ahead. Notices that come during the break "
                                                 "are not sent later.") % {"days": QUIET_MAX_DAYS}
        self.fields["quiet_until"].widget.attrs.update(min=today.isoformat(), max=latest_quiet_day(today).isoformat())
        if not has_both_channels(subscriber):
            del self.fields["channel"]
        self.describe_fields()

    def clean(self):
        data = super().clean()
        if data.get("quiet") == self.QUIET_UNTIL:
            until = data.get("quiet_until")
            if until is None:
                self.add_error("quiet_until", _("Enter the last day of the break, or choose to receive notices as usual."))
            elif until < self.today:
                self.add_error("quiet_until", _("The last day of the break cannot be in the past."))
            elif until > latest_quiet_day(self.today):
                self.add_error("quiet_until", _("A break can last at most %(days)s days. Choose an earlier date.")
                               % {"days": QUIET_MAX_DAYS})
        return data

    def choices(self) -> Choices:
        data = self.cleaned_data
        return Choices(language=data["language"],
                       topics_off=tuple(code for code in topics.CODES if code not in data.get("topics", [])),
                       channel=data.get("channel", ""),
                       quiet_until=data["quiet_until"] if data.get("quiet") == self.QUIET_UNTIL else None)

