"""Notices: compose, approve (決裁), send, results."""

from django.urls import path

from foryou.notices import approval_views as approval
from foryou.notices import send_views as sends
from foryou.notices import test_device_views
from foryou.notices import views as notices

urlpatterns = [
    path("notices/", notices.notice_list, name="console_notices"),
    path("notices/new", notices.notice_new, name="console_notice_new"),
    path("notices/preview", notices.notice_preview, name="console_notice_preview"),
    path("notices/preview/<str:key>.html", notices.notice_email_preview, name="console_notice_email_preview"),
    path("notices/approvals/", approval.approvals, name="console_approvals"),
    path("notices/schedule/", sends.schedule, name="console_notice_schedule"),
    path("notices/test-devices", test_device_views.my_test_devices, name="console_test_devices"),
    path("notices/<int:pk>/", notices.notice_detail, name="console_notice"),
    path("notices/<int:pk>/edit", notices.notice_edit, name="console_notice_edit"),
    path("notices/<int:pk>/submit", notices.notice_submit, name="console_notice_submit"),
    path("notices/<int:pk>/ask-again", notices.notice_ask_again, name="console_notice_ask_again"),
    path("notices/<int:pk>/approve", approval.notice_approve, name="console_notice_approve"),
    path("notices/<int:pk>/return", approval.notice_return, name="console_notice_return"),
    path("notices/<int:pk>/versions/<int:number>/", notices.notice_version, name="console_notice_version"),
    path("notices/<int:pk>/versions/<int:number>/email.html", notices.version_email, name="console_notice_version_email"),
    path("notices/<int:pk>/send", sends.notice_send, name="console_notice_send"),
    path("notices/<int:pk>/estimate", sends.notice_estimate, name="console_notice_estimate"),
    path("notices/<int:pk>/automatic", sends.notice_automatic, name="console_notice_automatic"),
    path("notices/<int:pk>/test-send", sends.notice_test_send, name="console_notice_test_send"),
    path("notices/sends/<uuid:pk>/", sends.send_detail, name="console_send"),
    path("notices/sends/<uuid:pk>/progress", sends.send_progress, name="console_send_progress"),
    path("notices/sends/<uuid:pk>/cancel", sends.send_cancel, name="console_send_cancel"),
]
