"""The audit log's pages."""

from django.urls import path

from foryou.audit import views as audit

urlpatterns = [
    path("audit/", audit.audit_log, name="console_audit"),
    path("audit/export.csv", audit.audit_csv, name="console_audit_csv"),
]
