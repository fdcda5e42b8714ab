"""Writes of the effect app. `start_experiment` runs inside the send's start (notices/sending.py), in
its transaction, once the recipients are frozen: it stores the experiment (design and seed), assigns
each recipient to an arm, books the holdout's delayed send for the end of the window and returns the
numbers each wording goes to. A later send of the same notice starts another experiment over those not
yet in one: nobody is in two, and a held-out person stays held out until their delayed send."""

from datetime import timedelta

from django.utils import timezone

from foryou.audit import services as audit
from foryou.effect import assignment
from foryou.effect.models import HOLDOUT, Assignment, Experiment
from foryou.effect.strata import STRATA, strata_of

MAX_WINDOW_DAYS = 365
MIN_WINDOW_DAYS = 7


def start_experiment(order, numbers: list[str], *, day) -> dict[str, list[str]]:
    """wording label → registration numbers to send it to (the holdout's go to the delayed send)."""
    from foryou.notices.models import SendOrder

    version = order.version
    already = set(Assignment.objects.filter(experiment__notice_id=order.notice_id)
                  .values_list("registration_number", flat=True))
    fresh = [n for n in numbers if n not in already]
    wordings = [label for label, _t, _b in version.wordings()]
    if not fresh:  # everyone is in an earlier experiment of this notice: nothing new to draw
        return {label: [] for label in wordings}
    seed = assignment.new_seed()
    people = strata_of(fresh)
    arms = assignment.assign({n: stratum for n, (_rid, stratum) in people.items()}, seed=seed,
                             holdout_percent=version.holdout_percent, wordings=wordings)
    now = timezone.now()
    ends = now + timedelta(days=version.window_days)
    experiment = Experiment.objects.create(
        notice_id=order.notice_id, version=version, order=order, holdout_percent=version.holdout_percent,
        window_days=version.window_days, seed=seed, strata=STRATA,
        arms=([HOLDOUT] if version.holdout_percent else []) + wordings, started_on=day, started_at=now,
        window_ends_at=ends)
    Assignment.objects.bulk_create([
        Assignment(experiment=experiment, registration_number=n, resident_id=people[n][0], arm=arms[n],
                   stratum=people[n][1]) for n in fresh], batch_size=2000)
    if version.holdout_percent:
        experiment.holdout_order = SendOrder.objects.create(
            notice_id=order.notice_id, version=version, kind=SendOrder.Kind.HOLDOUT, tracked=order.tracked,
            scheduled_for=ends, created_by=order.created_by)
        experiment.save(update_fields=["holdout_order"])
    split = {label: [] for label in wordings}
    for n in fresh:
        if arms[n] != HOLDOUT:
            split[arms[n]].append(n)
    audit.record("effect.assign", actor=order.created_by, target=f"notice:{order.notice_id}",
                 detail={"experiment": experiment.pk, "order": str(order.pk), "seed": str(seed),
                         "holdout_percent": version.holdout_percent, "window_days": version.window_days,
                         "strata": STRATA, "arms": experiment.arms, "assigned": len(fresh),
                         "already_assigned": len(numbers) - len(fresh),
                         "holdout_order": str(experiment.holdout_order_id or "")})
    return split


def holdout_numbers(order) -> list[str]:
    """The delayed send's recipients: the holdout of its experiment who still receive notices (someone
    who left or paused during the window is not sent to)."""
    from foryou.enrollment.models import Registration

    experiment = Experiment.objects.get(holdout_order=order)
    held = set(experiment.assignments.filter(arm=HOLDOUT).values_list("registration_number", flat=True))
    receiving = set(Registration.objects.receiving().filter(number__in=held).values_list("number", flat=True))
    return sorted(held & receiving)


def replay(experiment: Experiment) -> dict[str, str]:
    """The draw again from the stored seed and strata: equal to the stored assignments (audit)."""
    stored = dict(experiment.assignments.values_list("registration_number", "stratum"))
    wordings = [a for a in experiment.arms if a != HOLDOUT]
    return assignment.assign(stored, seed=experiment.seed, holdout_percent=experiment.holdout_percent,
                             wordings=wordings)


def purge(window_ended_before, batch: int = 2000) -> int:
    """Delete the assignments (宛名番号, arm, stratum) of experiments whose window ended before the cutoff
    (FORYOU_RETAIN_TAKEUPS_DAYS after it, when their take-up events are purged too and the effect can no
    longer be recomputed); the experiment rows (design, seed, dates) stay. Returns the rows deleted."""
    from foryou.shared.purging import delete_in_batches

    return delete_in_batches(Assignment.objects.filter(experiment__window_ends_at__lt=window_ended_before), batch)
