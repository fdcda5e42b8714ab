"""Registration numbers kept as their keyed hash (foryou.gateway.number_keys): existing numbers are hashed,
and the digits are kept only for active registrations (the console's name for them in events); pending
email confirmations and rate-limited requests get their tables."""

import django.utils.timezone
from django.db import migrations, models

BATCH = 1000


def hash_numbers(apps, schema_editor):
    from foryou.gateway.number_keys import digests

    Subscriber = apps.get_model("gateway", "Subscriber")
    rows = Subscriber.objects.using(schema_editor.connection.alias)
    pending = list(rows.filter(number_hash__isnull=True).values_list("pk", "number", "status"))
    for start in range(0, len(pending), BATCH):
        batch = pending[start:start + BATCH]
        changed = [Subscriber(pk=pk, number_hash=hashed, number=number if status == "active" else "")
                   for (pk, number, status), hashed in zip(batch, digests([n for _pk, n, _s in batch]))]
        rows.bulk_update(changed, ["number_hash", "number"])


class Migration(migrations.Migration):

    dependencies = [
        ('gateway', '0007_webhook_event_digests'),
    ]

    operations = [
        migrations.AlterField(
            model_name='subscriber',
            name='number',
            field=models.CharField(blank=True, default='', max_length=16),
        ),
        migrations.AddField(
            model_name='subscriber',
            name='number_hash',
            field=models.CharField(max_length=64, null=True),
        ),
        migrations.RunPython(hash_numbers, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name='subscriber',
            name='number_hash',
            field=models.CharField(max_length=64, unique=True),
        ),
        migrations.CreateModel(
            name='EmailConfirmation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token_hash', models.CharField(max_length=64, unique=True)),
                ('sealed', models.TextField()),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
            ],
        ),
        migrations.CreateModel(
            name='ResidentRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(max_length=32)),
                ('key', models.CharField(max_length=80)),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
            ],
            options={
                'indexes': [models.Index(fields=['action', 'key', 'at'], name='gateway_request_key_at')],
            },
        ),
    ]
