from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('enrollment', '0002_registration_postcard_returned_at_postcardbatch_and_more'),
    ]

    operations = [
        migrations.AddField(
            model_name='registration',
            name='paused_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='notices paused'),
        ),
    ]
