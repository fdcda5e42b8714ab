"""URLs of the zones this process serves (FORYOU_ZONE: both in the embedded default)."""

from django.conf import settings
from django.urls import include, path

urlpatterns = []
if settings.ZONE in ("both", "gateway"):
    urlpatterns.append(path("", include("foryou.gateway.urls")))
    if settings.DEBUG:  # the local SMTP server's mailbox (foryou mailcatcher)
        urlpatterns.append(path("mailbox/", include("foryou.mailcatcher.urls")))
if settings.ZONE in ("both", "console"):
    urlpatterns.append(path("", include("foryou.core.urls")))
    urlpatterns.append(path("", include("foryou.console.urls")))
    urlpatterns.append(path("staff/", include("foryou.accounts.urls")))
