"""The bridge's message kinds, which way each travels, and the fields without which a body is refused
(see foryou.shared.bridge.messages for the rules of the message set)."""


VERSION = 1

NUMBER_ISSUED = "number.issued"  # {number, expires_at, ref}: ref only for an accepted gateway application
NUMBER_VOIDED = "number.voided"  # {number, reason}
REGISTRATION_STOPPED = "registration.stopped"  # {number, ending}: moved out, died, stopped by staff
APPLICATION_SEALED = "application.sealed"  # {ref, ciphertext (base64), received_at}
REGISTRATION_ACTIVATED = "registration.activated"  # {number, channel, has_email, at}
CONSENT_CHANGED = "consent.changed"  # {number, given, terms, at}
REGISTRATION_ENDED = "registration.ended"  # {number, ending, at}
# 配信停止 without leaving (paused: true) and 配信再開 (paused: false); the registration stays active.
REGISTRATION_PAUSED = "registration.paused"  # {number, paused, at}
# What the registrant chose on the settings page (flags only, never personal data): the newest `at` wins.
# A resident asked, on the gateway's page, not to be invited again (the number of their invitation postcard).
INVITATION_DECLINED = "invitation.declined"  # {number, at}
REGISTRATION_PREFERENCES = "registration.preferences"  # {number, language, topics_off, channel, quiet_until, at}
ACTIVATION_LOCKED = "activation.locked"  # {by: line|email|ip, failures, at}: no identifier crosses
# A send order: the notice's public text and how many recipients follow in numbered chunks.
SEND_ORDER = "send.order"  # {order_id, notice_ref, kind, content, urgent, tracked, total, chunks}
SEND_RECIPIENTS = "send.recipients"  # {order_id, index, numbers}
# Counts by status and reason (a snapshot: the newest `at` wins), and whether every delivery is final.
DELIVERY_PROGRESS = "delivery.progress"  # {order_id, counts, reasons, not_deliverable, expected, clicks, finished, at}
# An application staff rejected, for the gateway to tell the applicant: the application's reference
# (the ref of its application.sealed), the reason code, the channel asked for and, when the applicant
# gave one, the email address to write to (the gateway knows email addresses; nothing else crosses).
APPLICATION_REJECTED = "application.rejected"  # {ref, reason, channel, email}
# The gateway's daily retention purge: how many rows of each data class it deleted or blanked (counts only).
RETENTION_PURGED = "retention.purged"  # {counts, at}
# Test devices (a staff member's own phone or work mailbox for test sends). The console pushes a link
# request: for LINE the SHA-256 of a one-time code the console shows its staff member (who types
# 「テスト 123456」 in the chat), for email the staff member's work address (the gateway mails a link);
# the gateway reports only which device_ref was linked: no LINE user ID or address crosses back.
TEST_DEVICE_CODE = "test_device.code"  # {device_ref, channel, code_hash, email, expires_at}
TEST_DEVICE_REMOVED = "test_device.removed"  # {device_ref}: the gateway forgets the device
TEST_DEVICE_LINKED = "test_device.linked"  # {device_ref, channel, at}
# My Number Card verification (デジタル認証アプリ): the card's 基本4情報 sealed to the console's key at once
# (the gateway cannot read them), named by the flow's ref; the console answers with its decision and, when it
# activated a registration, the number, for the gateway to link to the LINE user or address of the flow.
IDENTITY_SEALED = "identity.sealed"  # {ref, ciphertext (base64), received_at, channel}
IDENTITY_DECIDED = "identity.decided"  # {ref, outcome, number, expires_at}

# Program applications (制度の申請, foryou.casework / foryou.gateway.casework). The console pushes a program's
# form (its definition as plain data) when a notice of the program is sent; the gateway shows it to the
# notice's recipients. A submission crosses sealed (answers and the file keys in a sealed box; each file a
# sealed stream fetched from /bridge/v1/files); the console pushes each status change for the gateway to
# tell the resident (LINE, else email): never more than the program, the status and staff's note.
CASEWORK_FORM = "casework.form"  # {program, program_name, department, version, digest, definition, contact_phone}
CASEWORK_SUBMITTED = "casework.submitted"  # {ref, receipt, program, digest, number, sealed, files, received_at, corrects}
CASEWORK_STATUS = "casework.status"  # {receipt, number, program, program_name, status, note, contact_phone, at}

PUSHED = {NUMBER_ISSUED, NUMBER_VOIDED, REGISTRATION_STOPPED, SEND_ORDER, SEND_RECIPIENTS, APPLICATION_REJECTED,
          TEST_DEVICE_CODE, TEST_DEVICE_REMOVED, IDENTITY_DECIDED,
          CASEWORK_FORM, CASEWORK_STATUS}
PULLED = {APPLICATION_SEALED, REGISTRATION_ACTIVATED, CONSENT_CHANGED, REGISTRATION_ENDED, REGISTRATION_PAUSED,
          ACTIVATION_LOCKED, DELIVERY_PROGRESS, RETENTION_PURGED, TEST_DEVICE_LINKED, IDENTITY_SEALED,
          CASEWORK_SUBMITTED, REGISTRATION_PREFERENCES, INVITATION_DECLINED}

# The fields without which a body is refused; every other field of a body type is optional.
REQUIRED = {
    NUMBER_ISSUED: {"number", "expires_at"},
    NUMBER_VOIDED: {"number", "reason"},
    REGISTRATION_STOPPED: {"number", "ending"},
    APPLICATION_SEALED: {"ref", "ciphertext", "received_at"},
    REGISTRATION_ACTIVATED: {"number", "channel", "at"},
    CONSENT_CHANGED: {"number", "given", "terms", "at"},
    REGISTRATION_ENDED: {"number", "ending", "at"},
    REGISTRATION_PAUSED: {"number", "paused", "at"},
    ACTIVATION_LOCKED: {"by", "failures", "at"},
    REGISTRATION_PREFERENCES: {"number", "at"},
    INVITATION_DECLINED: {"number", "at"},
    SEND_ORDER: {"order_id", "notice_ref", "kind", "content", "urgent", "tracked", "total", "chunks"},
    SEND_RECIPIENTS: {"order_id", "index", "numbers"},
    DELIVERY_PROGRESS: {"order_id", "counts", "reasons", "finished", "at"},
    APPLICATION_REJECTED: {"ref", "reason"},
    RETENTION_PURGED: {"counts", "at"},
    TEST_DEVICE_CODE: {"device_ref", "channel", "expires_at"},
    TEST_DEVICE_REMOVED: {"device_ref"},
    TEST_DEVICE_LINKED: {"device_ref", "channel", "at"},
    IDENTITY_SEALED: {"ref", "ciphertext", "received_at"},
    IDENTITY_DECIDED: {"ref", "outcome"},
    CASEWORK_FORM: {"program", "program_name", "version", "digest", "definition"},
    CASEWORK_SUBMITTED: {"ref", "receipt", "program", "digest", "number", "sealed", "received_at"},
    CASEWORK_STATUS: {"receipt", "number", "program", "status", "at"},
}
# Inside send.order: the notice's public text (the fields of foryou.shared.notice.flex.NoticeContent).
CONTENT_REQUIRED = {"service_name", "program_name", "title", "body"}


class BadMessage(ValueError):
    pass


class UnknownKind(BadMessage):
    """A kind this release does not know: written by a newer release of the other zone. Readers skip it
    (logged, acknowledged) rather than stop the bridge; the sender's features that need it wait until
    this zone is upgraded too."""


def _require(what: str, data, required: set[str]) -> None:
    if not isinstance(data, dict):
        raise BadMessage(f"{what} needs {', '.join(sorted(required))}")
    missing = sorted(required - data.keys())
    if missing:
        raise BadMessage(f"{what} is missing {', '.join(missing)} (it needs {', '.join(sorted(required))})")
