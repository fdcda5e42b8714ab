"""Small-cell suppression: a count of people below settings.SMALL_COUNT (FORYOU_SMALL_COUNT, 10 by
default) is never shown as a figure, on screen or in a file, but as 「10人未満」; a rate computed from
such a count is not shown either (「—」), since it would give the count away; nor is a figure from which,
with the total, such a count could be worked out (「非表示」).

Use `people(n)` for every count of people a page or an export shows, and `rate(part, whole)` for a
share of people; for a column shown with its total, `hidden_cells(column)` says which cells to hide
(`hide=True`). Counts of things (notices, sends) are not suppressed."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

HIDDEN_RATE = "—"


def threshold() -> int:
    return max(0, int(getattr(settings, "SMALL_COUNT", 10)))


def is_small(n: int | None) -> bool:
    """True for a count too small to show (zero is shown: nobody is no one to identify)."""
    return n is not None and 0 < n < threshold()


@dataclass(frozen=True)
class Shown:
    """A figure as it may be shown: `text` for people to read, `value` for charts (None when hidden)."""

    text: str
    value: float | None

    @property
    def hidden(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return self.text

    @property
    def with_unit(self) -> str:
        """「12人」, or 「10人未満」 as it is, for a count of people inside a sentence."""
        return self.text if self.hidden else _("%(n)s people") % {"n": self.text}


def fewer_than() -> str:
    """「10人未満」"""
    return _("fewer than %(n)s people") % {"n": f"{threshold():,}"}


def people(n: int, *, hide: bool = False) -> Shown:
    """A count of people: the figure (1,234), 「10人未満」 below the threshold, or 「非表示」 when `hide`
    (a cell hidden so that a total does not give a small one away; it is not small itself)."""
    if is_small(n):
        return Shown(fewer_than(), None)
    if hide:
        return Shown(_("hidden"), None)
    return Shown(f"{n:,}", n)


def rate(part: int, whole: int, *, hide: bool = False) -> Shown:
    """part / whole as a percentage (12.3%); 「—」 when whole is 0, or when either count is too small
    to show (the rate and the other figure would give it away), or when `hide`."""
    if hide or not whole or is_small(part) or is_small(whole):
        return Shown(HIDDEN_RATE, None)
    share = part / whole
    return Shown(f"{100 * share:.1f}%", share)


def hidden_cells(column: list[int]) -> set[int]:
    """Which cells of a column shown beside its total to hide: those below the threshold, and when
    that is exactly one, the smallest other non-zero cell too (secondary suppression), or the total
    less the others would give it away."""
    hidden = {i for i, n in enumerate(column) if is_small(n)}
    if len(hidden) == 1:
        others = [(n, i) for i, n in enumerate(column) if i not in hidden and n > 0]
        if others:
            hidden.add(min(others)[1])
    return hidden
