"""The dispatch loop one worker runs: claim a lot (batches due again first, then new deliveries), send
it, record the results, report progress; until there is no work due or the time is up."""

import logging
import time
from dataclasses import dataclass, field

from foryou.gateway.delivery import progress
from foryou.gateway.delivery.claims import EMAIL, LINE, Summary, claim_new, claim_retries, worker_name
from foryou.gateway.delivery.record import record
from foryou.gateway.delivery.channel import Outcome, answers

log = logging.getLogger(__name__)


@dataclass
class Dispatcher:
    worker: str = field(default_factory=worker_name)
    line_factory: object = None  # () -> LineChannel; the settings' channel by default
    email_factory: object = None  # () -> EmailChannel
    summary: Summary = field(default_factory=Summary)

    def __post_init__(self):
        self._senders = {}
        self._touched: set[int] = set()
        self._resting: set[str] = set()

    def sender(self, channel: str):
        if channel not in self._senders:
            from foryou.gateway.delivery.senders import EmailSender, LineSender

            self._senders[channel] = (LineSender(self.line_factory) if channel == LINE
                                      else EmailSender(self.email_factory))
        return self._senders[channel]

    def step(self, channel: str) -> bool:
        """Claim, send and record one lot of `channel`; False when nothing was due."""
        lot = self.claim(channel)
        if lot is None:
            return False
        if lot.batches:
            self.finish(lot, self.sender(channel).send(lot))
        return True

    def claim(self, channel: str):
        if channel in self._resting:
            return None
        lot = claim_retries(channel, self.worker) or claim_new(channel, self.worker)
        if lot is not None:
            self._touched |= lot.orders
        return lot

    def finish(self, lot, results) -> None:
        record(lot, results)
        self.summary.lots += 1
        for batch, batch_results in zip(lot.batches, results):
            self.summary.add(batch_results, len(batch_results) if batch.pushes else 1)
        if all(outcome is Outcome.DEFERRED for batch_results in results for outcome, _ in answers(batch_results)):
            # Nothing got through (server down, rate limited): leave the channel for this run rather
            # than spin; the work is due again after its backoff, for whichever worker.
            self._resting.add(lot.channel)
        for order_pk in lot.orders:
            progress.report(order_pk)

    def line_round(self) -> bool:
        """LINE lots are pipelined: while one lot is on the wire, the next is claimed, so the
        database work of a lot overlaps the sending of the previous one."""
        worked, in_flight = False, None
        while True:
            lot = self.claim(LINE) if time.monotonic() < self._deadline else None
            worked = worked or lot is not None
            future = self.sender(LINE).submit(lot) if lot is not None and lot.batches else None
            if in_flight is not None:
                self.finish(in_flight[0], in_flight[1].result())
            in_flight = (lot, future) if future is not None else None
            if lot is None:
                return worked

    def run(self, seconds: float = 120.0) -> Summary:
        """Work until nothing is due (or `seconds` pass); then report every order touched."""
        self._deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < self._deadline:
                worked = [self.line_round(), self.step(EMAIL)]
                if not any(worked):
                    break
        finally:
            self.close()
            progress.report_many(self._touched, force=True)
        return self.summary

    def close(self) -> None:
        for sender in self._senders.values():
            try:
                sender.close()
            except Exception:  # closing must not hide the error that stopped the loop
                log.exception("closing a %s sender failed", type(sender).__name__)
        self._senders.clear()
