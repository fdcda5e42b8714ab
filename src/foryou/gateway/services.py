"""Writes in the gateway: receiving applications (sealed at once), activation, consent, pausing and
resuming notices (配信停止 / 配信再開), leaving.
Each change the console must know becomes an OutboundEvent in the same transaction."""

import base64
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from foryou.shared.bridge import messages
from foryou.shared.bridge.sealing import seal
from foryou.shared import languages, numbers
from foryou.gateway import number_keys, preferences
from foryou.gateway.line import confirmations
from foryou.gateway.models import ActivationAttempt, LineApplicant, OutboundEvent, Subscriber
from foryou.gateway.db import DB

# Tries per key (LINE user, email address) before a lockout of LOCKOUT; an IP address (many residents
# may share one: a mobile carrier's NAT) gets settings.ACTIVATION_FAILURES_PER_IP.
MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)


def _event(body: messages.Body) -> None:
    OutboundEvent.of(body).save(using=DB)


def submit_application(data: dict, *, line_user_id: str = "", language: str = "") -> str:
    """Seal the application with the console's public key and keep only the ciphertext. `line_user_id`
    (verified from the LIFF page's ID token) is kept beside it by ref, outside the sealed data, so the
    applicant can be told the outcome in LINE (LineApplicant)."""
    now = timezone.now()
    with transaction.atomic(using=DB):
        event = OutboundEvent.objects.using(DB).create(kind=messages.APPLICATION_SEALED, body={})
        ref = str(event.message_id)
        event.body = messages.ApplicationSealedBody(ref=ref, ciphertext=base64.b64encode(seal(data)).decode(),
                                                    received_at=now.isoformat()).to_dict()
        event.save(update_fields=["body"])
        if line_user_id:
            LineApplicant.objects.using(DB).create(ref=ref, line_user_id=line_user_id, created_at=now,
                                                   language=languages.or_japanese(language or data.get("language")))
    return ref


@dataclass(frozen=True)
class Activation:
    ok: bool
    code: str  # activated, wrong_number, expired, used, already_linked, locked, malformed
    message: str


MESSAGES = {
    "activated": _("Your registration is complete. You will receive notices from the city here."),
    "malformed": _("That is not a registration number. It has 16 digits, as printed on the postcard (1234-5678-9012-3456)."),
    "wrong_number": _("That number was not found. Check the 16 digits on the postcard and enter them again."),
    "expired": _("That number has expired. Apply again, or ask the city (contact below) for a new postcard."),
    "used": _("That number has already been used. If you did not use it yourself, contact the city."),
    "already_linked": _("This LINE account is already registered with another number. To change it, contact the city."),
    "locked": _("Too many attempts. Wait 15 minutes and try again."),
}


def _outcome(code: str) -> Activation:
    return Activation(code == "activated", code, str(MESSAGES[code]))


def _locked(keys: list[str]) -> bool:
    since = timezone.now() - WINDOW
    failures = ActivationAttempt.objects.using(DB).filter(key__in=keys, at__gte=since, succeeded=False)
    return any(failures.filter(key=k).count() >= _max_failures(k) for k in keys)


def _max_failures(key: str) -> int:
    return settings.ACTIVATION_FAILURES_PER_IP if key.startswith("ip:") else MAX_FAILURES


def activate(typed_number: str, *, line_user_id: str = "", email: str = "", ip: str = "",
             language: str = "") -> Activation:
    """Link a LINE user (or a confirmed email address) to a registration number, reading its pages and
    messages in `language` (a foryou.shared.languages code; Japanese when empty or not offered)."""
    keys = [k for k in (f"line:{line_user_id}" if line_user_id else "", f"email:{email.lower()}" if email else "",
                        f"ip:{ip}" if ip else "") if k]
    if _locked(keys):
        return _outcome("locked")
    code = _try_activate(numbers.normalize(typed_number), line_user_id, email, languages.or_japanese(language))
    ActivationAttempt.objects.using(DB).bulk_create(
        [ActivationAttempt(key=k, succeeded=code == "activated") for k in keys])
    if code != "activated" and _locked(keys):
        # Audited in the console: which kind of key was locked out, never which user or address.
        for key in keys:
            if _locked([key]):
                _event(messages.ActivationLockedBody(by=key.split(":", 1)[0], failures=_max_failures(key),
                                                     at=timezone.now().isoformat()))
    return _outcome(code)


def _try_activate(number: str, line_user_id: str, email: str, language: str) -> str:
    if not numbers.is_well_formed(number):
        return "malformed"
    with transaction.atomic(using=DB):
        # Looked up by the keyed hash (the only form an unused number is kept in), then compared in
        # constant time.
        subscriber = Subscriber.objects.using(DB).select_for_update().by_number(number).first()
        if subscriber is None or subscriber.status == Subscriber.Status.VOID:
            return "wrong_number"
        if not number_keys.matches(number, subscriber.number_hash):
            return "wrong_number"
        if subscriber.status != Subscriber.Status.ISSUED:
            return "used"
        if subscriber.expires_at < timezone.now():
            return "expired"
        if line_user_id and Subscriber.objects.using(DB).active().by_line_user(line_user_id).exists():
            return "already_linked"
        now = timezone.now()
        subscriber.status = Subscriber.Status.ACTIVE
        subscriber.activated_at = now
        subscriber.number = number  # spent now: kept as the console's name for the registration
        if line_user_id:
            # A LINE user may come back with a new number after leaving: free the old link first.
            Subscriber.objects.using(DB).by_line_user(line_user_id).exclude(pk=subscriber.pk).update(line_user_id=None)
            subscriber.line_user_id = line_user_id
        if email:
            subscriber.email, subscriber.email_confirmed_at = email, now
        subscriber.language = language
        subscriber.save()
        _event(messages.RegistrationActivatedBody(number=number, channel="line" if line_user_id else "email",
                                                  has_email=bool(email), at=now.isoformat()))
        if language != languages.JAPANESE:  # the console assumes Japanese until told otherwise
            preferences.announce(subscriber)
        return "activated"


def consent_terms(language: str) -> str:
    """The version of the consent wording a resident read: the terms' version, and the language it was
    shown in for any language but Japanese (「2026-1」, 「2026-1/en」): each language's wording is a
    version of its own (docs/decisions/0041)."""
    code = languages.or_japanese(language)
    version = settings.CONSENT_TERMS_VERSION
    return version if code == languages.JAPANESE else f"{version}/{code}"


def set_consent(subscriber: Subscriber, given: bool, *, confirm_in_line: bool = True, language: str = "") -> None:
    """Record the choice under the terms of the language the resident read them in (`language`, by default
    their own). A LINE registrant who chose on the consent page gets a confirmation in the chat
    once the change is committed (confirm_in_line=False where the chat answers it already)."""
    with transaction.atomic(using=DB):
        now = timezone.now()
        terms = consent_terms(language or subscriber.language)
        subscriber.tax_consent = given
        subscriber.consent_terms = terms
        subscriber.save(update_fields=["tax_consent", "consent_terms"])
        event = OutboundEvent.of(messages.ConsentChangedBody(number=subscriber.number, given=given,
                                                             terms=terms, at=now.isoformat()))
        event.save(using=DB)
        if confirm_in_line and subscriber.line_user_id and subscriber.line_reachable:
            confirmations.consent_changed_later(subscriber.line_user_id, given, key=str(event.message_id),
                                                language=subscriber.language)


def pause(subscriber: Subscriber) -> bool:
    """配信停止: no more notices until resume(); the registration stays active. False if nothing changed."""
    return _set_paused(subscriber, True)


def resume(subscriber: Subscriber) -> bool:
    """配信再開: notices again, with no new application or postcard. False if nothing changed."""
    return _set_paused(subscriber, False)


def _set_paused(subscriber: Subscriber, paused: bool) -> bool:
    with transaction.atomic(using=DB):
        now = timezone.now()
        value = now if paused else None
        changed = Subscriber.objects.using(DB).filter(pk=subscriber.pk, status=Subscriber.Status.ACTIVE,
                                                      paused_at__isnull=paused).update(paused_at=value)
        if changed:
            subscriber.paused_at = value
            _event(messages.RegistrationPausedBody(number=subscriber.number, paused=paused, at=now.isoformat()))
    return bool(changed)


def end(subscriber: Subscriber, ending: str) -> None:
    """End the registration (unfollow, move-out or death, or the email unsubscribe link); paused or not.
    Re-following later does not silently reactivate it."""
    if subscriber.status != Subscriber.Status.ACTIVE:
        return
    with transaction.atomic(using=DB):
        now = timezone.now()
        number = subscriber.number  # the console's name for it; not kept once the registration ends
        subscriber.status = Subscriber.Status.INACTIVE
        subscriber.ended_at, subscriber.ending, subscriber.paused_at = now, ending, None
        subscriber.save(update_fields=["status", "ended_at", "ending", "paused_at", "number"])
        _event(messages.RegistrationEndedBody(number=number, ending=ending, at=now.isoformat()))
