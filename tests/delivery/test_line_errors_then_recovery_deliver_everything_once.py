import pytest

from foryou.gateway.models import Delivery
from foryou.notices import sending
from tests.delivery.conftest import copies, dispatch, drain, fast_email, fast_line, line_user, registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_thirty_percent_server_errors_then_recovery_deliver_each_notice_exactly_once(
        delivery_settings, line, approved_broadcast, editor, transport):
    users = [line_user(n) for n in range(1, 41)]
    for user_id in users:
        line.create_user("住民", user_id=user_id)
        registrant(line_user_id=user_id)
    order = sending.schedule(approved_broadcast, by=editor, broadcast=True, tracked=True)  # one push each
    sending.start(order)
    sync(transport)
    # 30% of requests fail before LINE stores anything; another 20% are stored and *then* answered 500,
    # so the retry must be recognised by its key (409) rather than delivered again.
    line.set_faults(error_rate=0.3, accept_then_fail_rate=0.2, seed=7)
    for _ in range(3):
        dispatch(line_factory=fast_line, email_factory=fast_email)
    assert Delivery.objects.filter(status="failed_temporary").exists()
    line.set_faults(error_rate=0.0, accept_then_fail_rate=0.0)
    drain()
    assert [copies(line, u) for u in users] == [1] * 40
    assert Delivery.objects.filter(status="accepted").count() == 40
    assert Delivery.objects.filter(reason="duplicate").exists()  # some were accepted before their 500


def test_a_final_status_is_never_overwritten(delivery_settings, line, approved_broadcast, editor, transport):
    line.create_user("住民", user_id=line_user(1))
    registrant(line_user_id=line_user(1))
    sending.start(sending.schedule(approved_broadcast, by=editor, broadcast=True))
    sync(transport)
    drain()
    delivery = Delivery.objects.get()
    from foryou.gateway.delivery.fallback import fall_back

    assert fall_back([delivery.pk], "unreachable") == (0, 0)
    delivery.refresh_from_db()
    assert delivery.status == "accepted"
