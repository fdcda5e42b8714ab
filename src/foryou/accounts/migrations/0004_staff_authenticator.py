from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_staff_settings"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [
        migrations.CreateModel(
            name="StaffAuthenticator",
            fields=[],
            options={"verbose_name": "authenticator app", "proxy": True, "indexes": [], "constraints": []},
            bases=("otp_totp.totpdevice",),
        ),
    ]
