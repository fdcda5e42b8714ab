from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.shared.numbers import display, new_number
from foryou.gateway import services
from foryou.gateway.models import ActivationAttempt, OutboundEvent, Subscriber

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def user(n: int) -> str:
    return "U" + f"{n:032x}"


def issued(days: int = 90, status=Subscriber.Status.ISSUED) -> Subscriber:
    return Subscriber.objects.create(number=new_number(), status=status, expires_at=timezone.now() + timedelta(days=days))


def test_the_right_number_links_the_line_user_and_tells_the_console(data_dir):
    s = issued()
    outcome = services.activate(display(s.number), line_user_id=user(1), ip="198.51.100.1")
    assert outcome.ok and outcome.code == "activated"
    s.refresh_from_db()
    assert s.status == "active" and s.line_user_id == user(1)
    assert OutboundEvent.objects.get().kind == "registration.activated"


@pytest.mark.parametrize("case, code", [
    ("malformed", "malformed"), ("typo", "malformed"), ("unknown", "wrong_number"), ("void", "wrong_number"),
    ("expired", "expired"), ("used", "used"),
])
def test_each_failure_has_its_own_message(data_dir, case, code):
    s = issued(days=-1 if case == "expired" else 90,
               status={"void": Subscriber.Status.VOID, "used": Subscriber.Status.ACTIVE}.get(case, Subscriber.Status.ISSUED))
    typed = {"malformed": "1234", "typo": s.number[:-1] + str((int(s.number[-1]) + 1) % 10),
             "unknown": new_number()}.get(case, s.number)
    outcome = services.activate(typed, line_user_id=user(2))
    assert (outcome.ok, outcome.code) == (False, code)
    assert outcome.message == str(services.MESSAGES[code])
    assert not OutboundEvent.objects.exists()


def test_every_outcome_has_a_different_message_that_says_what_to_do():
    texts = [str(m) for m in services.MESSAGES.values()]
    assert len(set(texts)) == len(texts)


def test_a_line_user_already_registered_cannot_take_a_second_number(data_dir):
    first, second = issued(), issued()
    assert services.activate(first.number, line_user_id=user(4)).ok
    assert services.activate(second.number, line_user_id=user(4)).code == "already_linked"


def test_after_five_failures_the_user_is_locked_out_even_with_the_right_number(data_dir):
    s = issued()
    for _ in range(5):
        assert services.activate(new_number(), line_user_id=user(5)).code == "wrong_number"
    assert services.activate(s.number, line_user_id=user(5)).code == "locked"
    assert ActivationAttempt.objects.filter(key=f"line:{user(5)}", succeeded=False).count() == 5


def test_ten_thousand_wrong_attempts_from_one_user_activate_nothing(data_dir):
    issued()
    codes = {services.activate(new_number(), line_user_id=user(6), ip="203.0.113.9").code for _ in range(10_000)}
    assert codes == {"wrong_number", "locked"}
    assert not Subscriber.objects.filter(status="active").exists()
    # Locked attempts are refused before any lookup and are not even recorded as tries.
    assert ActivationAttempt.objects.count() == 5 * 2


def test_ten_thousand_wrong_attempts_from_many_users_activate_nothing(data_dir):
    issued()
    codes = [services.activate(new_number(), line_user_id=user(1000 + i % 2000), ip=f"203.0.113.{i % 250}").code
             for i in range(10_000)]
    assert "activated" not in codes
    assert codes.count("locked") > 0  # addresses shared by many users get locked out too
    assert not Subscriber.objects.filter(status="active").exists()


def test_a_lockout_is_audited_in_the_console_without_naming_who(transport, data_dir):
    from foryou.audit.models import AuditEvent
    from foryou.bridge.client import sync

    for _ in range(5):
        services.activate(new_number(), line_user_id=user(7))
    sync(transport)
    event = AuditEvent.objects.get(action="security.activation_lockout")
    assert event.target == "gateway:line" and user(7) not in str(event.detail)
