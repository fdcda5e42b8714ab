"""One body type per message kind (a frozen dataclass with an explicit `to_dict()` / `from_dict()`), as
foryou.shared.bridge.messages describes them."""

from dataclasses import dataclass
from typing import ClassVar, Union

from foryou.shared.bridge.kinds import *  # noqa: F403 — the kinds and REQUIRED tables the bodies name
from foryou.shared.bridge.kinds import BadMessage, _require


# Timestamps cross as ISO 8601 strings (datetime.isoformat()), as they always have; readers parse them.

@dataclass(frozen=True, kw_only=True)
class NumberIssuedBody:
    KIND: ClassVar[str] = NUMBER_ISSUED
    number: str
    expires_at: str
    # The application.sealed ref of the application accepted with this number, when it came through the
    # gateway (so the gateway can tell the applicant in LINE); "" for a re-issue or a counter application.
    ref: str = ""

    def to_dict(self) -> dict:
        return {"number": self.number, "expires_at": self.expires_at, "ref": self.ref}

    @classmethod
    def from_dict(cls, data: dict) -> "NumberIssuedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(number=data["number"], expires_at=data["expires_at"], ref=data.get("ref", ""))


@dataclass(frozen=True, kw_only=True)
class NumberVoidedBody:
    KIND: ClassVar[str] = NUMBER_VOIDED
    number: str
    reason: str

    def to_dict(self) -> dict:
        return {"number": self.number, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict) -> "NumberVoidedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(number=data["number"], reason=data["reason"])


@dataclass(frozen=True, kw_only=True)
class RegistrationStoppedBody:
    KIND: ClassVar[str] = REGISTRATION_STOPPED
    number: str
    ending: str

    def to_dict(self) -> dict:
        return {"number": self.number, "ending": self.ending}

    @classmethod
    def from_dict(cls, data: dict) -> "RegistrationStoppedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(number=data["number"], ending=data["ending"])


@dataclass(frozen=True, kw_only=True)
class ApplicationSealedBody:
    KIND: ClassVar[str] = APPLICATION_SEALED
    ref: str
    ciphertext: str  # base64 of the sealed box
    received_at: str

    def to_dict(self) -> dict:
        return {"ref": self.ref, "ciphertext": self.ciphertext, "received_at": self.received_at}

    @classmethod
    def from_dict(cls, data: dict) -> "ApplicationSealedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(ref=data["ref"], ciphertext=data["ciphertext"], received_at=data["received_at"])


@dataclass(frozen=True, kw_only=True)
class RegistrationActivatedBody:
    KIND: ClassVar[str] = REGISTRATION_ACTIVATED
    number: str
    channel: str  # line | email
    has_email: bool = False  # a confirmed email address is linked too
    at: str

    def to_dict(self) -> dict:
        return {"number": self.number, "channel": self.channel, "has_email": self.has_email, "at": self.at}

    @classmethod
    def from_dict(cls, data: dict) -> "RegistrationActivatedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(number=data["number"], channel=data["channel"], has_email=data.get("has_email", False),
                   at=data["at"])


@dataclass(frozen=True, kw_only=True)
class ConsentChangedBody:
    KIND: ClassVar[str] = CONSENT_CHANGED
    number: str
    given: bool
    terms: str  # the version of the consent terms
    at: str

    def to_dict(self) -> dict:
        return {"number": self.number, "given": self.given, "terms": self.terms, "at": self.at}

    @classmethod
    def from_dict(cls, data: dict) -> "ConsentChangedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(number=data["number"], given=data["given"], terms=data["terms"], at=data["at"])


@dataclass(frozen=True, kw_only=True)
class RegistrationEndedBody:
    KIND: ClassVar[str] = REGISTRATION_ENDED
    number: str
    ending: str
    at: str

    def to_dict(self) -> dict:
        return {"number": self.number, "ending": self.ending, "at": self.at}

    @classmethod
    def from_dict(cls, data: dict) -> "RegistrationEndedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(number=data["number"], ending=data["ending"], at=data["at"])


@dataclass(frozen=True, kw_only=True)
class RegistrationPausedBody:
    KIND: ClassVar[str] = REGISTRATION_PAUSED
    number: str
    paused: bool  # true: notices stopped by the resident; false: resumed
    at: str

    def to_dict(self) -> dict:
        return {"number": self.number, "paused": self.paused, "at": self.at}

    @classmethod
    def from_dict(cls, data: dict) -> "RegistrationPausedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(number=data["number"], paused=data["paused"], at=data["at"])


@dataclass(frozen=True, kw_only=True)
class RegistrationPreferencesBody:
    KIND: ClassVar[str] = REGISTRATION_PREFERENCES
    number: str
    language: str = "ja"  # foryou.shared.languages code
    topics_off: tuple[str, ...] = ()  # foryou.shared.topics codes; a list on the wire
    channel: str = ""  # foryou.shared.preferences.ChannelChoice: "" as activated, line, email, both
    quiet_until: str = ""  # YYYY-MM-DD, the quiet period's last day; "" for none
    at: str

    def to_dict(self) -> dict:
        return {"number": self.number, "language": self.language, "topics_off": list(self.topics_off),
                "channel": self.channel, "quiet_until": self.quiet_until, "at": self.at}

    @classmethod
    def from_dict(cls, data: dict) -> "RegistrationPreferencesBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        topics = data.get("topics_off") if isinstance(data.get("topics_off"), list) else []
        return cls(number=data["number"], language=str(data.get("language") or "ja"),
                   topics_off=tuple(str(t) for t in topics), channel=str(data.get("channel") or ""),
                   quiet_until=str(data.get("quiet_until") or ""), at=data["at"])


@dataclass(frozen=True, kw_only=True)
class ActivationLockedBody:
    KIND: ClassVar[str] = ACTIVATION_LOCKED
    by: str  # line | email | ip: which kind of key, never which one
    failures: int
    at: str

    def to_dict(self) -> dict:
        return {"by": self.by, "failures": self.failures, "at": self.at}

    @classmethod
    def from_dict(cls, data: dict) -> "ActivationLockedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(by=data["by"], failures=data["failures"], at=data["at"])


def _language_or_blank(value) -> str:
    """A content's language as read: a code foryou has a catalog for, else "" (Japanese)."""
    from foryou.shared.languages import NAMES

    return value if isinstance(value, str) and value in NAMES else ""


@dataclass(frozen=True, kw_only=True)
class NoticeContentBody:
    """A send order's `content`: the notice's public text (foryou.shared.notice.flex.NoticeContent)."""

    service_name: str
    program_name: str
    title: str
    body: str
    contact_department: str = ""
    contact_phone: str = ""
    contact_hours: str = ""
    links: tuple[tuple[str, str], ...] = ()  # (label, url); [label, url] lists on the wire
    # The program's code when residents may apply online from the notice (casework): the gateway adds the
    # 「申請する」 button. Absent (an older console, or no form): no button.
    apply_program: str = ""
    # The language the content is written in (a code of foryou.shared.languages): the gateway renders the
    # fixed labels around it in that language. About the content, never about a recipient. Absent: Japanese.
    language: str = ""

    def to_dict(self) -> dict:
        data = {"service_name": self.service_name, "program_name": self.program_name, "title": self.title,
                "body": self.body, "contact_department": self.contact_department,
                "contact_phone": self.contact_phone, "contact_hours": self.contact_hours,
                "links": [list(link) for link in self.links]}
        if self.apply_program:
            data["apply_program"] = self.apply_program
        if self.language:
            data["language"] = self.language
        return data

    @classmethod
    def of(cls, content) -> "NoticeContentBody":
        """From a foryou.shared.notice.flex.NoticeContent (the same fields)."""
        return cls(service_name=content.service_name, program_name=content.program_name, title=content.title,
                   body=content.body, contact_department=content.contact_department,
                   contact_phone=content.contact_phone, contact_hours=content.contact_hours,
                   links=tuple((label, url) for label, url in content.links),
                   language=getattr(content, "language", "") or "")

    @classmethod
    def from_dict(cls, data: dict) -> "NoticeContentBody":
        _require(f"{SEND_ORDER} content", data, CONTENT_REQUIRED)
        links = data.get("links", [])
        if not isinstance(links, list) or not all(isinstance(link, list) and len(link) == 2 for link in links):
            raise BadMessage(f"{SEND_ORDER} content links must be [label, url] pairs")
        return cls(service_name=data["service_name"], program_name=data["program_name"], title=data["title"],
                   body=data["body"], contact_department=data.get("contact_department", ""),
                   contact_phone=data.get("contact_phone", ""), contact_hours=data.get("contact_hours", ""),
                   links=tuple((label, url) for label, url in links), apply_program=str(data.get("apply_program") or ""),
                   language=_language_or_blank(data.get("language")))


@dataclass(frozen=True, kw_only=True)
class SendOrderBody:
    KIND: ClassVar[str] = SEND_ORDER
    order_id: str
    notice_ref: str  # notice:<id>, or test:<order id> for a test send
    kind: str  # the console's SendOrder.Kind
    content: NoticeContentBody
    urgent: bool
    tracked: bool
    total: int  # recipients, in all chunks
    chunks: int
    # A test send: the device_ref of the sender's linked test device, to which alone it goes (no chunks
    # follow). A gateway that predates it sees an order of no chunks and delivers nothing.
    test_device: str = ""
    # The program's topic (foryou.shared.topics) when registrants who turned it off must not get this
    # notice: the gateway skips them at claim time, so a change made during the send applies to batches
    # not yet claimed. "" for a notice that overrides the choice (urgent, where the program allows it).
    topic: str = ""

    def to_dict(self) -> dict:
        data = {"order_id": self.order_id, "notice_ref": self.notice_ref, "kind": self.kind,
                "content": self.content.to_dict(), "urgent": self.urgent, "tracked": self.tracked,
                "total": self.total, "chunks": self.chunks}
        if self.test_device:
            data["test_device"] = self.test_device
        if self.topic:
            data["topic"] = self.topic
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "SendOrderBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(order_id=data["order_id"], notice_ref=data["notice_ref"], kind=data["kind"],
                   content=NoticeContentBody.from_dict(data["content"]), urgent=data["urgent"],
                   tracked=data["tracked"], total=data["total"], chunks=data["chunks"],
                   test_device=str(data.get("test_device") or ""), topic=str(data.get("topic") or ""))


@dataclass(frozen=True, kw_only=True)
class SendRecipientsBody:
    KIND: ClassVar[str] = SEND_RECIPIENTS
    order_id: str
    index: int  # of the chunk, from 0
    numbers: tuple[str, ...]  # registration numbers; a list on the wire

    def to_dict(self) -> dict:
        return {"order_id": self.order_id, "index": self.index, "numbers": list(self.numbers)}

    @classmethod
    def from_dict(cls, data: dict) -> "SendRecipientsBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(order_id=data["order_id"], index=data["index"], numbers=tuple(data["numbers"]))


@dataclass(frozen=True, kw_only=True)
class DeliveryProgressBody:
    KIND: ClassVar[str] = DELIVERY_PROGRESS
    order_id: str
    counts: dict  # "channel:status" → deliveries
    reasons: dict  # reason → deliveries not accepted or sent for it
    not_deliverable: int = 0  # numbers not active in the gateway
    expected: int | None = None  # recipients the order announced (None: not reported)
    clicks: int = 0  # deliveries with a tracked link clicked
    finished: bool
    at: str

    def to_dict(self) -> dict:
        return {"order_id": self.order_id, "counts": self.counts, "reasons": self.reasons,
                "not_deliverable": self.not_deliverable, "expected": self.expected, "clicks": self.clicks,
                "finished": self.finished, "at": self.at}

    @classmethod
    def from_dict(cls, data: dict) -> "DeliveryProgressBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(order_id=data["order_id"], counts=data["counts"], reasons=data["reasons"],
                   not_deliverable=data.get("not_deliverable", 0), expected=data.get("expected"),
                   clicks=data.get("clicks", 0), finished=data["finished"], at=data["at"])


@dataclass(frozen=True, kw_only=True)
class ApplicationRejectedBody:
    KIND: ClassVar[str] = APPLICATION_REJECTED
    ref: str  # the application.sealed ref the gateway gave the application
    reason: str  # the console's Application.RejectReason code
    channel: str = ""  # line | email: what the applicant asked for
    email: str = ""  # where to write, if the applicant gave an address
    language: str = "ja"  # the language the applicant applied in (foryou.shared.languages)

    def to_dict(self) -> dict:
        return {"ref": self.ref, "reason": self.reason, "channel": self.channel, "email": self.email,
                "language": self.language}

    @classmethod
    def from_dict(cls, data: dict) -> "ApplicationRejectedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(ref=data["ref"], reason=data["reason"], channel=data.get("channel", ""),
                   email=data.get("email", ""), language=str(data.get("language") or "ja"))


@dataclass(frozen=True, kw_only=True)
class RetentionPurgedBody:
    KIND: ClassVar[str] = RETENTION_PURGED
    counts: dict  # {data class: rows deleted or blanked}; only names and integers cross
    at: str

    def to_dict(self) -> dict:
        return {"counts": dict(self.counts), "at": self.at}

    @classmethod
    def from_dict(cls, data: dict) -> "RetentionPurgedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        counts = data["counts"] if isinstance(data["counts"], dict) else {}
        return cls(counts={str(k)[:40]: int(v) for k, v in counts.items() if isinstance(v, int)}, at=data["at"])


@dataclass(frozen=True, kw_only=True)
class TestDeviceCodeBody:
    __test__ = False  # not a pytest test class, whatever its name
    KIND: ClassVar[str] = TEST_DEVICE_CODE
    device_ref: str  # random, made by the console; names the device on both sides
    channel: str  # line | email
    code_hash: str = ""  # line: SHA-256 (hex) of the one-time code shown to the staff member
    email: str = ""  # email: the staff member's work address, where the gateway mails the link
    expires_at: str

    def to_dict(self) -> dict:
        return {"device_ref": self.device_ref, "channel": self.channel, "code_hash": self.code_hash,
                "email": self.email, "expires_at": self.expires_at}

    @classmethod
    def from_dict(cls, data: dict) -> "TestDeviceCodeBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(device_ref=data["device_ref"], channel=data["channel"], code_hash=data.get("code_hash", ""),
                   email=data.get("email", ""), expires_at=data["expires_at"])


@dataclass(frozen=True, kw_only=True)
class TestDeviceRemovedBody:
    __test__ = False  # not a pytest test class, whatever its name
    KIND: ClassVar[str] = TEST_DEVICE_REMOVED
    device_ref: str

    def to_dict(self) -> dict:
        return {"device_ref": self.device_ref}

    @classmethod
    def from_dict(cls, data: dict) -> "TestDeviceRemovedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(device_ref=data["device_ref"])


@dataclass(frozen=True, kw_only=True)
class TestDeviceLinkedBody:
    __test__ = False  # not a pytest test class, whatever its name
    KIND: ClassVar[str] = TEST_DEVICE_LINKED
    device_ref: str
    channel: str  # line | email
    at: str

    def to_dict(self) -> dict:
        return {"device_ref": self.device_ref, "channel": self.channel, "at": self.at}

    @classmethod
    def from_dict(cls, data: dict) -> "TestDeviceLinkedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(device_ref=data["device_ref"], channel=data["channel"], at=data["at"])


@dataclass(frozen=True, kw_only=True)
class IdentitySealedBody:
    KIND: ClassVar[str] = IDENTITY_SEALED
    ref: str  # the verification flow's reference (the gateway's message id)
    ciphertext: str  # base64 of the sealed box holding the card's 基本4情報
    received_at: str
    channel: str = ""  # line | email: how the resident who started the flow is reached

    def to_dict(self) -> dict:
        return {"ref": self.ref, "ciphertext": self.ciphertext, "received_at": self.received_at,
                "channel": self.channel}

    @classmethod
    def from_dict(cls, data: dict) -> "IdentitySealedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(ref=data["ref"], ciphertext=data["ciphertext"], received_at=data["received_at"],
                   channel=data.get("channel", ""))


@dataclass(frozen=True, kw_only=True)
class IdentityDecidedBody:
    KIND: ClassVar[str] = IDENTITY_DECIDED
    ref: str  # as in identity.sealed
    outcome: str  # foryou.shared.identity.Outcome: activated, queued, already_registered, not_resident
    number: str = ""  # activated: the new registration's number, for the gateway to link at once
    expires_at: str = ""

    def to_dict(self) -> dict:
        return {"ref": self.ref, "outcome": self.outcome, "number": self.number, "expires_at": self.expires_at}

    @classmethod
    def from_dict(cls, data: dict) -> "IdentityDecidedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(ref=data["ref"], outcome=data["outcome"], number=data.get("number", ""),
                   expires_at=data.get("expires_at", ""))


@dataclass(frozen=True, kw_only=True)
class InvitationDeclinedBody:
    KIND: ClassVar[str] = INVITATION_DECLINED
    number: str  # the number on the invitation postcard, as the resident typed it (checked by the gateway)
    at: str

    def to_dict(self) -> dict:
        return {"number": self.number, "at": self.at}

    @classmethod
    def from_dict(cls, data: dict) -> "InvitationDeclinedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(number=data["number"], at=data["at"])


from foryou.shared.bridge.casework_bodies import (  # noqa: E402 — one module per family of kinds
    CaseworkFormBody, CaseworkStatusBody, CaseworkSubmittedBody, FileRef)

Body = Union[NumberIssuedBody, NumberVoidedBody, RegistrationStoppedBody, ApplicationSealedBody,
             RegistrationActivatedBody, ConsentChangedBody, RegistrationEndedBody, RegistrationPausedBody,
             RegistrationPreferencesBody, ActivationLockedBody, SendOrderBody, SendRecipientsBody, DeliveryProgressBody, ApplicationRejectedBody,
             RetentionPurgedBody, TestDeviceCodeBody, TestDeviceRemovedBody, TestDeviceLinkedBody,
             IdentitySealedBody, IdentityDecidedBody,
             CaseworkFormBody, CaseworkSubmittedBody, CaseworkStatusBody, InvitationDeclinedBody]

BODIES: dict[str, type] = {cls.KIND: cls for cls in (
    NumberIssuedBody, NumberVoidedBody, RegistrationStoppedBody, ApplicationSealedBody, RegistrationActivatedBody,
    ConsentChangedBody, RegistrationEndedBody, RegistrationPausedBody, RegistrationPreferencesBody, ActivationLockedBody, SendOrderBody,
    SendRecipientsBody, DeliveryProgressBody, ApplicationRejectedBody, RetentionPurgedBody, TestDeviceCodeBody,
    TestDeviceRemovedBody, TestDeviceLinkedBody, IdentitySealedBody, IdentityDecidedBody,
    CaseworkFormBody, CaseworkSubmittedBody, CaseworkStatusBody, InvitationDeclinedBody)}
