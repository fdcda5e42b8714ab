"""Sending a claimed lot and recording what came back. LINE requests go through the official SDK's
async client on an event loop kept in a background thread (its connections survive between lots);
the worker's own thread stays synchronous for Django's ORM."""

import asyncio
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from foryou.gateway.delivery import content, ratelimit
from foryou.gateway.delivery.dispatch import EMAIL, LINE, S, Lot, Summary, halt
from foryou.gateway.delivery.fallback import FALLS_BACK, fall_back
from foryou.gateway.delivery.models import Delivery, DeliveryBatch
from foryou.gateway.line import config as line_config
from foryou.gateway.line.sending import Outcome, Result, Send

DB = "gateway"


class LoopThread:
    """An asyncio loop in a daemon thread; `run(coro)` waits for the result from synchronous code."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="delivery-loop", daemon=True)
        self.thread.start()

    def run(self, coro):
        return self.submit(coro).result()

    def submit(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def close(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)


class LineSender:
    def __init__(self, channel_factory=None):
        from foryou.gateway.line.channel import LineChannel

        self.loop = LoopThread()
        self.channel = (channel_factory or LineChannel.from_settings)()
        self.rates = line_config.rate_limits()

    def send(self, lot: Lot) -> list[list[Result]]:
        return self.submit(lot).result()

    def submit(self, lot: Lot):
        """Start sending the lot on the loop thread; a Future of its results."""
        sends = []
        for batch in lot.batches:
            notice = content.notice_of(batch.order)
            user_ids = [address for _, address in batch.recipients]
            if batch.order.tracked:
                notice = content.for_delivery(notice, batch.recipients[0][0], True)
            first = batch.first_tried_at.timestamp() if batch.first_tried_at else None
            sends.append(Send(str(batch.retry_key), tuple(user_ids), tuple(content.line_messages(notice)),
                              attempt=batch.attempts, first_tried_at=first))
        by_endpoint: dict[str, int] = {}
        for s in sends:
            by_endpoint[s.endpoint] = by_endpoint.get(s.endpoint, 0) + 1
        # Book every request of the lot in the shared limiter at once; the channel spaces them.
        schedules = {ep: ratelimit.Schedule(ratelimit.book(f"line:{ep}", self.rates.get(ep, 0), n),
                                            self.rates.get(ep, 0)) for ep, n in by_endpoint.items()}
        self.channel.limiter = _PerEndpoint(schedules)
        self.channel.halted = None  # halts are shared through ChannelState, checked at claim time
        return self.loop.submit(self.channel.asend_all(sends, concurrency=32))

    def close(self):
        try:
            self.loop.run(self.channel.aclose())
        finally:
            self.loop.close()


class _PerEndpoint:
    def __init__(self, schedules):
        self.schedules = schedules

    def reserve(self, endpoint: str, cost: int = 1) -> float:
        schedule = self.schedules.get(endpoint)
        return schedule.reserve(endpoint, cost) if schedule else 0.0


class EmailSender:
    def __init__(self, channel_factory=None):
        from foryou.gateway.email.channel import EmailChannel

        self.channel = (channel_factory or EmailChannel.from_settings)()

    def send(self, lot: Lot) -> list[list[Result]]:
        from foryou.gateway.email.channel import EmailRecipient, EmailSend
        from foryou.gateway.email.unsubscribe import url_for
        from foryou.gateway.models import Subscriber

        rate = settings.DELIVERY_EMAIL_RATE
        results = []
        for batch in lot.batches:
            ids = [d for d, _ in batch.recipients]
            subscribers = dict(Delivery.objects.using(DB).filter(pk__in=ids).values_list("id", "subscriber_id"))
            subs = Subscriber.objects.using(DB).in_bulk(set(subscribers.values()))
            start = ratelimit.book("email", rate, len(ids))
            _sleep_until(start)
            notice = content.notice_of(batch.order)
            if batch.order.tracked:
                notice = content.for_delivery(notice, batch.recipients[0][0], True)
            recipients = tuple(EmailRecipient(key=str(d), address=address, unsubscribe_url=url_for(subs[subscribers[d]]))
                               for d, address in batch.recipients)
            first = batch.first_tried_at.timestamp() if batch.first_tried_at else None
            results.append(self.channel.send(EmailSend(recipients=recipients, content=notice,
                                                       attempt=batch.attempts, first_tried_at=first)))
            if rate > 0:
                _sleep_until(start + len(ids) / rate)  # the lot's share of the rate, on average
        return results

    def close(self):
        self.channel.close()


def _sleep_until(moment: float) -> None:
    wait = moment - time.time()
    if wait > 0:
        time.sleep(wait)
