"""What the console may show of a count before a send: small-cell suppression (console/suppression.py)
applied to the editor's count and funnel, the registrants a send would tell, the list's counts and
the send estimate.

A count of fewer than settings.SMALL_COUNT people reads 「10人未満」. A funnel is a chain of counts, each
no larger than the one before: two figures side by side give away their difference, the number of
people one condition removed. So a step whose difference from the next step shown is itself below the
threshold is not shown either (「非表示」). The funnel is read from its end, the headline count (the
count the editor works towards), so that it is the figure kept and an earlier step is hidden. A bar's
length would give a hidden figure away too: a hidden step has no bar."""

from dataclasses import dataclass

from foryou.console import suppression
from foryou.console.suppression import Shown


@dataclass(frozen=True)
class ShownStep:
    label: str
    shown: Shown
    width: float  # 0 when hidden

    @property
    def data(self) -> str:
        """The figure for data- attributes (tests, the benchmark): the count, or few / hidden."""
        return _data(self.shown)


@dataclass(frozen=True)
class ShownPreview:
    count: Shown
    steps: list[ShownStep]
    consenting_only: bool
    as_of: object
    tax_year: int
    milliseconds: float

    @property
    def data(self) -> str:
        return _data(self.count)


def _data(shown: Shown) -> str:
    if not shown.hidden:
        return str(int(shown.value))
    return "few" if shown.text == suppression.fewer_than() else "hidden"


def people(n: int | None) -> Shown | None:
    """A count of people as it may be shown (None stays None: nothing was counted)."""
    return None if n is None else suppression.people(n)


def funnel(counts: list[int]) -> list[Shown]:
    """The steps of a funnel (each count no larger than the one before) as they may be shown: small
    counts read 「10人未満」, and a step whose difference from the next step shown is small is hidden
    (「非表示」), read from the last step back."""
    shown, later = [], None
    for n in reversed(counts):
        if suppression.is_small(n):
            shown.append(suppression.people(n))
        elif later is not None and suppression.is_small(n - later):
            shown.append(suppression.people(n, hide=True))
        else:
            shown.append(suppression.people(n))
            later = n
    return shown[::-1]


def preview(found) -> ShownPreview | None:
    """A live.Preview as the editor may show it."""
    if found is None:
        return None
    figures = funnel([step.count for step in found.steps])
    steps = [ShownStep(step.label, figure, 0.0 if figure.hidden else step.width)
             for step, figure in zip(found.steps, figures)]
    return ShownPreview(count=figures[-1], steps=steps, consenting_only=found.consenting_only, as_of=found.as_of,
                        tax_year=found.tax_year, milliseconds=found.milliseconds)
