"""The email channel: one message per recipient through Django's SMTP backend over reused connections
(a large batch is shared by up to `connections` of them, each in its own thread), each message made from
a template per notice (foryou.gateway.email.prepared) or else built by Django, each SMTP answer mapped
to a per-recipient Result (see foryou.gateway.delivery.channel.Outcome):

    250 after DATA → ACCEPTED "sent"
    connection refused, disconnect, timeout, failed login → DEFERRED "smtp_unavailable" (nothing lost:
        the rest of the batch is deferred too, without hammering a server that is down)
    4xx (greylisting, mailbox busy, 421) → DEFERRED "smtp_temporary"
    5xx to RCPT TO → PERMANENT "refused" (that recipient only); other 5xx → PERMANENT "smtp_rejected"

    channel = EmailChannel.from_settings()   # one per thread: it holds its SMTP connections
    results = channel.send(EmailSend(recipients, content))
    channel.close()
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import logging
import smtplib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from email.header import Header
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import sanitize_address

from foryou.shared.delivery import Reason
from foryou.shared.notice.email import render
from foryou.shared.notice.flex import NoticeContent
from foryou.gateway.delivery.channel import Backoff, Outcome, Result
from foryou.gateway.email import prepared

log = logging.getLogger(__name__)

MAX_RECIPIENTS = 100
PER_CONNECTION = 10  # a batch uses one more connection per this many recipients, up to `connections`
TEMPLATES_KEPT = 64  # notices × languages × footers whose templates a channel keeps
DEFAULT_TIMEOUT = 30.0  # seconds per SMTP command: a hung server must not hold a worker forever
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
UNAVAILABLE, TEMPORARY = Reason.SMTP_UNAVAILABLE, Reason.SMTP_TEMPORARY


@dataclass(frozen=True)
class EmailRecipient:
    key: str  # stable id of the delivery (str of an int); Results use it as user_id
    address: str
    unsubscribe_url: str  # per-recipient one-click URL
    consent_url: str = ""  # per-recipient link to the consent page (税情報の利用), in the footer
    apply_url: str = ""  # per-recipient 申請する link of a program with a form (foryou.gateway.casework.links)
    settings_url: str = ""  # per-recipient link to the settings page, in the footer
    language: str = ""  # the recipient's language: the footer's (foryou.shared.languages)


@dataclass(frozen=True)
class EmailSend:
    recipients: tuple[EmailRecipient, ...]
    content: NoticeContent
    attempt: int = 0  # attempts made before this one
    first_tried_at: float | None = None

    def __post_init__(self):
        if not 1 <= len(self.recipients) <= MAX_RECIPIENTS:
            raise ValueError(f"An email send has 1 to {MAX_RECIPIENTS} recipients, not {len(self.recipients)}")
        keys = [r.key for r in self.recipients]
        if not all(keys) or len(set(keys)) != len(keys):
            raise ValueError("Each recipient of an email send has its own non-empty key")

    def started(self, now: float | None = None) -> "EmailSend":
        return self if self.first_tried_at is not None else replace(self, first_tried_at=now or time.time())

    def retried(self) -> "EmailSend":
        return replace(self.started(), attempt=self.attempt + 1)


def _fields(content: NoticeContent) -> str:
    return json.dumps(dataclasses.asdict(content), ensure_ascii=False, sort_keys=True)


def message_id(recipient: EmailRecipient, content: NoticeContent, domain: str, fields: str | None = None) -> str:
    """The same for every attempt of one delivery, so a message sent twice (the server took it but the
    answer was lost) is one message to mail clients that deduplicate. `fields`: _fields(content), when
    the caller has it for a whole batch."""
    fields = _fields(content) if fields is None else fields
    digest = hashlib.sha256(f"{recipient.key}\n{fields}".encode()).hexdigest()[:32]
    return f"<{digest}.{recipient.key}@{domain}>"


def encoded_subject(subject: str) -> str:
    """RFC 2047 encoded words, folded by the space between them. (Django's own encoding starts the header
    with an empty folded line, which Python's email package decodes with a leading space.)"""
    if subject.isascii() and "=?" not in subject:
        return subject
    return Header(subject, "utf-8", header_name="Subject").encode(linesep=" ")


class _Shared:
    """One send()'s batch as its connections share it: the next recipient to take, each recipient's
    Result by position, and why the rest waits once the server is found down."""

    def __init__(self, batch: EmailSend, delay: float, fields: str):
        self.batch, self.delay, self.fields = batch, delay, fields
        self.next_index = itertools.count()  # next() is atomic in CPython: no lock needed to share it
        self.results: list[Result] = [None] * len(batch.recipients)  # type: ignore[list-item]
        self.down = ""


class _Down(Exception):
    """The server cannot be reached: defer this recipient and the rest of the batch."""


class EmailChannel:
    def __init__(self, *, host: str, port: int, username: str = "", password: str = "", use_tls: bool = False,
                 use_ssl: bool = False, timeout: float = DEFAULT_TIMEOUT, from_email: str,
                 backoff: Backoff | None = None, connections: int = 1):
        self.options = {"host": host, "port": port, "username": username, "password": password,
                        "use_tls": use_tls, "use_ssl": use_ssl, "timeout": timeout}
        self.from_email = from_email
        self.domain = parseaddr(from_email)[1].rpartition("@")[2] or "localhost"
        try:  # the envelope's sender as Django's backend gives it (a bad one: Django's build says so)
            self._envelope_from = sanitize_address(from_email, prepared.ENCODING)
        except ValueError:
            self._envelope_from = ""
        self.backoff = backoff or Backoff()
        self.connections = max(1, connections)
        self._backends: dict[int, object] = {}  # Django's SMTP backend per lane, open between send() calls
        self._templates: dict[tuple, prepared.Template | None] = {}
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, **overrides) -> "EmailChannel":
        options = {"host": settings.EMAIL_HOST or "localhost", "port": settings.EMAIL_PORT,
                   "username": settings.EMAIL_HOST_USER, "password": settings.EMAIL_HOST_PASSWORD,
                   "use_tls": settings.EMAIL_USE_TLS, "use_ssl": getattr(settings, "EMAIL_USE_SSL", False),
                   "timeout": getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_TIMEOUT,
                   "from_email": settings.DEFAULT_FROM_EMAIL, "connections": settings.EMAIL_CONNECTIONS}
        return cls(**{**options, **overrides})

    # Connection -----------------------------------------------------------------------------------

    def _connection(self, lane: int, check: bool):
        """The lane's open backend; a connection reused from an earlier send() is checked with NOOP first
        (the server may have closed it while idle, or restarted), so a stale connection never costs a
        recipient a deferral. Within one send() the connection has just answered: no NOOP (it was a
        round trip per email, a third of the local server's work)."""
        backend = self._backends.get(lane)
        if backend is not None and not check:
            return backend
        if backend is not None:
            try:
                connection = backend.connection
                if connection is not None and connection.noop()[0] == 250:
                    return backend
            except OSError:  # includes SMTPServerDisconnected
                pass
            self._close(lane)
        backend = get_connection(backend=SMTP_BACKEND, fail_silently=False, **self.options)
        try:
            backend.open()
        except OSError as error:  # refused, timeout, TLS, failed login (every SMTPException is an OSError)
            _close(backend)
            raise _Down(_describe(error)) from error
        self._backends[lane] = backend
        return backend

    def _close(self, lane: int) -> None:
        backend = self._backends.pop(lane, None)
        if backend is not None:
            _close(backend)

    def close(self) -> None:
        for lane in list(self._backends):
            self._close(lane)
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> "EmailChannel":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # Sending --------------------------------------------------------------------------------------

    def send(self, batch: EmailSend) -> list[Result]:
        """Every recipient's Result, in order. A large batch is shared by up to `connections` connections
        at once, each taking the batch's next recipient when its last one is answered (each SMTP round
        trip leaves the others' to the other threads, and a connection that a busy server process
        answers slowly simply takes fewer; decision 0103)."""
        batch = batch.started()
        lanes = min(self.connections, max(1, len(batch.recipients) // PER_CONNECTION))
        shared = _Shared(batch, self.backoff.delay(batch.attempt), _fields(batch.content))
        if lanes == 1:
            self._send_lane(0, shared)
            return shared.results
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.connections, thread_name_prefix="smtp")
        for future in [self._pool.submit(self._send_lane, lane, shared) for lane in range(lanes)]:
            future.result()
        return shared.results

    def _send_lane(self, lane: int, shared: "_Shared") -> None:
        batch, delay, fields = shared.batch, shared.delay, shared.fields
        drops = 0  # connections lost mid-batch by this lane: after two, the server is treated as down
        first = True
        for index in shared.next_index:
            if index >= len(batch.recipients):
                return
            recipient = batch.recipients[index]
            mid = message_id(recipient, batch.content, self.domain, fields)
            if shared.down:  # why the rest of the batch waits
                shared.results[index] = Result(recipient.key, Outcome.DEFERRED, UNAVAILABLE, shared.down, mid, delay)
                continue
            try:
                backend = self._connection(lane, check=first)
            except _Down as error:
                shared.down = str(error)
                log.warning("SMTP server %s:%s unavailable: %s", self.options["host"], self.options["port"],
                            shared.down)
                shared.results[index] = Result(recipient.key, Outcome.DEFERRED, UNAVAILABLE, shared.down, mid, delay)
                continue
            first = False
            result = self._deliver(lane, backend, recipient, batch.content, mid, delay, fields,
                                   templated=len(batch.recipients) > 1)
            if result.code == UNAVAILABLE:
                self._close(lane)
                first = True  # the next recipient opens a new connection
                drops += 1
                if drops >= 2:
                    shared.down = result.detail
            shared.results[index] = result

    def _template(self, recipient: EmailRecipient, content: NoticeContent, fields: str):
        """The template of this notice for recipients with this language and these footer links."""
        links = {"unsubscribe": recipient.unsubscribe_url, "consent": recipient.consent_url,
                 "settings": recipient.settings_url, "apply": recipient.apply_url}
        key = (fields, recipient.language, tuple(sorted(name for name, url in links.items() if url)))
        try:
            return self._templates[key], links
        except KeyError:
            pass
        placeholder = EmailRecipient("0", prepared.ADDRESS, **{f"{name}_url": prepared.URLS[name] if url else ""
                                                              for name, url in links.items()},
                                     language=recipient.language)
        template = prepared.Template.from_message(self._message(placeholder, content, prepared.MESSAGE_ID))
        if len(self._templates) >= TEMPLATES_KEPT:
            self._templates.clear()
        self._templates[key] = template  # two lanes may both build it: the same template
        return template, links

    def _message(self, recipient: EmailRecipient, content: NoticeContent, mid: str):
        if recipient.apply_url:
            content = dataclasses.replace(content, apply_url=recipient.apply_url)
        rendered = render(content, recipient.unsubscribe_url, recipient.consent_url, recipient.settings_url,
                          recipient.language)
        headers = {"Message-ID": mid, "List-Unsubscribe": f"<{recipient.unsubscribe_url}>",
                   "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "Auto-Submitted": "auto-generated"}
        message = EmailMultiAlternatives(encoded_subject(rendered.subject), rendered.text, self.from_email,
                                         [recipient.address], headers=headers)
        message.attach_alternative(rendered.html, "text/html")
        return message

    def _deliver(self, lane: int, backend, recipient: EmailRecipient, content: NoticeContent, mid: str,
                 delay: float, fields: str, templated: bool) -> Result:
        def result(outcome: Outcome, code: str, detail: str = "", status: int | None = None) -> Result:
            return Result(recipient.key, outcome, code, detail, mid,
                          delay if outcome is Outcome.DEFERRED else None, status)
        made = None
        if templated and self._envelope_from:  # a one-recipient send (a tracked notice's) is built by Django
            template, links = self._template(recipient, content, fields)
            made = template.fill(recipient.address, mid, links) if template else None
        try:
            if made is not None:  # what Django's backend would send, sent as it would (smtplib's sendmail)
                backend.connection.sendmail(self._envelope_from, [made[0]], made[1])
            else:
                backend.send_messages([self._message(recipient, content, mid)])
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()), (0, b""))
            return self._answer(lane, result, code, text, permanent=Reason.REFUSED)
        except smtplib.SMTPResponseException as error:  # sender refused, data refused, …
            return self._answer(lane, result, error.smtp_code, error.smtp_error, permanent=Reason.SMTP_REJECTED)
        except smtplib.SMTPNotSupportedError as error:  # e.g. a non-ASCII address without SMTPUTF8
            return result(Outcome.PERMANENT, Reason.SMTP_REJECTED, _describe(error))
        except (smtplib.SMTPServerDisconnected, OSError) as error:  # includes timeouts and resets
            return result(Outcome.DEFERRED, UNAVAILABLE, _describe(error))
        except ValueError as error:  # Django refused the address (header injection, malformed)
            return result(Outcome.PERMANENT, Reason.INVALID_ADDRESS, str(error))
        return result(Outcome.ACCEPTED, Reason.SENT, status=250)

    def _answer(self, lane: int, result, code: int, text, permanent: str) -> Result:
        detail = f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}".strip()
        if code == 421:  # the server is closing the connection: open a new one next time
            self._close(lane)
        if 500 <= code < 600:
            return result(Outcome.PERMANENT, permanent, detail, code)
        return result(Outcome.DEFERRED, TEMPORARY, detail, code or None)


def _close(backend) -> None:
    try:
        backend.close()
    except (OSError, smtplib.SMTPException):
        backend.connection = None  # QUIT failed: the socket is gone or going anyway


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}".strip()
