from django.urls import path

from foryou.console import audit_views as audit
from foryou.console import enrollment_views as enrollment
from foryou.console import notice_send_views as sends
from foryou.console import notice_views as notices
from foryou.console import program_views as programs
from foryou.console import registrant_views as registrants

urlpatterns = [
    path("applications/", enrollment.applications, name="console_applications"),
    path("applications/new", enrollment.counter_application, name="console_counter_application"),
    path("applications/<int:pk>/", enrollment.application, name="console_application"),
    path("applications/<int:pk>/review", enrollment.review, name="console_review"),
    # The registrants section replaces the registrations page; its old address and name stay an alias.
    path("registrations/", registrants.registrants, name="console_registrations"),
    path("registrants/", registrants.registrants, name="console_registrants"),
    path("registrants/<int:pk>/", registrants.registrant, name="console_registrant"),
    path("audit/", audit.audit_log, name="console_audit"),
    path("audit/export.csv", audit.audit_csv, name="console_audit_csv"),
    path("registrations/<int:pk>/reissue", enrollment.reissue, name="console_reissue"),
    path("postcards/", enrollment.postcards, name="console_postcards"),
    path("postcards/print", enrollment.print_postcards, name="console_print_postcards"),
    path("postcards/<int:pk>/mailed", enrollment.mailed, name="console_postcards_mailed"),
    path("postcards/<int:pk>.pdf", enrollment.postcard_pdf, name="console_postcard_pdf"),
    path("programs/", programs.program_list, name="console_programs"),
    path("programs/<slug:code>/", programs.program_editor, name="console_program"),
    path("programs/<slug:code>/count", programs.program_count, name="console_program_count"),
    path("programs/<slug:code>/tree", programs.program_tree, name="console_program_tree"),
    path("programs/<slug:code>/save", programs.program_save, name="console_program_save"),
    path("programs/<slug:code>/history/", programs.program_history, name="console_program_history"),
    path("programs/<slug:code>/history/<int:pk>/", programs.program_revision, name="console_program_revision"),
    path("programs/<slug:code>/history/<int:pk>/restore", programs.program_restore, name="console_program_restore"),
    path("programs/<slug:code>/history/file/restore", programs.program_restore, name="console_program_restore_file"),
    path("programs/<slug:code>/explain", programs.program_explain, name="console_program_explain"),
    path("notices/", notices.notice_list, name="console_notices"),
    path("notices/new", notices.notice_new, name="console_notice_new"),
    path("notices/preview", notices.notice_preview, name="console_notice_preview"),
    path("notices/preview/<str:key>.html", notices.notice_email_preview, name="console_notice_email_preview"),
    path("notices/approvals/", notices.approvals, name="console_approvals"),
    path("notices/schedule/", sends.schedule, name="console_notice_schedule"),
    path("notices/test-number", sends.test_number, name="console_test_number"),
    path("notices/<int:pk>/", notices.notice_detail, name="console_notice"),
    path("notices/<int:pk>/edit", notices.notice_edit, name="console_notice_edit"),
    path("notices/<int:pk>/submit", notices.notice_submit, name="console_notice_submit"),
    path("notices/<int:pk>/approve", notices.notice_approve, name="console_notice_approve"),
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
