"""Deleting old rows a batch at a time, for the daily retention purges of both zones: short transactions,
so workers and pages are never held up for long."""

from django.db import transaction

BATCH = 5000  # rows per delete


def delete_in_batches(queryset, batch: int = BATCH) -> int:
    """Delete the rows of `queryset` (in the database it reads) a batch at a time; returns how many."""
    model, alias = queryset.model, queryset.db
    total = 0
    while True:
        ids = list(queryset.values_list("pk", flat=True)[:batch])
        if not ids:
            return total
        with transaction.atomic(using=alias):
            _total, by_model = model.objects.using(alias).filter(pk__in=ids).delete()
        total += by_model.get(model._meta.label, 0)  # rows of this table, not of tables it cascades to
