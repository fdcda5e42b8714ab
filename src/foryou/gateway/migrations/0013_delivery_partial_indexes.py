"""gateway_delivery: fewer and partial indexes (docs/decisions/0084). The single-column indexes of order,
batch and claim are dropped in place (no table rebuild, which SQLite's AlterField would do) and
replaced by partial ones; delivery_due is gone: delivery_progress (order, status, channel,
reason) finds due work of the unfinished orders and covers the progress counts."""

import django.db.models.deletion
from django.db import migrations, models


SINGLE_COLUMN = ("order_id", "batch_id", "claim")


def drop_single_column_indexes(apps, schema_editor):
    """The indexes Django made for db_index=True on these columns, whatever their generated names
    (PostgreSQL also has a *_like index for claim)."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "gateway_delivery")
    for name, info in constraints.items():
        if info["index"] and not info["unique"] and not info["primary_key"] and len(info["columns"]) == 1 \
                and info["columns"][0] in SINGLE_COLUMN and name.startswith("gateway_delivery_"):
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def create_single_column_indexes(apps, schema_editor):
    for column in SINGLE_COLUMN:
        schema_editor.execute(f"CREATE INDEX {schema_editor.quote_name('gateway_delivery_' + column)}"
                              f" ON gateway_delivery ({schema_editor.quote_name(column)})")


class Migration(migrations.Migration):

    dependencies = [
        ('gateway', '0012_gateway_preferences_and_language'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='delivery', name='delivery_due'),
        migrations.RemoveIndex(model_name='delivery', name='delivery_progress'),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='delivery',
                    name='batch',
                    field=models.ForeignKey(blank=True, db_index=False, null=True,
                                            on_delete=django.db.models.deletion.SET_NULL,
                                            related_name='deliveries', to='gateway.deliverybatch'),
                ),
                migrations.AlterField(
                    model_name='delivery',
                    name='claim',
                    field=models.CharField(blank=True, max_length=32),
                ),
                migrations.AlterField(
                    model_name='delivery',
                    name='order',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name='deliveries', to='gateway.deliveryorder'),
                ),
            ],
            database_operations=[migrations.RunPython(drop_single_column_indexes, create_single_column_indexes)],
        ),
        migrations.AddIndex(
            model_name='delivery',
            index=models.Index(fields=['order', 'status', 'channel', 'reason'], name='delivery_progress'),
        ),
        migrations.AddIndex(
            model_name='delivery',
            index=models.Index(condition=models.Q(('batch__isnull', False)), fields=['batch'],
                               name='delivery_batch'),
        ),
        migrations.AddIndex(
            model_name='delivery',
            index=models.Index(condition=models.Q(('claim', ''), _negated=True), fields=['claim'],
                               name='delivery_claim'),
        ),
    ]
