"""Forms of the gateway's own pages (activation). The application form is shared with the console:
foryou.shared.application."""

from django import forms
from django.utils.translation import gettext_lazy as _


class NumberForm(forms.Form):
    number = forms.CharField(label=_("Registration number"), max_length=40,
                             help_text=_("The 16 digits on the postcard, e.g. 1234-5678-9012-3456"))
    id_token = forms.CharField(required=False, widget=forms.HiddenInput)


class EmailActivationForm(forms.Form):
    number = forms.CharField(label=_("Registration number"), max_length=40,
                             help_text=_("The 16 digits on the postcard, e.g. 1234-5678-9012-3456"))
    email = forms.EmailField(label=_("Email address"))
