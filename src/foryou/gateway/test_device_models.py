"""The gateway's side of staff test devices (foryou.gateway.test_devices): which LINE user or work
address a console device reference stands for. Only the gateway holds these; the console knows the
reference, the channel and (for email) the address its staff member typed."""

from django.db import models
from django.utils import timezone


class StaffDevice(models.Model):
    """A staff member's device for test sends: waiting (a code hash or a mailed token, until expires_at)
    or linked (line_user_id or email, linked_at). Deleted when its owner removes it in the console."""

    device_ref = models.CharField(max_length=36, unique=True)
    channel = models.CharField(max_length=8)  # line | email
    code_hash = models.CharField(max_length=64, blank=True, db_index=True)  # LINE: SHA-256 of the code
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)  # email: SHA-256 of the link's token
    email = models.EmailField(blank=True)
    line_user_id = models.CharField(max_length=33, blank=True)
    expires_at = models.DateTimeField()
    linked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "gateway"
