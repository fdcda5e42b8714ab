"""Forms of the gateway's own pages. The application form itself is shared with the console
(foryou.shared.application); the resident's web version adds the privacy notice to accept and what phones
need: input types, keyboards (inputmode), autofill (autocomplete), and ARIA links to help and errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from foryou.shared.application import ApplicationForm

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


class NumberForm(DescribedFieldsMixin, forms.Form):
    number = forms.CharField(label=_("Registration number"), max_length=40,
                             help_text=_("The 16 digits on the postcard, e.g. 1234-5678-9012-3456"),
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    id_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe_fields()


class EmailActivationForm(DescribedFieldsMixin, forms.Form):
    number = forms.CharField(label=_("Registration number"), max_length=40,
                             help_text=_("The 16 digits on the postcard, e.g. 1234-5678-9012-3456"),
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    email = forms.EmailField(label=_("Email address"),
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "autocapitalize": "off"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe_fields()
