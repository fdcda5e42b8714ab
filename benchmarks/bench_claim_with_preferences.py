"""What honouring residents' settings at claim time costs a worker (gateway/delivery/choices.py):

    python benchmarks/bench_claim_with_preferences.py [--recipients 50000] [--with-settings 0.05]

Fills the gateway (SQLite, embedded) with N active LINE subscribers and one send order of N deliveries on
a topic, then claims every lot of new deliveries (10,000 each, as a worker does; nothing is sent) twice:
once with no subscriber having any setting (the baseline: the database narrows to nobody), once with
the given share of subscribers having turned the topic off, taken a break or chosen email. Prints each
run's time per lot and the ratio to the baseline measured in the same run. Set-up is not measured.
"""

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DATA = Path(tempfile.mkdtemp(prefix="foryou-bench-claim-"))
os.environ.update(FORYOU_DATA_DIR=str(DATA), DJANGO_SETTINGS_MODULE="foryou.settings.embedded",
                  FORYOU_DELIVERY_WINDOW="00:00-23:59")


def setup() -> None:
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.DEBUG = False
    for alias in ("default", "gateway"):
        call_command("migrate", database=alias, verbosity=0)


def populate(n: int) -> list[str]:
    from datetime import timedelta

    from django.utils import timezone

    from foryou.gateway import number_keys
    from foryou.gateway.models import Subscriber

    now = timezone.now()
    numbers = [f"8{i:015d}" for i in range(n)]
    Subscriber.objects.using("gateway").bulk_create([
        Subscriber(number=number, number_hash=hashed, status=Subscriber.Status.ACTIVE, activated_at=now,
                   expires_at=now + timedelta(days=90), line_user_id="U" + f"{i:032x}",
                   email=f"r{i}@example.jp", email_confirmed_at=now)
        for i, (number, hashed) in enumerate(zip(numbers, number_keys.digests(numbers)))], batch_size=5000)
    return numbers


def send(numbers: list[str]) -> None:
    from foryou.gateway.delivery import orders
    from foryou.shared.bridge import messages

    content = messages.NoticeContentBody(service_name="s", program_name="予防接種", title="t", body="b")
    order_id = str(uuid.uuid4())
    chunks = [numbers[i:i + 10_000] for i in range(0, len(numbers), 10_000)]
    orders.receive_order(messages.SendOrderBody(order_id=order_id, notice_ref=f"notice:{order_id}", kind="now",
                                                content=content, urgent=False, tracked=False, total=len(numbers),
                                                chunks=len(chunks), topic="vaccinations"))
    for index, chunk in enumerate(chunks):
        orders.receive_recipients(messages.SendRecipientsBody(order_id=order_id, index=index, numbers=tuple(chunk)))


def claim_all() -> tuple[float, int]:
    from foryou.gateway.delivery import claims
    from foryou.gateway.models import Delivery

    lots, started = 0, time.perf_counter()
    while (lot := claims.claim_new(Delivery.Channel.LINE, "bench")) is not None:
        lots += 1
    return time.perf_counter() - started, lots


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=50_000)
    parser.add_argument("--with-settings", type=float, default=0.05)
    args = parser.parse_args()
    setup()
    from django.utils import timezone

    from foryou.gateway.models import Delivery, DeliveryBatch, DeliveryOrder, Subscriber

    def clear():
        Delivery.objects.using("gateway").all().delete()
        DeliveryBatch.objects.using("gateway").all().delete()
        DeliveryOrder.objects.using("gateway").all().delete()

    numbers = populate(args.recipients)
    send(numbers)
    claim_all()  # warm-up: the first pass over fresh tables is not what a worker sees
    clear()
    send(numbers)
    baseline, lots = claim_all()
    clear()
    every = max(1, round(1 / args.with_settings)) if args.with_settings else 0
    if every:
        ids = list(Subscriber.objects.using("gateway").order_by("id").values_list("id", flat=True)[::every])
        thirds = [ids[0::3], ids[1::3], ids[2::3]]
        Subscriber.objects.using("gateway").filter(pk__in=thirds[0]).update(topics_off=["vaccinations"])
        Subscriber.objects.using("gateway").filter(pk__in=thirds[1]).update(
            quiet_until=timezone.localdate() + timezone.timedelta(days=7))
        Subscriber.objects.using("gateway").filter(pk__in=thirds[2]).update(channel_choice="email")
    send(numbers)
    measured, lots2 = claim_all()
    set_aside = Delivery.objects.using("gateway").filter(reason__in=["topic_off", "quiet", "channel_choice"]).count()
    print(f"recipients {args.recipients:,}; lots {lots} and {lots2}")
    print(f"baseline (no settings):          {baseline:.2f} s, {1000 * baseline / max(lots, 1):.0f} ms per lot")
    print(f"{args.with_settings:.0%} with settings ({set_aside:,} set aside): {measured:.2f} s, "
          f"{1000 * measured / max(lots2, 1):.0f} ms per lot; ratio to baseline {measured / baseline:.2f}")


if __name__ == "__main__":
    main()
