"""The demo's URLs: the embedded product plus the local SMTP server's mailbox."""

from django.urls import include, path

urlpatterns = [
    path("mailbox/", include("foryou.dev.mailcatcher.urls")),
    path("", include("foryou.urls")),
]
