"""Fixtures for delivery stories: registrants in both zones, an approved notice, the bridge, and a
dispatcher pointed at the local LINE platform (and the local SMTP server)."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from foryou.bridge import client as bridge
from foryou.enrollment.models import Registration
from foryou.shared.numbers import new_number
from foryou.gateway.line.channel import LineChannel
from foryou.gateway import number_keys
from foryou.gateway.models import Subscriber
from foryou.notices import services
from foryou.notices.services import Wording

DEPARTMENT = "健康支援課"
WORDING = Wording(title="アンケートのお願い", body="サービス改善のため、アンケートにご協力ください。",
                  contact_department="業務改革推進課", contact_phone="043-245-5111",
                  links=[("回答する", "https://www.city.chiba.jp/survey")])


@pytest.fixture
def smtp():
    from foryou.dev.mailcatcher.server import SmtpThread

    with SmtpThread(port=0) as server:
        yield server


@pytest.fixture
def delivery_settings(settings, data_dir, line, smtp):
    settings.LINE_API_BASE = line.base_url
    settings.LINE_CHANNEL_ACCESS_TOKENS = [line.access_token]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    settings.DELIVERY_WINDOW = "00:00-23:59"
    settings.DELIVERY_EMAIL_RATE = 0
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return settings


def staff(username: str, role: str, department: str | None = DEPARTMENT):
    from foryou.accounts.services import add_staff

    return add_staff(username, "correct horse battery staple 9", role=role, department=department)


@pytest.fixture
def editor(db):
    return staff("editor", "editor")


@pytest.fixture
def approver(db):
    return staff("approver", "approver")


@pytest.fixture
def approved_broadcast(editor, approver):
    """A notice without a program (a survey), approved by a second person."""
    from foryou.notices.models import Notice

    notice = Notice.objects.create(program_code="", department=DEPARTMENT, created_by=editor)
    services._new_version(notice, django_settings.SERVICE_NAME, WORDING, editor)
    services.approve(notice.latest, approver)
    return notice


def registrant(*, line_user_id: str = "", email: str = "", tax_consent: bool = False,
               resident_id: str = "") -> Registration:
    """An active registration in the console and its subscriber in the gateway."""
    number = new_number()
    now = timezone.now()
    registration = Registration.objects.create(
        number=number, resident_id=resident_id or number[:10], status=Registration.Status.ACTIVE,
        expires_at=now + timedelta(days=90), activated_at=now, channel="line" if line_user_id else "email",
        has_email=bool(email), tax_consent=tax_consent)
    Subscriber.objects.create(number=number, status=Subscriber.Status.ACTIVE, expires_at=now + timedelta(days=90),
                              line_user_id=line_user_id or None, email=email,
                              email_confirmed_at=now if email else None, activated_at=now)
    return registration


def line_user(n: int) -> str:
    return "U" + f"{n:032x}"


def sync(transport):
    """Push everything pending, pull everything waiting (as the console's scheduler does)."""
    return bridge.sync(transport)


def dispatch(**kwargs):
    from foryou.gateway.delivery.dispatcher import Dispatcher

    return Dispatcher(**kwargs).run(seconds=60)


def copies(line, user_id: str) -> int:
    return len(line.messages(user_id))


FAST = {"base": 0.02, "cap": 0.1}


def fast_line():
    from foryou.gateway.delivery.channel import Backoff

    return LineChannel.from_settings(backoff=Backoff(**FAST))


def fast_email():
    from foryou.gateway.email.channel import EmailChannel
    from foryou.gateway.delivery.channel import Backoff

    return EmailChannel.from_settings(backoff=Backoff(**FAST), timeout=2)


def drain(seconds: float = 30, **kwargs) -> None:
    """Dispatch until every delivery is final (retries included), as workers would."""
    import time

    from foryou.gateway.models import Delivery

    kwargs = {"line_factory": fast_line, "email_factory": fast_email, **kwargs}
    deadline = time.monotonic() + seconds
    while Delivery.objects.unfinished().exists():
        assert time.monotonic() < deadline, f"still unfinished: {list(Delivery.objects.unfinished().values('status', 'reason'))[:5]}"
        dispatch(**kwargs)
        time.sleep(0.05)


def many_line_registrants(line, n: int) -> list[str]:
    """N active LINE registrants in both zones and as friends of the emulator, inserted in bulk."""
    now = timezone.now()
    numbers = [f"9{i:015d}" for i in range(n)]
    users = [line_user(i + 1) for i in range(n)]
    Registration.objects.bulk_create([
        Registration(number=number, resident_id=f"{i:010d}", status=Registration.Status.ACTIVE,
                     expires_at=now + timedelta(days=90), activated_at=now, channel="line")
        for i, number in enumerate(numbers)], batch_size=2000)
    Subscriber.objects.bulk_create([
        Subscriber(number=number, number_hash=hashed, status=Subscriber.Status.ACTIVE,
                   expires_at=now + timedelta(days=90), line_user_id=user, activated_at=now)
        for number, hashed, user in zip(numbers, number_keys.digests(numbers), users)], batch_size=2000)
    for user in users:
        line.state.add_user("住民", user_id=user)
    return users
