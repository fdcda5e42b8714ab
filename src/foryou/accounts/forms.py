from django import forms
from django.utils.translation import gettext_lazy as _

from foryou.accounts.models import Department, Role


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code from your authenticator app"), max_length=12, strip=True,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                                         "autofocus": True, "pattern": "[0-9 ]*"}))

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) not in (6, 8):
            raise forms.ValidationError(_("Enter the 6 digits your authenticator app shows."))
        return code


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(label=_("Enrolment code from your administrator"), max_length=40, strip=True,
                                     widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True,
                                                                   "autocapitalize": "characters"}))


def _department_choices():
    return [("", _("— none (service-wide role) —"))] + [(d.name, d.name) for d in Department.objects.all()]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("— choose a role —"))] + Role.choices)
    department = forms.ChoiceField(label=_("Department"), required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = _department_choices()


class AddStaffForm(RoleForm):
    username = forms.CharField(label=_("User name"), max_length=150)
    display_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    password = forms.CharField(label=_("Initial password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("At least 12 characters, not a common or all-digit password."))

    field_order = ["username", "display_name", "password", "role", "department"]
