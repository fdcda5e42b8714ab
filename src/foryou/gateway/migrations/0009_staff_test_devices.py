"""Staff test devices: the LINE user or work address behind a console device reference (test sends)."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("gateway", "0008_hashed_numbers"),
    ]

    operations = [
        migrations.CreateModel(
            name="StaffDevice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("device_ref", models.CharField(max_length=36, unique=True)),
                ("channel", models.CharField(max_length=8)),
                ("code_hash", models.CharField(blank=True, db_index=True, max_length=64)),
                ("token_hash", models.CharField(blank=True, db_index=True, max_length=64)),
                ("email", models.EmailField(blank=True, max_length=254)),
                ("line_user_id", models.CharField(blank=True, max_length=33)),
                ("expires_at", models.DateTimeField()),
                ("linked_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
    ]
