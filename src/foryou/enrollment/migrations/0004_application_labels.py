from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('enrollment', '0003_registration_paused_at'),
    ]

    operations = [
        migrations.AlterField(
            model_name='application',
            name='source',
            field=models.CharField(choices=[('line', 'from the LINE app'), ('web', 'web'), ('counter', 'counter')], max_length=16, verbose_name='source'),
        ),
        migrations.AlterField(
            model_name='application',
            name='status',
            field=models.CharField(choices=[('pending', 'waiting for review'), ('accepted', 'accepted'), ('rejected', 'rejected (application)')], default='pending', max_length=16, verbose_name='status'),
        ),
    ]
