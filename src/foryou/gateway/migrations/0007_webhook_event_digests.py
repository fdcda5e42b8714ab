"""Webhook events keep a digest, not LINE's body (no chat text), and record their outcome: a failed event
stays on the dead-letter list. Existing bodies are reduced to their digest, or emptied once handled."""

from django.db import migrations, models


def reduce_bodies(apps, schema_editor):
    from foryou.gateway.line.events import digest

    WebhookEvent = apps.get_model("gateway", "WebhookEvent")
    events = WebhookEvent.objects.using(schema_editor.connection.alias)
    events.filter(handled_at__isnull=False).update(body={})
    for event in events.filter(handled_at__isnull=True).iterator():
        body = event.body if isinstance(event.body, dict) else {}
        WebhookEvent.objects.using(schema_editor.connection.alias).filter(pk=event.pk).update(body=digest(body))


class Migration(migrations.Migration):

    dependencies = [
        ('gateway', '0006_lineapplicant'),
    ]

    operations = [
        migrations.AddField(model_name='webhookevent', name='outcome',
                            field=models.CharField(blank=True, default='', max_length=64)),
        migrations.AddField(model_name='webhookevent', name='failure',
                            field=models.CharField(blank=True, default='', max_length=100)),
        migrations.AddField(model_name='webhookevent', name='attempts',
                            field=models.PositiveIntegerField(default=0)),
        migrations.AlterField(model_name='webhookevent', name='body',
                              field=models.JSONField(blank=True, default=dict)),
        migrations.RunPython(reduce_bodies, migrations.RunPython.noop),
    ]
