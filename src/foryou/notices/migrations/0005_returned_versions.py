import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("notices", "0004_email_previews"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="noticeversion",
            name="returned_by",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name="noticeversion",
            name="returned_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="returned"),
        ),
        migrations.AddField(
            model_name="noticeversion",
            name="return_comment",
            field=models.TextField(blank=True, verbose_name="reason for returning"),
        ),
    ]
