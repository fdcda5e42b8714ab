"""Test sends go to a staff member's own linked test devices (LINE via a one-time code typed in the
chat, or their work mailbox), no longer to a registration number they type: the number is dropped."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0005_enrolment_codes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField(model_name="staffsettings", name="test_registration_number"),
        migrations.CreateModel(
            name="TestDevice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("device_ref", models.CharField(max_length=36, unique=True)),
                ("channel", models.CharField(choices=[("line", "LINE"), ("email", "email")], max_length=8,
                                             verbose_name="channel")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="work email address")),
                ("code_hash", models.CharField(blank=True, max_length=64)),
                ("expires_at", models.DateTimeField(verbose_name="link before")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="created")),
                ("linked_at", models.DateTimeField(blank=True, null=True, verbose_name="linked")),
                ("removed_at", models.DateTimeField(blank=True, null=True, verbose_name="removed")),
                ("owner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="test_devices",
                                            to=settings.AUTH_USER_MODEL)),
            ],
            options={"verbose_name": "test device", "ordering": ["-created_at", "-id"]},
        ),
    ]
