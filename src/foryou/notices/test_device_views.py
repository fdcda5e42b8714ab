"""My test devices (console): the staff member's own phones (LINE) and work mailboxes that test sends of
notices go to. Linking LINE shows a one-time code once, to type in the official account's chat as
「テスト 123456」; linking email sends a link to the work address typed here. Each device can be removed
by its owner. The writes are in foryou.accounts.test_devices (audited); forms work without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from foryou.accounts import test_devices
from foryou.accounts.models import TestDevice
from foryou.notices.refusals import require_notice_staff


def _rows(user) -> list[dict]:
    now = timezone.now()
    return [{"device": d, "label": test_devices.label(d), "linked": d.linked_at is not None,
             "expired": d.linked_at is None and d.expires_at <= now} for d in TestDevice.objects.of(user)]


@login_required
def my_test_devices(request):
    require_notice_staff(request)
    code, status = "", 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "link_line":
                _device, code = test_devices.start_line(request.user)
            elif action == "link_email":
                test_devices.start_email(request.user, request.POST.get("email", ""))
                messages.success(request, _("A link was sent to that address. Open it within 24 hours to link "
                                            "the mailbox."))
                return redirect("console_test_devices")
            elif action == "remove":
                test_devices.remove(request.user, request.POST.get("device", ""))
                messages.success(request, _("The test device was removed."))
                return redirect("console_test_devices")
        except test_devices.DeviceRefused as exc:
            messages.error(request, exc.localized())
            status = 400
    return render(request, "notices/test_devices.html", {
        "rows": _rows(request.user), "code": code, "minutes": test_devices.CODE_MINUTES}, status=status)
