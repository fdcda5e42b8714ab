"""Applying the gateway's events in the console."""

import base64
from datetime import date, datetime

from foryou.audit import services as audit
from foryou.shared.bridge import messages
from foryou.shared.bridge.sealing import CannotOpen, open_sealed
from foryou.enrollment.models import Application, ConsentEvent, Registration


def apply_event(kind: str, body: messages.Body) -> None:
    body = messages.parse_body(kind, body)
    if isinstance(body, messages.ApplicationSealedBody):
        _application(body)
    elif isinstance(body, messages.RegistrationActivatedBody):
        Registration.objects.filter(number=body.number, status=Registration.Status.ISSUED).update(
            status=Registration.Status.ACTIVE, activated_at=datetime.fromisoformat(body.at),
            channel=body.channel, has_email=bool(body.has_email))
    elif isinstance(body, messages.ConsentChangedBody):
        registration = Registration.objects.filter(number=body.number).first()
        if registration is not None:
            at = datetime.fromisoformat(body.at)
            ConsentEvent.objects.create(registration=registration, given=bool(body.given), terms=body.terms, at=at)
            registration.tax_consent = bool(body.given)
            registration.consent_terms = body.terms
            registration.save(update_fields=["tax_consent", "consent_terms"])
    elif isinstance(body, messages.ActivationLockedBody):
        audit.record("security.activation_lockout", target=f"gateway:{body.by}",
                     detail={"failures": body.failures, "at": body.at})
    elif isinstance(body, messages.DeliveryProgressBody):
        from foryou.notices.sending import apply_progress

        apply_progress(body)
    elif isinstance(body, messages.RegistrationPausedBody):
        Registration.objects.filter(number=body.number, status=Registration.Status.ACTIVE).update(
            paused_at=datetime.fromisoformat(body.at) if body.paused else None)
    elif isinstance(body, messages.RegistrationPreferencesBody):
        from foryou.enrollment.preferences import apply_preferences

        apply_preferences(body)
    elif isinstance(body, messages.RegistrationEndedBody):
        Registration.objects.filter(number=body.number).exclude(status=Registration.Status.VOID).update(
            status=Registration.Status.INACTIVE, ended_at=datetime.fromisoformat(body.at), ending=body.ending)
    elif isinstance(body, messages.TestDeviceLinkedBody):
        from foryou.accounts.test_devices import apply_linked

        apply_linked(body)
    elif isinstance(body, messages.IdentitySealedBody):
        from foryou.enrollment.card_verification import apply_sealed_identity

        apply_sealed_identity(body)
    elif isinstance(body, messages.CaseworkSubmittedBody):
        from foryou.casework.receiving import apply_submitted

        apply_submitted(body)
    elif isinstance(body, messages.InvitationDeclinedBody):
        from foryou.enrollment.invitations import declined_on_gateway

        declined_on_gateway(body)
    elif isinstance(body, messages.RetentionPurgedBody):
        from foryou.console.retention import record_gateway_purge

        record_gateway_purge(body)


def _application(body: messages.ApplicationSealedBody) -> None:
    """A sealed application, opened. One that cannot be opened (or whose ciphertext is not base64) raises
    CannotOpen: the bridge quarantines the event, ciphertext and all, so it can be retried once the
    console's key is put right, instead of the application being lost."""
    try:
        ciphertext = base64.b64decode(body.ciphertext)
    except (TypeError, ValueError):
        raise CannotOpen("the sealed application is not base64") from None
    data = open_sealed(ciphertext)
    Application.objects.get_or_create(
        gateway_ref=body.ref,
        defaults={
            "received_at": datetime.fromisoformat(body.received_at),
            "source": data.get("source", Application.Source.WEB),
            "name": data["name"], "name_kana": data["name_kana"],
            "birth_date": date.fromisoformat(data["birth_date"]),
            "postal_code": data["postal_code"], "address": data["address"],
            "phone": data.get("phone", ""), "email": data.get("email", ""),
            "channel": data.get("channel", Application.Channel.LINE),
            "language": str(data.get("language") or "ja")[:8],
        },
    )
