"""Recipients counted by language, for a send's page and a notice's page: for each registrant language,
how many were sent the notice, how many of them in their own language, and how many got a fallback
(やさしい日本語 or Japanese: the notice had no version in their language). From the send orders' own
counts (SendOrder.languages, written when each was frozen); counts of people below the small-count
threshold are shown as 「10人未満」 (foryou.console.suppression)."""

from dataclasses import dataclass, field

from foryou.console import suppression
from foryou.notices.models import SendOrder
from foryou.shared import languages


@dataclass
class LanguageRow:
    code: str
    name: str
    recipients: int = 0
    own: int = 0  # got the version in their own language
    fallback: int = 0  # got another version
    got: set = field(default_factory=set)  # the languages of the versions they got instead

    @property
    def shown(self) -> dict:
        return {"recipients": suppression.people(self.recipients), "own": suppression.people(self.own),
                "fallback": suppression.people(self.fallback),
                "got": [languages.NAMES.get(c, c) for c in languages.NAMES if c in self.got]}


def count(orders) -> list[LanguageRow]:
    """Rows in the configured order of the languages (then any other code stored), empty ones left out."""
    rows: dict[str, LanguageRow] = {}
    for order in orders:
        delivered = order.language or languages.JAPANESE
        for asked, n in (order.languages or {}).items():
            row = rows.setdefault(asked, LanguageRow(asked, languages.NAMES.get(asked, asked)))
            row.recipients += n
            if asked == delivered:
                row.own += n
            else:
                row.fallback += n
                row.got.add(delivered)
    order_of = {code: i for i, code in enumerate(languages.NAMES)}
    return sorted((r for r in rows.values() if r.recipients),
                  key=lambda r: (order_of.get(r.code, len(order_of)), r.code))


def started_together(order: SendOrder):
    """The orders one start made of this one (a wording or a language version each): same notice, kind
    and start."""
    if order.started_at is None or order.kind == SendOrder.Kind.TEST:
        return [order]
    return list(SendOrder.objects.filter(notice_id=order.notice_id, kind=order.kind, started_at=order.started_at))


def of_notice(notice) -> list[LanguageRow]:
    """Every real send of the notice that started (test sends left out)."""
    return count(notice.orders.real().filter(started_at__isnull=False))


def fallbacks(rows: list[LanguageRow]) -> int:
    return sum(r.fallback for r in rows)
