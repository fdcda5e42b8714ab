"""Sending a claimed lot through its channel (recording the results is record.py's). LINE requests go through the official SDK's
async client on an event loop kept in a background thread (its connections survive between lots);
the worker's own thread stays synchronous for Django's ORM."""

import asyncio
import sys
import threading
import time

from django.conf import settings

from foryou.gateway.delivery import content, ratelimit
from foryou.gateway.delivery.claims import Lot
from foryou.gateway.delivery.models import Delivery
from foryou.gateway.line import config as line_config
from foryou.gateway.delivery.channel import Result, Send
from foryou.gateway.db import DB


SWITCH_INTERVAL = 0.0005  # seconds


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

        self.switch_interval = sys.getswitchinterval()
        self.loop = LoopThread()
        self.channel = (channel_factory or LineChannel.from_settings)()
        self.rates = line_config.rate_limits()

    def send(self, lot: Lot) -> list[list[Result]]:
        return self.submit(lot).result()

    def submit(self, lot: Lot):
        """Start sending the lot on the loop thread; a Future of its results."""
        # Pushes: the ORM thread composes each one (HMAC, SQLite), releasing the GIL every time and then
        # waiting for the sending thread to hand it back; at the default 5 ms switch interval that wait
        # halved the push rate. Multicasts are few and large: there the default switches less and wins.
        sys.setswitchinterval(SWITCH_INTERVAL if any(b.pushes for b in lot.batches) else self.switch_interval)
        sends, shared, sizes = [], {}, []
        for batch in lot.batches:
            if batch.order_id not in shared:  # composed once per order and lot
                notice = content.notice_of(batch.order)
                # One tuple per order and lot: the channel prepares a multicast body once per tuple.
                shared[batch.order_id] = (content.TrackedMessages(notice) if batch.order.tracked
                                          else tuple(content.line_messages(notice)))
            messages = shared[batch.order_id]
            first = batch.first_tried_at.timestamp() if batch.first_tried_at else None
            if batch.pushes:
                template = tuple(messages.template)
                sends += [Send(batch.push_key(delivery_id), (user_id,), template, attempt=batch.attempts,
                               first_tried_at=first, checked=True,
                               messages_json=messages.json_for_delivery(delivery_id))
                          for delivery_id, user_id in batch.recipients]
                sizes.append(len(batch.recipients))
            else:
                sends.append(Send(str(batch.retry_key), tuple([address for _, address in batch.recipients]),
                                  messages, attempt=batch.attempts, first_tried_at=first))
                sizes.append(1)
        by_endpoint: dict[str, int] = {}
        for s in sends:
            by_endpoint[s.endpoint] = by_endpoint.get(s.endpoint, 0) + 1
        # Book every request of the lot in the shared limiter at once; the channel spaces them.
        schedules = {ep: ratelimit.Schedule(ratelimit.book(f"line:{ep}", self.rates.get(ep, 0), n),
                                            self.rates.get(ep, 0)) for ep, n in by_endpoint.items()}
        self.channel.halted = None  # halts are shared through ChannelState, checked at claim time
        return self.loop.submit(self._per_batch(sends, sizes, _PerEndpoint(schedules)))

    async def _per_batch(self, sends, sizes, limiter) -> list[list[Result]]:
        """The requests' results regrouped by batch (a push batch made one request per recipient)."""
        results = await self.channel.asend_all(sends, limiter=limiter)  # the channel's in_flight
        grouped, i = [], 0
        for size in sizes:  # a multicast's results stay as the channel made them (SameResults, usually)
            grouped.append(results[i] if size == 1 else [r for request in results[i:i + size] for r in request])
            i += size
        return grouped

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
        from foryou.gateway.casework import links as apply_links
        from foryou.gateway.consent_links import url_for as consent_url_for
        from foryou.gateway.models import Subscriber
        from foryou.gateway.settings_links import url_for as settings_url_for

        rate = settings.DELIVERY_EMAIL_RATE
        results = []
        for batch in lot.batches:
            ids = [d for d, _ in batch.recipients]
            subscribers = dict(Delivery.objects.using(DB).filter(pk__in=ids).values_list("id", "subscriber_id"))
            subs = Subscriber.objects.using(DB).in_bulk(set(subscribers.values()))
            start = ratelimit.book("email", rate, len(ids))
            _sleep_until(start)
            notice = content.notice_of(batch.order)
            apply_program = content.apply_program_of(batch.order)
            recipients = tuple(EmailRecipient(key=str(d), address=address, unsubscribe_url=url_for(sub),
                                              consent_url=consent_url_for(sub), settings_url=settings_url_for(sub),
                                              language=sub.language,
                                              apply_url=apply_links.url_for(subscribers[d], apply_program)
                                              if apply_program else "")
                               for d, address in batch.recipients for sub in [subs[subscribers[d]]])
            first = batch.first_tried_at.timestamp() if batch.first_tried_at else None
            if batch.order.tracked:  # each recipient's links are their own: one message at a time
                results.append([r for recipient in recipients for r in self.channel.send(EmailSend(
                    recipients=(recipient,), content=content.for_delivery(notice, int(recipient.key), True),
                    attempt=batch.attempts, first_tried_at=first))])
            else:
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
