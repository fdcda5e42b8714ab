"""A once-a-day job of a long-running process (the console's scheduler, a gateway worker): due when the
process starts, then once a day after a time of day (Asia/Tokyo)."""

from datetime import date, datetime, time

from django.utils import timezone

TOKYO = timezone.get_fixed_timezone(9 * 60)


class Daily:
    def __init__(self, at: time):
        self.at = at
        self.done_on: date | None = None

    def due(self, now: datetime | None = None) -> bool:
        """Whether the job should run now; answering yes marks today done."""
        local = (now or timezone.now()).astimezone(TOKYO)
        if self.done_on is None or (self.done_on != local.date() and local.time() >= self.at):
            self.done_on = local.date()
            return True
        return False
