import pytest

from foryou.gateway.delivery.claims import halted
from foryou.gateway.models import Delivery
from foryou.notices import sending
from tests.delivery.conftest import copies, drain, line_user, registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_at_the_monthly_limit_line_stops_and_those_with_email_get_it_by_email_once(
        delivery_settings, line, smtp, approved_broadcast, editor, transport):
    line.config.monthly_limit = 5
    with_email, line_only = [], []
    for n in range(1, 13):
        user_id = line_user(n)
        line.create_user("住民", user_id=user_id)
        email = f"r{n}@example.jp" if n % 2 else ""
        registrant(line_user_id=user_id, email=email)
        (with_email if email else line_only).append((user_id, email))
    sending.start(sending.schedule(approved_broadcast, by=editor, broadcast=True, tracked=True))
    sync(transport)
    drain()

    assert halted("line").halted == "monthly_limit"
    mailed = [m.message["To"] for m in smtp.messages()]
    assert len(mailed) == len(set(mailed))  # nobody twice
    for user_id, email in with_email + line_only:
        by_line, by_email = copies(line, user_id), mailed.count(email) if email else 0
        if email:
            assert by_line + by_email == 1, user_id  # exactly one copy, one way or the other
        else:
            assert by_line <= 1
    accepted = Delivery.objects.filter(channel="line", status="accepted").count()
    assert accepted == 5
    assert Delivery.objects.filter(status="fell_back", reason="monthly_limit").count() == len(mailed)
    assert Delivery.objects.filter(status="failed_permanent", reason="monthly_limit").count() == 12 - 5 - len(mailed)


def test_later_orders_go_by_email_without_asking_line_again(delivery_settings, line, smtp, approved_broadcast,
                                                            editor, transport):
    from foryou.gateway.delivery.claims import halt

    halt("line", "monthly_limit", "You have reached your monthly limit.")
    line.create_user("住民", user_id=line_user(1))
    registrant(line_user_id=line_user(1), email="a@example.jp")
    sending.start(sending.schedule(approved_broadcast, by=editor, broadcast=True))
    sync(transport)
    drain()
    assert copies(line, line_user(1)) == 0
    assert [m.message["To"] for m in smtp.messages()] == ["a@example.jp"]
