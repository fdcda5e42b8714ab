from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('gateway', '0004_push_batches'),
    ]

    operations = [
        migrations.AddField(
            model_name='subscriber',
            name='paused_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
