"""The approval (決裁) covers the audience: broadcast or not, automatic or not, and the program's
conditions (pinned at approval). The notice-wide `automatic` switch, which an editor could turn on
after approval, becomes an attribute of each version. Versions approved before this migration have no
pinned conditions: they must be approved again before a program send (the send says so)."""

import django.db.models.deletion
from django.db import migrations, models


def carry_over(apps, schema_editor):
    Notice = apps.get_model("notices", "Notice")
    NoticeVersion = apps.get_model("notices", "NoticeVersion")
    NoticeVersion.objects.filter(notice__program_code="").update(broadcast=True)
    # An automatic notice's versions keep asking for automatic sending; as they have no pinned
    # conditions, they run again only once re-approved (automation skips unpinned versions).
    automatic = Notice.objects.filter(automatic=True).exclude(program_code="").values_list("pk", flat=True)
    NoticeVersion.objects.filter(notice_id__in=list(automatic)).update(automatic=True)


class Migration(migrations.Migration):

    dependencies = [
        ("notices", "0005_returned_versions"),
        ("programs", "0002_programrevision"),
        ("accounts", "0006_test_devices"),
    ]

    operations = [
        migrations.AddField(
            model_name="noticeversion", name="broadcast",
            field=models.BooleanField(default=False, verbose_name="broadcast to every registrant")),
        migrations.AddField(
            model_name="noticeversion", name="automatic",
            field=models.BooleanField(default=False, verbose_name="send automatically to those who newly qualify")),
        migrations.AddField(
            model_name="noticeversion", name="conditions",
            field=models.JSONField(blank=True, null=True, verbose_name="approved conditions")),
        migrations.AddField(
            model_name="noticeversion", name="conditions_revision",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="programs.programrevision",
                                    verbose_name="approved conditions revision")),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.RemoveField(model_name="notice", name="automatic"),
        migrations.AddField(
            model_name="sendorder", name="test_device",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="accounts.testdevice", verbose_name="test device")),
    ]
