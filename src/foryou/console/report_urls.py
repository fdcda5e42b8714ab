"""The report for the mayor and the assembly (foryou.console.report_views), under reports/."""

from django.urls import path

from foryou.console import report_views

urlpatterns = [
    path("", report_views.report, name="console_report"),
    path("print/", report_views.report_print, name="console_report_print"),
    path("report.csv", report_views.report_csv, name="console_report_csv"),
]
