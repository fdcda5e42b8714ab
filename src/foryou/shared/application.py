"""The application (利用申請) form: what a resident fills in on the gateway (mobile first), and counter
staff in the console on a resident's behalf. Values are checked and normalised here; `sealed_data` is the
payload that crosses the bridge sealed (application.sealed): the gateway stores nothing of it in clear."""

import re
import unicodedata

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from foryou.shared.jp.dates import NotADate, japanese_date, parse_date, wareki
from foryou.shared.jp.text import kana_name

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
MARKUP = re.compile(r"[<>{}\\]")


def short_reference(ref: str) -> str:
    """An application's reference as a resident reads it out on the phone: the first 8 characters of its
    gateway reference, upper case, in two groups (1A2B-3C4D). Staff find the application by it."""
    head = "".join(ch for ch in ref if ch.isalnum())[:8].upper()
    return f"{head[:4]}-{head[4:]}"


def clean_text(value: str, label: str, max_length: int) -> str:
    text = unicodedata.normalize("NFC", value or "").strip()
    if CONTROL.search(text):
        raise forms.ValidationError(_("%(field)s contains characters that cannot be used (control characters).")
                                    % {"field": label})
    if MARKUP.search(text):
        raise forms.ValidationError(_("%(field)s cannot contain < > { } or \\.") % {"field": label})
    if len(text) > max_length:
        raise forms.ValidationError(_("%(field)s is too long (at most %(n)s characters).") % {"field": label, "n": max_length})
    return text


class ApplicationForm(forms.Form):
    name = forms.CharField(label=_("Name (kanji)"), max_length=200, help_text=_("As in the resident register, e.g. 千葉 太郎"))
    name_kana = forms.CharField(label=_("Name (kana)"), max_length=200, help_text=_("e.g. チバ タロウ"))
    birth_date = forms.CharField(label=_("Date of birth"), max_length=40,
                                 help_text=_("e.g. 1985-04-12 or 昭和60年4月12日"))
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, help_text=_("7 digits, e.g. 260-8722"))
    address = forms.CharField(label=_("Address"), max_length=400, help_text=_("Town, block and number; building and room if any"))
    channel = forms.ChoiceField(label=_("How would you like to receive notices?"),
                                choices=[("line", _("LINE")), ("email", _("Email"))], widget=forms.RadioSelect, initial="line")
    email = forms.CharField(label=_("Email address"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=30)

    def clean_name(self):
        return clean_text(self.cleaned_data["name"], _("Name"), 60)

    def clean_name_kana(self):
        text = clean_text(self.cleaned_data["name_kana"], _("Kana"), 80)
        kana = kana_name(text)
        if not kana:
            raise forms.ValidationError(_("Write the name in katakana or hiragana, e.g. チバ タロウ."))
        return kana

    def clean_birth_date(self):
        text = clean_text(self.cleaned_data["birth_date"], _("Date of birth"), 40)
        try:
            return parse_date(text)
        except NotADate:
            raise forms.ValidationError(_("This is not a date. Write it as 1985-04-12 or 昭和60年4月12日."))

    def clean_postal_code(self):
        digits = unicodedata.normalize("NFKC", self.cleaned_data["postal_code"]).replace("-", "").replace("ー", "").strip()
        if not re.fullmatch(r"\d{7}", digits):
            raise forms.ValidationError(_("Write the 7-digit postal code, e.g. 260-8722."))
        return digits

    def clean_address(self):
        return clean_text(self.cleaned_data["address"], _("Address"), 120)

    def clean_email(self):
        email = clean_text(self.cleaned_data.get("email", ""), _("Email address"), 254)
        if email:
            forms.EmailField().clean(email)
        return email

    def clean_phone(self):
        phone = unicodedata.normalize("NFKC", self.cleaned_data.get("phone", "")).strip()
        if phone and not re.fullmatch(r"[0-9\-() ]{6,20}", phone):
            raise forms.ValidationError(_("Write the phone number with digits and hyphens, e.g. 043-245-5111."))
        return phone

    def clean(self):
        data = super().clean()
        if data.get("channel") == "email" and not data.get("email"):
            self.add_error("email", _("Enter the email address to receive notices by email."))
        if not data.get("email") and not data.get("phone") and "phone" not in self.errors and "email" not in self.errors:
            self.add_error("phone", _("Enter a phone number or an email address, so that the city can contact you."))
        return data

    def sealed_data(self, source: str) -> dict:
        data = self.cleaned_data
        return {"source": source, "name": data["name"], "name_kana": data["name_kana"],
                "birth_date": data["birth_date"].isoformat(), "postal_code": data["postal_code"],
                "address": data["address"], "phone": data["phone"], "email": data["email"], "channel": data["channel"],
                "language": translation.get_language() or settings.LANGUAGE_CODE}

    def review(self) -> list[tuple[str, str]]:
        """(label, value) of each field as it will be sent, for the resident to check before sending."""
        data = self.cleaned_data
        birth = data["birth_date"]
        channels = dict(self.fields["channel"].choices)
        return [(str(self.fields["name"].label), data["name"]),
                (str(self.fields["name_kana"].label), data["name_kana"]),
                (str(self.fields["birth_date"].label), f"{japanese_date(birth)}（{wareki(birth)}）"),
                (str(self.fields["postal_code"].label), f"〒{data['postal_code'][:3]}-{data['postal_code'][3:]}"),
                (str(self.fields["address"].label), data["address"]),
                (str(self.fields["channel"].label), str(channels[data["channel"]])),
                (str(self.fields["email"].label), data["email"] or "—"),
                (str(self.fields["phone"].label), data["phone"] or "—")]
